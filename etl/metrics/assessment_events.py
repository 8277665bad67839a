"""Recorded events that an assessment scheme can turn into a veto or a deduction (考核事件).

Each source is one entry of :data:`EVENT_SOURCES`: a kind, its labels and a function returning the
period's events as rows (responsible unit, township, reference, date, a sentence naming the event).
The breakdown prints that sentence, so a deduction always says which case or recommendation caused it.

Adding a source is one entry, as the head absent from a key case's hearing
(``etl.metrics.key_cases.head_absent_at_key_cases``) was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.facts import Facts
from etl.metrics.key_cases import HEAD_ABSENT_EVENT, head_absent_at_key_cases
from etl.metrics.periods import Period

EVENT_SCHEMA: dict[str, pl.DataType] = {
    "unit_id": pl.Int64(), "township_id": pl.Int64(), "kind": pl.String(), "reference": pl.String(),
    "on": pl.Date(), "detail_zh": pl.String(), "detail_en": pl.String()}

#: The flag the office sets on a lawsuit it judges a 重大败诉 (``etl.case_flags``).
MAJOR_LOSS = "major_loss"


@dataclass(frozen=True)
class EventSource:
    kind: str
    label_zh: str
    label_en: str
    #: (facts, period, as_of, config) → rows of :data:`EVENT_SCHEMA`; ``as_of`` is the day overdue is judged
    #: on, ``config`` the indicator definitions an event shares a rule with (who counts as the head).
    collect: Callable[[Facts, Period, dt.date, IndicatorConfig | Definitions | None], pl.DataFrame]


def _in(period: Period, column: str) -> pl.Expr:
    return pl.col(column).is_between(period.start, period.end)


def _major_losses(facts: Facts, period: Period, as_of: dt.date,
                  config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Flagged lawsuits, placed in the period by their closing date (the flag date if not closed)."""
    flags = facts.case_flags.filter(pl.col("kind") == MAJOR_LOSS)
    cases = facts.litigation.select("unit_id", "township_id", pl.col("court").cast(pl.String), "case_number",
                                    "closed_on")
    rows = cases.join(flags, on=["court", "case_number"], how="inner")
    on = pl.coalesce("closed_on", "flagged_on")
    note = pl.col("note").fill_null("")
    return rows.filter(on.is_between(period.start, period.end)).select(
        "unit_id", "township_id", pl.lit(MAJOR_LOSS).alias("kind"), pl.col("case_number").alias("reference"),
        on.alias("on"),
        pl.format("{}被认定为重大败诉案件{}", "case_number",
                  pl.when(note == "").then(pl.lit("")).otherwise(pl.format("（{}）", note))).alias("detail_zh"),
        pl.format("{} was judged a major loss{}", "case_number",
                  pl.when(note == "").then(pl.lit("")).otherwise(pl.format(" ({})", note))).alias("detail_en"))


def _overdue_recommendations(facts: Facts, period: Period, as_of: dt.date,
                             config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """司法建议/检察建议 due in the period (and before ``as_of``) not answered by the deadline."""
    recs = facts.recommendations.filter(
        _in(period, "due_on") & (pl.col("due_on") < as_of)
        & (pl.col("answered_on").is_null() | (pl.col("answered_on") > pl.col("due_on"))))
    kind = pl.col("kind").cast(pl.String)
    label_zh = pl.when(kind == "procuratorial").then(pl.lit("检察建议")).otherwise(pl.lit("司法建议"))
    label_en = pl.when(kind == "procuratorial").then(pl.lit("procuratorial")).otherwise(pl.lit("judicial"))
    late_zh = pl.when(pl.col("answered_on").is_null()).then(pl.lit("逾期未回复")).otherwise(
        pl.format("{}才回复", "answered_on"))
    late_en = pl.when(pl.col("answered_on").is_null()).then(pl.lit("not answered")).otherwise(
        pl.format("answered late on {}", "answered_on"))
    return recs.select(
        "unit_id", "township_id", pl.lit("overdue_recommendation").alias("kind"),
        pl.col("reference").fill_null("（无文号）").alias("reference"), pl.col("due_on").alias("on"),
        pl.format("{}{}应于{}前回复，{}", label_zh, pl.col("reference").fill_null(""), "due_on", late_zh)
        .alias("detail_zh"),
        pl.format("{} recommendation {} due {}: {}", label_en, pl.col("reference").fill_null(""), "due_on", late_en)
        .alias("detail_en"))


EVENT_SOURCES: dict[str, EventSource] = {s.kind: s for s in (
    EventSource(MAJOR_LOSS, "重大败诉案件", "Major loss", _major_losses),
    EventSource("overdue_recommendation", "司法建议、检察建议逾期未回复", "Recommendation answered late or not at all",
                _overdue_recommendations),
    EventSource(HEAD_ABSENT_EVENT, "重点案件负责人未出庭", "Head absent from a key case's hearing",
                head_absent_at_key_cases),
)}


def collect_events(facts: Facts, period: Period, kinds: tuple[str, ...],
                   config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Every event of these kinds in the period. Lateness is judged on the latest data: an item due on or
    after that day cannot be late yet. ``config``: the indicator definitions the ranking uses (default:
    the shipped ones), so an event and its indicator apply the same rule."""
    as_of = facts.as_of or period.end + dt.timedelta(days=1)
    frames = [EVENT_SOURCES[k].collect(facts, period, as_of, config).select(
        [pl.col(c).cast(t) for c, t in EVENT_SCHEMA.items()]) for k in dict.fromkeys(kinds)]
    if not frames:
        return pl.DataFrame(schema=EVENT_SCHEMA)
    return pl.concat(frames).sort(["kind", "on", "reference"])
