"""How one scheme item turns a group's figures into points, as Polars expressions over a grouped frame.

Vectorised because a province ranks thousands of units twice per call. Each function reads the columns
``compute_grouped`` produces (``KEY``, ``KEY__num``, ``KEY__den``, ``KEY__previous``, ``KEY__change``,
``KEY__target``). A null measured figure means "not applicable"; docs/assessment.md states every rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from etl.metrics.registry import INDICATORS_BY_KEY, Direction
from etl.metrics.scheme import SchemeItem

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen, Then


def score_fraction(value: float, target: float, threshold: float) -> float:
    """1 at or beyond the target, 0 at or beyond the threshold, linear in between."""
    if threshold > target:  # lower is better
        if value <= target:
            return 1.0
        return 0.0 if value >= threshold else (threshold - value) / (threshold - target)
    if value >= target:
        return 1.0
    return 0.0 if value <= threshold else (value - threshold) / (target - threshold)


def _f(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.Float64)


def _count_pair(key: str) -> tuple[pl.Expr, pl.Expr]:
    """(this period, a year earlier). A count is always measured, zero included: no lawsuit in either
    year is a result, and leaving it out would let a unit's score fall when its last case goes away."""
    return _f(key).fill_null(0), _f(f"{key}__previous").fill_null(0)


def measured(item: SchemeItem, min_cases: int) -> pl.Expr:
    """The figure an item scores, null when not applicable (no records, or too few for a rate)."""
    ind, key = INDICATORS_BY_KEY[item.key], item.key
    if item.measure == "change":
        if ind.is_rate:
            return _f(f"{key}__change")
        cur, prev = _count_pair(key)
        # Divided by at least ``floor`` cases: 0 → 1 is a rise of one case in a small unit, not +100%.
        return (cur - prev) / pl.max_horizontal(prev, pl.lit(item.floor))
    if item.measure == "increase":
        cur, prev = _count_pair(key)
        return cur - prev
    if item.measure == "shortfall":
        num, den = _f(f"{key}__num").fill_null(0), _f(f"{key}__den").fill_null(0)
        missed = num if ind.direction == Direction.LOWER else den - num
        return pl.when(den == 0).then(None).otherwise(missed)
    if ind.is_rate:
        return pl.when(pl.col(f"{key}__den").fill_null(0) < min_cases).then(None).otherwise(_f(key))
    return _count_pair(key)[0]


def has_records(item: SchemeItem, min_cases: int) -> pl.Expr:
    """Whether the item rests on at least one record of the group: a count of zero in both years is
    scored (no lawsuit is a result) but is no evidence of the unit's work, so it does not count towards
    the weight a unit needs measured to take a place (``Scheme.min_measured_weight``)."""
    ind = INDICATORS_BY_KEY[item.key]
    if not ind.is_rate and item.measure in ("value", "change", "increase"):
        cur, prev = _count_pair(item.key)
        return (cur + prev) > 0
    return measured(item, min_cases).is_not_null()


def county_rate(key: str) -> pl.Expr:
    """The county average a relative item compares with: the pooled rate of every group in the frame
    (Σ numerators ÷ Σ denominators), so a unit with two cases weighs as much as its two cases."""
    den = _f(f"{key}__den").fill_null(0).sum()
    return pl.when(den > 0).then(_f(f"{key}__num").fill_null(0).sum() / den).otherwise(None)


def full_marks_at(item: SchemeItem, columns: set[str]) -> pl.Expr:
    """Where a linear or relative item reaches its full weight.

    Linear value items take the Target table's target (scope, then region) when there is one, so the
    ranking and the target status agree; the scheme's ``target`` is the fallback.
    """
    if item.method == "relative":
        return county_rate(item.key) + float(item.target or 0.0)
    fallback = item.target
    if fallback is None:
        fallback = 0.0 if item.lower_is_better or item.measure == "change" else 1.0
    column = f"{item.key}__target"
    if item.measure == "value" and column in columns:
        return pl.coalesce(_f(column), pl.lit(float(fallback)))
    return pl.lit(float(fallback))


def zero_at(item: SchemeItem) -> pl.Expr:
    """Where a linear or relative item's points reach zero."""
    if item.method == "relative":
        return county_rate(item.key) + float(item.threshold or 0.0)
    return pl.lit(float(item.threshold or 0.0))


def linear_fraction(value: pl.Expr, target: pl.Expr, zero: pl.Expr) -> pl.Expr:
    """:func:`score_fraction` over columns: the target may differ per group (the Target table)."""
    lower_better = zero > target
    return (pl.when(lower_better)
            .then(pl.when(value <= target).then(1.0).when(value >= zero).then(0.0)
                  .otherwise((zero - value) / (zero - target)))
            .otherwise(pl.when(value >= target).then(1.0).when(value <= zero).then(0.0)
                       .otherwise((value - zero) / (target - zero))))


def points(item: SchemeItem, value: pl.Expr, target: pl.Expr, zero: pl.Expr) -> pl.Expr:
    """Points earned out of ``item.weight`` for the measured ``value`` (null stays null)."""
    if item.method == "banded":
        chosen: Then | ChainedThen | None = None
        for band in item.bands:
            reached = value <= band.at if item.lower_is_better else value >= band.at
            chosen = (pl.when(reached).then(pl.lit(band.points)) if chosen is None
                      else chosen.when(reached).then(pl.lit(band.points)))
        assert chosen is not None  # parse_scheme requires bands
        return pl.when(value.is_null()).then(None).otherwise(chosen.otherwise(0.0))
    if item.method == "deduction":
        lost = pl.min_horizontal(pl.lit(item.deduction_cap), item.per * pl.max_horizontal(value, pl.lit(0.0)))
        return pl.when(value.is_null()).then(None).otherwise(pl.max_horizontal(pl.lit(0.0), item.weight - lost))
    return item.weight * linear_fraction(value, target, zero)
