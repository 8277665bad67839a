"""Time to close and the age of pending matters, against statutory limits (CourTools / CEPEJ).

Limits: six months for a first-instance administrative case, 60 days for a reconsideration, two
months for the reply to a recommendation (docs/indicators.md). Medians and 90th percentiles, not means: a
handful of very old cases would otherwise dominate a county's small numbers.

A pending matter is *near* its limit once :data:`NEAR_SHARE` of the allowed time is gone and *past* it
after the limit's last day; ``pending_ages`` counts them, ``pending_cases`` lists them, and the
warnings (``alerts``) name the units with cases past their limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from etl.metrics.compute import NO_FILTERS, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.drill import with_names
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
    label_en: str = ""
    reference: str = "reference"  # the column that names a matter in a list
    limit_zh: str = ""  # the limit as a sentence says it


FLOWS = (
    Flow("litigation", "一审行政诉讼", "litigation", "filed_on", "closed_on", limit_months=6,
         label_en="First-instance lawsuits", reference="case_number", limit_zh="6个月"),
    Flow("reconsideration", "行政复议", "reconsideration", "received_on", "decided_on", limit_days=60,
         label_en="Reconsideration", reference="case_number", limit_zh="60日"),
    Flow("recommendation", "司法/检察建议回复", "recommendations", "issued_on", "answered_on", limit_months=2,
         label_en="Replies to recommendations", limit_zh="2个月"),
)
FLOWS_BY_KIND = {f.kind: f for f in FLOWS}
#: Share of the allowed time after which a pending matter is near its limit.
NEAR_SHARE = 0.8
#: Groupings of ``days_to_close``: the frame column each reads.
DURATION_GROUPS = {"unit": "unit_id", "area": "area_id"}


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


def _closure_stats() -> list[pl.Expr]:
    return [pl.len().cast(pl.Int64).alias("closed"), pl.col("days").median().cast(pl.Float64).alias("median_days"),
            pl.col("days").quantile(0.9, interpolation="nearest").cast(pl.Float64).alias("p90_days"),
            pl.col("late").sum().cast(pl.Int64).alias("over_limit")]


def days_to_close(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
                  config: IndicatorConfig | Definitions | None = None, by: str | None = None) -> pl.DataFrame:
    """Per kind of matter closed in the period: count, median and p90 days, how many exceeded the limit.

    Columns: ``kind``, ``label_zh``, ``closed``, ``median_days``, ``p90_days``, ``over_limit``,
    ``over_limit_rate`` (None when nothing closed). ``by="unit"`` or ``"area"`` gives one row per kind
    and responsible unit (subject area) that closed something, with ``group_id`` and ``group_name``
    after ``label_zh`` (a null ``group_id`` holds the matters whose unit or area matched nothing).
    """
    if by is not None and by not in DURATION_GROUPS:
        raise ValueError(f"办理时限只能按单位或领域分组，而不是 {by!r}")
    cfg = resolve_config(config, period)
    frames = []
    for flow in FLOWS:
        done = (_rows(facts, flow, filters, cfg)
                .filter(in_period(flow.end, period) & pl.col(flow.start).is_not_null())
                .with_columns((pl.col(flow.end) - pl.col(flow.start)).dt.total_days().alias("days"),
                              (pl.col(flow.end) > _deadline(flow)).alias("late")))
        head = [pl.lit(flow.kind).alias("kind"), pl.lit(flow.label_zh).alias("label_zh")]
        if by is None:
            frames.append(done.select(*head, *_closure_stats()))
        else:
            frames.append(done.group_by(pl.col(DURATION_GROUPS[by]).alias("group_id")).agg(_closure_stats())
                          .select(*head, "group_id", pl.all().exclude("group_id")))
    out = pl.concat(pl.collect_all(frames))
    out = out.with_columns(pl.when(pl.col("closed") > 0)
                           .then(pl.col("over_limit") / pl.col("closed")).alias("over_limit_rate"))
    if by is None:
        return out
    names = (facts.units if by == "unit" else facts.areas).select(pl.col("id").alias("group_id"),
                                                                   pl.col("name").alias("group_name"))
    kinds = pl.DataFrame({"kind": [f.kind for f in FLOWS], "_order": list(range(len(FLOWS)))})
    return (out.join(names, on="group_id", how="left").join(kinds, on="kind", how="left")
            .sort(["_order", "median_days", "group_id"], descending=[False, True, False], nulls_last=True)
            .select("kind", "label_zh", "group_id", "group_name", "closed", "median_days", "p90_days", "over_limit",
                    "over_limit_rate"))


def pending_ages(facts: Facts, as_of: dt.date | None = None, filters: Filters = NO_FILTERS,
                 config: IndicatorConfig | Definitions | None = None, near_share: float = NEAR_SHARE) -> pl.DataFrame:
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


def pending_cases(facts: Facts, as_of: dt.date | None = None, filters: Filters = NO_FILTERS,
                  config: IndicatorConfig | Definitions | None = None, near_share: float = NEAR_SHARE,
                  kinds: tuple[str, ...] = tuple(FLOWS_BY_KIND)) -> pl.DataFrame:
    """The pending matters near or past their limit on ``as_of``, past first, then by days left.

    Columns: ``kind``, ``label_zh``, ``id``, ``reference``, ``unit_id``, ``township_id``, ``area_id``,
    ``started_on``, ``due_by`` (the limit's last day), ``age_days``, ``days_left`` (negative once past),
    ``past`` and the unit/township/area names. These are the matters :func:`pending_ages` counts.
    """
    day = as_of or facts.as_of or dt.date.today()
    cfg = resolve_config(config, year_period(day.year))
    frames = []
    for flow in (FLOWS_BY_KIND[k] for k in kinds):
        limit_days = (_deadline(flow) - pl.col(flow.start)).dt.total_days()
        rows = (_rows(facts, flow, filters, cfg)
                .filter((pl.col(flow.start) <= pl.lit(day))
                        & (pl.col(flow.end).is_null() | (pl.col(flow.end) > pl.lit(day))))
                .with_columns((pl.lit(day) - pl.col(flow.start)).dt.total_days().alias("age_days"),
                              limit_days.alias("_limit"))
                .filter(pl.col("age_days") >= pl.col("_limit") * near_share))
        frames.append(rows.select(
            pl.lit(flow.kind).alias("kind"), pl.lit(flow.label_zh).alias("label_zh"), "id",
            pl.col(flow.reference).cast(pl.String).alias("reference"), "unit_id", "township_id", "area_id",
            pl.col(flow.start).alias("started_on"), _deadline(flow).alias("due_by"), "age_days",
            (pl.col("_limit") - pl.col("age_days")).alias("days_left"),
            (pl.col("age_days") > pl.col("_limit")).alias("past")))
    if not frames:
        return with_names(pl.DataFrame(schema=PENDING_SCHEMA), facts)
    out = pl.concat(pl.collect_all(frames)).select([pl.col(c).cast(t) for c, t in PENDING_SCHEMA.items()])
    return with_names(out.sort(["past", "days_left", "kind", "id"], descending=[True, False, False, False]), facts)


PENDING_SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String(), "label_zh": pl.String(), "id": pl.Int64(), "reference": pl.String(),
    "unit_id": pl.Int64(), "township_id": pl.Int64(), "area_id": pl.Int64(), "started_on": pl.Date(),
    "due_by": pl.Date(), "age_days": pl.Int64(), "days_left": pl.Int64(), "past": pl.Boolean()}
