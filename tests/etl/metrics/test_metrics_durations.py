"""Days to close and pending ages against the statutory limits, on literal frames."""

from __future__ import annotations

from datetime import date as d

import polars as pl

from etl.metrics import days_to_close, facts_from_frames, parse_period, pending_ages

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
