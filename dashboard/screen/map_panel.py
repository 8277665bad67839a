"""The wall screen's map panel: the choropleth as inline SVG, names and figures large enough for 5 m.

Pure: a :class:`~etl.geo.layer.MapLayer` in, markup out (the same layer as the page map and the
briefing figure, so the three colour a township alike). SVG rather than Plotly for the reasons the
other panels are HTML: sizes follow the screen height, and nothing is fetched or kept per rotation.
The SVG travels as an ``<img>`` data URI: ``st.html`` sanitises inline SVG away, and an image cannot
run anything. An image's SVG is XML, where one control character spoils the whole map, so names pass
through :func:`etl.text_safety.sanitise_label` (like every natively drawn label) before escaping. An image does not see the page's CSS variables, so it is drawn in the screen theme's
colours (``dashboard.screen.css.PALETTES``).

Text inside an SVG scales with its viewBox, not with the screen, so the font sizes are worked out from
the box the map is shown in — the left part of the panel body, about 121 × 72 vh on a 16:9 screen —
to come out at :data:`NAME_VH` / :data:`VALUE_VH` of the screen height. A name that would not fit
inside its area is left to the list beside the map (a province's 150 counties); its figure still shows
when that fits.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from html import escape

from dashboard.formatting import fmt_value
from dashboard.i18n import Lang
from dashboard.map_text import class_label, short_value
from dashboard.screen.models import status_symbol
from dashboard.screen.text import s
from etl.geo.layer import FEW_CASES, NO_VALUE, SHADED, MapArea, MapLayer
from etl.geo.shapes import Shape
from etl.metrics.registry import Direction
from etl.text_safety import sanitise_label

#: The box the map is drawn in, in vh of a 16:9 screen (width, height): the body less the side column.
BOX_VH = (121.0, 72.0)
NAME_VH = 2.6  # a township's name on the map, as a share of the screen height (×100)
VALUE_VH = 2.6
WIDTH = 1000.0  # the viewBox width; the height follows the map's shape
LIST_ROWS = 6
FONT = '"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif'


class _Projection:
    """Longitude/latitude to viewBox units: equirectangular with the map's mid-latitude cosine, which at
    county and province size is indistinguishable from Mercator."""

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        west, south, east, north = bounds
        self.west, self.north = west, north
        self.cos = math.cos(math.radians((south + north) / 2))
        span = max((east - west) * self.cos, 1e-9)
        self.k = WIDTH / span
        self.height = max((north - south) * self.k, 1.0)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.cos * self.k, (self.north - lat) * self.k

    def path(self, shape: Shape) -> str:
        parts = []
        for polygon in shape:
            for ring in polygon:
                points = [self.xy(float(x), float(y)) for x, y in ring[:-1]]
                parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
        return "".join(parts)


def units_per_vh(projection: _Projection) -> float:
    """ViewBox units per 1 % of the screen height, as the map is fitted into :data:`BOX_VH`."""
    vh_per_unit = min(BOX_VH[0] / WIDTH, BOX_VH[1] / projection.height)
    return 1.0 / vh_per_unit


def _fill(area: MapArea, palette: Mapping[str, str]) -> str:
    fill = area.fill_class
    if fill == FEW_CASES:
        return "url(#hatch)"
    if fill == SHADED:
        return palette["accent"]
    return palette.get(fill, palette["card"]) if fill in ("met", "close", "missed") else palette["card"]


def _opacity(area: MapArea) -> float:
    """Shaded areas: from a fifth to full strength of the accent colour along the value."""
    return 0.2 + 0.8 * (area.shade or 0.0) if area.fill_class == SHADED else 1.0


def _label(area: MapArea, layer: MapLayer, projection: _Projection, unit: float, short_names: dict[int, str],
           lang: Lang) -> str:
    """Name over figure at the area's label point; each line only if it fits inside the area."""
    x, y = projection.xy(*area.label_at)
    shape = area.shape
    xs = [projection.xy(float(px), float(py))[0] for polygon in shape for px, py in polygon[0]]
    width = max(xs) - min(xs)
    figure = short_value(area, layer, lang)
    if area.fill_class in ("met", "close", "missed"):
        figure = f"{status_symbol(area.status)} {figure}"
    name_size, value_size = NAME_VH * unit, VALUE_VH * unit
    lines = []
    # The full name if it fits, else the short one (柳湾 for 柳湾镇), else none: the list beside names it.
    candidates = (sanitise_label(n) for n in (area.name, short_names.get(area.region_id)) if n)
    name = next((n for n in candidates if n and len(n) * name_size * 0.95 <= width), None)
    if name:
        lines.append((name, name_size, 700))
    if len(figure) * value_size * 0.62 <= width:
        lines.append((figure, value_size, 800))
    if not lines:
        return ""
    top = y - (len(lines) - 1) * 0.55 * name_size
    spans = "".join(f'<tspan x="{x:.1f}" y="{top + i * 1.1 * size:.1f}" font-size="{size:.1f}" '
                    f'font-weight="{weight}">{escape(text)}</tspan>' for i, (text, size, weight) in enumerate(lines))
    return f'<text text-anchor="middle" dominant-baseline="middle">{spans}</text>'


