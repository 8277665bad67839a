"""The meeting register and its decisions (会议纪要确定事项): for every meeting, how many 双清单 tasks it
agreed and how many of them are done, done on time, open and overdue.

A task belongs to the meeting its 来源会议 names (``etl.metrics.links``); its state is the one it had on the
day asked (done by then, else open, overdue once past its deadline). Tasks naming a meeting that is
not in the register are grouped under the name they give, and tasks naming none under
:data:`NO_MEETING`, so every task is counted somewhere. The on-time rule is task_on_time_rate's and
the overdue rule the 督办 lists' (``registry.task_done_on_time``, ``drill.task_overdue_on``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from etl.db.models import TaskStatus
from etl.metrics.compute import NO_FILTERS
from etl.metrics.drill import task_finished_by, task_overdue_on, with_names
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.links import MEETING_ID, link_tasks_to_meetings
from etl.metrics.periods import Period
from etl.metrics.registry import task_done_on_time
from etl.wording.labels import RECORD_LABELS, record_label
from etl.wording.numbers import Lang

#: The group of tasks whose 来源会议 is blank.
NO_MEETING = "（未注明来源会议）"
#: Meeting kinds as the documents name them (Chinese, English): the wording layer's.
KIND_LABELS = RECORD_LABELS["meeting_kind"]
COUNTS = ("decisions", "done", "done_on_time", "open", "overdue", "cancelled")
PROGRESS_SCHEMA: dict[str, pl.DataType] = {
    MEETING_ID: pl.Int64(), "name": pl.String(), "kind": pl.String(), "held_on": pl.Date(),
    "minutes_no": pl.String(), "attendees": pl.String(), "registered": pl.Boolean(),
    **{c: pl.Int64() for c in COUNTS}}


def kind_label(kind: str | None, lang: Lang = "zh") -> str:
    return record_label(KIND_LABELS, kind, lang)


def _task_counts(tasks: pl.DataFrame, day: dt.date, period: Period | None) -> pl.DataFrame:
    """Per meeting (or per unregistered 来源会议 text), the decisions and their state on ``day``: done by
    then (on time or late), else open — overdue once past the deadline — so the states add up."""
    cancelled = pl.col("status") == TaskStatus.CANCELLED.value
    finished = task_finished_by(day)
    assigned_in = (pl.col("assigned_on").is_between(period.start, period.end) if period is not None
                   else pl.lit(True))
    text = pl.col("meeting").cast(pl.String).str.strip_chars()
    return (tasks.with_columns(pl.when(pl.col(MEETING_ID).is_null())
                               .then(pl.when(text.str.len_chars() > 0).then(text).otherwise(pl.lit(NO_MEETING)))
                               .alias("_text"))
            .group_by(MEETING_ID, "_text")
            .agg((~cancelled).sum().alias("decisions"),
                 finished.sum().alias("done"),
                 (finished & task_done_on_time()).sum().alias("done_on_time"),
                 (~cancelled & ~finished).sum().alias("open"),
                 task_overdue_on(day).sum().alias("overdue"),
                 cancelled.sum().alias("cancelled"),
                 assigned_in.fill_null(False).any().alias("_assigned_in")))


def decisions_by_meeting(facts: Facts, as_of: dt.date | None = None, filters: Filters = NO_FILTERS,
                         period: Period | None = None, with_earlier_overdue: bool = False) -> pl.DataFrame:
    """One row per meeting (columns :data:`PROGRESS_SCHEMA`): the register's meetings in date order, then
    the meetings tasks name that the register lacks (``registered`` false, ``name`` as the tasks give it),
    and last the tasks that name none (:data:`NO_MEETING`).

    ``as_of`` is "today" for overdue (default: the latest record date). ``period`` keeps the meetings
    held in it (unregistered ones: with a task assigned in it); ``with_earlier_overdue`` also keeps
    earlier meetings whose decisions are overdue — what a 督办 list follows up. With filters (a unit, a
    township …) or a liaison's facts, a meeting without a decision of theirs is left out.
    """
    day = as_of or facts.as_of or dt.date.today()
    tasks = link_tasks_to_meetings(filters.apply(facts.tasks, "tasks").collect(), facts.frame("meetings"))
    counts = _task_counts(tasks, day, period)
    meetings = facts.frame("meetings").select(
        pl.col("id").alias(MEETING_ID), "name", pl.col("kind").cast(pl.String), "held_on", "minutes_no",
        "attendees")
    registered = (meetings.join(counts.filter(pl.col(MEETING_ID).is_not_null()).drop("_text"), on=MEETING_ID,
                                how="left", maintain_order="left")
                  .with_columns(*[pl.col(c).fill_null(0) for c in COUNTS], pl.lit(True).alias("registered")))
    unregistered = counts.filter(pl.col(MEETING_ID).is_null()).select(
        MEETING_ID, pl.col("_text").alias("name"), *COUNTS, "_assigned_in", pl.lit(False).alias("registered"))
    rows = pl.concat([registered.with_columns(pl.lit(None, pl.Boolean).alias("_assigned_in")), unregistered],
                     how="diagonal_relaxed")
    if period is not None:
        kept = (pl.when(pl.col("registered")).then(pl.col("held_on").is_between(period.start, period.end))
                .otherwise(pl.col("_assigned_in")).fill_null(False))
        if with_earlier_overdue:
            kept = kept | (pl.col("overdue") > 0)
        rows = rows.filter(kept)
    if not filters.is_empty or facts.scope_unit_ids or facts.scope_township_ids:
        rows = rows.filter((pl.col("decisions") + pl.col("cancelled")) > 0)
    ordered = rows.with_columns((pl.col("name") == NO_MEETING).alias("_last")).sort(
        ["registered", "_last", "held_on", "name"], descending=[True, False, False, False], nulls_last=True)
    return ordered.select([pl.col(c).cast(t) for c, t in PROGRESS_SCHEMA.items()])


def meeting_tasks(facts: Facts, meeting_id: int | None, name: str | None = None, filters: Filters = NO_FILTERS,
                  as_of: dt.date | None = None) -> pl.DataFrame:
    """The decisions of one meeting (by id; an unregistered one by the name its tasks give), overdue first,
    with ``overdue`` and ``days_overdue`` on ``as_of``."""
    day = as_of or facts.as_of or dt.date.today()
    tasks = link_tasks_to_meetings(filters.apply(facts.tasks, "tasks").collect(), facts.frame("meetings"))
    if meeting_id is not None:
        mine = tasks.filter(pl.col(MEETING_ID) == meeting_id)
    elif name == NO_MEETING:
        mine = tasks.filter(pl.col(MEETING_ID).is_null() & (pl.col("meeting").cast(pl.String).str.strip_chars()
                                                             .fill_null("") == ""))
    else:
        mine = tasks.filter(pl.col(MEETING_ID).is_null() & (pl.col("meeting").cast(pl.String).str.strip_chars() == name))
    listed = (mine.with_columns(task_overdue_on(day).alias("overdue"),
                                pl.when(task_overdue_on(day)).then((pl.lit(day) - pl.col("deadline")).dt.total_days())
                                .alias("days_overdue"))
              .sort(["overdue", "days_overdue", "deadline", "id"], descending=[True, True, False, False],
                    nulls_last=True))
    return with_names(listed, facts)


def progress_json(row: dict[str, object]) -> dict[str, Any]:
    """One meeting as ``liandong meetings --json`` prints it."""
    held = row["held_on"]
    return {"name": row["name"], "date": held.isoformat() if isinstance(held, dt.date) else None,
            "kind": row["kind"], "kind_label": kind_label(row["kind"] if isinstance(row["kind"], str) else None),
            "minutes_no": row["minutes_no"], "attendees": row["attendees"],
            **{c: row[c] for c in COUNTS}}
