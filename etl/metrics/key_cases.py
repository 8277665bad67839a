"""Key cases (重点案件, 一案一策): the list a leader follows, the overdue ones, the lawsuits and disputes they
mark as key, and the assessment event of an agency head absent from a key case's hearing.

A key case is overdue on a day when it is still 化解中 and its 化解期限 has passed — the same rule the
warnings (``alerts``), the pages and the wall screen use, from :func:`key_case_overdue_on`.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.db.models import KeyCaseStatus
from etl.metrics.compute import NO_FILTERS, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.drill import with_names
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.links import KEY_LINKED_COLUMNS, comparable, key_references
from etl.metrics.periods import Period
from etl.wording.labels import RECORD_LABELS, record_label
from etl.wording.numbers import Lang

TABLE = "keycases"
#: Key-case states as the documents name them (Chinese, English): the wording layer's.
STATUS_LABELS = RECORD_LABELS["key_case_status"]
#: The kind of the assessment event (``head_absent_at_key_cases``), registered in
#: ``etl.metrics.assessment_events.EVENT_SOURCES``.
HEAD_ABSENT_EVENT = "head_absent_key_case"


def key_case_overdue_on(day: dt.date) -> pl.Expr:
    """Still 化解中 after its 化解期限 on ``day``."""
    return ((pl.col("status") == KeyCaseStatus.OPEN.value) & (pl.col("due_on") < pl.lit(day))).fill_null(False)


def key_case_list(facts: Facts, as_of: dt.date | None = None, filters: Filters = NO_FILTERS,
                  period: Period | None = None, with_earlier_open: bool = False) -> pl.DataFrame:
    """The key cases (listed in ``period`` when given, else all; ``with_earlier_open`` adds those listed
    earlier and still 化解中 — what a leader follows), overdue first, then open by 化解期限, then the closed
    ones: the ledger's columns with unit/township/area names, ``overdue``, ``days_overdue``, ``days_left``
    (open cases with a 化解期限) and ``linked`` (how many lawsuits and disputes it names)."""
    day = as_of or facts.as_of or dt.date.today()
    lazy = filters.apply(facts.frame(TABLE), TABLE)
    is_open = pl.col("status") == KeyCaseStatus.OPEN.value
    if period is not None:
        listed = pl.col("listed_on").is_between(period.start, period.end).fill_null(False)
        lazy = lazy.filter(listed | (is_open & (pl.col("listed_on") < period.start)) if with_earlier_open else listed)
    rows = lazy.with_columns(
        key_case_overdue_on(day).alias("overdue"),
        pl.when(key_case_overdue_on(day)).then((pl.lit(day) - pl.col("due_on")).dt.total_days()).alias("days_overdue"),
        pl.when(is_open & (pl.col("due_on") >= pl.lit(day))).then((pl.col("due_on") - pl.lit(day)).dt.total_days())
        .alias("days_left"),
        is_open.alias("_open")).collect()
    linked = _linked_counts(facts)
    rows = (rows.join(linked, left_on="id", right_on="key_case_id", how="left", maintain_order="left")
            .with_columns(pl.col("linked").fill_null(0))
            .sort(["overdue", "days_overdue", "_open", "due_on", "id"], descending=[True, True, True, False, False],
                  nulls_last=True).drop("_open"))
    return with_names(rows, facts)


def overdue_key_cases(facts: Facts, as_of: dt.date | None = None, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """The key cases still 化解中 past their 化解期限 on ``as_of``, longest overdue first."""
    return key_case_list(facts, as_of, filters).filter(pl.col("overdue"))


def _linked_counts(facts: Facts) -> pl.DataFrame:
    """Per key case, how many lawsuits and disputes its 编号 names."""
    keys = key_references(facts.frame(TABLE))
    parts = [facts.frame(table).select(comparable(pl.col(column)).alias("_key")).join(keys, on="_key", how="inner")
             for table, column in KEY_LINKED_COLUMNS.items()]
    return pl.concat(parts).group_by("key_case_id").agg(pl.len().cast(pl.Int64).alias("linked"))


def key_lawsuits(facts: Facts) -> pl.DataFrame:
    """The lawsuits a key case names, with the key case's id, name and 包案领导."""
    keys = facts.frame(TABLE).select(pl.col("id").alias("key_case_id"), pl.col("name").alias("key_case_name"),
                                     "leader", comparable(pl.col("reference")).alias("_key"))
    return (facts.litigation.with_columns(comparable(pl.col("case_number")).alias("_key"))
            .join(keys.drop_nulls("_key").unique("_key", keep="first"), on="_key", how="inner").drop("_key"))


def head_absent_at_key_cases(facts: Facts, period: Period, as_of: dt.date,
                             config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Assessment events (the columns of ``assessment_events.EVENT_SCHEMA``, which casts them; not imported
    here, as that registry imports this module): hearings in the period of a key case's lawsuit at which
    the defendant's head did not appear. Who counts as the head is head_appearance_rate's rule
    (``IndicatorConfig.head_appearances``: 正职, and 副职 unless ``deputy_counts_as_head`` is false); an
    unrecorded appearance is not an appearance, and a held one (wording not yet mapped) is no event until
    the office says what it means. ``as_of`` is unused: a hearing is an event on its day."""
    heads = sorted(resolve_config(config, period).head_appearances)
    appeared = pl.col("appearance").cast(pl.String).is_in(heads).fill_null(False)
    held = pl.col("appearance_held").fill_null(False)
    absent = key_lawsuits(facts).filter(pl.col("hearing_on").is_between(period.start, period.end) & ~appeared & ~held)
    return absent.select(
        "unit_id", "township_id", pl.lit(HEAD_ABSENT_EVENT).alias("kind"), pl.col("case_number").alias("reference"),
        pl.col("hearing_on").alias("on"),
        pl.format("重点案件{}（{}）{}开庭，行政机关负责人未出庭", "case_number", "key_case_name", "hearing_on")
        .alias("detail_zh"),
        pl.format("Key case {} ({}): the agency head was absent from the hearing on {}", "case_number",
                  "key_case_name", "hearing_on").alias("detail_en"),
    ).sort(["on", "reference"])


def status_label(status: str | None, lang: Lang = "zh") -> str:
    return record_label(STATUS_LABELS, status, lang)
