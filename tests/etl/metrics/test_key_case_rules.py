"""Key cases on literal frames: the list a leader follows (overdue first), what marks a lawsuit or a
dispute as key, the overdue warning and the assessment event of a head absent from a key hearing."""

from __future__ import annotations

from datetime import date as d

import polars as pl

from etl.metrics import (
    IndicatorConfig,
    compute_warnings,
    drill_records,
    facts_from_frames,
    parse_period,
    parse_scheme,
    rank,
)
from etl.metrics.assessment_events import EVENT_SCHEMA, EVENT_SOURCES, collect_events
from etl.metrics.breakdown import score_breakdown
from etl.metrics.key_cases import HEAD_ABSENT_EVENT, head_absent_at_key_cases, key_case_list

UNITS = pl.DataFrame({"id": [1, 2], "name": ["甲局", "乙局"], "unit_type": ["agency", "agency"]})
KEY_CASES = pl.DataFrame([
    {"id": 1, "reference": "（2025）豫0928行初15号", "name": "王某征收补偿案", "unit_id": 1, "leader": "张副县长",
     "listed_on": d(2025, 3, 1), "due_on": d(2025, 9, 30), "status": "open"},  # overdue on 2025-12-01: 62 days
    {"id": 2, "reference": "SQ-2025-007", "name": "李某安置争议", "unit_id": 2, "listed_on": d(2025, 4, 10),
     "due_on": d(2025, 6, 30), "status": "resolved", "resolved_on": d(2025, 6, 1)},  # resolved: never overdue
    {"id": 3, "reference": "ZD-2025-03", "name": "某公司处罚争议", "unit_id": 2, "listed_on": d(2025, 5, 1),
     "due_on": d(2026, 3, 31), "status": "open"},  # 120 days left
    {"id": 4, "reference": "ZD-2025-04", "name": "期限未定", "unit_id": 1, "listed_on": d(2025, 5, 1),
     "due_on": None, "status": "open"},  # no deadline: open, never overdue
])
LITIGATION = pl.DataFrame([
    {"id": 1, "instance": "first", "case_number": "(2025)豫0928行初15号", "unit_id": 1, "filed_on": d(2025, 2, 1),
     "hearing_on": d(2025, 5, 6), "appearance": "agent_only"},  # the key case's lawsuit, other brackets: absent
    {"id": 2, "instance": "first", "case_number": "（2025）豫0928行初16号", "unit_id": 1, "filed_on": d(2025, 2, 1),
     "hearing_on": d(2025, 5, 7), "appearance": "absent"},  # absent, but not a key case
])
DISPUTES = pl.DataFrame([
    {"id": 1, "reference": "SQ-2025-007", "channel": "coordination", "unit_id": 2, "concluded_on": d(2025, 6, 1),
     "result": "success"},
    {"id": 2, "reference": "SQ-2025-008", "channel": "coordination", "unit_id": 2, "concluded_on": d(2025, 6, 2),
     "result": "success"},
])
FACTS = facts_from_frames(keycases=KEY_CASES, litigation=LITIGATION, disputes=DISPUTES, units=UNITS)
DEC = d(2025, 12, 1)


def test_the_list_puts_overdue_first_then_open_by_deadline_then_closed() -> None:
    listed = key_case_list(FACTS, as_of=DEC)
    assert listed["id"].to_list() == [1, 3, 4, 2]
    first, second = listed.row(0, named=True), listed.row(1, named=True)
    assert (first["overdue"], first["days_overdue"], first["unit_name"], first["linked"]) == (True, 62, "甲局", 1)
    assert (second["overdue"], second["days_left"]) == (False, 120)
    assert listed.filter(pl.col("id") == 2)["linked"].item() == 1  # names dispute SQ-2025-007


def test_a_period_lists_the_key_cases_listed_in_it_and_optionally_earlier_open_ones() -> None:
    assert key_case_list(FACTS, as_of=DEC, period=parse_period("2025-04"))["id"].to_list() == [2]
    june = key_case_list(FACTS, as_of=DEC, period=parse_period("2025-06"), with_earlier_open=True)
    assert june["id"].to_list() == [1, 3, 4]  # none listed in June; the resolved one is not followed


