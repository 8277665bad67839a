"""What each unit (or township) has to report, what it has reported and what is late, as of a day.

Due: an open 双清单 task or an unanswered recommendation whose deadline falls within
``RULES.due_within_days``; a held hearing of the unit's lawsuit whose ledger does not say whether the
head appeared (reported within ``RULES.hearing_report_days``); a 预警 of the period. Reported: a report
exists for the row. Late: due, not reported, and its date has passed (a 预警 has no date, so it is
never late, only due). Pure functions of frames: the caller passes facts already scoped to the viewer.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.metrics.facts import Facts
from etl.reporting.ledger import warning_key
from etl.reporting.terms import OPEN, RULES, ReportingRules, Subject

ITEM_SCHEMA: dict[str, pl.DataType] = {
    "subject": pl.String(), "court": pl.String(), "reference": pl.String(), "unit_id": pl.Int64(),
    "township_id": pl.Int64(), "label": pl.String(), "due_on": pl.Date()}


def due_items(facts: Facts, warnings: pl.DataFrame, period: str, as_of: dt.date,
              rules: ReportingRules = RULES) -> pl.DataFrame:
    """Every row due for a report (``ITEM_SCHEMA``). ``warnings``: ``compute_warnings`` rows of the period
    with a ``by`` column (unit or township)."""
    horizon = as_of + dt.timedelta(days=rules.due_within_days)
    tasks = (facts.frame("tasks")
             .filter((pl.col("status") == OPEN) & (pl.col("deadline") <= horizon))
             .select(pl.lit(str(Subject.TASK)).alias("subject"), pl.lit("").alias("court"), "reference", "unit_id",
                     "township_id", pl.col("content").alias("label"), pl.col("deadline").alias("due_on")))
    recs = (facts.frame("recommendations")
            .filter(pl.col("answered_on").is_null() & (pl.col("due_on") <= horizon)
                    & (pl.col("issued_on").is_null() | (pl.col("issued_on") <= as_of)))
            .select(pl.lit(str(Subject.RECOMMENDATION)).alias("subject"), pl.lit("").alias("court"), "reference",
                    "unit_id", "township_id", pl.format("{} {}", pl.col("kind").cast(pl.String), pl.col("reference"))
                    .alias("label"), "due_on"))
    hearings = (facts.frame("litigation")
                .filter(pl.col("appearance").is_null() & (pl.col("hearing_on") <= as_of)
                        & (pl.col("closed_on").is_null() | (pl.col("closed_on") >= pl.col("hearing_on")))
                        & (pl.col("hearing_on") > as_of - dt.timedelta(days=rules.due_within_days * 3)))
                .select(pl.lit(str(Subject.HEARING)).alias("subject"), pl.col("court").cast(pl.String),
                        pl.col("case_number").alias("reference"), "unit_id", "township_id",
                        pl.format("{} 开庭", pl.col("case_number")).alias("label"),
                        (pl.col("hearing_on") + pl.duration(days=rules.hearing_report_days)).alias("due_on")))
    alerts = warnings.select(
        pl.lit(str(Subject.WARNING)).alias("subject"), pl.lit("").alias("court"),
        pl.struct("by", "group_id", "kind").map_elements(
            lambda r: warning_key(r["by"], r["group_id"], r["kind"], period), return_dtype=pl.String).alias("reference"),
        pl.when(pl.col("by") == "unit").then(pl.col("group_id")).alias("unit_id"),
        pl.when(pl.col("by") == "township").then(pl.col("group_id")).alias("township_id"),
        pl.col("message_zh").alias("label"), pl.lit(None, dtype=pl.Date).alias("due_on"))
    parts = [p.select([pl.col(c).cast(t) for c, t in ITEM_SCHEMA.items()]) for p in (tasks, recs, hearings, alerts)]
    return pl.concat(parts)


def with_reports(items: pl.DataFrame, reports: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """The items with ``reported`` (a report exists), ``reported_at`` and ``late``."""
    latest = reports.select("subject", "court", "reference", "reported_at", "reported_by")
    joined = items.join(latest, on=["subject", "court", "reference"], how="left")
    return joined.with_columns(
        pl.col("reported_at").is_not_null().alias("reported"),
        (pl.col("reported_at").is_null() & (pl.col("due_on") < as_of)).fill_null(False).alias("late"))


def summary_by_owner(items: pl.DataFrame, facts: Facts, reminders: pl.DataFrame) -> pl.DataFrame:
    """Per unit (or township, for rows without a unit): due, reported, late, the last report and the
    open reminders; late first."""
    owned = items.with_columns(
        pl.when(pl.col("unit_id").is_not_null()).then(pl.lit("unit")).otherwise(pl.lit("township")).alias("owner_kind"),
        pl.coalesce("unit_id", "township_id").alias("owner_id")).filter(pl.col("owner_id").is_not_null())
    counts = owned.group_by("owner_kind", "owner_id").agg(
        pl.len().alias("due"), pl.col("reported").sum().alias("reported"), pl.col("late").sum().alias("late"),
        pl.col("reported_at").max().alias("last_reported_at"))
    names = pl.concat([facts.units.select(pl.lit("unit").alias("owner_kind"), pl.col("id").alias("owner_id"),
                                          pl.col("name").alias("owner_name")),
                       facts.townships.select(pl.lit("township").alias("owner_kind"), pl.col("id").alias("owner_id"),
                                              pl.col("name").alias("owner_name"))])
    open_reminders = pl.concat([
        reminders.filter(pl.col("unit_id").is_not_null()).select(pl.lit("unit").alias("owner_kind"),
                                                                 pl.col("unit_id").alias("owner_id")),
        reminders.filter(pl.col("unit_id").is_null()).select(pl.lit("township").alias("owner_kind"),
                                                             pl.col("township_id").alias("owner_id"))]
    ).group_by("owner_kind", "owner_id").agg(pl.len().alias("reminders"))
    return (counts.join(names, on=["owner_kind", "owner_id"], how="left")
            .join(open_reminders, on=["owner_kind", "owner_id"], how="left")
            .with_columns(pl.col("reminders").fill_null(0), pl.col("owner_name").fill_null("（未匹配）"))
            .sort(["late", "due", "owner_name"], descending=[True, True, False]))


__all__ = ["due_items", "summary_by_owner", "with_reports"]