def map_svg(layer: MapLayer, lang: Lang, palette: Mapping[str, str], short_names: dict[int, str] | None = None) -> str:
    """The map as a standalone SVG document: an area per outline, hatching for few cases, the chosen
    ones outlined, names and figures with a halo in the background colour."""
    projection = _Projection(layer.bounds)
    unit = units_per_vh(projection)
    hatch = 0.9 * unit
    areas = "".join(
        f'<path d="{projection.path(a.shape)}" fill="{_fill(a, palette)}" fill-opacity="{_opacity(a):.2f}" '
        f'fill-rule="evenodd" data-region="{a.region_id}" data-class="{a.fill_class}" '
        f'data-selected="{int(a.selected)}"><title>{escape(sanitise_label(a.name))}</title></path>'
        for a in layer.areas)
    borders = "".join(f'<path d="{projection.path(a.shape)}" class="edge{" sel" if a.selected else ""}"/>'
                      for a in sorted(layer.areas, key=lambda a: a.selected))
    labels = "".join(_label(a, layer, projection, unit, short_names or {}, lang) for a in layer.areas)
    style = (f'.edge{{fill:none;stroke:{palette["bg"]};stroke-width:{0.12 * unit:.1f};stroke-linejoin:round}}'
             f'.edge.sel{{stroke:{palette["fg"]};stroke-width:{0.45 * unit:.1f}}}'
             f'text{{font-family:{FONT};fill:{palette["fg"]};stroke:{palette["bg"]};stroke-width:{0.5 * unit:.1f};'
             f'paint-order:stroke;stroke-linejoin:round}}')
    pattern = (f'<pattern id="hatch" patternUnits="userSpaceOnUse" width="{hatch:.1f}" height="{hatch:.1f}" '
               f'patternTransform="rotate(45)"><rect width="{hatch:.1f}" height="{hatch:.1f}" fill="{palette["card"]}"/>'
               f'<line x1="0" y1="0" x2="0" y2="{hatch:.1f}" stroke="{palette["muted"]}" '
               f'stroke-width="{0.18 * unit:.1f}"/></pattern>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {projection.height:.0f}" '
            f'data-areas="{len(layer.areas)}"><defs><style>{style}</style>{pattern}</defs>'
            f'{areas}{borders}{labels}</svg>')


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _swatch(fill: str) -> str:
    style = {"met": "var(--met)", "close": "var(--close)", "missed": "var(--missed)", NO_VALUE: "var(--card)",
             SHADED: "linear-gradient(90deg, rgba(91,155,255,.25), var(--accent))",
             FEW_CASES: "repeating-linear-gradient(45deg, var(--card) 0 .5vh, var(--muted) .5vh .7vh)"}[fill]
    return f'<i class="lds-key lds-mapkey" style="background:{style}" data-key="{escape(fill)}"></i>'


def _worst_first(layer: MapLayer) -> list[MapArea]:
    """Areas with a figure, the ones needing attention first (highest where lower is better)."""
    shown = [a for a in layer.areas if a.value is not None and not a.few_cases]
    higher_is_better = layer.indicator.direction == Direction.HIGHER
    return sorted(shown, key=lambda a: ((a.value or 0.0) if higher_is_better else -(a.value or 0.0), a.name))


def map_panel_html(layer: MapLayer, lang: Lang, palette: Mapping[str, str],
                   short_names: dict[int, str] | None = None, total: tuple[str, str] | None = None) -> str:
    """The map on the left; on the right the whole region's figure (``total``: label, value), the legend
    and the areas needing most attention."""
    legend = "".join(f'<div class="lds-mapleg">{_swatch(c)}{escape(class_label(c, layer, lang))}</div>'
                     for c in layer.classes)
    rows = "".join(
        f'<div class="lds-maprow" data-status="{escape(a.status)}"><span>{escape(a.name)}</span>'
        f'<b>{escape(fmt_value(a.value, layer.indicator.format.value, lang))}</b></div>'
        for a in _worst_first(layer)[:LIST_ROWS])
    head = (f'<div class="lds-sub-title">{escape(total[0])}</div><div class="lds-num lds-maptotal">'
            f'{escape(total[1])}</div>' if total else "")
    side = (f'<div class="lds-mapside">{head}<div class="lds-sub-title">{escape(s("map_legend", lang))}</div>{legend}'
            f'<div class="lds-sub-title lds-mapattn">{escape(s("map_attention", lang))}</div>{rows}</div>')
    title = s("panel_map", lang)
    image = (f'<img class="lds-mapsvg" alt="{escape(title)}" data-areas="{len(layer.areas)}" '
             f'src="{svg_data_uri(map_svg(layer, lang, palette, short_names))}"/>')
    return f'<div class="lds-map">{image}{side}</div>'


MAP_CSS = """
.lds-map{flex:1;display:grid;grid-template-columns:minmax(0,1fr) 26vw;gap:2vw;min-height:0}
.lds-mapsvg{width:100%;height:100%;min-height:0;min-width:0;display:block;object-fit:contain}
.lds-mapside{display:flex;flex-direction:column;gap:1.2vh;min-height:0;overflow:hidden}
.lds-mapleg{font-size:2.6vh;display:flex;align-items:center;gap:.6vw;white-space:nowrap}
.lds-mapkey{width:3vh;height:2.4vh}
.lds-mapattn{margin-top:2vh}
.lds-maptotal{text-align:left;margin-bottom:1.5vh}
.lds-maprow{display:flex;justify-content:space-between;gap:1vw;font-size:3.2vh;white-space:nowrap}
.lds-maprow span{overflow:hidden;text-overflow:ellipsis}
.lds-maprow b{font-size:3.6vh}
"""
