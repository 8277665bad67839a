"""Targets per year, per indicator and scope, and the status of a figure against its target.

A unit's or township's own target wins; a rate without one falls back to the region's target (a
region-wide loss-rate ceiling applies to every agency), a count does not (a county's volume target
says nothing about one agency's). A region's target is a county's own (city and province databases),
else the whole jurisdiction's (scope ``region`` with a null id, as the importer stores it).

:class:`YearTargets` reads one year's target rows once and answers for a scope or for every group of a
grouping at once (NumPy): filtering the target frame per indicator cost more than the sums themselves
on a filter change (docs/decisions/0003-two-stage-indicator-engine.md).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import numpy as np
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


def close_margin(target: Any, is_rate: bool, config: IndicatorConfig) -> Any:
    """How far past its target a figure is still 接近 (close); ``target`` a float or a NumPy array.

    Counts: a share of the target (``close_margin_count``). Rates: percentage points
    (``close_margin_rate``), but never more than a share of the target itself
    (``close_margin_relative``), so the band scales down with small targets: against a 2% loss-rate
    ceiling 2.2% is close and 3.3% (65% over) is missed, while a 100% appearance target keeps 2 points.
    """
    relative = np.abs(target) * (config.close_margin_relative if is_rate else config.close_margin_count)
    return np.minimum(config.close_margin_rate, relative) if is_rate else relative


def target_status(value: float | None, target: float | None, ind: Indicator, config: IndicatorConfig) -> Status:
    """met when on the good side of the target; close within :func:`close_margin`; else missed."""
    if value is None or target is None or ind.direction is None:
        return Status.NA
    margin = float(close_margin(target, ind.is_rate, config))
    eps = 1e-12
    if ind.direction == Direction.LOWER:
        if value <= target + eps:
            return Status.MET
        return Status.CLOSE if value <= target + margin + eps else Status.MISSED
    if value >= target - eps:
        return Status.MET
    return Status.CLOSE if value >= target - margin - eps else Status.MISSED


_REGION = ScopeType.REGION.value


class YearTargets:
    """Targets of one year, keyed by (indicator, scope type, scope id); scope id None = everywhere."""

    def __init__(self, targets: pl.DataFrame, year: int) -> None:
        rows: list[tuple[Any, ...]] = []
        if targets.height:
            rows = (targets.filter(pl.col("year") == year)
                    .select("indicator_key", "scope_type", "scope_id", "value").rows())
        self._keys = {r[0] for r in rows}
        self._first: dict[tuple[Any, ...], Any] = {}  # first row wins (a filter's ``[0]``)
        self._own: dict[tuple[str, str], dict[Any, Any]] = {}  # last row wins (a ``dict(zip(...))``)
        self._ids: list[Any] | None = None
        self._position: dict[Any, int] = {}
        for key, scope_type, scope_id, value in rows:
            self._first.setdefault((key, scope_type, scope_id), value)
            self._own.setdefault((key, scope_type), {})[scope_id] = value

    def region(self, key: str, region_id: int | None = None) -> float | None:
        """A county's own target (city/province databases), else the whole jurisdiction's."""
        if region_id is not None and (key, _REGION, region_id) in self._first:
            return float(self._first[(key, _REGION, region_id)])
        whole = self._first.get((key, _REGION, None))
        return None if whole is None else float(whole)

    def scope(self, ind: Indicator, scope_type: str | None, scope_id: int | None) -> float | None:
        """The target of one scope (the whole region when ``scope_type`` is None): its own; for a rate
        without one, the region's."""
        if scope_type == _REGION:
            return self.region(ind.key, scope_id)
        if scope_type is not None and scope_id is not None:
            own = (ind.key, scope_type, scope_id)
            if own in self._first:
                return float(self._first[own])
            if not ind.is_rate:
                return None
        return self.region(ind.key)

    def groups(self, ind: Indicator, scope_type: str, ids: list[Any]) -> np.ndarray:
        """One target per group id (NaN = none); a rate without its own takes the region's."""
        if ind.key not in self._keys:
            return np.full(len(ids), np.nan)
        fallback = self.region(ind.key) if ind.is_rate else None
        out = np.full(len(ids), np.nan if fallback is None else fallback, dtype=np.float64)
        own = self._own.get((ind.key, scope_type))
        if own:  # a few targeted units among thousands: look the targets up, not every group
            if self._ids is not ids:  # the same list for every indicator of one table: index it once
                self._ids, self._position = ids, {g: r for r, g in enumerate(ids)}
            position = self._position
            for scope_id, value in own.items():
                if scope_id in position:
                    out[position[scope_id]] = np.nan if value is None else value
        return out
