"""Drill-through adds up to the figures; overdue tasks, open recommendations and warnings are listed."""

from __future__ import annotations

from datetime import date as d

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from etl.metrics import (
    INDICATORS,
    Filters,
    compute_grouped,
    compute_indicators,
    compute_warnings,
    drill_records,
    facts_from_frames,
    load_facts,
    open_recommendations,
    overdue_tasks,
    parse_definitions,
    parse_period,
)
from tests.ledger_factories import LedgerIds, build_ledger

Y2025 = parse_period("2025")


@pytest.fixture
def ledger(sqlite_url: str) -> tuple[object, LedgerIds]:
    from etl.db.engine import make_engine

    engine: Engine = make_engine(sqlite_url)
    ids = build_ledger(engine)
    facts = load_facts(engine)
    engine.dispose()
    return facts, ids


@pytest.mark.parametrize("key", [i.key for i in INDICATORS])
def test_drill_records_add_up_to_the_figure(ledger: tuple, key: str) -> None:
    facts, ids = ledger
    for filters in (Filters(), Filters(unit_ids=(ids.u1,))):
        value = compute_indicators(facts, Y2025, filters)[key]
        rows = drill_records(facts, key, Y2025, filters)
        assert int(rows["in_numerator"].sum()) == value.numerator
        if value.denominator is not None:
            assert int(rows["in_denominator"].sum()) == value.denominator


def test_drill_records_name_the_unit_and_township(ledger: tuple) -> None:
    facts, _ = ledger
    lost = drill_records(facts, "loss_rate", Y2025).filter(pl.col("in_numerator"))
    assert lost.select("case_number", "unit_name", "township_name", "area_name").rows() == [
        (lost["case_number"][0], "示范县自然资源局", "柳屯镇", "土地征收")]


def test_overdue_tasks_and_open_recommendations_on_a_given_day(ledger: tuple) -> None:
    facts, ids = ledger
    tasks = overdue_tasks(facts, as_of=d(2025, 10, 30))
    assert tasks.select("unit_id", "deadline", "days_overdue").rows() == [(ids.u2, d(2025, 9, 30), 30)]
    assert overdue_tasks(facts, as_of=d(2025, 9, 30)).is_empty()  # due today is not overdue yet
    recs = open_recommendations(facts, as_of=d(2025, 6, 30))
    # m2 (due 6-30, answered 7-5) and m3 (due 9-30) are open on 6-30; neither is overdue yet.
    assert recs.select("unit_id", "overdue", "days_overdue").rows() == [(ids.u1, False, None), (ids.u2, False, None)]
    later = open_recommendations(facts, as_of=d(2025, 10, 1))
    assert later.select("unit_id", "overdue", "days_overdue").rows() == [(ids.u2, True, 1)]


def test_warnings_flag_each_rule(ledger: tuple) -> None:
    facts, ids = ledger
    got = compute_warnings(facts, Y2025, as_of=d(2025, 12, 1)).select("group_id", "kind").rows()
    assert got == [(ids.u1, "loss_above_target"), (ids.u1, "head_below_target"), (ids.u2, "overdue_tasks"),
                   (ids.u2, "unanswered_recommendations")]


def test_volume_rise_warning_respects_share_and_minimum() -> None:
    # Last year's suits were closed in time: nothing is pending past its limit to warn about.
    rows = ([{"id": i, "unit_id": 1, "instance": "first", "filed_on": d(2024, 3, 1), "closed_on": d(2024, 6, 1)}
             for i in range(2)]
            + [{"id": 10 + i, "unit_id": 1, "instance": "first", "filed_on": d(2025, 3, 1)} for i in range(3)])
    facts = facts_from_frames(litigation=pl.DataFrame(rows),
                              units=pl.DataFrame({"id": [1], "name": ["甲局"], "unit_type": ["agency"]}))
    warned = compute_warnings(facts, Y2025)
    assert warned.select("kind", "value").rows() == [("volume_rise", 0.5)]
    assert "同比增加1件" in warned["message_zh"][0]  # 2 → 3: whole cases, too few for a per cent
    strict = parse_definitions({"defaults": {"warnings": {"volume_min_cases": 4}}})
    assert compute_warnings(facts, Y2025, config=strict).is_empty()


