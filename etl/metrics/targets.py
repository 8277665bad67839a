"""Targets per year, per indicator and scope, and the status of a figure against its target.

A unit's or township's own target wins; a rate without one falls back to the region's target (a
region-wide loss-rate ceiling applies to every agency), a count does not (a county's volume target
says nothing about one agency's).
"""

from __future__ import annotations

from enum import StrEnum

import polars as pl

from etl.db.models import ScopeType
from etl.metrics.definitions import IndicatorConfig
from etl.metrics.registry import Direction, Indicator


class Status(StrEnum):
    MET = "met"  # 达标
    CLOSE = "close"  # 接近
    MISSED = "missed"  # 未达标
    NA = "n/a"  # 不适用

    @property
    def label_zh(self) -> str:
        return {"met": "达标", "close": "接近", "missed": "未达标", "n/a": "不适用"}[self.value]


def target_status(value: float | None, target: float | None, ind: Indicator, config: IndicatorConfig) -> Status:
    """met when on the good side of the target; close within the configured margin; else missed.

    The margin is in percentage points for rates (``close_margin_rate``) and a share of the target
    for counts (``close_margin_count``).
    """
    if value is None or target is None or ind.direction is None:
        return Status.NA
    margin = config.close_margin_rate if ind.is_rate else abs(target) * config.close_margin_count
    eps = 1e-12
    if ind.direction == Direction.LOWER:
        if value <= target + eps:
            return Status.MET
        return Status.CLOSE if value <= target + margin + eps else Status.MISSED
    if value >= target - eps:
        return Status.MET
    return Status.CLOSE if value >= target - margin - eps else Status.MISSED


def status_expr(value: pl.Expr, target: pl.Expr, ind: Indicator, config: IndicatorConfig) -> pl.Expr:
    """Vectorised :func:`target_status` for grouped frames; same rules, same results."""
    if ind.direction is None:
        return pl.lit(Status.NA.value)
    margin = pl.lit(config.close_margin_rate) if ind.is_rate else target.abs() * config.close_margin_count
    eps = 1e-12
    if ind.direction == Direction.LOWER:
        met, close = value <= target + eps, value <= target + margin + eps
    else:
        met, close = value >= target - eps, value >= target - margin - eps
    return (pl.when(value.is_null() | target.is_null()).then(pl.lit(Status.NA.value))
            .when(met).then(pl.lit(Status.MET.value))
            .when(close).then(pl.lit(Status.CLOSE.value))
            .otherwise(pl.lit(Status.MISSED.value)))


def _year_targets(targets: pl.DataFrame, year: int, key: str) -> pl.DataFrame:
    return targets.filter((pl.col("year") == year) & (pl.col("indicator_key") == key))


def region_target(targets: pl.DataFrame, year: int, key: str, region_id: int | None = None) -> float | None:
    """A region's target: scope ``region`` with a null id is the whole jurisdiction (as the importer
    stores it); with a county's id, that county's (city and province databases), falling back to
    the whole jurisdiction's."""
    rows = _year_targets(targets, year, key).filter(pl.col("scope_type") == ScopeType.REGION.value)
    if region_id is not None:
        own = rows.filter(pl.col("scope_id") == region_id)
        if not own.is_empty():
            return float(own["value"][0])
    whole = rows.filter(pl.col("scope_id").is_null())
    return None if whole.is_empty() else float(whole["value"][0])


def scope_target(targets: pl.DataFrame, year: int, ind: Indicator, scope_type: str | None,
                 scope_id: int | None) -> float | None:
    """The target that applies to one scope (the whole region when ``scope_type`` is None)."""
    if scope_type == ScopeType.REGION.value:
        return region_target(targets, year, ind.key, scope_id)
    if scope_type is not None and scope_id is not None:
        rows = _year_targets(targets, year, ind.key).filter(
            (pl.col("scope_type") == scope_type) & (pl.col("scope_id") == scope_id))
        if not rows.is_empty():
            return float(rows["value"][0])
        if not ind.is_rate:
            return None
    return region_target(targets, year, ind.key)


def group_targets(targets: pl.DataFrame, year: int, ind: Indicator, scope_type: str,
                  ids: pl.Series) -> pl.Series:
    """One target per group id, with the region fallback for rates."""
    rows = targets.filter(pl.col("year") == year) if targets.height else targets
    if rows.is_empty() or ind.key not in set(rows["indicator_key"].to_list()):
        return pl.Series([None] * len(ids), dtype=pl.Float64)
    own = rows.filter((pl.col("indicator_key") == ind.key) & (pl.col("scope_type") == scope_type))
    lookup = dict(zip(own["scope_id"].to_list(), own["value"].to_list(), strict=True))
    fallback = region_target(rows, year, ind.key) if ind.is_rate else None
    return pl.Series([lookup.get(i, fallback) for i in ids.to_list()], dtype=pl.Float64)
