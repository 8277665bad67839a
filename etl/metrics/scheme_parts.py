"""The smaller parts of an assessment scheme and their validation: categories, bands, bonuses, event
rules and threshold vetoes (``etl.metrics.scheme`` assembles them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from etl.mappings import default_mappings
from etl.metrics.registry import INDICATORS_BY_KEY
from etl.names import normalise_text

#: How a figure becomes points (docs/assessment.md): linear between threshold and target, banded
#: (分档), deduction per record (每件扣k分, capped), relative to the county average.
METHODS = ("linear", "banded", "deduction", "relative")
#: What figure is scored: the indicator's value, its year-on-year change (counts: relative to at least
#: ``floor`` cases), its shortfall (records that fail: losses, absences …), its increase in cases.
MEASURES = ("value", "change", "shortfall", "increase")
#: A rise from 0–2 cases is not a 100% rise: a count's change is divided by at least this many cases.
DEFAULT_CHANGE_FLOOR = 5.0
EVENT_ACTIONS = ("veto", "deduct")
BONUS_CONDITIONS = ("double_decline",)


class SchemeError(ValueError):
    """An invalid scheme; the message says what to fix, in Chinese."""


@dataclass(frozen=True)
class Category:
    """Units ranked together (县直部门, 乡镇(街道) …): the unit types (Unit.unit_type) it assesses."""

    name: str
    unit_types: tuple[str, ...]


#: Every real scheme ranks departments and township governments apart; the county government that
#: convenes the conference, the court and the procuratorate are not assessed units.
DEFAULT_CATEGORIES = (Category("县直部门", ("agency", "other")), Category("乡镇(街道)", ("township_gov",)))


@dataclass(frozen=True)
class Band:
    """分档: a figure at least this good (``at``) earns ``points``."""

    at: float
    points: float


@dataclass(frozen=True)
class Bonus:
    """加分: fixed points when a condition holds (``when``), or ``per`` point per record of an
    indicator's count (numerator of a rate, value of a count), at most ``cap``."""

    name: str
    points: float = 0.0
    when: str | None = None
    key: str | None = None
    per: float = 0.0
    cap: float | None = None

    @property
    def slug(self) -> str:
        return self.when or f"{self.key}_bonus"


@dataclass(frozen=True)
class EventRule:
    """What a recorded event (``etl.metrics.assessment_events``) costs: a veto, or ``per`` points each,
    at most ``cap``."""

    kind: str
    action: str
    per: float = 0.0
    cap: float | None = None


@dataclass(frozen=True)
class Veto:
    """一票否决 on a threshold of an indicator's value."""

    key: str
    op: str
    value: float
    reason: str

    def hit(self, observed: float | None) -> bool:
        if observed is None:
            return False
        return {"<": observed < self.value, "<=": observed <= self.value, ">": observed > self.value,
                ">=": observed >= self.value}[self.op]


#: How the units sheet and the scheme file name each Unit.unit_type.
UNIT_TYPE_LABELS = {"agency": "部门", "township_gov": "乡镇政府", "government": "县政府", "court": "法院",
                    "procuratorate": "检察院", "other": "其他"}


def number(raw: Mapping[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = raw.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise SchemeError(f"{where}：{key} 应为数字")
    return float(value)


def unit_type_key(text: str) -> str | None:
    """部门 / 乡镇政府 / 县政府 / 法院 / 检察院 / 其他 (or the stored key) → Unit.unit_type, through the
    same wording table the units sheet is imported with (data/mappings/values.toml)."""
    norm = normalise_text(text)
    return default_mappings().values["unit_type"].get(norm) if norm else None


def parse_categories(raw: Any) -> tuple[Category, ...]:
    if raw is None:
        return DEFAULT_CATEGORIES
    if not isinstance(raw, Mapping) or not raw:
        raise SchemeError("categories 应为“类别名称 = [单位类型, …]”的表")
    seen: dict[str, str] = {}
    categories = []
    for name, types in raw.items():
        if not isinstance(types, list) or not types:
            raise SchemeError(f"考核类别“{name}”：应列出至少一种单位类型")
        keys = []
        for text in types:
            key = unit_type_key(str(text))
            if key is None:
                raise SchemeError(f"考核类别“{name}”：未知单位类型“{text}”（可用：部门、乡镇政府、县政府、法院、检察院、其他）")
            if key in seen:
                raise SchemeError(f"单位类型“{text}”同时属于“{seen[key]}”和“{name}”两个考核类别")
            seen[key] = str(name)
            keys.append(key)
        categories.append(Category(str(name), tuple(keys)))
    return tuple(categories)


def parse_bonus(raw: Mapping[str, Any], n: int) -> Bonus:
    where = f"加分项第{n}项"
    name = str(raw.get("name") or "")
    when, key = raw.get("when"), raw.get("key")
    if (when is None) == (key is None):
        raise SchemeError(f"{where}：应给出 when（条件）或 key（按件加分的指标）之一")
    if when is not None and when not in BONUS_CONDITIONS:
        raise SchemeError(f"{where}：when 只能是 {'、'.join(BONUS_CONDITIONS)}")
    if key is not None and key not in INDICATORS_BY_KEY:
        raise SchemeError(f"{where}：未知指标 {key!r}")
    bonus = Bonus(name=name or (str(when) if when else str(key)), points=number(raw, "points", where, 0.0),
                  when=when, key=key, per=number(raw, "per", where, 0.0),
                  cap=None if raw.get("cap") is None else number(raw, "cap", where))
    if when is not None and bonus.points <= 0:
        raise SchemeError(f"{where}：points 应大于0")
    if key is not None and (bonus.per <= 0 or bonus.cap is None):
        raise SchemeError(f"{where}：按件加分需要大于0的 per 和上限 cap")
    return bonus


def parse_event(raw: Mapping[str, Any], n: int, sources: Mapping[str, object]) -> EventRule:
    where = f"考核事件第{n}项"
    kind, action = raw.get("kind"), raw.get("action")
    if kind not in sources:
        raise SchemeError(f"{where}：未知事件 {kind!r}（可用：{'、'.join(sources)}）")
    if action not in EVENT_ACTIONS:
        raise SchemeError(f"{where}：action 应为 veto（一票否决）或 deduct（扣分）")
    rule = EventRule(str(kind), str(action), number(raw, "per", where, 0.0),
                     None if raw.get("cap") is None else number(raw, "cap", where))
    if action == "deduct" and rule.per <= 0:
        raise SchemeError(f"{where}：扣分事件需要大于0的 per（每件扣分）")
    return rule


def parse_veto(raw: Mapping[str, Any], n: int, ops: tuple[str, ...]) -> Veto:
    if raw.get("key") not in INDICATORS_BY_KEY or raw.get("op") not in ops:
        raise SchemeError(f"一票否决条件第{n}项：指标或比较符无效")
    return Veto(str(raw["key"]), str(raw["op"]), number(raw, "value", f"一票否决条件第{n}项"),
                str(raw.get("reason") or f"{raw['key']} {raw['op']} {raw['value']}"))
