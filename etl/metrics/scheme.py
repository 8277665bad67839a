"""The assessment (考核) scheme: categories, indicators with a scoring method each, bonuses, events, vetoes.

A year's scheme lives in the ``assessment_scheme`` table (JSON, imported or edited by an administrator);
a year without one uses ``data/assessment/default_scheme.toml`` so the demo needs nothing extra. Both
are parsed by :func:`parse_scheme` with the same validation, and :func:`scheme_definition` writes a
scheme back in the same shape. docs/assessment.md explains every field and method.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.config import DATA_DIR
from etl.metrics.assessment_events import EVENT_SOURCES
from etl.metrics.facts import Facts
from etl.metrics.registry import INDICATORS_BY_KEY, Direction
from etl.metrics.scheme_parts import (
    DEFAULT_CATEGORIES,
    DEFAULT_CHANGE_FLOOR,
    MEASURES,
    METHODS,
    UNIT_TYPE_LABELS,
    Band,
    Bonus,
    Category,
    EventRule,
    SchemeError,
    Veto,
    number,
    parse_bonus,
    parse_categories,
    parse_event,
    parse_veto,
)

DEFAULT_SCHEME_PATH = DATA_DIR / "assessment" / "default_scheme.toml"
#: "renormalise": an indicator that does not apply is left out and the others' weights are scaled to 100
#: (the default); "full_marks": it scores its whole weight.
NOT_APPLICABLE_RULES = ("renormalise", "full_marks")
VETO_OPS = ("<", "<=", ">", ">=")
#: Tie-break figures: the weight of the indicators resting on records of the unit (more first: a full
#: score on five indicators before one on a single indicator), an indicator's value (better first), or KEY__num, the
#: records its numerator counts (more first: more tasks done on time, more disputes resolved).
MEASURED_WEIGHT = "measured_weight"

__all__ = ["DEFAULT_CATEGORIES", "DEFAULT_SCHEME_PATH", "NOT_APPLICABLE_RULES", "VETO_OPS", "Band", "Bonus",
           "Category", "EventRule", "Scheme", "SchemeError", "SchemeItem", "Veto", "load_default_scheme",
           "parse_scheme", "scheme_definition", "scheme_for_year"]


@dataclass(frozen=True)
class SchemeItem:
    """One scored indicator. ``measure`` says what figure is scored, ``method`` how it becomes points."""

    key: str
    weight: float
    threshold: float | None = None  # linear/relative: the figure (or offset) at which the points reach zero
    target: float | None = None  # linear: fallback when the Target table has none; relative: offset
    measure: str = "value"  # value | change | shortfall | increase
    method: str = "linear"  # linear | banded | deduction | relative
    bands: tuple[Band, ...] = ()  # banded: best band first
    per: float = 0.0  # deduction: points per record
    cap: float | None = None  # deduction: at most this many points (default: the weight)
    floor: float = DEFAULT_CHANGE_FLOOR  # change of a count: divided by at least this many cases
    id: str = ""  # distinguishes two items on one indicator; default the key

    @property
    def slug(self) -> str:
        return self.id or self.key

    @property
    def lower_is_better(self) -> bool:
        """Shortfalls and increases are always better low; values and changes follow the indicator."""
        if self.measure in ("shortfall", "increase"):
            return True
        return INDICATORS_BY_KEY[self.key].direction == Direction.LOWER

    @property
    def deduction_cap(self) -> float:
        return self.weight if self.cap is None else min(self.cap, self.weight)


@dataclass(frozen=True)
class Scheme:
    name: str
    items: tuple[SchemeItem, ...]
    not_applicable: str = "renormalise"
    bonuses: tuple[Bonus, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    events: tuple[EventRule, ...] = ()
    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    bonus_cap: float | None = None  # 加分合计上限
    min_cases: int | None = None  # None: indicators.toml ranking_min_cases
    source: str = "default"  # "default" file or "database"
    #: Equal scores are ordered by these figures in turn (TIE_BREAKS); equal on all, units share the place.
    tie_break: tuple[str, ...] = ()
    #: A unit takes a place only when indicators of at least this much weight rest on its records (a
    #: count of zero in both years is scored but is no record): a score resting on one small indicator
    #: says little about a unit's work (未参评 otherwise).
    min_measured_weight: float = 0.0

    @property
    def total_weight(self) -> float:
        return sum(i.weight for i in self.items)

    @property
    def double_decline_bonus(self) -> float:
        return sum(b.points for b in self.bonuses if b.when == "double_decline")

    def category_of(self, unit_type: str | None) -> str | None:
        """The category assessing units of this type; None = not assessed (county government, court …)."""
        for category in self.categories:
            if unit_type in category.unit_types:
                return category.name
        return None

    @property
    def township_category(self) -> str:
        """What a ranking of townships (where disputes arose) is called: the township governments' category."""
        return self.category_of("township_gov") or "乡镇(街道)"


