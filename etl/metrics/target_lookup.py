"""One year's targets as dictionaries: every indicator's target for a scope or a list of groups.

The rules are those of :func:`etl.metrics.targets.scope_target` and
:func:`~etl.metrics.targets.group_targets` (a test checks them against each other); this form reads
the target frame once per computation instead of filtering it several times per indicator, which
cost more than the sums themselves on a filter change (issue 4).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from etl.db.models import ScopeType
from etl.metrics.registry import Indicator

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
        """As ``scope_target``: the scope's own target; for rates, else the region's."""
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
        """As ``group_targets``: one target per group id (NaN = none), the region's for rates."""
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