cases = st.lists(st.fixed_dictionaries({
    "unit_id": st.one_of(st.none(), st.integers(1, 3)),
    "township_id": st.one_of(st.none(), st.integers(1, 2)),
    "instance": st.sampled_from(["first", "second"]),
    "filed_on": st.dates(d(2024, 1, 1), d(2025, 12, 31)),
    "closed_on": st.one_of(st.none(), st.dates(d(2024, 1, 1), d(2025, 12, 31))),
    "outcome": st.sampled_from(["revoked", "claim_dismissed", "withdrawn", "varied"]),
}), max_size=40)


@settings(max_examples=40, deadline=None)
@given(cases)
def test_groups_plus_unattributed_rows_equal_region_totals(rows: list[dict]) -> None:
    frame = pl.DataFrame(rows, schema={"unit_id": pl.Int64, "township_id": pl.Int64, "instance": pl.String,
                                       "filed_on": pl.Date, "closed_on": pl.Date, "outcome": pl.String})
    facts = facts_from_frames(litigation=frame.with_row_index("id"),
                              units=pl.DataFrame({"id": [1, 2, 3], "name": list("ABC"), "unit_type": ["agency"] * 3}))
    region = compute_indicators(facts, Y2025)
    grouped = compute_grouped(facts, Y2025, by="unit")
    orphans = compute_indicators(facts_from_frames(litigation=frame.filter(pl.col("unit_id").is_null())
                                                   .with_row_index("id")), Y2025)
    for key in ("litigation_cases", "loss_rate", "clearance_rate"):
        assert grouped[f"{key}__num"].sum() + orphans[key].numerator == region[key].numerator
    assert grouped["loss_rate__den"].sum() + orphans["loss_rate"].denominator == region["loss_rate"].denominator
    for r in grouped.iter_rows(named=True):
        assert (r["loss_rate"] is None) == (r["loss_rate__den"] == 0)


any_date = st.one_of(st.none(), st.dates(d(2024, 6, 1), d(2025, 12, 31)))
mixed = st.fixed_dictionaries({
    "litigation": st.lists(st.fixed_dictionaries({
        "instance": st.sampled_from(["first", "second", None]), "filed_on": any_date, "hearing_on": any_date,
        "closed_on": any_date, "outcome": st.sampled_from(["revoked", "claim_dismissed", "withdrawn", None]),
        "appearance": st.sampled_from(["principal", "deputy", "agent_only", None]),
        "outcome_held": st.sampled_from([False, False, True])}), max_size=15),
    "reconsideration": st.lists(st.fixed_dictionaries({
        "received_on": any_date, "decided_on": any_date,
        "decision": st.sampled_from(["revoked", "mediated", "withdrawn", "upheld", None])}), max_size=15),
    "disputes": st.lists(st.fixed_dictionaries({
        "channel": st.sampled_from(["pre_litigation_mediation", "pre_enforcement_settlement", "coordination"]),
        "result": st.sampled_from(["success", "failure", "in_progress"]), "concluded_on": any_date}), max_size=15),
    "recommendations": st.lists(st.fixed_dictionaries({
        "due_on": any_date, "answered_on": any_date, "rectified": st.sampled_from([True, False, None])}), max_size=15),
    "tasks": st.lists(st.fixed_dictionaries({
        "deadline": any_date, "completed_on": any_date,
        "status": st.sampled_from(["open", "done", "cancelled"])}), max_size=15),
})


@settings(max_examples=40, deadline=None)
@given(mixed)
def test_rates_stay_within_their_denominators_and_null_iff_empty(tables: dict) -> None:
    frames = {name: pl.DataFrame(rows, infer_schema_length=None).with_row_index("id") if rows else None
              for name, rows in tables.items()}
    facts = facts_from_frames(**{k: v for k, v in frames.items() if v is not None})
    for period in (Y2025, parse_period("2025Q1"), parse_period("2024-12")):
        for key, v in compute_indicators(facts, period).values.items():
            if v.denominator is None:
                assert v.value == v.numerator >= 0
                continue
            assert (v.value is None) == (v.denominator == 0), key
            if key != "clearance_rate":  # closures over filings may exceed one
                assert 0 <= v.numerator <= v.denominator, key