def test_a_lawsuit_or_dispute_is_key_when_a_key_case_names_it() -> None:
    lawsuits = drill_records(FACTS, "head_appearance_rate", parse_period("2025"))
    assert dict(zip(lawsuits["id"], lawsuits["is_key"], strict=True)) == {1: True, 2: False}
    disputes = drill_records(FACTS, "coordination_success_rate", parse_period("2025"))
    assert dict(zip(disputes["id"], disputes["is_key"], strict=True)) == {1: True, 2: False}


def test_an_overdue_key_case_is_warned_for_its_unit() -> None:
    warned = compute_warnings(FACTS, parse_period("2025"), as_of=DEC).filter(pl.col("kind") == "overdue_key_cases")
    assert warned.select("group_name", "message_zh").rows() == [("甲局", "有1件重点案件超过化解期限仍未化解")]
    assert warned["message_en"].to_list() == ["1 key case unresolved past its deadline"]


def test_a_head_absent_from_a_key_cases_hearing_is_an_assessment_event() -> None:
    events = collect_events(FACTS, parse_period("2025"), (HEAD_ABSENT_EVENT,))
    assert events.schema == pl.Schema(EVENT_SCHEMA)
    assert events.select("unit_id", "kind", "reference", "on").rows() == [
        (1, HEAD_ABSENT_EVENT, "(2025)豫0928行初15号", d(2025, 5, 6))]
    assert events["detail_zh"].item() == "重点案件(2025)豫0928行初15号（王某征收补偿案）2025-05-06开庭，行政机关负责人未出庭"
    assert head_absent_at_key_cases(FACTS, parse_period("2025H2"), DEC).is_empty()  # the hearing was in May


def _key_hearing_with(appearance: str | None, held: bool = False) -> object:
    """FACTS with the key case's hearing attended as ``appearance`` (a raw spelling and no code when held)."""
    lawsuits = LITIGATION.with_columns(
        pl.when(pl.col("id") == 1).then(pl.lit(appearance)).otherwise(pl.col("appearance")).alias("appearance"),
        (pl.col("id") == 1 if held else pl.lit(False)).alias("appearance_held"))
    return facts_from_frames(keycases=KEY_CASES, litigation=lawsuits, disputes=DISPUTES, units=UNITS)


def test_who_counts_as_the_head_at_a_key_hearing_is_the_appearance_rates_rule() -> None:
    year = parse_period("2025")
    assert head_absent_at_key_cases(_key_hearing_with("principal"), year, DEC).is_empty()
    deputy = _key_hearing_with("deputy")
    assert head_absent_at_key_cases(deputy, year, DEC).is_empty()  # a 副职 is a 负责人 by default
    strict = IndicatorConfig(deputy_counts_as_head=False)
    assert head_absent_at_key_cases(deputy, year, DEC, strict)["reference"].to_list() == ["(2025)豫0928行初15号"]
    assert collect_events(deputy, year, (HEAD_ABSENT_EVENT,), strict).height == 1
    # A wording not yet mapped is no event until the office says what it means.
    assert head_absent_at_key_cases(_key_hearing_with(None, held=True), year, DEC).is_empty()


def test_the_event_is_registered_and_deducts_in_the_units_breakdown() -> None:
    assert EVENT_SOURCES[HEAD_ABSENT_EVENT].label_zh == "重点案件负责人未出庭"
    scheme = parse_scheme({"name": "测试", "min_cases": 1,
                           "indicators": [{"key": "head_appearance_rate", "weight": 100, "threshold": 0.5}],
                           "events": [{"kind": HEAD_ABSENT_EVENT, "action": "deduct", "per": 2, "cap": 5}]})
    table = rank(FACTS, parse_period("2025"), scheme=scheme)
    jia = table.filter(pl.col("group_name") == "甲局").row(0, named=True)
    # 甲局's head missed two hearings, one of a key case's lawsuit: one event, two points.
    assert (jia[f"{HEAD_ABSENT_EVENT}__events"], jia["deduction"]) == (1, 2.0)
    events = collect_events(FACTS, parse_period("2025"), tuple(EVENT_SOURCES))
    lines = score_breakdown(table, scheme, events, 1)
    named = lines.filter(pl.col("section") == "event")
    assert named["points"].to_list() == [-2.0]
    assert "(2025)豫0928行初15号" in named["value"][0] and "负责人未出庭" in named["value"][0]
    assert table.filter(pl.col("group_name") == "乙局")["deduction"].item() == 0.0
