"""红黑榜 and rank-change wording: ties are never cut."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.comparisons import rank_change_text, red_black_lists, score_bars_note, unassessed_note


def ranking(ranks: list[int], scores: list[float]) -> pl.DataFrame:
    names = [f"单位{i}" for i in range(len(ranks))]
    return pl.DataFrame({"rank": ranks, "group_name": names, "label": names, "score": scores})


def test_red_and_black_lists_take_three_from_each_end_worst_first() -> None:
    red, black = red_black_lists(ranking([1, 2, 3, 4, 5, 6, 7], [99, 98, 97, 96, 95, 94, 93]), "zh")
    assert red["名称"].to_list() == ["单位0", "单位1", "单位2"]
    assert black["名称"].to_list() == ["单位6", "单位5", "单位4"]
    assert black["名次"].to_list() == [7, 6, 5]


def test_units_tied_with_the_third_place_are_all_on_the_red_list() -> None:
    red, black = red_black_lists(ranking([1, 2, 2, 2, 5, 6, 7, 8], [99, 98, 98, 98, 90, 80, 70, 60]), "zh")
    assert red["名次"].to_list() == [1, 2, 2, 2]
    assert black["名次"].to_list() == [8, 7, 6]


def test_a_tie_at_the_bottom_keeps_every_tied_unit_and_never_repeats_a_red_unit() -> None:
    red, black = red_black_lists(ranking([1, 1, 1, 1, 5, 5], [100, 100, 100, 100, 75, 75]), "en")
    assert red["Rank"].to_list() == [1, 1, 1, 1]
    assert black["Rank"].to_list() == [5, 5]


def test_with_three_units_or_fewer_there_is_no_black_list() -> None:
    red, black = red_black_lists(ranking([1, 2], [90, 80]), "zh")
    assert red.height == 2 and black.height == 0


@pytest.mark.parametrize(("change", "expected"), [(2, "↑2"), (-1, "↓1"), (0, "持平"), (None, "新")])
def test_rank_change_reads_as_arrows(change: int | None, expected: str) -> None:
    assert rank_change_text(change, "zh") == expected


def test_rank_change_of_a_unit_ranked_before_but_not_comparable_now_is_a_dash() -> None:
    assert rank_change_text(None, "zh", ranked_before=True) == "—"
    assert rank_change_text(None, "en") == "new" and rank_change_text(0, "en") == "same"


def test_league_table_shows_new_dash_and_arrows_from_the_ranking() -> None:
    import datetime as dt

    from dashboard.comparisons import league_table
    from etl.metrics import facts_from_frames, parse_period

    frame = pl.DataFrame({"rank": [1, 1, 3], "group_name": ["甲", "乙", "丙"], "score": [100.0, 100.0, 80.0],
                          "rank_change": [None, None, 1], "previous_rank": [None, 2, 4], "veto_reason": [None] * 3})
    facts = facts_from_frames(as_of=dt.date(2025, 12, 31))
    table = league_table(frame.with_columns(
        *[pl.lit(None, pl.Float64).alias(f"{k}__score") for k in (
            "litigation_cases", "loss_rate", "head_appearance_rate", "substantive_resolution_rate",
            "reconsideration_correction_rate", "recommendation_adoption_rate")]), facts, parse_period("2025"), "zh")
    assert table["名次变化"].to_list() == ["新", "—", "↑1"]


def test_score_breakdown_lists_every_scheme_indicator_with_target_and_points() -> None:
    import datetime as dt

    from dashboard.comparisons import score_breakdown
    from etl.metrics import Filters, compute_grouped, facts_from_frames, parse_period, rank
    from etl.metrics.scheme import scheme_for_year

    units = pl.DataFrame({"id": [1, 2], "name": ["甲局", "乙局"], "short_name": ["甲", "乙"],
                          "unit_type": ["agency", "agency"]})
    litigation = pl.DataFrame({"id": [1, 2, 3, 4], "unit_id": [1, 1, 1, 2], "instance": ["first"] * 4,
                               "court": ["院"] * 4, "filed_on": [dt.date(2025, 3, 1)] * 4,
                               "closed_on": [dt.date(2025, 5, 1)] * 4,
                               "outcome": ["revoked", "claim_dismissed", "withdrawn", "withdrawn"]})
    facts = facts_from_frames(litigation=litigation, units=units)
    period = parse_period("2025")
    ranking = rank(facts, period, by="unit")
    table = score_breakdown(ranking, compute_grouped(facts, period, Filters(), by="unit"), "甲局", facts, period,
                            "zh")
    scheme = scheme_for_year(facts, 2025)
    assert table.columns == ["指标", "权重", "目标", "零分线", "考核数值", "得分"]
    assert table.height == len(scheme.items)
    assert table["权重"].sum() == sum(item.weight for item in scheme.items)
    loss = table.filter(pl.col("指标") == "行政诉讼败诉率").row(0, named=True)
    assert loss["考核数值"] == "33.3%"  # 甲局 lost 1 of its 3 closed suits (3 = the minimum to be scored)


def test_units_without_a_place_are_on_neither_list_and_are_counted_in_a_note() -> None:
    # 单位0..单位4 ranked; 单位5 and 单位6 had nothing measured (full marks, no place).
    frame = ranking([1, 2, 3, 4, 5, None, None], [90, 85, 80, 70, 60, 100, 100])  # type: ignore[list-item]
    red, black = red_black_lists(frame, "zh")
    assert red["名称"].to_list() == ["单位0", "单位1", "单位2"]
    assert black["名称"].to_list() == ["单位4", "单位3"]
    assert unassessed_note(frame, "unit", "zh").startswith("另有 2 个单位本期没有可考核的数据")
    assert unassessed_note(frame, "township", "en").startswith("2 more townships had nothing to assess")
    assert unassessed_note(frame.head(5), "unit", "zh") is None


def test_the_score_chart_note_appears_only_for_a_long_ranking() -> None:
    assert score_bars_note(ranking(list(range(1, 61)), [50.0] * 60), "zh") is None
    assert score_bars_note(ranking(list(range(1, 62)), [50.0] * 61), "zh") == (
        "共 61 个参评，图中仅显示前 30 名和后 30 名；完整名次见下方排名表。")