def _item(entry: dict[str, Any], n: int) -> SchemeItem:
    where = f"考核指标第{n}项"
    key = entry.get("key")
    if key not in INDICATORS_BY_KEY:
        raise SchemeError(f"{where}：未知指标 {key!r}")
    ind = INDICATORS_BY_KEY[key]
    measure, method = entry.get("measure", "value"), entry.get("method", "linear")
    if measure not in MEASURES:
        raise SchemeError(f"{where}：measure 应为 {'、'.join(MEASURES)} 之一")
    if method not in METHODS:
        raise SchemeError(f"{where}：method 应为 {'、'.join(METHODS)} 之一")
    if measure in ("value", "change") and ind.direction is None:
        raise SchemeError(f"{where}：指标 {key} 没有好坏方向，不能直接计分")
    if measure == "shortfall" and not ind.is_rate:
        raise SchemeError(f"{where}：shortfall（未达标件数）只适用于比率指标")
    if measure == "increase" and ind.is_rate:
        raise SchemeError(f"{where}：increase（比上年增加件数）只适用于件数指标")
    if method == "relative" and not (ind.is_rate and measure == "value"):
        raise SchemeError(f"{where}：relative（与全县平均比较）只适用于比率指标的数值")
    counts = measure in ("shortfall", "increase") or (measure == "value" and not ind.is_rate)
    if method == "deduction" and not counts:
        raise SchemeError(f"{where}：deduction（每件扣分）需要件数：measure 应为 shortfall、increase 或件数指标的 value")
    weight = number(entry, "weight", where)
    if weight <= 0:
        raise SchemeError(f"{where}：权重应大于0")
    target, threshold = entry.get("target"), entry.get("threshold")
    item = SchemeItem(
        key=key, weight=weight, measure=measure, method=method,
        threshold=None if threshold is None else number(entry, "threshold", where),
        target=None if target is None else number(entry, "target", where),
        bands=tuple(Band(number({"v": b[0]}, "v", where), number({"v": b[1]}, "v", where))
                    for b in _bands(entry.get("bands", []), where)),
        per=number(entry, "per", where, 0.0), cap=None if entry.get("cap") is None else number(entry, "cap", where),
        floor=number(entry, "floor", where, DEFAULT_CHANGE_FLOOR), id=str(entry.get("id") or ""))
    _check_method(item, where)
    return item


def _bands(raw: Any, where: str) -> list[list[Any]]:
    if not isinstance(raw, list) or any(not isinstance(b, list | tuple) or len(b) != 2 for b in raw):
        raise SchemeError(f"{where}：bands 应为 [[达到值, 得分], …] 的列表")
    return [list(b) for b in raw]


def _check_method(item: SchemeItem, where: str) -> None:
    if item.method in ("linear", "relative"):
        if item.threshold is None:
            raise SchemeError(f"{where}：{item.method} 计分需要 threshold（零分线）")
        if item.method == "relative" and item.target is None:
            raise SchemeError(f"{where}：relative 计分需要 target（满分线，相对全县平均的差值）")
        if item.target is not None and item.target == item.threshold:
            raise SchemeError(f"{where}：目标值与零分阈值不能相同")
    if item.method == "banded":
        if not item.bands:
            raise SchemeError(f"{where}：banded（分档）计分需要 bands")
        if any(b.points < 0 or b.points > item.weight for b in item.bands):
            raise SchemeError(f"{where}：每档得分应在0到权重{item.weight:g}之间")
        ats = [b.at for b in item.bands]
        if ats != sorted(ats, reverse=not item.lower_is_better):
            order = "由低到高" if item.lower_is_better else "由高到低"
            raise SchemeError(f"{where}：分档应从最好的一档开始（达到值{order}排列）")
    if item.method == "deduction" and item.per <= 0:
        raise SchemeError(f"{where}：deduction（每件扣分）需要大于0的 per")
    if item.measure == "change" and item.floor < 1:
        raise SchemeError(f"{where}：floor（同比变化的最小基数）应不小于1")


