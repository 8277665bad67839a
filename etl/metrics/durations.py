"""Time to close and the age of pending matters, against statutory limits (CourTools / CEPEJ).

Limits: six months for a first-instance administrative case, 60 days for a reconsideration, two
months for the reply to a recommendation (docs/indicators.md). Medians and 90th percentiles, not means: a
handful of very old cases would otherwise dominate a county's small numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from etl.metrics.compute import NO_FILTERS, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.engine import in_period
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period, year_period


@dataclass(frozen=True)
class Flow:
    """One kind of matter: where it lives, when it starts and ends, and its statutory limit."""

    kind: str
    label_zh: str
    table: str
    start: str
    end: str
    limit_months: int = 0
    limit_days: int = 0


FLOWS = (
    Flow("litigation", "一审行政诉讼", "litigation", "filed_on", "closed_on", limit_months=6),
    Flow("reconsideration", "行政复议", "reconsideration", "received_on", "decided_on", limit_days=60),
    Flow("recommendation", "司法/检察建议回复", "recommendations", "issued_on", "answered_on", limit_months=2),
)


def _deadline(flow: Flow) -> pl.Expr:
    start = pl.col(flow.start)
    if flow.limit_months:
        return start.dt.offset_by(f"{flow.limit_months}mo")
    return start + pl.duration(days=flow.limit_days)


def _rows(facts: Facts, flow: Flow, filters: Filters, cfg: IndicatorConfig) -> pl.LazyFrame:
    lazy = filters.apply(facts.frame(flow.table), flow.table)
    if flow.table == "litigation":
        lazy = lazy.filter(pl.col("instance").is_in(list(filters.instances or cfg.instances)))
    return lazy


def days_to_close(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
                  config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Per kind of matter closed in the period: count, median and p90 days, how many exceeded the limit.

    Columns: ``kind``, ``label_zh``, ``closed``, ``median_days``, ``p90_days``, ``over_limit``,
    ``over_limit_rate`` (None when nothing closed).
    """
    cfg = resolve_config(config, period)
    frames = []
    for flow in FLOWS:
        done = (_rows(facts, flow, filters, cfg)
                .filter(in_period(flow.end, period) & pl.col(flow.start).is_not_null())
                .with_columns((pl.col(flow.end) - pl.col(flow.start)).dt.total_days().alias("days"),
                              (pl.col(flow.end) > _deadline(flow)).alias("late")))
        frames.append(done.select(
            pl.lit(flow.kind).alias("kind"), pl.lit(flow.label_zh).alias("label_zh"),
            pl.len().cast(pl.Int64).alias("closed"), pl.col("days").median().alias("median_days"),
            pl.col("days").quantile(0.9, interpolation="nearest").cast(pl.Float64).alias("p90_days"),
            pl.col("late").sum().cast(pl.Int64).alias("over_limit")))
    out = pl.concat(pl.collect_all(frames))
    return out.with_columns(pl.when(pl.col("closed") > 0)
                            .then(pl.col("over_limit") / pl.col("closed")).alias("over_limit_rate"))


def pending_ages(facts: Facts, as_of: dt.date | None = None, filters: Filters = NO_FILTERS,
                 config: IndicatorConfig | Definitions | None = None, near_share: float = 0.8) -> pl.DataFrame:
    """Matters still open on ``as_of``: how many, the oldest, how many near (≥ 80%) or past the limit.

    Columns: ``kind``, ``label_zh``, ``pending``, ``oldest_days``, ``near_limit``, ``past_limit``.
    """
    day = as_of or facts.as_of or dt.date.today()
    cfg = resolve_config(config, year_period(day.year))
    frames = []
    for flow in FLOWS:
        limit_days = (_deadline(flow) - pl.col(flow.start)).dt.total_days()
        open_rows = (_rows(facts, flow, filters, cfg)
                     .filter((pl.col(flow.start) <= pl.lit(day))
                             & (pl.col(flow.end).is_null() | (pl.col(flow.end) > pl.lit(day))))
                     .with_columns((pl.lit(day) - pl.col(flow.start)).dt.total_days().alias("age"),
                                   limit_days.alias("limit")))
        frames.append(open_rows.select(
            pl.lit(flow.kind).alias("kind"), pl.lit(flow.label_zh).alias("label_zh"),
            pl.len().cast(pl.Int64).alias("pending"), pl.col("age").max().alias("oldest_days"),
            ((pl.col("age") >= pl.col("limit") * near_share) & (pl.col("age") <= pl.col("limit")))
            .sum().cast(pl.Int64).alias("near_limit"),
            (pl.col("age") > pl.col("limit")).sum().cast(pl.Int64).alias("past_limit")))
    return pl.concat(pl.collect_all(frames))
