"""The township map: a choropleth of one indicator over the outlines, without tiles or network.

One Plotly ``Choropleth`` trace per fill class (met, close, missed, shaded by value, not applicable, too
few cases), so the legend says what each colour means; the outlines are the whole map
(``geo.visible=False``, ``fitbounds="locations"``): nothing is fetched from a tile server. Areas whose
rate rests on too few cases are grey with hatching; names and figures are written on the map; the hover
says the target and status. Every area and every label carries its name in ``customdata``, so a click
sets the township filter exactly as a click on a bar does (``dashboard.filters.select_from_chart``);
the townships in the filter are outlined. Why no tiles: docs/decisions/0008-township-map-without-tiles.md.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from dashboard import theme
from dashboard.i18n import Lang
from dashboard.map_text import class_label, hover_text, short_value
from etl.geo.layer import FEW_CASES, NO_VALUE, SHADED, MapArea, MapLayer

#: Fills of the classes that are not a status colour.
FEW_FILL = "#E3E7EC"
NO_VALUE_FILL = "#F1F3F6"
HATCH_COLOUR = "#8A96A3"
#: Light to dark: the sequential scale of a figure without a target, pale enough at its dark end for
#: the names written on it.
SEQUENTIAL = ((0.0, "#EEF3FA"), (1.0, "#7FA2D6"))
SELECTED_LINE = theme.TEXT
BORDER = "#FFFFFF"


def fill_colour(fill: str) -> str:
    """Status fills are the pale ones of the 通报 grid: names and figures are written on them."""
    if fill == FEW_CASES:
        return FEW_FILL
    if fill == NO_VALUE:
        return NO_VALUE_FILL
    return theme.STATUS_FILLS.get(fill, NO_VALUE_FILL)


def _hover(area: MapArea, layer: MapLayer, lang: Lang) -> str:
    return "<br>".join(html.escape(line) for line in hover_text(area, layer, lang).split("\n"))


def _features_of(geojson: dict[str, Any], areas: list[MapArea]) -> dict[str, Any]:
    """Only these areas' outlines: each trace carries its own, so the figure holds every outline once
    (Plotly copies a trace's GeoJSON when it validates the figure)."""
    ids = {str(a.region_id) for a in areas}
    return {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in ids]}


def _area_trace(areas: list[MapArea], fill: str, layer: MapLayer, geojson: dict[str, Any], lang: Lang) -> go.Choropleth:
    shaded = fill == SHADED
    low, high = layer.value_range
    return go.Choropleth(
        geojson=_features_of(geojson, areas), featureidkey="id", locations=[str(a.region_id) for a in areas],
        z=[a.value if shaded else 1 for a in areas],
        zmin=low if shaded else 0, zmax=high if shaded and high > low else (low + 1 if shaded else 1),
        colorscale=[list(p) for p in SEQUENTIAL] if shaded else [[0, fill_colour(fill)], [1, fill_colour(fill)]],
        showscale=False, name=class_label(fill, layer, lang), showlegend=True, legendgroup=fill,
        customdata=[[a.name] for a in areas],
        hovertext=[_hover(a, layer, lang) for a in areas], hoverinfo="text",
        marker={"line": {"color": BORDER, "width": 1.2}},
        # A click selects (and filters); plotly must not dim the rest of the map meanwhile.
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
    )


def _selected_trace(layer: MapLayer, geojson: dict[str, Any]) -> go.Choropleth | None:
    """The chosen townships outlined, drawn after the areas so no neighbour's border covers the line."""
    chosen = [a for a in layer.areas if a.selected]
    if not chosen:
        return None
    return go.Choropleth(
        geojson=_features_of(geojson, chosen), featureidkey="id", locations=[str(a.region_id) for a in chosen],
        z=[1] * len(chosen),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, showlegend=False,
        name="selected", customdata=[[a.name] for a in chosen], hoverinfo="skip",
        marker={"line": {"color": SELECTED_LINE, "width": 3.5}},
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}})


def _hatch_trace(layer: MapLayer) -> go.Scattergeo | None:
    segments = layer.hatch()
    if not segments:
        return None
    lon: list[float | None] = []
    lat: list[float | None] = []
    for (x0, y0), (x1, y1) in segments:
        lon += [x0, x1, None]
        lat += [y0, y1, None]
    return go.Scattergeo(lon=lon, lat=lat, mode="lines", line={"color": HATCH_COLOUR, "width": 1},
                         hoverinfo="skip", showlegend=False, name="hatch")


def _label_trace(layer: MapLayer, lang: Lang, size: int) -> go.Scattergeo:
    areas = layer.areas
    return go.Scattergeo(
        lon=[a.label_at[0] for a in areas], lat=[a.label_at[1] for a in areas], mode="text",
        text=[f"<b>{html.escape(a.name)}</b><br>{html.escape(short_value(a, layer, lang))}" for a in areas],
        textfont={"size": size, "color": theme.TEXT, "family": theme.FONT_FAMILY},
        customdata=[[a.name] for a in areas], hovertext=[_hover(a, layer, lang) for a in areas], hoverinfo="text",
        showlegend=False, name="labels", selected={"textfont": {"color": theme.TEXT}},
        unselected={"textfont": {"color": theme.TEXT}},
    )


def build_township_map(layer: MapLayer, *, lang: Lang = "zh", height: int = 560, label_size: int = 12) -> go.Figure:
    """The choropleth of ``layer``: one location per outlined township (or county)."""
    geojson = layer.feature_collection(d3=True)
    # The names come first: plotly.js decides from the first trace alone whether to fetch its world map
    # from a CDN (it does when that trace has a ``locationmode``, as a choropleth has), and the map must
    # draw without a network. Trace order does not decide what is on top: areas always lie below text.
    traces: list[Any] = [_label_trace(layer, lang, label_size)]
    for fill in layer.classes:
        areas = [a for a in layer.areas if a.fill_class == fill]
        traces.append(_area_trace(areas, fill, layer, geojson, lang))
    traces += [t for t in (_selected_trace(layer, geojson), _hatch_trace(layer)) if t is not None]
    layout = theme.figure_layout(
        height=height, margin={"l": 0, "r": 0, "t": 40, "b": 0}, clickmode="event+select", dragmode=False,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0,
                "itemclick": False, "itemdoubleclick": False},
        geo={"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"},
             "bgcolor": "rgba(0,0,0,0)"})
    return go.Figure(traces, layout=layout)
