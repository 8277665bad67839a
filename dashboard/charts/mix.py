"""Composition charts: the dispute funnel and a decision/outcome mix."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.i18n import Lang


def build_funnel(stages: list[tuple[str, int]], *, title: str | None = None, lang: Lang = "zh") -> go.Figure:
    """Received → concluded → resolved, in the order given, each with its share of the previous stage.

    Shares of the previous stage, not of the first: resolved ÷ concluded is then the substantive
    resolution rate, and a stage placed by another date (received vs concluded) is not read as a cohort.
    """
    fig = go.Figure(
        go.Funnel(
            y=[name for name, _ in stages],
            x=[count for _, count in stages],
            textinfo="value+percent previous",
            marker={"color": [theme.SEQUENCE[i % len(theme.SEQUENCE)] for i in range(len(stages))]},
        ),
        layout=theme.figure_layout(title, 340, dragmode=False),
    )
    return fig


def build_mix_donut(
    frame: pl.DataFrame,
    *,
    label: str,
    value: str,
    colours: dict[str, str] | None = None,
    title: str | None = None,
    lang: Lang = "zh",
) -> go.Figure:
    """Share of each category (e.g. 复议决定 types) as a donut, largest first, total in the hole."""
    data = frame.filter(pl.col(value) > 0).sort([value, label], descending=[True, False])
    total = int(data[value].sum()) if data.height else 0
    labels = data[label].to_list()
    values = data[value].to_list()
    palette = [(colours or {}).get(name, theme.SEQUENCE[i % len(theme.SEQUENCE)]) for i, name in enumerate(labels)]
    fig = go.Figure(
        go.Pie(
            labels=labels, values=values, hole=0.55, sort=False, direction="clockwise",
            marker={"colors": palette}, texttemplate="%{label}<br>%{percent:.1%}", textposition="auto",
            insidetextorientation="horizontal",
        ),
        # Small slices hide their label (uniformtext); the legend names every category.
        layout=theme.figure_layout(title, 440, showlegend=True, uniformtext={"minsize": 11, "mode": "hide"},
                                   legend={"orientation": "v", "x": 1.02, "y": 0.5, "yanchor": "middle",
                                           "xanchor": "left"},
                                   annotations=[{"text": f"{total}件" if lang == "zh" else f"{total}",
                                                 "showarrow": False, "font": {"size": 22}}]),
    )
    return fig
