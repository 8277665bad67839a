"""Tiles from indicator results: value, target status, 同比 in the right unit, 环比 for counts."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.views import double_decline_tile, monthly_comparison, tile
from etl.metrics import Filters, compute_grouped, compute_indicators, facts_from_frames, parse_period

D = dt.date


def small_facts():  # type: ignore[no-untyped-def]
    filed = [D(2025, 4, 3), D(2025, 5, 9), D(2025, 2, 1), D(2024, 4, 1), D(2024, 4, 2), D(2024, 5, 1),
             D(2024, 6, 1)]
    closed = [D(2025, 5, 1), D(2025, 6, 1), None, D(2024, 5, 1), None, None, None]
    outcome = ["revoked", "claim_dismissed", None, "claim_dismissed", None, None, None]
    litigation = pl.DataFrame({
        "id": list(range(1, 8)), "unit_id": [1] * 7, "instance": ["first"] * 7, "court": ["示范县人民法院"] * 7,
        "filed_on": filed, "closed_on": closed, "outcome": outcome})
    units = pl.DataFrame({"id": [1], "name": ["示范县自然资源局"], "short_name": ["自然资源局"],
                          "unit_type": ["agency"]})
    return facts_from_frames(litigation=litigation, units=units)


def test_count_tile_shows_relative_yoy_and_period_on_period() -> None:
    facts = small_facts()
    result = compute_indicators(facts, parse_period("2025Q2"), Filters())
    count = tile(result, "litigation_cases", "zh")
    assert count.value == "2件"
    assert count.change == "下降50.0%" and count.change_good is True  # 4 → 2 a year earlier; fewer is better
    assert count.basis == "环比 上升100.0%"  # 1 in 2025Q1


def test_rate_tile_states_its_basis_and_a_rising_loss_rate_is_bad() -> None:
    result = compute_indicators(small_facts(), parse_period("2025Q2"), Filters())
    loss = tile(result, "loss_rate", "zh")
    assert loss.value == "50.0%" and loss.basis == "1/2件"
    assert loss.change == "上升50.0个百分点" and loss.change_good is False


def test_a_rate_without_cases_is_not_applicable_and_says_why() -> None:
    result = compute_indicators(small_facts(), parse_period("2023"), Filters())
    loss = tile(result, "loss_rate", "en")
    assert loss.value == "n/a" and loss.basis == "no cases in the period" and loss.status == "n/a"


def test_double_decline_is_not_applicable_without_a_loss_rate_last_year() -> None:
    result = compute_indicators(small_facts(), parse_period("2025Q1"), Filters())
    assert double_decline_tile(result, "zh").value == "不适用"


def test_monthly_comparison_reads_month_numbers_from_the_grouped_frame() -> None:
    months = monthly_comparison(compute_grouped(small_facts(), parse_period("2025H1"), Filters(), by="month"))
    assert months["month"].to_list() == [1, 2, 3, 4, 5, 6]
    assert months["this_year"].to_list() == [0, 1, 0, 1, 1, 0]
    assert months["last_year"].to_list() == [0, 0, 0, 2, 1, 1]


def test_a_year_to_date_does_not_repeat_yoy_as_period_on_period() -> None:
    result = compute_indicators(small_facts(), parse_period("2025YTD", today=D(2025, 6, 30)), Filters())
    assert tile(result, "litigation_cases", "zh").basis is None
