"""The briefing's township map: the same layer as the dashboard and the screen, as a Vega-Lite geoshape
(tested on its dict), rendered to PNG without a browser in the briefing's font, placed in the section
with the township tables; a unit's briefing has none."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest

from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.fonts import discover_fonts
from etl.briefing.map_figure import FILLS, build_township_map_chart, township_map_figure
from etl.geo.layer import FEW_CASES, build_map_layer
from etl.metrics import Filters, compute_grouped, parse_period
from tests.geo_factories import map_facts

Y2025 = parse_period("2025")


def chart_dict(key: str = "loss_rate", selected: tuple[int, ...] = ()) -> dict:
    facts = map_facts()
    layer = build_map_layer(facts, compute_grouped(facts, Y2025, by="township"), key, "township", 3, selected)
    return build_township_map_chart(layer, "地图").to_dict()


def values(spec: dict, layer: dict) -> list:
    """A layer's inline rows (Altair moves them to the top-level ``datasets`` by name)."""
    data = layer["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_areas_coloured_by_class_with_a_legend_hatching_labels_and_the_chosen_outlined() -> None:
    spec = chart_dict(selected=(10,))
    layers = spec["layer"]
    areas = layers[0]
    assert areas["mark"]["type"] == "geoshape" and len(values(spec, areas)) == 4
    scale = areas["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        "达标": FILLS["met"], "未达标": FILLS["missed"], "不适用（无案件）": FILLS["n/a"], "案件过少（不足3件）": FILLS[FEW_CASES]}
    legend_of = {f["properties"]["name"]: f["properties"]["legend"] for f in values(spec, areas)}
    assert legend_of == {"东镇": "未达标", "西镇": "达标", "南镇": "案件过少（不足3件）", "北镇": "不适用（无案件）"}
    kinds = [(layer["mark"]["type"], layer["mark"].get("filled")) for layer in layers[1:3]]
    assert kinds == [("geoshape", False), ("geoshape", False)]  # hatching, then the outline of 东镇
    names = {row["name"]: row["figure"] for row in values(spec, layers[3])}
    assert names == {"东镇": "×25%", "西镇": "√0%", "南镇": "1/2件", "北镇": "—"}  # the briefing's percent format
    assert spec["projection"]["type"] == "mercator"


@pytest.mark.usefixtures("cjk_fonts")
def test_the_figure_renders_without_a_browser_and_only_where_townships_are_outlined() -> None:
    fonts = discover_fonts()
    facts = map_facts()
    chart = township_map_figure(facts, Y2025, Filters(), fonts)
    assert chart is not None and chart.png.startswith(b"\x89PNG") and chart.width_px > 600
    assert "行政诉讼发案量" in chart.title
    assert township_map_figure(replace(facts, boundaries=facts.boundaries.clear()), Y2025, Filters(), fonts) is None


@pytest.mark.usefixtures("cjk_fonts")
def test_the_map_sits_with_the_township_tables_and_not_in_a_units_briefing() -> None:
    fonts = discover_fonts()
    facts = map_facts()
    region = assemble_briefing(facts, Y2025, BriefScope(), fonts)
    mapped = [a for a in region.annexes if a.chart is not None and "分布" in a.chart.title]
    assert len(mapped) == 1 and "乡镇" in mapped[0].title and mapped[0].tables  # the map opens the league table
    assert not [s for s in region.sections if s.chart is not None and "分布" in s.chart.title]  # 正文 stays short
    unit = assemble_briefing(facts, Y2025, BriefScope("unit", 1, "甲局"), fonts)
    assert not [a for a in (*unit.sections, *unit.annexes) if a.chart is not None and "分布" in a.chart.title]


@pytest.mark.usefixtures("cjk_fonts")
def test_hostile_township_names_are_drawn_as_one_printable_line_and_the_figure_still_renders() -> None:
    """A database filled before the importer cleaned names: a BEL and a line break, a 200-character name."""
    facts = map_facts()
    hostile = {10: "东\x07镇\n（城关）", 11: "西" * 200}
    names = [hostile.get(i, n) for i, n in zip(facts.townships["id"], facts.townships["name"], strict=True)]
    facts = replace(facts, townships=facts.townships.with_columns(pl.Series("name", names)))
    layer = build_map_layer(facts, compute_grouped(facts, Y2025, by="township"), "loss_rate", "township", 3, ())
    spec = build_township_map_chart(layer, "地图\x07").to_dict()
    drawn = [row["name"] for row in values(spec, spec["layer"][3])]
    assert "东镇 （城关）" in drawn and "西" * 119 + "…" in drawn
    assert spec["title"] == "地图"
    chart = township_map_figure(facts, Y2025, Filters(), discover_fonts())
    assert chart is not None and chart.png.startswith(b"\x89PNG")
