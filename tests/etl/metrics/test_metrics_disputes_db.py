"""Dispute channels and the 受理 → 办结 → 化解成功 funnel on SQLite and PostgreSQL, worked out by hand.

Ledger (all 2025 unless stated), unit U1 in 柳屯镇, U2 in 城关镇:
  d1 U1 诉前调解  received 01-05 concluded 02-01 success
  d2 U1 府院联动协调 received 02-01 concluded 03-01 success
  d3 U2 府院联动协调 received 03-01 concluded 04-01 failure
  d4 U2 复议调解  received 04-01 concluded 05-01 success
  d5 U2 复议调解  received 05-01 (in progress)
  d6 U1 执前和解  received 2024-12-01 concluded 01-10 failure
  d7 —  府院联动协调 received 2024-06-01 concluded 2024-07-01 success (unmatched unit, 2024)
"""

from __future__ import annotations

from datetime import date as d

import pytest
from sqlalchemy import Engine

from etl.metrics import compute_grouped, compute_indicators, drill_records, load_facts, parse_period
from tests.factories import add_county, add_dispute, add_township, add_unit

Y2025 = parse_period("2025")


@pytest.fixture
def facts(engine: Engine) -> object:
    with engine.begin() as conn:
        county = add_county(conn, "示范县")
        t1, t2 = add_township(conn, "柳屯镇", county), add_township(conn, "城关镇", county)
        u1 = add_unit(conn, "示范县自然资源局", county, sort_order=1)
        u2 = add_unit(conn, "示范县人力资源和社会保障局", county, sort_order=2)
        rows = [(u1, t1, "pre_litigation_mediation", d(2025, 1, 5), d(2025, 2, 1), "success"),
                (u1, t1, "coordination", d(2025, 2, 1), d(2025, 3, 1), "success"),
                (u2, t2, "coordination", d(2025, 3, 1), d(2025, 4, 1), "failure"),
                (u2, t2, "reconsideration_mediation", d(2025, 4, 1), d(2025, 5, 1), "success"),
                (u2, t2, "reconsideration_mediation", d(2025, 5, 1), None, "in_progress"),
                (u1, t1, "pre_enforcement_settlement", d(2024, 12, 1), d(2025, 1, 10), "failure"),
                (None, None, "coordination", d(2024, 6, 1), d(2024, 7, 1), "success")]
        for unit, town, channel, received, concluded, result in rows:
            add_dispute(conn, channel=channel, result=result, unit_id=unit, township_id=town,
                        received_on=received, concluded_on=concluded)
    return load_facts(engine)


def test_channel_rates_and_funnel_for_the_region(facts: object) -> None:
    r = compute_indicators(facts, Y2025)  # type: ignore[arg-type]
    got = {k: (r[k].value, r[k].numerator, r[k].denominator) for k in (
        "coordination_success_rate", "reconsideration_mediation_success_rate", "disputes_received",
        "disputes_concluded", "disputes_resolved")}
    assert got == {
        "coordination_success_rate": (0.5, 1, 2),  # d2 of d2, d3
        "reconsideration_mediation_success_rate": (1.0, 1, 1),  # d4; d5 pending
        "disputes_received": (5, 5, None),  # d1..d5
        "disputes_concluded": (5, 5, None),  # d1, d2, d3, d4, d6
        "disputes_resolved": (3, 3, None),  # d1, d2, d4
    }
    assert (r["coordination_success_rate"].previous, r["disputes_received"].previous) == (1.0, 2)  # d7; d6, d7


def test_channel_rates_and_funnel_by_unit_and_township(facts: object) -> None:
    units = {row["group_name"]: row for row in compute_grouped(facts, Y2025, by="unit").iter_rows(named=True)}  # type: ignore[arg-type]
    u1, u2 = units["示范县自然资源局"], units["示范县人力资源和社会保障局"]
    assert (u1["coordination_success_rate"], u2["coordination_success_rate"]) == (1.0, 0.0)
    assert (u1["reconsideration_mediation_success_rate"], u2["reconsideration_mediation_success_rate"]) == (None, 1.0)
    assert [(u["disputes_received"], u["disputes_concluded"], u["disputes_resolved"]) for u in (u1, u2)] == [
        (2, 3, 2), (3, 2, 1)]
    towns = compute_grouped(facts, Y2025, by="township")  # type: ignore[arg-type]
    assert dict(zip(towns["group_name"], towns["disputes_received"], strict=True)) == {"柳屯镇": 2, "城关镇": 3}


def test_funnel_drill_lists_exactly_the_counted_disputes(facts: object) -> None:
    for key, expected in (("disputes_received", 5), ("disputes_concluded", 5), ("disputes_resolved", 3)):
        rows = drill_records(facts, key, Y2025)  # type: ignore[arg-type]
        assert rows["in_numerator"].sum() == rows["in_denominator"].sum() == rows.height == expected, key