def parse_scheme(raw: dict[str, Any], source: str = "default") -> Scheme:
    """Validate and build a scheme: known keys, weights summing to 100, each method's parameters."""
    items = [_item(entry, n) for n, entry in enumerate(raw.get("indicators", []), start=1)]
    if not items:
        raise SchemeError("考核方案至少需要一项指标")
    slugs = [i.slug for i in items]
    if len(set(slugs)) != len(slugs):
        raise SchemeError("同一指标计分两次时，请用 id 区分（例如 id = \"loss_rate_count\"）")
    total = sum(i.weight for i in items)
    if abs(total - 100) > 1e-9:
        raise SchemeError(f"考核指标权重之和应为100，当前为{total:g}")
    rule = raw.get("not_applicable", "renormalise")
    if rule not in NOT_APPLICABLE_RULES:
        raise SchemeError(f"not_applicable 应为 {NOT_APPLICABLE_RULES} 之一，而不是 {rule!r}")
    vetoes = tuple(parse_veto(v, n, VETO_OPS) for n, v in enumerate(raw.get("vetoes", []), start=1))
    bonuses = [parse_bonus(b, n) for n, b in enumerate(raw.get("bonuses", []), start=1)]
    legacy = number(raw, "double_decline_bonus", "考核方案", 0.0)
    if legacy and not any(b.when == "double_decline" for b in bonuses):
        bonuses.insert(0, Bonus(name="双下降", when="double_decline", points=legacy))
    events = tuple(parse_event(e, n, EVENT_SOURCES) for n, e in enumerate(raw.get("events", []), start=1))
    min_cases = raw.get("min_cases")
    bonus_cap = raw.get("bonus_cap")
    tie_break = tuple(str(t) for t in raw.get("tie_break", []))
    for entry in tie_break:
        if entry != MEASURED_WEIGHT and entry.removesuffix("__num") not in INDICATORS_BY_KEY:
            raise SchemeError(f"tie_break：无法识别“{entry}”（可用 measured_weight、指标键或“指标键__num”）")
        if entry.removesuffix("__num") in INDICATORS_BY_KEY and not entry.endswith("__num") \
                and INDICATORS_BY_KEY[entry].direction is None:
            raise SchemeError(f"tie_break：指标 {entry} 没有好坏方向")
    return Scheme(name=str(raw.get("name", "考核方案")), items=tuple(items), not_applicable=rule,
                  bonuses=tuple(bonuses), vetoes=vetoes, events=events,
                  categories=parse_categories(raw.get("categories")),
                  bonus_cap=None if bonus_cap is None else number(raw, "bonus_cap", "考核方案"),
                  min_cases=None if min_cases is None else int(min_cases), source=source, tie_break=tie_break,
                  min_measured_weight=number(raw, "min_measured_weight", "考核方案", 0.0))


def _drop_defaults(values: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and defaults.get(k, object()) != v}


def scheme_definition(scheme: Scheme) -> dict[str, Any]:
    """The scheme as the JSON/TOML shape :func:`parse_scheme` reads (stored in ``assessment_scheme``)."""
    item_defaults = {"measure": "value", "method": "linear", "bands": [], "per": 0.0, "cap": None,
                     "floor": DEFAULT_CHANGE_FLOOR, "id": ""}
    out: dict[str, Any] = {"not_applicable": scheme.not_applicable}
    if scheme.min_cases is not None:
        out["min_cases"] = scheme.min_cases
    if scheme.bonus_cap is not None:
        out["bonus_cap"] = scheme.bonus_cap
    if scheme.tie_break:
        out["tie_break"] = list(scheme.tie_break)
    if scheme.min_measured_weight:
        out["min_measured_weight"] = scheme.min_measured_weight
    out["categories"] = {c.name: [UNIT_TYPE_LABELS.get(t, t) for t in c.unit_types] for c in scheme.categories}
    out["indicators"] = [_drop_defaults({
        "key": i.key, "id": i.id, "weight": i.weight, "measure": i.measure, "method": i.method,
        "target": i.target, "threshold": i.threshold, "bands": [[b.at, b.points] for b in i.bands],
        "per": i.per, "cap": i.cap, "floor": i.floor}, item_defaults) for i in scheme.items]
    out["bonuses"] = [_drop_defaults({"name": b.name, "when": b.when, "points": b.points, "key": b.key,
                                      "per": b.per, "cap": b.cap}, {"points": 0.0, "per": 0.0})
                      for b in scheme.bonuses]
    out["events"] = [_drop_defaults({"kind": e.kind, "action": e.action, "per": e.per, "cap": e.cap},
                                    {"per": 0.0}) for e in scheme.events]
    out["vetoes"] = [{"key": v.key, "op": v.op, "value": v.value, "reason": v.reason} for v in scheme.vetoes]
    return out


def load_default_scheme(path: Path | str = DEFAULT_SCHEME_PATH) -> Scheme:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemeError(f"找不到考核方案文件 {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"考核方案文件 {path} 格式错误：{exc}") from None
    return parse_scheme(raw, source="default")


def scheme_for_year(facts: Facts, year: int) -> Scheme:
    """The database's scheme for the year, else the shipped default."""
    for scheme_year, name, definition in facts.schemes:
        if scheme_year == year:
            return parse_scheme({"name": name, **definition}, source="database")
    return load_default_scheme()
