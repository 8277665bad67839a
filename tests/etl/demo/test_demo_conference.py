"""The demo county's conference ledgers: a meeting register whose tasks name their meeting by name and
by 纪要文号, key cases that name real lawsuits and disputes, supervision cases, procuratorate-assisted
disputes — in plausible magnitudes, computed here with plain Polars from the generated frames."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from etl.demo import generate_demo
from etl.metrics import facts_from_frames
from etl.metrics.links import comparable, link_tasks_to_meetings

END = dt.date(2026, 6, 15)
YEARS = (2023, 2024, 2025)


@pytest.fixture(scope="module", params=(1, 20231225))
def frames(request: pytest.FixtureRequest) -> dict[str, pl.DataFrame]:
    [(_, county)] = list(generate_demo(request.param, "county", END).county_facts())
    return county


def yearly(frame: pl.DataFrame, column: str) -> pl.Series:
    return frame.filter(pl.col(column).dt.year().is_in(YEARS)).group_by(pl.col(column).dt.year()).len()["len"]


def test_four_meetings_a_year_and_every_task_finds_its_meeting(frames: dict[str, pl.DataFrame]) -> None:
    meetings, tasks = frames["meeting"], frames["joint_task"]
    assert (yearly(meetings, "held_on") == 4).all()
    assert set(meetings["kind"]) == {"court", "procuratorate", "joint"}
    facts = facts_from_frames(meetings=meetings.with_row_index("id", 1), tasks=tasks.with_row_index("id", 1))
    linked = link_tasks_to_meetings(facts.tasks, facts.frame("meetings"))
    assert linked["meeting_id"].null_count() == 0
    by_name = tasks["meeting"].is_in(meetings["name"].implode())
    by_minutes = tasks["meeting"].is_in(meetings["minutes_no"].implode())
    assert by_name.sum() > 0 and by_minutes.sum() > 0 and (~by_name & ~by_minutes).sum() > 0  # and inside a text


def test_tasks_name_partner_units_and_leaders_for_many_not_all(frames: dict[str, pl.DataFrame]) -> None:
    tasks = frames["joint_task"]
    assert 0.3 < tasks["partner_units"].is_not_null().mean() < 0.7  # type: ignore[operator]
    assert 0.6 < tasks["leader"].is_not_null().mean() < 0.95  # type: ignore[operator]


def test_key_cases_name_lawsuits_and_disputes_and_some_are_overdue(frames: dict[str, pl.DataFrame]) -> None:
    keys = frames["key_case"]
    assert yearly(keys, "listed_on").is_between(10, 25).all()
    references = keys.select(comparable(pl.col("reference")).alias("k"))["k"]
    lawsuits = frames["litigation_case"].select(comparable(pl.col("case_number")).alias("k"))["k"]
    disputes = frames["dispute_case"].select(comparable(pl.col("reference")).alias("k"))["k"]
    assert references.is_in(lawsuits.implode()).sum() > 0 and references.is_in(disputes.implode()).sum() > 0
    assert (references.is_in(lawsuits.implode()) | references.is_in(disputes.implode())).all()
    assert set(keys["status"]) == {"open", "resolved", "unresolved"}
    overdue = keys.filter((pl.col("status") == "open") & (pl.col("due_on") < END))
    assert 1 <= overdue.height <= keys.height * 0.2
    resolved = keys.filter(pl.col("status") != "open")
    assert (resolved["resolved_on"] >= resolved["listed_on"]).all()


def test_supervision_cases_cover_three_lines_and_end_in_recommendations_often(
        frames: dict[str, pl.DataFrame]) -> None:
    cases = frames["supervision_case"]
    assert yearly(cases, "received_on").is_between(20, 40).all()
    assert set(cases["kind"]) == {"litigation", "non_litigation_enforcement", "illegal_conduct"}
    closed = cases.filter(pl.col("closed_on").is_not_null())
    assert 0.3 <= (closed["result"] == "recommendation").mean() <= 0.65  # type: ignore[operator]
    assert (cases.filter(pl.col("closed_on").is_null())["result"] == "in_progress").all()
    assert (closed.filter(pl.col("result") == "protest")["kind"] == "litigation").all()


def test_the_procuratorate_helps_resolve_a_dozen_or_so_disputes_a_year(frames: dict[str, pl.DataFrame]) -> None:
    helped = frames["dispute_case"].filter(pl.col("channel") == "procuratorate")
    assert yearly(helped, "received_on").is_between(8, 25).all()
    assert helped["reference"].n_unique() == helped.height
