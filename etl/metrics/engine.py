"""The aggregation engine: numerator and denominator sums for every indicator in one pass per table.

Each fact table is filtered once (filters, then the union of the compared periods) and aggregated
with one ``group_by`` whose expressions are ``(in period & mask).sum()`` for every indicator of the
table and every compared period; periods may overlap (a year's 同比 and 环比 are the same span), so
they are flags, not a tag column. Output columns are ``{key}__num__{tag}`` and, for rates,
``{key}__den__{tag}`` (rates skip the 环比 tag ``seq``, which only counts report).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from etl.metrics.definitions import IndicatorConfig
from etl.metrics.facts import FACT_NAMES, Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import INDICATORS, Indicator

GROUP_COLUMNS = {"unit": "unit_id", "township": "township_id", "area": "area_id"}
SEQUENTIAL = "seq"  # the tag of the 环比 period in ``periods``


def in_period(column: str, period: Period) -> pl.Expr:
    return pl.col(column).is_between(pl.lit(period.start), pl.lit(period.end), closed="both")


def indicator_aggs(ind: Indicator, periods: dict[str, Period], config: IndicatorConfig,
                   filters: Filters) -> list[pl.Expr]:
    den_mask, num_mask = ind.masks(config, filters)
    exprs: list[pl.Expr] = []
    for tag, period in periods.items():
        if tag == SEQUENTIAL and ind.is_rate:
            continue  # 环比 is reported for counts only: skipping it saves a third of the rate sums
        den = in_period(ind.date_column, period) & den_mask
        if not ind.is_rate:
            # A count is its denominator mask: one sum, no separate denominator.
            exprs.append(den.fill_null(False).sum().cast(pl.Int64).alias(f"{ind.key}__num__{tag}"))
            continue
        if ind.numerator_date_column is None:
            num = den & num_mask
        else:
            num = in_period(ind.num_date, period) & num_mask
        exprs.append(num.fill_null(False).sum().cast(pl.Int64).alias(f"{ind.key}__num__{tag}"))
        exprs.append(den.fill_null(False).sum().cast(pl.Int64).alias(f"{ind.key}__den__{tag}"))
    return exprs


def _span_filter(indicators: Sequence[Indicator], periods: dict[str, Period]) -> pl.Expr:
    """Rows whose any relevant date falls in any compared period: prunes most rows before grouping."""
    columns = sorted({c for i in indicators for c in (i.date_column, i.num_date)})
    lo, hi = min(p.start for p in periods.values()), max(p.end for p in periods.values())
    return pl.any_horizontal([pl.col(c).is_between(pl.lit(lo), pl.lit(hi)) for c in columns])


def aggregate(facts: Facts, periods: dict[str, Period], filters: Filters, config: IndicatorConfig,
              by: str | None = None, indicators: Sequence[Indicator] = INDICATORS) -> pl.DataFrame:
    """Sums per group (``by`` = ``unit``/``township``/``area``, column ``group_id``) or one region row.

    Rows whose group id is null are dropped from grouped output (they count in region totals only).
    """
    plans: list[pl.LazyFrame] = []
    for table in FACT_NAMES:
        inds = [i for i in indicators if i.table == table]
        if not inds:
            continue
        aggs = [e for i in inds for e in indicator_aggs(i, periods, config, filters)]
        lazy = filters.apply(facts.frame(table), table).filter(_span_filter(inds, periods))
        if by is None:
            plans.append(lazy.select(aggs))
        else:
            plans.append(lazy.filter(pl.col(GROUP_COLUMNS[by]).is_not_null())
                         .group_by(pl.col(GROUP_COLUMNS[by]).alias("group_id")).agg(aggs))
    frames = pl.collect_all(plans)
    if by is None:
        return pl.concat(frames, how="horizontal")
    result = frames[0]
    for frame in frames[1:]:
        result = result.join(frame, on="group_id", how="full", coalesce=True)
    sums = [c for c in result.columns if c != "group_id"]
    return result.with_columns(pl.col(sums).fill_null(0))
