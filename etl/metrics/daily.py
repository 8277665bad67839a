"""Region sums for many sets of compared periods in one grouped pass: counts per day, then ranges.

The by-month table needs every indicator for each month of a period with its 同比 and 环比 spans —
36 periods for a year. One engine pass per month re-read about thirteen months of rows twelve times
(~300 ms of a province overview). Here each fact table is read once over the union of the
spans: the rows that pass the filters are counted per day of each date column, for each indicator
mask, and a period's sum is the difference of two cumulative sums at its first and last day. Any
span works (clipped months of a custom range, their full-month 同比), and the output is the
engine's :class:`~etl.metrics.engine.Sums`, so :func:`~etl.metrics.compute.derive` reads it as usual.

Masks are evaluated exactly as :func:`~etl.metrics.engine.indicator_flags` does (null = not counted;
a numerator without its own date is ANDed with the denominator mask), on the rows whose date lies
in the period; only the date test moves from the expression to the day lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import polars as pl

from etl.metrics.definitions import IndicatorConfig
from etl.metrics.engine import SEQUENTIAL, Sums
from etl.metrics.facts import FACT_NAMES, Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import INDICATORS, Indicator

_EPOCH = np.datetime64("1970-01-01", "D")


def _day(day: dt.date) -> int:
    return int((np.datetime64(day, "D") - _EPOCH).astype(np.int64))


def _outputs(ind: Indicator, tags: Sequence[str], config: IndicatorConfig,
             mask_filters: Filters) -> list[tuple[str, str, str, pl.Expr]]:
    """(output name, tag, date column, row mask) for one indicator, in the engine's output order."""
    den_mask, num_mask = ind.masks(config, mask_filters)
    out: list[tuple[str, str, str, pl.Expr]] = []
    for tag in tags:
        if tag == SEQUENTIAL and ind.is_rate:
            continue  # as the engine: 环比 for counts only
        if not ind.is_rate:
            out.append((f"{ind.key}__num__{tag}", tag, ind.date_column, den_mask))
            continue
        num = den_mask & num_mask if ind.numerator_date_column is None else num_mask
        out.append((f"{ind.key}__num__{tag}", tag, ind.num_date, num))
        out.append((f"{ind.key}__den__{tag}", tag, ind.date_column, den_mask))
    return out


def _counted_per_day(frame: pl.LazyFrame, column: str, masks: Sequence[pl.Expr], lo: dt.date,
                     hi: dt.date) -> pl.LazyFrame:
    """Per day of ``column`` in [lo, hi] (``__day``, days since 1970, ascending), the number of rows
    of each mask (``__m0``, ``__m1`` …)."""
    # The masks in a select first (a literal mask broadcasts to the rows), then counted per day.
    return (frame.filter(pl.col(column).is_between(pl.lit(lo), pl.lit(hi), closed="both"))
            .select(pl.col(column).cast(pl.Date).cast(pl.Int32).alias("__day"),
                    *[m.fill_null(False).cast(pl.Int64).alias(f"__m{i}") for i, m in enumerate(masks)])
            .group_by("__day").agg(pl.all().sum()).sort("__day"))


def _cumulative(counted: pl.DataFrame, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(days, cumulative counts with a leading zero row): a span's count is ``cum[last] − cum[first]``."""
    days = counted.get_column("__day").to_numpy().astype(np.int64)
    counts = counted.select([f"__m{i}" for i in range(width)]).to_numpy().astype(np.int64)
    return days, np.vstack([np.zeros((1, width), dtype=np.int64), np.cumsum(counts, axis=0).reshape(-1, width)])


def sums_for_periods(facts: Facts, period_sets: Sequence[dict[str, Period]], filters: Filters,
                     config: IndicatorConfig, indicators: Sequence[Indicator] = INDICATORS) -> list[Sums]:
    """One region :class:`Sums` per set of compared periods (same tags in every set, e.g.
    ``compared_periods(month)`` for each month), equal to ``compute_sums(facts, periods, filters,
    config)`` for each set, from one grouped pass per fact table and date column."""
    if not period_sets:
        return []
    tags = list(period_sets[0])
    starts = np.array([[_day(s[t].start) for t in tags] for s in period_sets], dtype=np.int64)
    ends = np.array([[_day(s[t].end) for t in tags] for s in period_sets], dtype=np.int64)
    lo = min(s[t].start for s in period_sets for t in tags)
    hi = max(s[t].end for s in period_sets for t in tags)
    mask_filters = filters.for_masks()
    outputs: list[tuple[str, str, str, str]] = []  # (table, output name, tag, date column)
    plans: list[pl.LazyFrame] = []
    #: (table, date column) → (index of its plan, mask names in column order)
    counted: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for table in FACT_NAMES:
        inds = [i for i in indicators if i.table == table]
        if not inds:
            continue
        table_outputs = [o for i in inds for o in _outputs(i, tags, config, mask_filters)]
        outputs += [(table, name, tag, column) for name, tag, column, _ in table_outputs]
        # One mask per (indicator, numerator/denominator) and date column, whatever the tag.
        by_column: dict[str, dict[str, pl.Expr]] = {}
        for name, _, column, mask in table_outputs:
            by_column.setdefault(column, {}).setdefault(name.rsplit("__", 1)[0], mask)
        rows = filters.apply(facts.frame(table), table)
        for column, masks in by_column.items():
            counted[(table, column)] = (len(plans), list(masks))
            plans.append(_counted_per_day(rows, column, list(masks.values()), lo, hi))
    frames = pl.collect_all(plans)
    cumulative = {k: _cumulative(frames[i], len(masks)) for k, (i, masks) in counted.items()}
    names: list[str] = []
    columns: list[np.ndarray] = []  # per output, one sum per period set
    for table, name, tag, column in outputs:
        days, cum = cumulative[(table, column)]
        j, t = counted[(table, column)][1].index(name.rsplit("__", 1)[0]), tags.index(tag)
        first = np.searchsorted(days, starts[:, t], side="left")
        last = np.searchsorted(days, ends[:, t], side="right")
        names.append(name)
        columns.append(cum[last, j] - cum[first, j])
    matrix = np.stack(columns, axis=1) if columns else np.zeros((len(period_sets), 0), dtype=np.int64)
    return [Sums(None, tuple(names), matrix[r:r + 1]) for r in range(len(period_sets))]


__all__ = ["sums_for_periods"]
