"""Figures are built with their whole layout in the constructor (several ``update_layout``
calls and ``add_vline`` cost ~7x more): the layouts must equal what those calls produced."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts import build_rate_bars, build_rate_trend
from dashboard.formatting import fmt_rate


def test_figure_layout_merges_axis_dicts_one_level_deep_and_replaces_the_rest() -> None:
    layout = theme.figure_layout("标题", 300, xaxis={"visible": False, "gridcolor": "#000"}, dragmode=False)
    assert layout["xaxis"] == {"gridcolor": "#000", "zerolinecolor": theme.GRID, "automargin": True, "visible": False}
    assert layout["yaxis"] == theme.base_layout()["yaxis"]
    assert (layout["height"], layout["dragmode"], layout["title"]["text"]) == (300, False, "标题")


def test_rate_bars_target_line_equals_plotlys_add_vline() -> None:
    frame = pl.DataFrame({"name": ["甲", "乙"], "rate": [0.1, 0.3]})
    fig = build_rate_bars(frame, label="name", rate="rate", target=0.2, lang="zh")
    expected = go.Figure()
    expected.add_vline(x=0.2, line={"color": theme.TEXT, "dash": "dash", "width": 2},
                       annotation={"text": f"目标 {fmt_rate(0.2, 'zh')}", "font": {"size": 13}},
                       annotation_position="top")
    got = fig.to_dict()["layout"]
    want = expected.to_dict()["layout"]
    assert got["shapes"] == want["shapes"] and got["annotations"] == want["annotations"]
    assert "shapes" not in build_rate_bars(frame, label="name", rate="rate", target=None).to_dict()["layout"]


def test_rate_trend_target_line_equals_plotlys_add_hline() -> None:
    frame = pl.DataFrame({"month": ["2025-01", "2025-02"], "rate": [0.5, 0.7]})
    fig = build_rate_trend(frame, x="month", rate="rate", target=0.6, lang="en")
    expected = go.Figure()
    expected.add_hline(y=0.6, line={"color": theme.TEXT, "dash": "dash"},
                       annotation={"text": f"Target {fmt_rate(0.6, 'en')}"})
    got, want = fig.to_dict()["layout"], expected.to_dict()["layout"]
    assert got["shapes"] == want["shapes"] and got["annotations"] == want["annotations"]
