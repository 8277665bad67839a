"""Composition charts: the dispute stages side by side and a decision/outcome mix."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.i18n import Lang


def build_stage_bars(stages: list[tuple[str, int]], *, title: str | None = None, lang: Lang = "zh") -> go.Figure:
    """Received, concluded and resolved as three plain bars side by side, each labelled with its count.

    Not a funnel: the stages are flows placed in the period by different dates (received by the
    receipt date, concluded and resolved by the conclusion date), so more can be concluded than were
    received — cases received last period and concluded in this one. A funnel would then widen past
    100 % and read as an error; separate bars say only what each count is.
    """
    names = [name for name, _ in stages]
    counts = [count for _, count in stages]
    unit = "件" if lang == "zh" else ""
    peak = max(counts + [0])
    return go.Figure(
        go.Bar(x=names, y=counts, text=[f"{c:,}{unit}" for c in counts], textposition="outside", cliponaxis=False,
               marker={"color": [theme.SEQUENCE[i % len(theme.SEQUENCE)] for i in range(len(stages))]},
               hovertemplate="%{x}: %{y}<extra></extra>"),
        layout=theme.figure_layout(title, 340, dragmode=False, showlegend=False, bargap=0.45,
                                   xaxis={"type": "category", "categoryorder": "array", "categoryarray": names},
                                   yaxis={"tickformat": "d", "rangemode": "tozero",
                                          **({"dtick": 1} if peak <= 8 else {})}),
    )


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
