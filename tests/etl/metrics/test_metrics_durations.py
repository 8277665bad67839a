"""Days to close and pending ages against the statutory limits, on literal frames."""

from __future__ import annotations

from datetime import date as d

import polars as pl

from etl.metrics import days_to_close, facts_from_frames, parse_period, pending_ages
from etl.metrics.durations import pending_cases

FACTS = facts_from_frames(
    litigation=pl.DataFrame([
        {"id": 1, "instance": "first", "filed_on": d(2025, 1, 1), "closed_on": d(2025, 3, 1)},  # 59 days
        {"id": 2, "instance": "first", "filed_on": d(2024, 10, 1), "closed_on": d(2025, 5, 1)},  # 212, > 6 months
        {"id": 3, "instance": "first", "filed_on": d(2025, 1, 10), "closed_on": d(2025, 1, 20)},  # 10
        {"id": 4, "instance": "second", "filed_on": d(2025, 1, 1), "closed_on": d(2025, 2, 1)},  # other instance
        {"id": 5, "instance": "first", "filed_on": d(2025, 1, 1), "closed_on": None},  # pending, 165 days on 6-15
        {"id": 6, "instance": "first", "filed_on": d(2024, 11, 1), "closed_on": None},  # pending, past 6 months
        {"id": 7, "instance": "first", "filed_on": d(2025, 8, 1), "closed_on": None}]),  # not yet filed on 6-15
    reconsideration=pl.DataFrame([
        {"id": 1, "received_on": d(2025, 1, 1), "decided_on": d(2025, 3, 2)},  # 60 days: within the limit
        {"id": 2, "received_on": d(2025, 1, 1), "decided_on": d(2025, 3, 3)}]))  # 61 days: over


def test_days_to_close_reports_median_p90_and_over_limit_per_kind() -> None:
    out = {r["kind"]: r for r in days_to_close(FACTS, parse_period("2025")).iter_rows(named=True)}
    lit = out["litigation"]
    assert (lit["closed"], lit["median_days"], lit["p90_days"], lit["over_limit"]) == (3, 59.0, 212.0, 1)
    rec = out["reconsideration"]
    assert (rec["closed"], rec["median_days"], rec["over_limit"], rec["over_limit_rate"]) == (2, 60.5, 1, 0.5)
    assert (out["recommendation"]["closed"], out["recommendation"]["over_limit_rate"]) == (0, None)


def test_pending_ages_count_near_and_past_the_limit() -> None:
    lit = pending_ages(FACTS, as_of=d(2025, 6, 15)).row(0, named=True)
    # #5: 165 of 181 days (≥ 80%); #6: 226 days, its limit (2025-05-01) passed.
    assert (lit["kind"], lit["pending"], lit["oldest_days"], lit["near_limit"], lit["past_limit"]) == (
        "litigation", 2, 226, 1, 1)


UNITS = pl.DataFrame({"id": [1, 2], "name": ["甲局", "乙局"], "unit_type": ["agency", "agency"]})
BY_UNIT = facts_from_frames(units=UNITS, litigation=pl.DataFrame([
    {"id": 1, "unit_id": 1, "instance": "first", "filed_on": d(2025, 1, 1), "closed_on": d(2025, 3, 1)},  # 59
    {"id": 2, "unit_id": 1, "instance": "first", "filed_on": d(2025, 1, 1), "closed_on": d(2025, 9, 1)},  # 243, late
    {"id": 3, "unit_id": 1, "instance": "first", "filed_on": d(2025, 2, 1), "closed_on": d(2025, 2, 11)},  # 10
    {"id": 4, "unit_id": 2, "instance": "first", "filed_on": d(2025, 3, 1), "closed_on": d(2025, 4, 10)},  # 40
    {"id": 5, "unit_id": None, "instance": "first", "filed_on": d(2025, 3, 1), "closed_on": d(2025, 3, 2)},  # 1
    {"id": 6, "unit_id": 2, "instance": "first", "case_number": "（2025）豫0928行初6号", "filed_on": d(2025, 1, 1),
     "closed_on": None},  # pending: 6 months end 2025-07-01
    {"id": 7, "unit_id": 1, "instance": "first", "case_number": "（2025）豫0928行初7号", "filed_on": d(2025, 2, 1),
     "closed_on": None}]))  # 150 of 181 days on 2025-07-01: near


def test_days_to_close_per_unit_gives_each_units_median_and_p90() -> None:
    out = days_to_close(BY_UNIT, parse_period("2025"), by="unit").filter(pl.col("kind") == "litigation")
    rows = {r["group_name"]: r for r in out.iter_rows(named=True)}
    assert (rows["甲局"]["closed"], rows["甲局"]["median_days"], rows["甲局"]["p90_days"], rows["甲局"]["over_limit"]) == (
        3, 59.0, 243.0, 1)
    assert (rows["乙局"]["closed"], rows["乙局"]["median_days"]) == (1, 40.0)
    assert out.filter(pl.col("group_id").is_null())["closed"].to_list() == [1]  # unmatched unit: its own row
    assert out["group_name"].to_list()[0] == "甲局"  # slowest first


def test_pending_cases_lists_the_matters_near_or_past_their_limit() -> None:
    # On 2 July #2 (closed only in September) and #6 are a day past their six months; #7 has 30 days left.
    listed = pending_cases(BY_UNIT, as_of=d(2025, 7, 2))
    assert listed.select("id", "reference", "past", "days_left", "unit_name").rows() == [
        (2, None, True, -1, "甲局"), (6, "（2025）豫0928行初6号", True, -1, "乙局"),
        (7, "（2025）豫0928行初7号", False, 30, "甲局")]
    assert listed["due_by"].to_list() == [d(2025, 7, 1), d(2025, 7, 1), d(2025, 8, 1)]
    ages = pending_ages(BY_UNIT, as_of=d(2025, 7, 2)).row(0, named=True)
    assert (ages["near_limit"], ages["past_limit"]) == (1, 2)  # the same matters, counted
