"""预警 (early warnings) per unit or township, from the same grouped figures the screens show.

A group is flagged when its volume rises by more than the configured share year on year (and has
at least the configured number of cases, so 1 → 2 is not "+100%"), its loss rate is above target,
its head-appearance rate is below target, or it has overdue tasks, unanswered recommendations, key
cases past their 化解期限, or lawsuits and reconsiderations pending past their statutory limit
(recommendations past theirs are already the unanswered ones).
Each warning carries its sentence in Chinese (``message_zh``) and English (``message_en``).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.metrics.compute import NO_FILTERS, compute_grouped, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.drill import open_recommendations, overdue_tasks
from etl.metrics.durations import pending_cases
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.key_cases import overdue_key_cases
from etl.metrics.periods import Period

WARNING_SCHEMA: dict[str, pl.DataType] = {
    "group_id": pl.Int64(), "group_name": pl.String(), "kind": pl.String(), "indicator_key": pl.String(),
    "value": pl.Float64(), "threshold": pl.Float64(), "message_zh": pl.String(), "message_en": pl.String()}

#: Warning kinds, in the order the 督办 page lists them.
KINDS = ("volume_rise", "loss_above_target", "head_below_target", "overdue_tasks", "unanswered_recommendations",
         "overdue_key_cases", "past_time_limit")


def _pct(x: pl.Expr) -> pl.Expr:
    return (x * 100).round(1).cast(pl.String) + "%"


def _plural(n: pl.Expr, singular: str, plural: str) -> pl.Expr:
    """``1 case`` / ``2 cases``: English messages agree in number."""
    return pl.when(n == 1).then(pl.lit(singular)).otherwise(pl.lit(plural))


def compute_warnings(facts: Facts, period: Period, filters: Filters = NO_FILTERS, by: str = "unit",
                     config: IndicatorConfig | Definitions | None = None,
                     as_of: dt.date | None = None, grouped: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per (group, warning kind); columns as ``WARNING_SCHEMA``; ``by`` is unit or township.

    ``grouped``: ``compute_grouped(facts, period, filters, by, config)`` when the caller already has it.
    """
    if by not in {"unit", "township"}:
        raise ValueError(f"预警只能按单位或乡镇分组，而不是 {by!r}")
    cfg = resolve_config(config, period)
    g = grouped if grouped is not None else compute_grouped(facts, period, filters, by=by, config=cfg)
    rules = cfg.warnings
    parts = [
        g.filter((pl.col("litigation_cases__change") > rules.volume_rise)
                 & (pl.col("litigation_cases") >= rules.volume_min_cases)).select(
            "group_id", "group_name", pl.lit("volume_rise").alias("kind"),
            pl.lit("litigation_cases").alias("indicator_key"),
            pl.col("litigation_cases__change").alias("value"), pl.lit(rules.volume_rise).alias("threshold"),
            pl.format("行政诉讼发案量同比上升{}（{}件，上年同期{}件）", _pct(pl.col("litigation_cases__change")),
                      pl.col("litigation_cases"), pl.col("litigation_cases__previous")).alias("message_zh"),
            pl.format("Lawsuits filed up {} year on year ({} {}, {} a year earlier)",
                      _pct(pl.col("litigation_cases__change")), pl.col("litigation_cases"),
                      _plural(pl.col("litigation_cases"), "case", "cases"),
                      pl.col("litigation_cases__previous")).alias("message_en")),
        g.filter(pl.col("loss_rate") > pl.col("loss_rate__target")).select(
            "group_id", "group_name", pl.lit("loss_above_target").alias("kind"),
            pl.lit("loss_rate").alias("indicator_key"), pl.col("loss_rate").alias("value"),
            pl.col("loss_rate__target").alias("threshold"),
            pl.format("行政诉讼败诉率{}，高于目标{}（{}/{}件）", _pct(pl.col("loss_rate")),
                      _pct(pl.col("loss_rate__target")), pl.col("loss_rate__num"),
                      pl.col("loss_rate__den")).alias("message_zh"),
            pl.format("Loss rate {}, above the target of {} ({} of {} {})", _pct(pl.col("loss_rate")),
                      _pct(pl.col("loss_rate__target")), pl.col("loss_rate__num"), pl.col("loss_rate__den"),
                      _plural(pl.col("loss_rate__den"), "case", "cases")).alias("message_en")),
        g.filter(pl.col("head_appearance_rate") < pl.col("head_appearance_rate__target")).select(
            "group_id", "group_name", pl.lit("head_below_target").alias("kind"),
            pl.lit("head_appearance_rate").alias("indicator_key"), pl.col("head_appearance_rate").alias("value"),
            pl.col("head_appearance_rate__target").alias("threshold"),
            pl.format("负责人出庭应诉率{}，低于目标{}（{}/{}件）", _pct(pl.col("head_appearance_rate")),
                      _pct(pl.col("head_appearance_rate__target")), pl.col("head_appearance_rate__num"),
                      pl.col("head_appearance_rate__den")).alias("message_zh"),
            pl.format("Agency-head appearance rate {}, below the target of {} ({} of {} {})",
                      _pct(pl.col("head_appearance_rate")), _pct(pl.col("head_appearance_rate__target")),
                      pl.col("head_appearance_rate__num"), pl.col("head_appearance_rate__den"),
                      _plural(pl.col("head_appearance_rate__den"), "hearing", "hearings")).alias("message_en")),
        _open_items(overdue_tasks(facts, as_of, filters), g, by, "overdue_tasks", "task_on_time_rate",
                    "有{}项双清单任务逾期未完成", ("{} joint task overdue", "{} joint tasks overdue")),
        _open_items(open_recommendations(facts, as_of, filters).filter(pl.col("overdue")), g, by,
                    "unanswered_recommendations", "recommendation_adoption_rate", "有{}份司法/检察建议逾期未回复",
                    ("{} judicial/procuratorial recommendation unanswered past its deadline",
                     "{} judicial/procuratorial recommendations unanswered past their deadline")),
        _open_items(overdue_key_cases(facts, as_of, filters), g, by, "overdue_key_cases", "key_case_resolution_rate",
                    "有{}件重点案件超过化解期限仍未化解",
                    ("{} key case unresolved past its deadline", "{} key cases unresolved past their deadline")),
        _open_items(pending_cases(facts, as_of, filters, cfg, kinds=("litigation", "reconsideration"))
                    .filter(pl.col("past")), g, by, "past_time_limit", "litigation_cases",
                    "有{}件诉讼、复议案件超过法定期限仍未办结",
                    ("{} lawsuit or reconsideration pending past its statutory time limit",
                     "{} lawsuits and reconsiderations pending past their statutory time limit")),
    ]
    frames = [p.select([pl.col(c).cast(t) for c, t in WARNING_SCHEMA.items()]) for p in parts]
    order = pl.DataFrame({"kind": list(KINDS), "_order": list(range(len(KINDS)))})
    return (pl.concat(frames).join(order, on="kind", how="left")
            .sort(["_order", "group_id"]).drop("_order"))


def _open_items(items: pl.DataFrame, grouped: pl.DataFrame, by: str, kind: str, key: str,
                template: str, templates_en: tuple[str, str]) -> pl.DataFrame:
    column = "unit_id" if by == "unit" else "township_id"
    counts = (items.filter(pl.col(column).is_not_null())
              .group_by(pl.col(column).alias("group_id")).agg(pl.len().alias("n")))
    return counts.join(grouped.select("group_id", "group_name"), on="group_id", how="inner").select(
        "group_id", "group_name", pl.lit(kind).alias("kind"), pl.lit(key).alias("indicator_key"),
        pl.col("n").cast(pl.Float64).alias("value"), pl.lit(0.0).alias("threshold"),
        pl.format(template, pl.col("n")).alias("message_zh"),
        pl.when(pl.col("n") == 1).then(pl.format(templates_en[0], pl.col("n")))
        .otherwise(pl.format(templates_en[1], pl.col("n"))).alias("message_en"))
