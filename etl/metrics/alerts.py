"""预警 (early warnings) per unit or township, from the same grouped figures the screens show.

A group is flagged when its volume rises by more than the configured share year on year (and has
at least the configured number of cases, so 1 → 2 is not "+100%"), its loss rate is above target,
its head-appearance rate is below target, or it has overdue tasks, unanswered recommendations, key
cases past their 化解期限, or lawsuits and reconsiderations pending past their statutory limit
(recommendations past theirs are already the unanswered ones).
Each warning carries its sentence in Chinese (``message_zh``) and English (``message_en``), written by
the wording layer (``etl.wording``) that tiles and documents use too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl

from etl.metrics.compute import NO_FILTERS, compute_grouped, resolve_config, value_from_row
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.drill import open_recommendations, overdue_tasks
from etl.metrics.durations import pending_cases
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.key_cases import overdue_key_cases
from etl.metrics.periods import Period
from etl.wording import sentences as wording
from etl.wording.numbers import Lang

WARNING_SCHEMA: dict[str, pl.DataType] = {
    "group_id": pl.Int64(), "group_name": pl.String(), "kind": pl.String(), "indicator_key": pl.String(),
    "value": pl.Float64(), "threshold": pl.Float64(), "message_zh": pl.String(), "message_en": pl.String()}

#: Warning kinds, in the order the 督办 page lists them.
KINDS = ("volume_rise", "loss_above_target", "head_below_target", "overdue_tasks", "unanswered_recommendations",
         "overdue_key_cases", "past_time_limit")


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
    rising = g.filter((pl.col("litigation_cases__change") > rules.volume_rise)
                      & (pl.col("litigation_cases") >= rules.volume_min_cases))
    parts = [
        _worded(rising, "volume_rise", "litigation_cases", pl.col("litigation_cases__change"),
                pl.lit(rules.volume_rise), lambda r, lang: wording.volume_rise_message(
                    r["litigation_cases"], r["litigation_cases__previous"], lang, min_records=cfg.rate_min_records)),
        *(_worded(g.filter(off_target), kind, key, pl.col(key), pl.col(f"{key}__target"),
                  _target_message(key, cfg.rate_min_records))
          for kind, key, off_target in (
              ("loss_above_target", "loss_rate", pl.col("loss_rate") > pl.col("loss_rate__target")),
              ("head_below_target", "head_appearance_rate",
               pl.col("head_appearance_rate") < pl.col("head_appearance_rate__target")))),
        _open_items(overdue_tasks(facts, as_of, filters), g, by, "overdue_tasks", "task_on_time_rate",
                    wording.overdue_tasks_message),
        _open_items(open_recommendations(facts, as_of, filters).filter(pl.col("overdue")), g, by,
                    "unanswered_recommendations", "recommendation_adoption_rate",
                    wording.unanswered_recommendations_message),
        _open_items(overdue_key_cases(facts, as_of, filters), g, by, "overdue_key_cases", "key_case_resolution_rate",
                    wording.overdue_key_cases_message),
        _open_items(pending_cases(facts, as_of, filters, cfg, kinds=("litigation", "reconsideration"))
                    .filter(pl.col("past")), g, by, "past_time_limit", "litigation_cases",
                    wording.past_time_limit_message),
    ]
    frames = [p.select([pl.col(c).cast(t) for c, t in WARNING_SCHEMA.items()]) for p in parts]
    order = pl.DataFrame({"kind": list(KINDS), "_order": list(range(len(KINDS)))})
    return (pl.concat(frames).join(order, on="kind", how="left")
            .sort(["_order", "group_id"]).drop("_order"))


def _target_message(key: str, min_records: int) -> Callable[[dict[str, Any], Lang], str]:
    # A function per key rather than a lambda with a ``key=key`` default: mypy cannot type such lambdas.
    return lambda r, lang: wording.target_message(key, value_from_row(r, key), lang, min_records=min_records)


def _worded(rows: pl.DataFrame, kind: str, key: str, value: pl.Expr, threshold: pl.Expr,
            message: Callable[[dict[str, Any], Lang], str]) -> pl.DataFrame:
    """Flagged rows with their sentences from the wording layer (``etl.wording``), in both languages."""
    named = list(rows.iter_rows(named=True))
    return rows.select(
        "group_id", "group_name", pl.lit(kind).alias("kind"), pl.lit(key).alias("indicator_key"),
        value.alias("value"), threshold.alias("threshold"),
        pl.Series("message_zh", [message(r, "zh") for r in named], dtype=pl.String),
        pl.Series("message_en", [message(r, "en") for r in named], dtype=pl.String))


def _open_items(items: pl.DataFrame, grouped: pl.DataFrame, by: str, kind: str, key: str,
                message: Callable[[int, Lang], str]) -> pl.DataFrame:
    column = "unit_id" if by == "unit" else "township_id"
    counts = (items.filter(pl.col(column).is_not_null())
              .group_by(pl.col(column).alias("group_id")).agg(pl.len().alias("n")))
    rows = counts.join(grouped.select("group_id", "group_name"), on="group_id", how="inner")
    ns = rows["n"].to_list()
    return rows.select(
        "group_id", "group_name", pl.lit(kind).alias("kind"), pl.lit(key).alias("indicator_key"),
        pl.col("n").cast(pl.Float64).alias("value"), pl.lit(0.0).alias("threshold"),
        pl.Series("message_zh", [message(n, "zh") for n in ns], dtype=pl.String),
        pl.Series("message_en", [message(n, "en") for n in ns], dtype=pl.String))
