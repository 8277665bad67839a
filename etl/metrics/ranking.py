"""Scores and rankings of units and townships under an assessment scheme (比学赶超).

Each scheme indicator scores ``weight × fraction``, the fraction falling linearly from 1 at the
target to 0 at the threshold. Scores are rounded to 2 decimals before ranking, so units that look
tied are tied: they share a rank and the next rank is skipped (1, 2, 2, 4).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from etl.metrics.compute import NO_FILTERS, compute_grouped, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import INDICATORS_BY_KEY, Direction
from etl.metrics.scheme import Scheme, SchemeItem, scheme_for_year


def score_fraction(value: float, target: float, threshold: float) -> float:
    """1 at or beyond the target, 0 at or beyond the threshold, linear in between."""
    if threshold > target:  # lower is better
        if value <= target:
            return 1.0
        return 0.0 if value >= threshold else (threshold - value) / (threshold - target)
    if value >= target:
        return 1.0
    return 0.0 if value <= threshold else (value - threshold) / (target - threshold)


def _measured(item: SchemeItem, row: dict[str, Any], min_cases: int) -> float | None:
    """The figure an item scores, or None when not applicable (no cases, or too few for a rate)."""
    ind = INDICATORS_BY_KEY[item.key]
    if item.measure == "change":
        cur, prev = row[item.key], row[f"{item.key}__previous"]
        if ind.is_rate:
            return row[f"{item.key}__change"]
        if not cur and not prev:
            return None
        return (cur - prev) / max(prev, 1)  # 0 → n cases counts as a rise of n × 100%
    if ind.is_rate and (row[f"{item.key}__den"] or 0) < min_cases:
        return None
    return row[item.key]


def _item_target(item: SchemeItem, row: dict[str, Any]) -> float:
    """Target table (scope, then region) wins for value measures; the scheme's target otherwise."""
    table_target = row.get(f"{item.key}__target") if item.measure == "value" else None
    if table_target is not None:
        return float(table_target)
    if item.target is not None:
        return item.target
    ind = INDICATORS_BY_KEY[item.key]
    return 0.0 if ind.direction == Direction.LOWER else 1.0


def score_row(row: dict[str, Any], scheme: Scheme, min_cases: int) -> dict[str, Any]:
    """Score one group's figures: per-indicator points, base score, bonus, veto."""
    out: dict[str, Any] = {}
    earned, weights = 0.0, 0.0
    for item in scheme.items:
        value = _measured(item, row, min_cases)
        if value is None:
            out[f"{item.key}__score"] = item.weight if scheme.not_applicable == "full_marks" else None
            if scheme.not_applicable == "full_marks":
                earned, weights = earned + item.weight, weights + item.weight
        else:
            points = item.weight * score_fraction(value, _item_target(item, row), item.threshold)
            out[f"{item.key}__score"] = round(points, 4)
            earned, weights = earned + points, weights + item.weight
        out[f"{item.key}__measured"] = value
    base = 100.0 if weights == 0 else earned * 100.0 / weights
    bonus = scheme.double_decline_bonus if row.get("double_decline") else 0.0
    vetoes = [v.reason for v in scheme.vetoes if v.hit(row.get(v.key))]
    out.update(base_score=round(base, 4), bonus=bonus, vetoed=bool(vetoes), veto_reason="；".join(vetoes) or None,
               score=0.0 if vetoes else round(base + bonus, 2))
    return out


def _ranked(grouped: pl.DataFrame, scheme: Scheme, min_cases: int) -> pl.DataFrame:
    rows = [{"group_id": r["group_id"], "group_name": r["group_name"], **score_row(r, scheme, min_cases)}
            for r in grouped.iter_rows(named=True)]
    schema: dict[str, pl.DataType] = {"group_id": grouped.schema["group_id"], "group_name": pl.String()}
    for item in scheme.items:
        schema[f"{item.key}__score"] = pl.Float64()
        schema[f"{item.key}__measured"] = pl.Float64()
    schema.update(base_score=pl.Float64(), bonus=pl.Float64(), vetoed=pl.Boolean(), veto_reason=pl.String(),
                  score=pl.Float64())
    frame = pl.DataFrame(rows, schema=schema)
    # Assessed: at least one scheme indicator was measured (or a veto hit). A unit scored only by the
    # not-applicable rule has a score but no figures behind it, so its place would say nothing about its
    # work: it keeps its score but takes no place (rank null, listed after the ranked units as 未参评).
    # Otherwise a county where most agencies had no case this year puts them all "first" on the 红榜.
    measured = [pl.col(f"{item.key}__measured").is_not_null() for item in scheme.items]
    assessed = (pl.any_horizontal(measured) if measured else pl.lit(False)) | pl.col("vetoed")
    frame = frame.with_columns(assessed.alias("assessed"))
    places = (frame.filter(pl.col("assessed"))
              .select("group_id", _sort_key().rank(method="min", descending=True).cast(pl.Int64).alias("rank")))
    return (frame.join(places, on="group_id", how="left")
            .sort(["rank", "group_name"], nulls_last=True))


