"""Monthly trends: this year against last year, and a rate against its target."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.formatting import fmt_rate
from dashboard.i18n import Lang, t


def month_labels(months: list[int], lang: Lang, partial: list[bool] | None = None) -> list[str]:
    """``3月`` … and ``11月(未完)`` for an unfinished month, so the axis itself says it."""
    flags = partial or [False] * len(months)
    return [(f"{m}月" if lang == "zh" else f"M{m}") + (t("unfinished_suffix", lang) if part else "")
            for m, part in zip(months, flags, strict=True)]


def build_monthly_comparison(
    frame: pl.DataFrame,
    *,
    month: str = "month",
    this_year: str = "this_year",
    last_year: str = "last_year",
    partial: str = "partial",
    note: str | None = None,
    title: str | None = None,
    lang: Lang = "zh",
) -> go.Figure:
    """Grouped bars per calendar month: last year pale behind this year strong (months 1..12 in order).

    An unfinished month (``partial``; compared with the same days last year) is hatched and named so
    on the axis, and ``note`` says under the chart what it is compared with.
    """
    data = frame.sort(month)
    flags = data[partial].to_list() if partial in data.columns else [False] * data.height
    labels = month_labels(data[month].to_list(), lang, flags)
    # White stripes over the series colour (overlay keeps the fill, so the bar is still read as its series).
    hatch = {"shape": ["/" if f else "" for f in flags], "fillmode": "overlay", "solidity": 0.35,
             "fgcolor": "#FFFFFF"}
    # Case counts are whole numbers: no 1.5 ticks on a small township's chart.
    peak = max([v or 0 for v in data[this_year].to_list() + data[last_year].to_list()] + [0])
    yaxis = {"tickformat": "d", "rangemode": "tozero", **({"dtick": 1} if peak <= 8 else {})}
    extra: dict[str, Any] = {}
    if note:
        extra = {"annotations": [{"text": note, "showarrow": False, "font": {"size": 13, "color": theme.MUTED},
                                  "x": 0, "xref": "paper", "xanchor": "left", "y": 0, "yref": "paper",
                                  "yanchor": "top", "yshift": -34}],
                 "margin": {"b": 56}}
    return go.Figure(
        [go.Bar(x=labels, y=data[last_year].to_list(), name=t("last_year", lang),
                marker={"color": theme.LAST_YEAR, "pattern": hatch},
                hovertemplate="%{x}: %{y}<extra>" + t("last_year", lang) + "</extra>"),
         go.Bar(x=labels, y=data[this_year].to_list(), name=t("this_year", lang),
                marker={"color": theme.THIS_YEAR, "pattern": hatch},
                text=data[this_year].to_list(), textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: %{y}<extra>" + t("this_year", lang) + "</extra>")],
        layout=theme.figure_layout(title, 380, barmode="group", bargap=0.25, dragmode=False, yaxis=yaxis,
                                   xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
                                   **extra),
    )


def build_rate_trend(
    frame: pl.DataFrame,
    *,
    x: str,
    rate: str,
    series: str | None = None,
    target: float | None = None,
    title: str | None = None,
    lang: Lang = "zh",
    percent: bool = True,
) -> go.Figure:
    """One line per series (e.g. a township and the county average) over months; nulls leave gaps.

    ``percent=False`` draws counts (case numbers) instead of rates.
    """
    groups = [("", frame)] if series is None else [
        (str(name), frame.filter(pl.col(series) == name)) for name in frame[series].unique(maintain_order=True)
    ]
    lines = []
    for index, (name, part) in enumerate(groups):
        part = part.sort(x)
        lines.append(go.Scatter(
            x=[str(v) for v in part[x].to_list()], y=part[rate].to_list(), name=name, mode="lines+markers",
            line={"color": theme.SEQUENCE[index % len(theme.SEQUENCE)], "width": 3},
            connectgaps=False,
            hovertemplate="%{x}: %{y" + (":.1%" if percent else "") + "}<extra>" + name + "</extra>",
        ))
    fig = go.Figure(lines, layout=theme.figure_layout(
        title, 360, showlegend=series is not None, dragmode=False,
        yaxis={"tickformat": ".0%" if percent else "d", "rangemode": "tozero"}, xaxis={"type": "category"},
        **_target_line(target, lang)))
    return fig


def _target_line(target: float | None, lang: Lang) -> dict[str, Any]:
    """The target as a dashed horizontal line labelled at the right: what ``fig.add_hline(...,
    annotation=...)`` adds, written into the layout directly (add_hline costs as much as the figure)."""
    if target is None:
        return {}
    return {"shapes": [{"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": target, "y1": target, "yref": "y",
                        "line": {"color": theme.TEXT, "dash": "dash"}}],
            "annotations": [{"text": f"{t('target', lang)} {fmt_rate(target, lang)}", "showarrow": False, "x": 1,
                             "xanchor": "right", "xref": "x domain", "y": target, "yanchor": "bottom", "yref": "y"}]}
