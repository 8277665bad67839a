"""Pure chart builders, checked on ``to_dict()``: sort order, encodings, colours."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from dashboard import theme
from dashboard.charts import (
    build_count_bars,
    build_mix_donut,
    build_monthly_comparison,
    build_rate_bars,
    build_rate_heatmap,
    build_rate_trend,
    build_stage_bars,
)
from dashboard.charts.heatmap import cell_status


def trace(fig: Any, index: int = 0) -> dict[str, Any]:
    return fig.to_dict()["data"][index]


def as_list(value: Any) -> list[Any]:
    return list(value) if not isinstance(value, dict) else value


UNITS = pl.DataFrame({
    "label": ["自然资源局", "人社局", "住建局", "公安局"],
    "name": ["示范县自然资源局", "示范县人社局", "示范县住建局", "示范县公安局"],
    "cases": [5, 9, 0, 5],
})


def test_count_bars_put_the_largest_on_top_and_drop_zero_rows() -> None:
    fig = build_count_bars(UNITS, label="label", value="cases", id_col="name")
    bar = trace(fig)
    # Plotly draws the first category at the bottom of a horizontal bar chart; ties sort by name (公 < 自).
    assert as_list(bar["y"]) == ["自然资源局", "公安局", "人社局"]
    assert as_list(bar["x"]) == [5, 5, 9]
    assert bar["orientation"] == "h"
    assert as_list(fig.to_dict()["layout"]["yaxis"]["categoryarray"]) == ["自然资源局", "公安局", "人社局"]


def test_count_bars_carry_the_filter_value_for_click_to_filter() -> None:
    bar = trace(build_count_bars(UNITS, label="label", value="cases", id_col="name"))
    assert as_list(bar["customdata"]) == ["示范县自然资源局", "示范县公安局", "示范县人社局"]
    assert as_list(bar["text"]) == ["5件", "5件", "9件"]


def test_count_bars_highlight_selected_groups_and_keep_top_n() -> None:
    bar = trace(build_count_bars(UNITS, label="label", value="cases", top=2, highlight={"人社局"}))
    assert as_list(bar["y"]) == ["公安局", "人社局"]
    assert as_list(bar["marker"]["color"]) == [theme.PRIMARY_LIGHT, theme.PRIMARY]


RATES = pl.DataFrame({
    "label": ["甲", "乙", "丙", "丁"],
    "rate": [0.05, None, 0.0, 0.2],
    "status": ["missed", "n/a", "met", "missed"],
    "den": [20, 0, 4, 5],
})


def test_rate_bars_show_worst_on_top_coloured_by_status_and_skip_not_applicable() -> None:
    fig = build_rate_bars(RATES, label="label", rate="rate", status="status", denominator="den", target=0.02)
    bar = trace(fig)
    assert as_list(bar["y"]) == ["丙", "甲", "丁"]  # lower is better: the highest rate ends on top
    assert as_list(bar["marker"]["color"]) == [theme.STATUS_COLOURS["met"], theme.STATUS_COLOURS["missed"],
                                               theme.STATUS_COLOURS["missed"]]
    assert as_list(bar["text"]) == ["0%（4件）", "5%（20件）", "20%（5件）"]


def test_rate_bars_draw_the_target_as_a_dashed_line_with_its_label() -> None:
    layout = build_rate_bars(RATES, label="label", rate="rate", target=0.02).to_dict()["layout"]
    (line,) = layout["shapes"]
    assert line["x0"] == line["x1"] == 0.02 and line["line"]["dash"] == "dash"
    assert layout["annotations"][0]["text"] == "目标 2%"


def test_rate_bars_for_a_higher_is_better_rate_put_the_lowest_on_top() -> None:
    bar = trace(build_rate_bars(RATES, label="label", rate="rate", direction="higher"))
    assert as_list(bar["y"]) == ["丁", "甲", "丙"]


def test_monthly_comparison_orders_months_and_colours_last_year_pale() -> None:
    frame = pl.DataFrame({"month": [3, 1, 2], "this_year": [4, 2, 0], "last_year": [5, 1, 3]})
    fig = build_monthly_comparison(frame)
    last, this = trace(fig, 0), trace(fig, 1)
    assert as_list(this["x"]) == ["1月", "2月", "3月"]
    assert as_list(this["y"]) == [2, 0, 4] and as_list(last["y"]) == [1, 3, 5]
    assert last["marker"]["color"] == theme.LAST_YEAR and this["marker"]["color"] == theme.THIS_YEAR
    assert (last["name"], this["name"]) == ("上年", "本年")
    assert fig.to_dict()["layout"]["font"]["family"].startswith("Noto Sans CJK SC")


def test_rate_trend_draws_one_line_per_series_with_gaps_for_not_applicable() -> None:
    frame = pl.DataFrame({"m": ["2025-01", "2025-02", "2025-01", "2025-02"], "r": [0.5, None, 0.8, 0.9],
                          "who": ["柳屯镇", "柳屯镇", "全县", "全县"]})
    fig = build_rate_trend(frame, x="m", rate="r", series="who", target=0.8)
    assert [trace(fig, i)["name"] for i in (0, 1)] == ["柳屯镇", "全县"]
    assert as_list(trace(fig, 0)["y"]) == [0.5, None]
    assert trace(fig, 0)["connectgaps"] is False


@pytest.mark.parametrize(
    ("rate", "target", "direction", "expected"),
    [(1.0, 1.0, "higher", "met"), (0.9, 1.0, "higher", "missed"), (None, 1.0, "higher", "n/a"),
     (0.5, None, "higher", "n/a"), (0.01, 0.02, "lower", "met"), (0.03, 0.02, "lower", "missed")],
)
def test_bulletin_cells_are_judged_against_the_target(rate: float | None, target: float | None, direction: str,
                                                       expected: str) -> None:
    assert cell_status(rate, target, direction) == expected


def test_bulletin_grid_is_agency_by_month_with_red_cells_below_target() -> None:
    frame = pl.DataFrame({"u": ["乙局", "甲局", "甲局"], "m": [1, 1, 2], "r": [0.5, 1.0, None]})
    heat = trace(build_rate_heatmap(frame, row="u", month="m", rate="r", target=1.0))
    assert as_list(heat["y"]) == ["乙局", "甲局"] and as_list(heat["x"]) == ["1月", "2月"]
    assert [as_list(r) for r in heat["z"]] == [[0, 1], [2, 1]]  # missed=0, n/a=1, met=2
    assert [as_list(r) for r in heat["text"]] == [["50%", "—"], ["100%", "—"]]
    assert heat["colorscale"][0][1] == theme.STATUS_FILLS["missed"]
    assert heat["colorscale"][-1][1] == theme.STATUS_FILLS["met"]


def test_stage_bars_keep_the_order_and_label_counts_with_no_share_over_100_percent() -> None:
    # More concluded than received (cases received last period): a funnel would read 105 %.
    fig = build_stage_bars([("受理", 100), ("办结", 105), ("化解成功", 60)])
    bars = trace(fig)
    assert bars["type"] == "bar" and as_list(bars["x"]) == ["受理", "办结", "化解成功"]
    assert as_list(bars["y"]) == [100, 105, 60] and as_list(bars["text"]) == ["100件", "105件", "60件"]
    assert "%" not in "".join(as_list(bars["text"])) and "textinfo" not in bars
    assert fig.to_dict()["layout"]["xaxis"]["categoryarray"] == ["受理", "办结", "化解成功"]


def test_mix_donut_sorts_largest_first_drops_empty_and_shows_total() -> None:
    frame = pl.DataFrame({"k": ["维持", "撤销", "调解", "终止"], "n": [10, 3, 5, 0]})
    fig = build_mix_donut(frame, label="k", value="n", colours={"撤销": "#C8362E"})
    pie = trace(fig)
    assert as_list(pie["labels"]) == ["维持", "调解", "撤销"]
    assert as_list(pie["marker"]["colors"])[2] == "#C8362E"
    assert fig.to_dict()["layout"]["annotations"][0]["text"] == "18件"


def test_score_bars_colour_red_and_black_lists_by_rank_so_ties_share_a_colour() -> None:
    from dashboard.charts import build_score_bars

    frame = pl.DataFrame({"rank": [1, 2, 2, 4, 5, 6, 7], "name": list("ABCDEFG"),
                          "score": [99.0, 95.0, 95.0, 90.0, 80.0, 70.0, 60.0]})
    bar = trace(build_score_bars(frame, label="name", score="score"))
    assert as_list(bar["y"]) == list("GFEDCBA")  # best drawn last, i.e. on top
    # 红榜 in red (the honour roll), 黑榜 in dark grey-blue.
    assert as_list(bar["marker"]["color"]) == [theme.BLACK_LIST] * 3 + [theme.PRIMARY_LIGHT] + [theme.RED_LIST] * 3
    assert as_list(bar["text"])[-1] == "99.0"


def test_tied_units_keep_the_rankings_own_order_in_the_chart() -> None:
    from dashboard.charts import build_score_bars

    # The ranking lists tied units by full name; their short labels sort the other way round.
    frame = pl.DataFrame({"rank": [1, 2, 2], "label": ["甲", "乙局", "丙局"], "group_name": ["A甲", "B丙", "C乙"],
                          "score": [99.0, 95.0, 95.0]}).with_columns(pl.Series("label", ["甲", "丙局", "乙局"]))
    bar = trace(build_score_bars(frame, label="label", score="score"))
    assert as_list(bar["y"]) == ["乙局", "丙局", "甲"]  # drawn bottom-up: the frame's order reversed


def test_a_long_ranking_draws_only_its_top_and_bottom() -> None:
    from dashboard.charts import build_score_bars

    n = 500
    frame = pl.DataFrame({"rank": list(range(1, n + 1)), "name": [f"单位{i:03d}" for i in range(1, n + 1)],
                          "score": [100.0 - i * 0.1 for i in range(n)]})
    bar = trace(build_score_bars(frame, label="name", score="score", max_bars=10))
    assert as_list(bar["y"]) == [f"单位{i:03d}" for i in (500, 499, 498, 497, 496, 5, 4, 3, 2, 1)]
    assert as_list(bar["marker"]["color"])[:3] == [theme.BLACK_LIST] * 3
    assert as_list(bar["marker"]["color"])[-3:] == [theme.RED_LIST] * 3


MANY = pl.DataFrame({"label": [f"单位{i:03d}" for i in range(100)], "cases": list(range(1, 101)),
                     "rate": [i / 100 for i in range(100)], "den": [10] * 100})


def _note(fig: Any) -> list[str]:
    return [a["text"] for a in fig.to_dict()["layout"].get("annotations", []) if a["text"].startswith(("共", "100"))]


def test_count_bars_of_many_groups_draw_the_largest_and_say_how_many_were_left_out() -> None:
    fig = build_count_bars(MANY, label="label", value="cases")
    bar = trace(fig)
    assert len(as_list(bar["y"])) == 40
    assert as_list(bar["x"])[-1] == 100 and as_list(bar["x"])[0] == 61  # 100 … 61, largest on top
    assert _note(fig) == ["共 100 个，图中仅显示最多的 40 个"]
    assert _note(build_count_bars(MANY, label="label", value="cases", lang="en")) == [
        "100 in all; the chart shows the 40 largest"]
    assert _note(build_count_bars(MANY.head(40), label="label", value="cases")) == []


def test_rate_bars_of_many_groups_draw_the_worst_and_keep_the_target_label() -> None:
    lower = build_rate_bars(MANY, label="label", rate="rate", denominator="den", target=0.5)
    assert as_list(trace(lower)["x"])[-1] == 0.99 and len(as_list(trace(lower)["x"])) == 40  # highest loss rates
    assert _note(lower) == ["共 100 个，图中仅显示最需关注的 40 个"]
    texts = [a["text"] for a in lower.to_dict()["layout"]["annotations"]]
    assert any(text.startswith("目标") for text in texts)  # the target line keeps its label
    margin = lower.to_dict()["layout"]["margin"]
    assert margin["r"] == 90 and margin["b"] == 40  # room for "100.0%（12件）" and for the note
    higher = build_rate_bars(MANY, label="label", rate="rate", direction="higher")
    assert as_list(trace(higher)["x"])[-1] == 0.0 and max(as_list(trace(higher)["x"])) == 0.39  # lowest rates


def test_monthly_comparison_hatches_the_unfinished_month_and_says_what_it_is_compared_with() -> None:
    frame = pl.DataFrame({"month": [10, 11], "this_year": [7, 1], "last_year": [6, 2],
                          "partial": [False, True]})
    note = "11月未完：只计至11月3日，上年同期也只计11月1日至3日。"
    fig = build_monthly_comparison(frame, note=note)
    last, this = trace(fig, 0), trace(fig, 1)
    assert as_list(this["x"]) == ["10月", "11月(未完)"]
    assert as_list(this["marker"]["pattern"]["shape"]) == ["", "/"]
    assert as_list(last["marker"]["pattern"]["shape"]) == ["", "/"]
    assert fig.to_dict()["layout"]["annotations"][0]["text"] == note
    whole = build_monthly_comparison(frame.with_columns(pl.lit(False).alias("partial")))
    assert as_list(trace(whole, 1)["x"]) == ["10月", "11月"] and "annotations" not in whole.to_dict()["layout"]
