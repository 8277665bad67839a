"""The configurable parts of indicator definitions, read from ``data/indicators.toml``.

Regions define some indicators differently (which outcomes are losses, which closures form the
loss-rate denominator, whether a withdrawn reconsideration counts as settled …), so these rules are
versioned configuration, per year, not code (docs/indicators.md lists every key).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from etl.config import DEFAULT_INDICATORS_FILE
from etl.db.models import Instance
from etl.vocab import Appearance, LitigationOutcome, ReconsiderationDecision

DEFAULT_DEFINITIONS_PATH = DEFAULT_INDICATORS_FILE
LOSS_DENOMINATORS = ("all_closures", "judgments")


class DefinitionsError(ValueError):
    """An invalid definitions file; the message names the key in Chinese and English."""


@dataclass(frozen=True)
class WarningRules:
    """Thresholds of 预警 (early warnings)."""

    volume_rise: float = 0.20
    volume_min_cases: int = 3


@dataclass(frozen=True)
class IndicatorConfig:
    """The rules in force for one year; the same rules are applied to the comparison periods."""

    loss_outcomes: frozenset[str] = frozenset({
        "revoked", "partially_revoked", "confirmed_illegal", "confirmed_invalid", "ordered_to_perform",
        "varied", "compensation", "enforcement_refused"})
    loss_denominator: str = "all_closures"
    instances: tuple[str, ...] = ("first",)
    head_appearance_instances: tuple[str, ...] = ()
    #: Whether a deputy head (副职, 分管负责人) appearing counts as the head appearing. The Supreme People's
    #: Court's 2020 provisions call principal, deputy and other responsible heads all 负责人, hence True.
    deputy_counts_as_head: bool = True
    correction_decisions: frozenset[str] = frozenset({
        "revoked", "varied", "confirmed_illegal", "confirmed_invalid", "ordered_to_perform"})
    settlement_decisions: frozenset[str] = frozenset({"mediated", "settled"})
    withdrawn_counts_as_settlement: bool = False
    close_margin_rate: float = 0.02
    close_margin_relative: float = 0.10
    close_margin_count: float = 0.10
    ranking_min_cases: int = 3
    rate_min_records: int = 10
    warnings: WarningRules = field(default_factory=WarningRules)
    version: int = 1

    @property
    def head_appearances(self) -> frozenset[str]:
        """The appearance codes that count as the agency head appearing in court."""
        heads = {Appearance.PRINCIPAL.value, Appearance.HEAD.value}
        return frozenset(heads | ({Appearance.DEPUTY.value} if self.deputy_counts_as_head else set()))

    @property
    def effective_settlement_decisions(self) -> frozenset[str]:
        extra = {ReconsiderationDecision.WITHDRAWN.value} if self.withdrawn_counts_as_settlement else set()
        return self.settlement_decisions | extra

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "version": self.version, "loss_outcomes": sorted(self.loss_outcomes),
            "loss_denominator": self.loss_denominator, "instances": list(self.instances),
            "withdrawn_counts_as_settlement": self.withdrawn_counts_as_settlement,
            "deputy_counts_as_head": self.deputy_counts_as_head,
        }


DEFAULT_CONFIG = IndicatorConfig()


@dataclass(frozen=True)
class Definitions:
    """Defaults plus per-year overrides, as read from the TOML file."""

    defaults: IndicatorConfig = DEFAULT_CONFIG
    by_year: tuple[tuple[int, IndicatorConfig], ...] = ()

    def for_year(self, year: int) -> IndicatorConfig:
        return dict(self.by_year).get(year, self.defaults)


_OUTCOMES = {o.value for o in LitigationOutcome}
_DECISIONS = {d.value for d in ReconsiderationDecision}
_INSTANCES = {i.value for i in Instance}


def _check_set(key: str, values: Any, allowed: set[str]) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DefinitionsError(f"配置项 {key} 应为字符串列表 ({key} must be a list of strings)")
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise DefinitionsError(f"配置项 {key} 含未知取值 {unknown}；可用：{sorted(allowed)}")
    return frozenset(values)


def _apply(base: IndicatorConfig, raw: dict[str, Any], where: str) -> IndicatorConfig:
    known = {f.name for f in fields(IndicatorConfig)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise DefinitionsError(f"{where} 含未知配置项 {unknown} (unknown keys)")
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "loss_outcomes":
            changes[key] = _check_set(f"{where}.{key}", value, _OUTCOMES)
        elif key in {"correction_decisions", "settlement_decisions"}:
            changes[key] = _check_set(f"{where}.{key}", value, _DECISIONS)
        elif key in {"instances", "head_appearance_instances"}:
            changes[key] = tuple(sorted(_check_set(f"{where}.{key}", value, _INSTANCES)))
        elif key == "loss_denominator":
            if value not in LOSS_DENOMINATORS:
                raise DefinitionsError(f"{where}.loss_denominator 应为 {LOSS_DENOMINATORS} 之一，而不是 {value!r}")
            changes[key] = value
        elif key == "warnings":
            if not isinstance(value, dict):
                raise DefinitionsError(f"{where}.warnings 应为表 (must be a table)")
            changes[key] = replace(base.warnings, **{k: type(getattr(base.warnings, k))(v) for k, v in value.items()
                                                     if k in {f.name for f in fields(WarningRules)}})
        else:
            expected = type(getattr(base, key))
            if expected is float and isinstance(value, int):
                value = float(value)
            if not isinstance(value, expected):
                raise DefinitionsError(f"{where}.{key} 类型应为 {expected.__name__}")
            changes[key] = value
    return replace(base, **changes)


def parse_definitions(raw: dict[str, Any]) -> Definitions:
    """Build :class:`Definitions` from the parsed TOML document (validated, with Chinese errors)."""
    version = int(raw.get("version", 1))
    defaults = _apply(replace(DEFAULT_CONFIG, version=version), dict(raw.get("defaults", {})), "defaults")
    years: list[tuple[int, IndicatorConfig]] = []
    for year, overrides in sorted(dict(raw.get("years", {})).items()):
        if not str(year).isdigit():
            raise DefinitionsError(f"years.{year}：年份应为四位数字")
        years.append((int(year), _apply(defaults, dict(overrides), f"years.{year}")))
    return Definitions(defaults=defaults, by_year=tuple(years))


def definitions_from_text(text: str, where: Path | str = "") -> Definitions:
    """Parse the text of a definitions file (validated, errors in Chinese naming the file)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionsError(f"指标定义文件 {where} 格式错误：{exc}") from None
    return parse_definitions(raw)


def load_definitions(path: Path | str = DEFAULT_DEFINITIONS_PATH) -> Definitions:
    """Read a definitions file; a missing default file means the built-in defaults (those of
    docs/indicators.md). Compute functions never call this: the entry points do (through
    ``etl.metrics.rules``) and pass the definitions in."""
    path = Path(path)
    if not path.exists():
        if path == DEFAULT_DEFINITIONS_PATH:
            return Definitions()
        raise DefinitionsError(f"找不到指标定义文件 {path} (definitions file not found)")
    return definitions_from_text(path.read_text(encoding="utf-8"), path)
