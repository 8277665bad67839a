"""Composition of a figure: the reconsideration decisions of a period tallied by kind (decision mix).

The tally covers exactly the records in the denominator of ``reconsideration_correction_rate`` (decisions
dated in the period), so the donut's total equals that rate's denominator and its corrections equal the
numerator; the screens only label and colour the rows.
"""

from __future__ import annotations

import polars as pl

from etl.metrics.compute import NO_FILTERS, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.engine import in_period
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import indicator

DECISION_MIX_SCHEMA: dict[str, pl.DataType] = {
    "decision": pl.String(), "count": pl.Int64(), "is_correction": pl.Boolean(), "is_settlement": pl.Boolean()}


def decision_mix(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
                 config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Decisions in the period by kind: ``decision``, ``count``, ``is_correction``, ``is_settlement``.

    Largest first, ties by decision key; ``is_correction`` / ``is_settlement`` follow the configured
    correction and settlement sets of the period's year (so withdrawals count as settlements only
    where a region says so).
    """
    cfg = resolve_config(config, period)
    ind = indicator("reconsideration_correction_rate")
    decided, _ = ind.masks(cfg, filters)
    counts = (filters.apply(facts.reconsideration, "reconsideration")
              .filter((in_period(ind.date_column, period) & decided).fill_null(False))
              .group_by(pl.col("decision").cast(pl.String))
              .agg(pl.len().cast(pl.Int64).alias("count"))
              .collect())
    return (counts.with_columns(pl.col("decision").is_in(sorted(cfg.correction_decisions)).alias("is_correction"),
                                pl.col("decision").is_in(sorted(cfg.effective_settlement_decisions))
                                .alias("is_settlement"))
            .select([pl.col(c).cast(t) for c, t in DECISION_MIX_SCHEMA.items()])
            .sort(["count", "decision"], descending=[True, False]))


__all__ = ["DECISION_MIX_SCHEMA", "decision_mix"]
