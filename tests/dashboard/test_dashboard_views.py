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
    assert count.change == "减少2件" and count.change_good is True  # 4 → 2 a year earlier: whole cases, not -50%
    assert count.basis == "环比 增加1件"  # 1 in 2025Q1


def test_rate_tile_states_its_basis_and_a_rising_loss_rate_is_bad() -> None:
    result = compute_indicators(small_facts(), parse_period("2025Q2"), Filters())
    loss = tile(result, "loss_rate", "zh")
    assert loss.value == "50%" and loss.basis == "1/2件"
    assert loss.change == "上升50个百分点" and loss.change_good is False


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


def test_channel_rates_list_all_five_channels_then_the_total() -> None:
    from dashboard.views import channel_rates

    disputes = pl.DataFrame([
        {"id": 1, "channel": "pre_litigation_mediation", "result": "success", "concluded_on": dt.date(2025, 2, 1)},
        {"id": 2, "channel": "pre_enforcement_settlement", "result": "failure", "concluded_on": dt.date(2025, 2, 1)},
        {"id": 3, "channel": "coordination", "result": "success", "concluded_on": dt.date(2025, 2, 1)},
        {"id": 4, "channel": "coordination", "result": "failure", "concluded_on": dt.date(2025, 2, 1)},
        {"id": 5, "channel": "reconsideration_mediation", "result": "in_progress", "concluded_on": None},
        {"id": 6, "channel": "procuratorate", "result": "success", "concluded_on": dt.date(2025, 3, 1)}])
    result = compute_indicators(facts_from_frames(disputes=disputes), parse_period("2025"))
    rows = channel_rates(result, "zh").rows()
    assert [r[0] for r in rows] == ["诉前调解成功率", "执前和解成功率", "府院联动协调成功率", "复议调解成功率",
                                    "检察机关参与化解成功率", "行政争议实质性化解率"]
    assert [(r[1], r[2]) for r in rows] == [(1.0, 1), (0.0, 1), (0.5, 2), (None, 0), (1.0, 1), (0.6, 5)]


def test_resolution_stages_come_from_the_stage_count_indicators() -> None:
    from dashboard.views import resolution_stages

    disputes = pl.DataFrame([
        {"id": 1, "channel": "coordination", "result": "success", "received_on": dt.date(2025, 1, 1),
         "concluded_on": dt.date(2025, 2, 1)},
        {"id": 2, "channel": "coordination", "result": "failure", "received_on": dt.date(2025, 1, 1),
         "concluded_on": dt.date(2025, 2, 1)},
        {"id": 3, "channel": "coordination", "result": "in_progress", "received_on": dt.date(2025, 3, 1),
         "concluded_on": None}])
    result = compute_indicators(facts_from_frames(disputes=disputes), parse_period("2025"))
    assert resolution_stages(result, "zh") == [("受理", 3), ("办结", 2), ("化解成功", 1)]
    assert [s for s, _ in resolution_stages(result, "en")] == ["Received", "Concluded", "Resolved"]


def test_decision_mix_view_only_labels_the_metrics_tally() -> None:
    from dashboard.views import decision_mix

    mix = pl.DataFrame({"decision": ["upheld", "revoked"], "count": [3, 1], "is_correction": [False, True],
                        "is_settlement": [False, False]})
    assert decision_mix(mix, "zh").rows() == [("维持", 3), ("撤销", 1)]


def test_display_names_use_the_full_name_when_a_short_name_is_shared() -> None:
    from dashboard.views import with_display_names

    units = pl.DataFrame({"id": [1, 2, 3, 4], "name": ["甲县交通局", "乙县交通局", "甲县自然资源局", "乙县公安局"],
                          "short_name": ["交通局", "交通局", "自然资源局", None], "unit_type": ["agency"] * 4})
    facts = facts_from_frames(units=units)
    grouped = pl.DataFrame({"group_id": [1, 2, 3, 4], "group_name": ["甲县交通局", "乙县交通局", "甲县自然资源局", "乙县公安局"]})
    labels = with_display_names(grouped, facts, "unit")["label"].to_list()
    assert labels == ["甲县交通局", "乙县交通局", "自然资源局", "乙县公安局"]


def test_display_names_prefix_a_shared_full_name_with_the_county() -> None:
    from dashboard.views import with_display_names

    units = pl.DataFrame({"id": [1, 2, 3], "name": ["城关镇人民政府", "城关镇人民政府", "甲县交通局"],
                          "short_name": [None, None, "交通局"], "unit_type": ["township_gov", "township_gov", "agency"],
                          "region_id": [10, 11, 10]})
    counties = pl.DataFrame({"id": [10, 11], "name": ["甲县", "乙县"]})
    facts = facts_from_frames(units=units, counties=counties)
    grouped = pl.DataFrame({"group_id": [2, 1, 3], "group_name": ["城关镇人民政府", "城关镇人民政府", "甲县交通局"]})
    assert with_display_names(grouped, facts, "unit")["label"].to_list() == [
        "乙县·城关镇人民政府", "甲县·城关镇人民政府", "交通局"]
    assert with_display_names(grouped, facts, "township")["label"].to_list() == grouped["group_name"].to_list()


def test_monthly_trend_stops_at_the_data_date_and_flags_its_month() -> None:
    from dashboard.views import through_data_date, unfinished_note

    span = through_data_date(parse_period("2025H1"), D(2025, 5, 10))
    assert (span.start, span.end) == (D(2025, 1, 1), D(2025, 5, 10))
    months = monthly_comparison(compute_grouped(small_facts(), span, Filters(), by="month"), span)
    assert months["month"].to_list() == [1, 2, 3, 4, 5]
    assert months["partial"].to_list() == [False, False, False, False, True]
    assert unfinished_note(span, "zh") == "5月未完：只计至5月10日，上年同期也只计5月1日至10日。"
    assert through_data_date(parse_period("2024"), D(2025, 5, 10)) == parse_period("2024")  # a finished year
