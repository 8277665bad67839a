"""红黑榜 and rank-change wording: ties are never cut."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.comparisons import rank_change_text, red_black_lists, score_bars_note, unassessed_note
from dashboard.views import label


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


def _two_agencies() -> tuple[object, object]:
    import datetime as dt

    from etl.metrics import facts_from_frames, parse_period

    units = pl.DataFrame({"id": [1, 2], "name": ["甲局", "乙局"], "short_name": ["甲", "乙"],
                          "unit_type": ["agency", "agency"]})
    litigation = pl.DataFrame({"id": [1, 2, 3, 4], "unit_id": [1, 1, 1, 2], "instance": ["first"] * 4,
                               "court": ["院"] * 4, "filed_on": [dt.date(2025, 3, 1)] * 4,
                               "closed_on": [dt.date(2025, 5, 1)] * 4,
                               "outcome": ["revoked", "claim_dismissed", "withdrawn", "withdrawn"]})
    return facts_from_frames(litigation=litigation, units=units), parse_period("2025")


def test_league_table_reconciles_and_never_shows_none_for_a_veto() -> None:
    from dashboard.comparisons import league_table
    from etl.metrics import rank
    from etl.metrics.scheme import scheme_for_year

    facts, period = _two_agencies()
    scheme = scheme_for_year(facts, 2025)
    table = league_table(rank(facts, period, by="unit"), scheme, "zh")
    items = [f"{label(i.key, 'zh')}（{i.weight:g}）" for i in scheme.items]
    assert table.columns[:4] == ["名次", "名称", "得分", "名次变化"]
    assert table.columns[-4:] == ["基础得分", "加分", "扣分", "一票否决"]
    assert table["一票否决"].to_list() == ["—", "—"]
    assert table.null_count().row(0) == (0,) * table.width or table["名次"].null_count() > 0
    for row in table.iter_rows(named=True):
        assert sum(float(row[c]) for c in items if row[c] != "—") == pytest.approx(row["基础得分"], abs=1e-6)
        assert row["基础得分"] + row["加分"] - row["扣分"] == pytest.approx(row["得分"], abs=1e-6)
    assert table["名次变化"].to_list() == ["新", "新"]  # nothing assessed in 2024


def test_score_breakdown_adds_up_to_the_score_with_the_figure_scored() -> None:
    from dashboard.comparisons import score_breakdown
    from etl.metrics import rank
    from etl.metrics.assessment_events import collect_events
    from etl.metrics.scheme import scheme_for_year

    facts, period = _two_agencies()
    ranking = rank(facts, period, by="unit")
    scheme = scheme_for_year(facts, 2025)
    table = score_breakdown(ranking, scheme, collect_events(facts, period, ("overdue_recommendation",)), 1, "zh")
    assert table.columns == ["项目", "考核数值", "计分方法", "得分", "说明"]
    assert table["项目"][-1] == "总分"
    points = [float(p.replace("−", "-")) for p in table["得分"] if p != "—"]  # "—": the indicator does not apply
    assert sum(points[:-1]) == pytest.approx(points[-1])
    assert points[-1] == ranking.filter(pl.col("group_id") == 1)["score"][0]
    loss = table.filter(pl.col("项目") == "行政诉讼败诉率").row(0, named=True)
    assert loss["考核数值"] == "33.3%（1/3件）"  # 甲局 lost 1 of its 3 closed suits (3 = the minimum to be scored)


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
