"""Drill-through: the records behind any figure, and the open items of the 督办 (supervision) page.

Uses the very masks the indicator uses (``Indicator.masks``), so the list always adds up to the
figure: ``in_numerator.sum() == numerator`` and ``in_denominator.sum() == denominator``.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.db.models import TaskStatus
from etl.metrics.compute import NO_FILTERS, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.engine import in_period
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import indicator


def with_names(frame: pl.DataFrame, facts: Facts) -> pl.DataFrame:
    """Add unit_name, township_name, area_name next to the ids (null when unmatched)."""
    units = facts.units.select(pl.col("id").alias("unit_id"), pl.col("name").alias("unit_name"))
    towns = facts.townships.select(pl.col("id").alias("township_id"), pl.col("name").alias("township_name"))
    areas = facts.areas.select(pl.col("id").alias("area_id"), pl.col("name").alias("area_name"))
    return (frame.join(units, on="unit_id", how="left").join(towns, on="township_id", how="left")
            .join(areas, on="area_id", how="left"))


def drill_records(facts: Facts, key: str, period: Period, filters: Filters = NO_FILTERS,
                  config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Every record in the numerator or denominator of ``key`` for the period, with flags.

    Columns: the fact table's columns, ``unit_name``/``township_name``/``area_name``, and the booleans
    ``in_numerator`` and ``in_denominator`` (for a count both are the counted records). Pass
    ``period.year_earlier()`` for the records behind the 同比 figure.
    """
    ind = indicator(key)
    cfg = resolve_config(config, period)
    den_mask, num_mask = ind.masks(cfg, filters)
    in_den = (in_period(ind.date_column, period) & den_mask).fill_null(False)
    if ind.numerator_date_column is None:
        in_num = (in_den & num_mask).fill_null(False)
    else:
        in_num = (in_period(ind.num_date, period) & num_mask).fill_null(False)
    rows = (filters.apply(facts.frame(ind.table), ind.table)
            .with_columns(in_num.alias("in_numerator"), in_den.alias("in_denominator"))
            .filter(pl.col("in_numerator") | pl.col("in_denominator"))
            .sort([ind.date_column, "id"]).collect())
    return with_names(rows, facts)


def _as_of(facts: Facts, as_of: dt.date | None) -> dt.date:
    return as_of or facts.as_of or dt.date.today()


def overdue_tasks(facts: Facts, as_of: dt.date | None = None, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """双清单 tasks that were open and past their deadline on ``as_of`` (default: the latest record
    date), worst first.

    Point in time, like :func:`open_recommendations`: a task finished after ``as_of`` was still open
    on that day, so a briefing for 2025H1 written in August lists the task due in May and finished in
    July. A task marked done without a completion date counts as done; a cancelled one never counts.
    """
    day = _as_of(facts, as_of)
    finished = (pl.col("status") == TaskStatus.DONE.value) & (
        pl.col("completed_on").is_null() | (pl.col("completed_on") <= pl.lit(day)))
    rows = (filters.apply(facts.tasks, "tasks")
            .filter((pl.col("status") != TaskStatus.CANCELLED.value) & ~finished & (pl.col("deadline") < pl.lit(day)))
            .with_columns((pl.lit(day) - pl.col("deadline")).dt.total_days().alias("days_overdue"))
            .sort(["days_overdue", "id"], descending=[True, False]).collect())
    return with_names(rows, facts)


def open_recommendations(facts: Facts, as_of: dt.date | None = None,
                         filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """Recommendations not yet answered on ``as_of``; ``overdue`` when the reply deadline has passed."""
    day = _as_of(facts, as_of)
    rows = (filters.apply(facts.recommendations, "recommendations")
            .filter(pl.col("answered_on").is_null() | (pl.col("answered_on") > pl.lit(day)))
            .filter(pl.col("issued_on").is_null() | (pl.col("issued_on") <= pl.lit(day)))
            .with_columns((pl.col("due_on") < pl.lit(day)).fill_null(False).alias("overdue"),
                          pl.when(pl.col("due_on") < pl.lit(day))
                          .then((pl.lit(day) - pl.col("due_on")).dt.total_days()).alias("days_overdue"))
            .sort(["overdue", "days_overdue", "id"], descending=[True, True, False], nulls_last=True).collect())
    return with_names(rows, facts)
