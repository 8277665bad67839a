"""One palette and one chart layout for every page, so a status looks the same everywhere.

Streamlit's Plotly theme would override these colours, so charts are drawn with ``theme=None``
(see :func:`dashboard.components.charts.show_figure`).
"""

from __future__ import annotations

from typing import Any

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

PRIMARY = "#1F4E99"
PRIMARY_LIGHT = "#8FB0E0"
MUTED = "#9AA5B1"
TEXT = "#1A2433"
GRID = "#E3E8EF"

#: Status against target: met / close / missed / not applicable.
STATUS_COLOURS: dict[str, str] = {
    "met": "#2E8B57",
    "close": "#E0A100",
    "missed": "#C8362E",
    "n/a": "#9AA5B1",
}
#: Pale fills for table-like grids (the 通报 heatmap), where dark text must stay readable.
STATUS_FILLS: dict[str, str] = {"met": "#CFE8D8", "close": "#F8E5B0", "missed": "#F4B9B4", "n/a": "#EEF1F5"}
#: 红榜 is the honour roll in China (red), 黑榜 the list to improve (dark grey-blue, not the "missed" red).
RED_LIST = "#C8102E"
BLACK_LIST = "#3D4F66"
GOOD = STATUS_COLOURS["met"]
BAD = STATUS_COLOURS["missed"]
NEUTRAL = STATUS_COLOURS["n/a"]

#: Series colours: this year strong, last year pale; categorical sequence for mixes.
THIS_YEAR = PRIMARY
LAST_YEAR = "#B8C4D6"
SEQUENCE = ("#1F4E99", "#3C8DBC", "#2E8B57", "#E0A100", "#C8362E", "#7B5EA7", "#D9730D", "#5F6B7A",
            "#17A2B8", "#A0522D")


def status_colour(status: str | None) -> str:
    return STATUS_COLOURS.get(status or "n/a", NEUTRAL)


def base_layout(title: str | None = None, height: int = 420) -> dict[str, Any]:
    """Layout shared by every Plotly figure: CJK font, white background, quiet grid, no clutter."""
    return {
        "title": {"text": title or "", "font": {"size": 18, "color": TEXT}, "x": 0.01, "xanchor": "left"},
        "font": {"family": FONT_FAMILY, "size": 14, "color": TEXT},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 50 if title else 20, "b": 10},
        "xaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "automargin": True},
        "yaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "automargin": True},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "separators": ".,",
    }


def figure_layout(title: str | None = None, height: int = 420, **extra: Any) -> dict[str, Any]:
    """:func:`base_layout` with ``extra`` on top (dicts such as ``xaxis`` merged one level deep), for
    ``go.Figure(layout=...)``: one validation pass instead of several ``update_layout`` calls, about 7x
    cheaper per figure (charts were a third of a province page's run;
    docs/decisions/0006-page-time-at-province-scale.md)."""
    layout = base_layout(title, height)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


#: Plotly modebar: keep the PNG download (at double resolution for print), drop the rest.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toggleSpikelines"],
}
