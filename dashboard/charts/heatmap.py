"""The monthly 通报 grid: one row per agency, one column per month, cells coloured against target."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.trend import month_labels
from dashboard.formatting import fmt_rate
from dashboard.i18n import Lang


def cell_status(rate: float | None, target: float | None, direction: str = "higher") -> str:
    """met / missed against the target; n/a without a rate or target."""
    if rate is None or target is None:
        return "n/a"
    met = rate >= target if direction == "higher" else rate <= target
    return "met" if met else "missed"


def build_rate_heatmap(
    frame: pl.DataFrame,
    *,
    row: str,
    month: str,
    rate: str,
    target: float | None,
    direction: str = "higher",
    title: str | None = None,
    lang: Lang = "zh",
) -> go.Figure:
    """Rows sorted by name; a cell is green when on target, red when below, grey when no hearings."""
    rows = sorted(frame[row].unique().drop_nulls().to_list())
    months = sorted(frame[month].unique().drop_nulls().to_list())
    lookup = {(r, m): v for r, m, v in frame.select(row, month, rate).iter_rows()}
    codes = {"missed": 0, "n/a": 1, "met": 2}
    z, text = [], []
    for name in rows:
        values = [lookup.get((name, m)) for m in months]
        z.append([codes[cell_status(v, target, direction)] for v in values])
        text.append([fmt_rate(v, lang, 0) if v is not None else "—" for v in values])
    fills = theme.STATUS_FILLS
    scale = [
        [0.0, fills["missed"]], [0.33, fills["missed"]],
        [0.34, fills["n/a"]], [0.66, fills["n/a"]],
        [0.67, fills["met"]], [1.0, fills["met"]],
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z, x=month_labels(months, lang), y=rows, text=text, texttemplate="%{text}",
            colorscale=scale, zmin=0, zmax=2, showscale=False, xgap=2, ygap=2,
            textfont={"color": theme.TEXT, "size": 13},
            hovertemplate="%{y} %{x}: %{text}<extra></extra>",
        ),
        layout=theme.figure_layout(title, max(260, 80 + 26 * len(rows)),
                                   yaxis={"autorange": "reversed", "type": "category"},
                                   xaxis={"side": "top", "type": "category"}),
    )
    return fig
