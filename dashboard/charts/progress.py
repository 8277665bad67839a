"""Decisions of each meeting as stacked bars: done on time, done late, not yet due, overdue."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.bars import BAR_HEIGHT
from dashboard.i18n import Lang

#: (column, 中文, English, colour), in the order the segments are stacked from the left.
SEGMENTS = (
    ("done_on_time", "按期完成", "Done on time", theme.GOOD),
    ("done_late", "逾期完成", "Done late", theme.STATUS_COLOURS["close"]),
    ("not_due", "未到期", "Not yet due", theme.PRIMARY_LIGHT),
    ("overdue", "逾期未完成", "Overdue", theme.BAD),
)


def build_decision_bars(frame: pl.DataFrame, *, label: str = "label", title: str | None = None,
                        lang: Lang = "zh") -> go.Figure:
    """One bar per meeting, in the frame's order from the top, split into the four states of its decisions.

    A meeting without decisions keeps its row (an empty bar says its decisions were never recorded).
    """
    data = frame.reverse()  # Plotly draws the first category at the bottom
    labels = data[label].to_list()
    bars = [go.Bar(x=data[column].to_list(), y=labels, orientation="h", name=zh if lang == "zh" else en,
                   marker={"color": colour}, text=[v or "" for v in data[column].to_list()],
                   textposition="inside", insidetextanchor="middle",
                   hovertemplate="%{y}<br>%{fullData.name}: %{x}<extra></extra>")
            for column, zh, en, colour in SEGMENTS]
    layout = theme.figure_layout(title, max(180, 110 + BAR_HEIGHT * len(labels)), barmode="stack", showlegend=True,
                                 dragmode=False, xaxis={"visible": False}, legend={"traceorder": "normal"},
                                 yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels,
                                        "automargin": True})
    return go.Figure(bars, layout=layout)
