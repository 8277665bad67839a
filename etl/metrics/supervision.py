"""The procuratorate's side (府检联动) tallied: supervision cases of a period by type and by result.

Each tally covers exactly the records of an indicator, so the charts add up to the tiles: the types
add up to ``supervision_cases`` (received in the period), the results to the denominator of
``supervision_recommendation_share`` (closed in the period), its 检察建议 to the numerator.
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
from etl.wording.labels import RECORD_LABELS, record_label

TABLE = "supervision"
MIX_SCHEMA: dict[str, pl.DataType] = {"key": pl.String(), "count": pl.Int64()}
#: Types and results as the documents name them (Chinese, English): the wording layer's.
KIND_LABELS = RECORD_LABELS["supervision_kind"]
RESULT_LABELS = RECORD_LABELS["supervision_result"]
label_of = record_label


def _tally(facts: Facts, key: str, period: Period, filters: Filters, column: str,
           config: IndicatorConfig | Definitions | None) -> pl.DataFrame:
    ind = indicator(key)
    counted, _ = ind.masks(resolve_config(config, period), filters)
    counts = (filters.apply(facts.frame(TABLE), TABLE)
              .filter((in_period(ind.date_column, period) & counted).fill_null(False))
              .group_by(pl.col(column).cast(pl.String).alias("key")).agg(pl.len().cast(pl.Int64).alias("count"))
              .collect())
    return counts.select([pl.col(c).cast(t) for c, t in MIX_SCHEMA.items()]).sort(["count", "key"],
                                                                                   descending=[True, False])


def supervision_by_kind(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
                        config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Supervision cases received in the period per type (``key``, ``count``), largest first."""
    return _tally(facts, "supervision_cases", period, filters, "kind", config)


def supervision_by_result(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
                          config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Supervision cases closed in the period per result (``key``, ``count``), largest first."""
    return _tally(facts, "supervision_recommendation_share", period, filters, "result", config)

