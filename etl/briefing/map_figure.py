"""The township map as a briefing figure: the layer the dashboard and the wall screen draw
(``etl.geo.layer``), as an Altair geoshape rendered to PNG by vl-convert — no browser, the briefing's
own Chinese font (``render_chart``: a PDF's font files, or for DOCX/PPTX the system's fonts by name).

Fills are the pale status tints of the dashboard's map (names are printed on them and a briefing is
often photocopied in black and white, so each township also carries its figure and a status mark).
"""

from __future__ import annotations

from typing import Any

import altair as alt

from etl.briefing.charts import render_chart
from etl.briefing.fonts import ChartFont, FontSet
from etl.briefing.model import Chart
from etl.geo.layer import FEW_CASES, NO_VALUE, SHADED, MapArea, MapLayer, build_map_layer, map_level
from etl.metrics import Facts, Filters, IndicatorConfig, Period, compute_grouped, resolve_config
from etl.metrics.definitions import Definitions
from etl.text_safety import sanitise_label
from etl.wording import numbers

WIDTH, HEIGHT = 440, 380
KEY = "litigation_cases"
FILLS = {"met": "#CFE8D8", "close": "#F8E5B0", "missed": "#F4B9B4", SHADED: "#7FA2D6", NO_VALUE: "#F1F3F6",
         FEW_CASES: "#E3E7EC"}
#: In GB2312, so the official fonts print them (✓ and ✗ are not).
MARKS = {"met": "√", "close": "○", "missed": "×"}


def _legend(fill: str, layer: MapLayer) -> str:
    return {"met": "达标", "close": "接近目标", "missed": "未达标", SHADED: "无目标：颜色越深数值越大",
            NO_VALUE: "不适用（无案件）", FEW_CASES: f"案件过少（不足{layer.min_cases}件）"}[fill]


def _figure(area: MapArea, layer: MapLayer) -> str:
    if area.few_cases:
        return f"{area.numerator}/{area.denominator}件"
    if area.value is None:
        return "—"
    text = numbers.value(area.value, layer.indicator.format.value)
    return f"{MARKS[area.fill_class]}{text}" if area.fill_class in MARKS else text


def build_township_map_chart(layer: MapLayer, title: str) -> alt.Chart:
    """Areas coloured by class (legend below), hatching over few-case areas, the chosen outlined, and
    each township's name and figure at its label point."""
    features = layer.feature_collection(d3=True)["features"]
    for feature, area in zip(features, layer.areas, strict=True):
        feature["properties"].update(legend=_legend(area.fill_class, layer),
                                     opacity=0.25 + 0.75 * area.shade if area.shade is not None else 1.0)
    classes = list(layer.classes)
    areas = alt.Chart(alt.InlineData(values=features)).mark_geoshape(stroke="#FFFFFF", strokeWidth=0.8).encode(
        color=alt.Color("properties.legend:N", title=None,
                        scale=alt.Scale(domain=[_legend(c, layer) for c in classes], range=[FILLS[c] for c in classes]),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=260)),
        opacity=alt.Opacity("properties.opacity:Q", scale=None, legend=None))
    layers: list[Any] = [areas]
    hatch = layer.hatch()
    if hatch:
        lines = {"type": "Feature", "properties": {},
                 "geometry": {"type": "MultiLineString", "coordinates": [[list(a), list(b)] for a, b in hatch]}}
        layers.append(alt.Chart(alt.InlineData(values=[lines])).mark_geoshape(filled=False, stroke="#8A96A3",
                                                                               strokeWidth=0.6))
    chosen = [f for f, a in zip(features, layer.areas, strict=True) if a.selected]
    if chosen:
        layers.append(alt.Chart(alt.InlineData(values=chosen)).mark_geoshape(filled=False, stroke="#1A2433",
                                                                             strokeWidth=2.2))
    # Names are drawn natively, like every briefing chart's labels: one printable line of bounded length.
    labels = [{"lon": a.label_at[0], "lat": a.label_at[1], "name": sanitise_label(a.name), "figure": _figure(a, layer)}
              for a in layer.areas]
    text = alt.Chart(alt.InlineData(values=labels))
    layers += [text.mark_text(fontSize=10, fontWeight="bold", dy=-6, color="#1A2433").encode(
                   longitude="lon:Q", latitude="lat:Q", text="name:N"),
               text.mark_text(fontSize=9, dy=7, color="#1A2433").encode(longitude="lon:Q", latitude="lat:Q",
                                                                        text="figure:N")]
    chart = alt.layer(*layers).properties(title=sanitise_label(title), width=WIDTH, height=HEIGHT).project("mercator")
    return chart  # type: ignore[return-value]  # a layer chart renders like a chart (render_chart)


def township_map_figure(facts: Facts, period: Period, filters: Filters, fonts: FontSet | ChartFont,
                        config: IndicatorConfig | Definitions | None = None) -> Chart | None:
    """The 乡镇 section's map of lawsuits filed, the scope's township outlined; None without outlines."""
    level = map_level(facts)
    if level != "township":
        return None
    unfiltered = Filters(unit_ids=filters.unit_ids, area_ids=filters.area_ids)
    grouped = compute_grouped(facts, period, unfiltered, by="township", config=config)
    cfg = resolve_config(config, period)
    layer = build_map_layer(facts, grouped, KEY, "township", cfg.ranking_min_cases, filters.township_ids)
    if not layer.areas:
        return None
    title = f"各乡镇（街道）{layer.indicator.label_zh}分布" + ("（演示边界）" if facts.is_demo else "")
    return render_chart(build_township_map_chart(layer, title), title, fonts)
