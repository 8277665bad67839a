"""Supervision cases tallied by type and by result add up to the indicators' figures (literal frames)."""

from __future__ import annotations

from datetime import date as d

import polars as pl

from etl.metrics import Filters, compute_indicators, facts_from_frames, parse_period
from etl.metrics.supervision import supervision_by_kind, supervision_by_result

ROWS = pl.DataFrame([
    {"id": 1, "unit_id": 1, "kind": "litigation", "received_on": d(2025, 1, 5), "closed_on": d(2025, 3, 1),
     "result": "recommendation"},
    {"id": 2, "unit_id": 2, "kind": "non_litigation_enforcement", "received_on": d(2025, 2, 5),
     "closed_on": d(2025, 4, 1), "result": "recommendation"},
    {"id": 3, "unit_id": 2, "kind": "non_litigation_enforcement", "received_on": d(2025, 3, 5),
     "closed_on": d(2025, 4, 2), "result": "not_supported"},
    {"id": 4, "unit_id": 1, "kind": "illegal_conduct", "received_on": d(2024, 12, 5), "closed_on": d(2025, 1, 3),
     "result": "terminated"},  # received the year before, closed in 2025
    {"id": 5, "unit_id": 1, "kind": "non_litigation_enforcement", "received_on": d(2025, 11, 5), "closed_on": None,
     "result": "in_progress"},
])
FACTS = facts_from_frames(supervision=ROWS)
Y2025 = parse_period("2025")


def test_types_of_the_cases_received_add_up_to_supervision_cases() -> None:
    kinds = supervision_by_kind(FACTS, Y2025)
    assert kinds.rows() == [("non_litigation_enforcement", 3), ("litigation", 1)]
    assert kinds["count"].sum() == compute_indicators(FACTS, Y2025)["supervision_cases"].value == 4


def test_results_of_the_cases_closed_add_up_to_the_recommendation_shares_basis() -> None:
    results = supervision_by_result(FACTS, Y2025)
    assert results.rows() == [("recommendation", 2), ("not_supported", 1), ("terminated", 1)]
    share = compute_indicators(FACTS, Y2025)["supervision_recommendation_share"]
    assert (share.numerator, share.denominator) == (2, results["count"].sum())


def test_a_unit_filter_tallies_that_units_cases_only() -> None:
    assert supervision_by_kind(FACTS, Y2025, Filters(unit_ids=(2,))).rows() == [("non_litigation_enforcement", 2)]