def _sort_key() -> pl.Expr:
    """Vetoed units rank after everyone, whatever their score."""
    return pl.when(pl.col("vetoed")).then(-1.0).otherwise(pl.col("score"))


def rank_changes(current: pl.DataFrame, before: pl.DataFrame) -> pl.DataFrame:
    """``previous_rank`` and ``rank_change`` per group of ``current`` (both :func:`_ranked` frames).

    ``previous_rank`` is the group's place in the previous period's ranking, null when it was not
    assessed then. ``rank_change`` (positive = moved up) compares places among the comparable groups
    only — those assessed in both periods — so a unit entering or leaving the table, or one scored only
    by the not-applicable rule, does not make the others jump (issue 5: "▲38"); it is null for the rest.
    """
    prev = before.filter(pl.col("assessed")).select(
        "group_id", pl.col("rank").alias("previous_rank"), _sort_key().alias("_prev_key"))
    joined = current.join(prev, on="group_id", how="left")
    comparable = pl.col("assessed") & pl.col("previous_rank").is_not_null()
    ranks = joined.filter(comparable).select(
        "group_id",
        _sort_key().rank(method="min", descending=True).cast(pl.Int64).alias("_now"),
        pl.col("_prev_key").rank(method="min", descending=True).cast(pl.Int64).alias("_then"))
    return (joined.join(ranks, on="group_id", how="left")
            .with_columns((pl.col("_then") - pl.col("_now")).alias("rank_change"))
            .select("group_id", "previous_rank", "rank_change"))


def rank(facts: Facts, period: Period, by: str = "unit", filters: Filters = NO_FILTERS,
         config: IndicatorConfig | Definitions | None = None, scheme: Scheme | None = None) -> pl.DataFrame:
    """Ranking of units or townships for the period with the change of rank against ``period.previous()``.

    Columns: ``rank`` (null for a group not assessed: nothing measured, so no place), ``group_id``,
    ``group_name``, ``score`` (base + bonus, 0 when vetoed), ``base_score``, ``bonus``, ``vetoed``,
    ``veto_reason``, ``assessed`` (any indicator measured, or vetoed),
    ``previous_rank``, ``rank_change`` (positive = moved up, among units assessed in both periods; see
    :func:`rank_changes`), and per scheme indicator KEY ``KEY__score`` (points earned, None when left
    out) and ``KEY__measured`` (the value or change scored).
    """
    if by not in {"unit", "township"}:
        raise ValueError(f"排名只能按单位或乡镇，而不是 {by!r}")
    cfg = resolve_config(config, period)
    current_scheme = scheme or scheme_for_year(facts, period.end.year)
    min_cases = current_scheme.min_cases if current_scheme.min_cases is not None else cfg.ranking_min_cases
    current = _ranked(compute_grouped(facts, period, filters, by, cfg), current_scheme, min_cases)
    before_period = period.previous()
    before_scheme = scheme or scheme_for_year(facts, before_period.end.year)
    before_min = before_scheme.min_cases if before_scheme.min_cases is not None else cfg.ranking_min_cases
    before = _ranked(compute_grouped(facts, before_period, filters, by, cfg), before_scheme, before_min)
    first = ["rank", "group_id", "group_name", "score", "base_score", "bonus", "vetoed", "veto_reason",
             "assessed", "previous_rank", "rank_change"]
    joined = current.join(rank_changes(current, before), on="group_id", how="left")
    return joined.select(first + [c for c in joined.columns if c not in first])
