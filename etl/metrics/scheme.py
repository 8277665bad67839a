"""The assessment (考核) scheme: indicators with weights, targets, thresholds, bonus and vetoes.

A year's scheme lives in the ``assessment_scheme`` table (JSON, imported or edited by an
administrator); a year without one uses ``data/assessment/default_scheme.toml`` so the demo needs
nothing extra. Both are parsed by :func:`parse_scheme` with the same validation.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.config import DEFAULT_SCHEME_FILE
from etl.metrics.facts import Facts
from etl.metrics.registry import INDICATORS_BY_KEY

DEFAULT_SCHEME_PATH = DEFAULT_SCHEME_FILE
NOT_APPLICABLE_RULES = ("full_marks", "renormalise")
MEASURES = ("value", "change")
VETO_OPS = ("<", "<=", ">", ">=")


class SchemeError(ValueError):
    """An invalid scheme; the message says what to fix, in Chinese."""


@dataclass(frozen=True)
class SchemeItem:
    key: str
    weight: float
    threshold: float  # the value (or change) at which the score reaches zero
    target: float | None = None  # fallback when the Target table has none for the scope
    measure: str = "value"  # or "change": the year-on-year relative change (counts)


@dataclass(frozen=True)
class Veto:
    key: str
    op: str
    value: float
    reason: str

    def hit(self, observed: float | None) -> bool:
        if observed is None:
            return False
        return {"<": observed < self.value, "<=": observed <= self.value, ">": observed > self.value,
                ">=": observed >= self.value}[self.op]


@dataclass(frozen=True)
class Scheme:
    name: str
    items: tuple[SchemeItem, ...]
    not_applicable: str = "full_marks"
    double_decline_bonus: float = 0.0
    vetoes: tuple[Veto, ...] = ()
    min_cases: int | None = None  # None: indicators.toml ranking_min_cases
    source: str = "default"  # "default" file or "database"

    @property
    def total_weight(self) -> float:
        return sum(i.weight for i in self.items)


def _number(raw: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = raw.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise SchemeError(f"{where}：{key} 应为数字")
    return float(value)


def parse_scheme(raw: dict[str, Any], source: str = "default") -> Scheme:
    """Validate and build a scheme: known keys, weights summing to 100, threshold ≠ target."""
    items: list[SchemeItem] = []
    for n, entry in enumerate(raw.get("indicators", []), start=1):
        where = f"考核指标第{n}项"
        key = entry.get("key")
        if key not in INDICATORS_BY_KEY:
            raise SchemeError(f"{where}：未知指标 {key!r}")
        measure = entry.get("measure", "value")
        if measure not in MEASURES:
            raise SchemeError(f"{where}：measure 应为 {MEASURES} 之一")
        if measure == "value" and INDICATORS_BY_KEY[key].direction is None:
            raise SchemeError(f"{where}：指标 {key} 没有好坏方向，不能直接计分")
        target = entry.get("target")
        item = SchemeItem(key, _number(entry, "weight", where), _number(entry, "threshold", where),
                          None if target is None else _number(entry, "target", where), measure)
        if item.target is not None and item.target == item.threshold:
            raise SchemeError(f"{where}：目标值与零分阈值不能相同")
        items.append(item)
    if not items:
        raise SchemeError("考核方案至少需要一项指标")
    total = sum(i.weight for i in items)
    if abs(total - 100) > 1e-9:
        raise SchemeError(f"考核指标权重之和应为100，当前为{total:g}")
    rule = raw.get("not_applicable", "full_marks")
    if rule not in NOT_APPLICABLE_RULES:
        raise SchemeError(f"not_applicable 应为 {NOT_APPLICABLE_RULES} 之一，而不是 {rule!r}")
    vetoes = []
    for n, v in enumerate(raw.get("vetoes", []), start=1):
        if v.get("key") not in INDICATORS_BY_KEY or v.get("op") not in VETO_OPS:
            raise SchemeError(f"一票否决条件第{n}项：指标或比较符无效")
        vetoes.append(Veto(v["key"], v["op"], _number(v, "value", f"一票否决条件第{n}项"),
                           str(v.get("reason") or f"{v['key']} {v['op']} {v['value']}")))
    min_cases = raw.get("min_cases")
    return Scheme(name=str(raw.get("name", "考核方案")), items=tuple(items), not_applicable=rule,
                  double_decline_bonus=_number(raw, "double_decline_bonus", "考核方案", 0.0),
                  vetoes=tuple(vetoes), min_cases=None if min_cases is None else int(min_cases), source=source)


def scheme_from_text(text: str, where: Path | str = "") -> Scheme:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"考核方案文件 {where} 格式错误：{exc}") from None
    return parse_scheme(raw, source="default")


def load_default_scheme(path: Path | str = DEFAULT_SCHEME_PATH) -> Scheme:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemeError(f"找不到考核方案文件 {path}") from None
    return scheme_from_text(text, path)


def scheme_for_year(facts: Facts, year: int, default: Scheme | None = None) -> Scheme:
    """The database's scheme for the year, else ``default`` (the entry points pass the one of
    ``etl.metrics.rules``; None reads the shipped file)."""
    for scheme_year, name, definition in facts.schemes:
        if scheme_year == year:
            return parse_scheme({"name": name, **definition}, source="database")
    return default if default is not None else load_default_scheme()
