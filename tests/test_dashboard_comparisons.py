"""红黑榜 and rank-change wording: ties are never cut (issue 5)."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.comparisons import rank_change_text, red_black_lists


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


@pytest.mark.parametrize(("change", "expected"), [(2, "↑2"), (-1, "↓1"), (0, "—"), (None, "新")])
def test_rank_change_reads_as_arrows(change: int | None, expected: str) -> None:
    assert rank_change_text(change, "zh") == expected
