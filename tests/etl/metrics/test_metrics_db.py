"""Indicators on a hand-made ledger, on SQLite and PostgreSQL (figures computed by hand below).

2025 first instance: c1 U1 revoked, c2 U1 claim_dismissed, c3 U2 withdrawn, c4 no unit (open).
2024 first instance: p1 U1 revoked, p2 U1 confirmed_illegal, p3 U2 claim_dismissed, p4 U2 withdrawn
(closed 2024-12-31), p5 U2 filed 2024-12-31, closed 2025-01-01 suit_dismissed.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from etl.metrics import Filters, compute_grouped, compute_indicators, load_facts, parse_period
from tests.ledger_factories import LedgerIds, build_ledger


@pytest.fixture
def ledger(engine: Engine) -> tuple[Engine, LedgerIds]:
    return engine, build_ledger(engine)


def test_region_figures_for_2025_match_hand_computation(ledger: tuple[Engine, LedgerIds]) -> None:
    engine, _ = ledger
    r = compute_indicators(load_facts(engine), parse_period("2025"))
    got = {k: (v.value, v.numerator, v.denominator) for k, v in r.values.items()}
    assert got == {
        "litigation_cases": (4, 4, None),  # c1..c4
        "loss_rate": (0.25, 1, 4),  # closed 2025: c1 c2 c3 p5, lost: c1
        "head_appearance_rate": (0.75, 3, 4),  # hearings c1 c2 c3 + second-instance c5
        "pre_litigation_mediation_rate": (0.5, 1, 2),  # in-progress excluded
        "pre_enforcement_settlement_rate": (1.0, 1, 1),
        "coordination_success_rate": (1.0, 1, 1),  # the unmatched coordination counts region-wide
        "reconsideration_mediation_success_rate": (None, 0, 0),
        "procuratorate_resolution_success_rate": (None, 0, 0),  # no such channel in the ledger
        "substantive_resolution_rate": (0.75, 3, 4),
        "disputes_received": (0, 0, None),  # the ledger's disputes have no receipt date
        "disputes_concluded": (4, 4, None),
        "disputes_resolved": (3, 3, None),
        "reconsideration_cases": (4, 4, None),
        "reconsideration_correction_rate": (0.25, 1, 4),  # decided 2025: r1 r2 r3 r5
        "reconsideration_settlement_rate": (0.25, 1, 4),  # withdrawn not counted by default
        "recommendation_adoption_rate": (pytest.approx(1 / 3), 1, 3),  # m2 answered late
        "judicial_recommendation_adoption_rate": (pytest.approx(1 / 3), 1, 3),  # all three are 司法建议
        "procuratorial_recommendation_adoption_rate": (None, 0, 0),
        "task_on_time_rate": (pytest.approx(1 / 3), 1, 3),  # cancelled excluded, t2 late
        "clearance_rate": (1.0, 4, 4),
        "key_cases": (0, 0, None),  # no key-case or supervision ledger: zero counts, rates not applicable
        "key_case_resolution_rate": (None, 0, 0),
        "supervision_cases": (0, 0, None),
        "supervision_recommendation_share": (None, 0, 0),
    }
    assert r["litigation_cases"].previous == 5
    assert r["litigation_cases"].change == pytest.approx(-0.2)
    assert r["litigation_cases"].change_kind == "relative"
    assert r["loss_rate"].previous == 0.5  # p1 p2 lost of p1..p4
    assert r["loss_rate"].change == pytest.approx(-0.25)
    assert r["loss_rate"].change_kind == "points"
    assert r.double_decline is True


def test_targets_and_status_for_region(ledger: tuple[Engine, LedgerIds]) -> None:
    engine, _ = ledger
    r = compute_indicators(load_facts(engine), parse_period("2025"))
    assert (r["loss_rate"].target, r["loss_rate"].status) == (0.30, "met")
    assert (r["head_appearance_rate"].target, r["head_appearance_rate"].status) == (1.0, "missed")
    assert (r["litigation_cases"].target, r["litigation_cases"].status) == (4.0, "met")
    assert (r["clearance_rate"].target, r["clearance_rate"].status) == (None, "n/a")


def test_unit_counts_as_defendant_and_unmatched_rows_count_region_wide_only(
        ledger: tuple[Engine, LedgerIds]) -> None:
    engine, ids = ledger
    facts = load_facts(engine)
    u1 = compute_indicators(facts, parse_period("2025"), Filters(unit_ids=(ids.u1,)))
    assert (u1["litigation_cases"].value, u1["litigation_cases"].previous) == (2, 2)
    assert (u1["loss_rate"].value, u1["loss_rate"].previous) == (0.5, 1.0)
    assert (u1["loss_rate"].target, u1["loss_rate"].status) == (0.40, "missed")  # unit's own target
    assert u1.double_decline is False  # 2 is not strictly lower than 2
    table = compute_grouped(facts, parse_period("2025"), by="unit")
    rows = {r["group_name"]: r for r in table.iter_rows(named=True)}
    assert set(rows) == {"示范县自然资源局", "示范县人力资源和社会保障局", "示范县市场监督管理局"}
    assert sum(r["litigation_cases"] for r in rows.values()) == 3  # c4 has no unit
    u2 = rows["示范县人力资源和社会保障局"]
    assert (u2["litigation_cases"], u2["litigation_cases__previous"]) == (1, 3)
    assert u2["litigation_cases__change"] == pytest.approx(-2 / 3)
    assert (u2["loss_rate"], u2["loss_rate__target"], u2["loss_rate__status"]) == (0.0, 0.30, "met")
    idle = rows["示范县市场监督管理局"]
    assert (idle["litigation_cases"], idle["loss_rate"], idle["loss_rate__status"]) == (0, None, "n/a")


def test_township_filter_uses_where_the_dispute_arose(ledger: tuple[Engine, LedgerIds]) -> None:
    engine, ids = ledger
    facts = load_facts(engine)
    t2 = compute_indicators(facts, parse_period("2025"), Filters(township_ids=(ids.t2,)))
    assert t2["litigation_cases"].value == 2  # c3 and the unmatched c4
    table = compute_grouped(facts, parse_period("2025"), by="township")
    assert dict(zip(table["group_name"], table["litigation_cases"], strict=True)) == {"柳屯镇": 2, "城关镇": 2}


def test_area_court_and_instance_filters_combine(ledger: tuple[Engine, LedgerIds]) -> None:
    engine, ids = ledger
    facts = load_facts(engine)
    year = parse_period("2025")
    assert compute_indicators(facts, year, Filters(area_ids=(ids.land,)))["litigation_cases"].value == 1
    assert compute_indicators(facts, year, Filters(courts=("邻县人民法院",)))["litigation_cases"].value == 1
    second = compute_indicators(facts, year, Filters(instances=("second",)))
    assert (second["litigation_cases"].value, second["loss_rate"].value) == (1, 1.0)
    assert second["head_appearance_rate"].denominator == 1
    both = compute_indicators(facts, year, Filters(unit_ids=(ids.u1,), township_ids=(ids.t2,)))
    assert both["litigation_cases"].value == 0


def test_year_boundary_of_year_on_year_comparison(ledger: tuple[Engine, LedgerIds]) -> None:
    engine, _ = ledger
    facts = load_facts(engine)
    jan = compute_indicators(facts, parse_period("2025-01"))
    assert (jan["litigation_cases"].value, jan["litigation_cases"].previous) == (0, 1)  # p1 filed 2024-01-15
    assert jan["litigation_cases"].sequential == 1  # p5 filed 2024-12-31
    assert (jan["loss_rate"].value, jan["loss_rate"].denominator) == (0.0, 1)  # p5 closed 2025-01-01
    assert jan["loss_rate"].previous is None  # nothing closed in January 2024
    assert jan.double_decline is None
    dec = compute_indicators(facts, parse_period("2024-12"))
    assert (dec["litigation_cases"].value, dec["loss_rate"].value) == (1, 0.0)


def test_zero_denominators_are_not_applicable(ledger: tuple[Engine, LedgerIds]) -> None:
    engine, _ = ledger
    r = compute_indicators(load_facts(engine), parse_period("2023"))
    for key, v in r.values.items():
        if v.denominator is not None:
            assert (v.value, v.denominator, v.status) == (None, 0, "n/a"), key
    assert r["litigation_cases"].value == 0
    assert r["litigation_cases"].change is None  # no cases in 2022 either


def test_facts_carry_names_version_and_latest_record_date(ledger: tuple[Engine, LedgerIds]) -> None:
    engine, _ = ledger
    facts = load_facts(engine)
    assert facts.region_name == "示范县"
    assert str(facts.as_of) == "2025-12-01"  # r4 received
    assert facts.litigation.height == 10
    assert facts.targets.height == 4
