"""Horizontal bars by agency, township or subject area: the largest (or worst) on top.

Bars carry the group's id in ``customdata`` so a click can filter the page to that group.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.formatting import fmt_count, fmt_rate
from dashboard.i18n import Lang, t

BAR_HEIGHT = 28
#: The most bars a count or rate chart draws. A city or province has thousands of agencies: such a
#: chart says nothing on a wall, and its JSON (MBs) takes the browser seconds to lay out. The chart
#: says how many it left out; the tables and the case list keep every group.
MAX_BARS = 40


def _height(rows: int) -> int:
    return max(150, 70 + BAR_HEIGHT * rows)


def _bar_layout(labels: list[str]) -> dict[str, Any]:
    """Layout of every horizontal bar chart: categories in the given order, bars clickable."""
    return {"showlegend": False, "clickmode": "event+select", "dragmode": False,
            "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": labels}}


def _shown_note(shown: int, total: int, worst: bool, lang: Lang) -> dict[str, Any]:
    """A line under the bars when only ``shown`` of ``total`` groups are drawn."""
    if shown >= total:
        return {}
    if lang == "zh":
        text = f"共 {total:,} 个，图中仅显示{'最需关注' if worst else '最多'}的 {shown} 个"
    else:
        text = f"{total:,} in all; the chart shows the {shown} {'needing most attention' if worst else 'largest'}"
    return {"annotations": [{"text": text, "showarrow": False, "font": {"size": 13, "color": theme.MUTED},
                             "x": 0, "xref": "paper", "xanchor": "left", "y": 0, "yref": "paper",
                             "yanchor": "top", "yshift": -8}],
            "margin": {"b": 40}}


def _merge_layouts(*parts: dict[str, Any]) -> dict[str, Any]:
    """Layout pieces combined: annotation and shape lists joined, dicts (margins) merged."""
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, list):
                merged[key] = merged.get(key, []) + value
            elif isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
    return merged


def _target_line(target: float | None, lang: Lang) -> dict[str, Any]:
    """The target as a dashed vertical line labelled on top: what ``fig.add_vline(..., annotation=...)``
    adds, written into the layout directly (add_vline costs as much as the rest of the figure)."""
    if target is None:
        return {}
    return {"shapes": [{"type": "line", "x0": target, "x1": target, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                        "line": {"color": theme.TEXT, "dash": "dash", "width": 2}}],
            "annotations": [{"text": f"{t('target', lang)} {fmt_rate(target, lang)}", "font": {"size": 13},
                             "showarrow": False, "x": target, "xanchor": "center", "xref": "x", "y": 1,
                             "yanchor": "bottom", "yref": "y domain"}]}


def build_count_bars(
    frame: pl.DataFrame,
    *,
    label: str,
    value: str,
    id_col: str | None = None,
    title: str | None = None,
    lang: Lang = "zh",
    top: int | None = None,
    highlight: set[str] | None = None,
) -> go.Figure:
    """Case counts per group, sorted descending (largest on top); zero/None rows dropped.

    At most ``top`` (default ``MAX_BARS``) bars; a note under them says how many groups were left out.
    """
    data = frame.filter(pl.col(value).fill_null(0) > 0).sort([value, label], descending=[True, False])
    total = data.height
    data = data.head(MAX_BARS if top is None else top)
    note = _shown_note(data.height, total, worst=False, lang=lang)
    # Plotly draws the first category of a horizontal bar at the bottom: reverse so the largest is on top.
    data = data.reverse()
    labels = data[label].to_list()
    values = data[value].to_list()
    colours = [theme.PRIMARY if not highlight or name in highlight else theme.PRIMARY_LIGHT for name in labels]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker={"color": colours},
            text=[fmt_count(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=data[id_col].to_list() if id_col else labels,
            hovertemplate="%{y}: %{text}<extra></extra>",
            name=t("cases", lang),
        ),
        layout=theme.figure_layout(title, _height(len(labels)) + (30 if note else 0), **_bar_layout(labels),
                                   xaxis={"visible": False}, **note),
    )
    return fig


def build_rate_bars(
    frame: pl.DataFrame,
    *,
    label: str,
    rate: str,
    status: str | None = None,
    denominator: str | None = None,
    id_col: str | None = None,
    target: float | None = None,
    direction: str | None = "lower",
    title: str | None = None,
    lang: Lang = "zh",
) -> go.Figure:
    """A rate per group, worst on top, coloured by target status, with the target as a dashed line.

    Groups whose rate is not applicable (no denominator) are left out: a missing bar is not 0%.
    At most ``MAX_BARS`` bars, the worst; a note under them says how many groups were left out.
    """
    data = frame.filter(pl.col(rate).is_not_null())
    worst_first = direction != "higher"
    total = data.height
    data = data.sort([rate, label], descending=[worst_first, False]).head(MAX_BARS).reverse()
    note = _shown_note(data.height, total, worst=True, lang=lang)
    labels = data[label].to_list()
    rates = data[rate].to_list()
    statuses = data[status].to_list() if status else ["n/a"] * len(labels)
    counts = data[denominator].to_list() if denominator else [None] * len(labels)
    texts = [
        fmt_rate(r, lang) + (f"（{n}件）" if lang == "zh" and n is not None else f" (n={n})" if n is not None else "")
        for r, n in zip(rates, counts, strict=True)
    ]
    top = max([*rates, target or 0, 0.01])
    fig = go.Figure(
        go.Bar(
            x=rates,
            y=labels,
            orientation="h",
            marker={"color": [theme.status_colour(s) if status else theme.PRIMARY for s in statuses]},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=data[id_col].to_list() if id_col else labels,
            hovertemplate="%{y}: %{text}<extra></extra>",
        ),
        layout=theme.figure_layout(title, _height(len(labels)) + (30 if note else 0), **_bar_layout(labels),
                                   xaxis={"tickformat": ".0%", "range": [0, top * 1.25], "gridcolor": theme.GRID},
                                   # Room on the right for the longest label ("100.0%（12件）") beside a full bar.
                                   **_merge_layouts({"margin": {"r": 90}}, _target_line(target, lang), note)),
    )
    return fig


#: The most bars a score chart draws (see :func:`build_score_bars`).
MAX_SCORE_BARS = 60


def build_score_bars(
    frame: pl.DataFrame,
    *,
    label: str,
    score: str,
    rank: str = "rank",
    id_col: str | None = None,
    red: int = 3,
    black: int = 3,
    title: str | None = None,
    lang: Lang = "zh",
    max_bars: int = MAX_SCORE_BARS,
) -> go.Figure:
    """Assessment scores, best on top: the first ``red`` places red (红榜, the honour roll), the last
    ``black`` dark grey-blue (黑榜).

    Ties share a colour as they share a rank (same rule as ``dashboard.comparisons.red_black_lists``) and
    keep the frame's own order within a rank (the ranking lists tied units by name), as the tables do.
    Beyond ``max_bars`` groups (a city or province ranks thousands) only the top and bottom halves are
    drawn: a chart of 7,000 bars says nothing and costs seconds per rerun; the table has them all.
    """
    frame = frame.sort(rank, maintain_order=True)
    ranks = frame[rank].to_list()
    n = len(ranks)
    red_cut = ranks[min(red, n) - 1] if n else 0
    black_cut = ranks[n - black] if n > red else None
    colours = [theme.RED_LIST if r <= red_cut else theme.BLACK_LIST if black_cut is not None and r >= black_cut
               else theme.PRIMARY_LIGHT for r in ranks]
    frame = frame.with_columns(pl.Series("_colour", colours))
    if n > max_bars:
        frame = pl.concat([frame.head(max_bars // 2), frame.tail(max_bars - max_bars // 2)])
    data = frame.reverse()
    labels = data[label].to_list()
    fig = go.Figure(
        go.Bar(
            x=data[score].to_list(), y=labels, orientation="h", marker={"color": data["_colour"].to_list()},
            text=[f"{v:.1f}" if v is not None else "—" for v in data[score].to_list()], textposition="outside",
            cliponaxis=False, customdata=data[id_col].to_list() if id_col else labels,
            hovertemplate="%{y}: %{text}<extra></extra>",
        ),
        layout=theme.figure_layout(title, _height(len(labels)), **_bar_layout(labels),
                                   xaxis={"range": [0, 110], "visible": False}),
    )
    return fig
