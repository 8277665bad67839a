"""The wall screen's map panel: in the playlist and configurable from the URL, an area per outline drawn
in the theme's colours, names sized for 5 m, the scope's township outlined, counties in a city
database, and a sentence instead of a map when no outline was imported."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from xml.etree import ElementTree

import polars as pl

from dashboard.screen.build import build_screen, map_layer, resolve_scope
from dashboard.screen.config import PANEL_KEYS, parse_screen_params
from dashboard.screen.css import MIN_LABEL_FONT, PALETTES
from dashboard.screen.map_panel import BOX_VH, WIDTH, map_svg
from etl.metrics import parse_period
from tests.geo_factories import map_facts, outline_frame

Y2025 = parse_period("2025")


def svg_of(markup: str) -> str:
    match = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', markup)
    assert match, "no map image"
    return base64.b64decode(match.group(1)).decode("utf-8")


def test_the_map_is_a_panel_of_the_playlist_and_its_indicator_comes_from_the_url() -> None:
    assert "map" in PANEL_KEYS
    config, notices = parse_screen_params({"panels": "map,kpi", "map": "loss_rate"})
    assert config.panels == ("map", "kpi") and config.map_indicator == "loss_rate" and not notices
    fallback, notices = parse_screen_params({"map": "bogus"})
    assert fallback.map_indicator == "litigation_cases" and "bogus" in notices[0]


def test_one_area_per_outline_in_the_themes_colours_with_the_scope_outlined() -> None:
    facts = map_facts()
    config, _ = parse_screen_params({"period": "2025", "map": "loss_rate", "township": "西镇", "theme": "light"})
    markup = build_screen(facts, config, "map", "10:00:00")
    svg = svg_of(markup)
    areas = re.findall(r'<path d="[^"]+" fill="([^"]+)"[^>]*data-region="(\d+)" data-class="([^"]+)" '
                       r'data-selected="(\d)"', svg)
    assert sorted(r for _, r, _, _ in areas) == ["10", "11", "12", "13"]
    by_region = {r: (fill, cls, sel) for fill, r, cls, sel in areas}
    light = PALETTES["light"]
    assert by_region["10"] == (light["missed"], "missed", "0") and by_region["11"] == (light["met"], "met", "1")
    assert by_region["12"][0] == "url(#hatch)" and '<pattern id="hatch"' in svg
    assert 'class="edge sel"' in svg
    assert "✗ 25%" in svg and "1/2件" in svg  # status by symbol too; few cases say how few
    assert "行政诉讼败诉率" in markup and 'class="lds-num lds-maptotal"' in markup


def test_names_come_out_at_least_at_the_label_size_of_the_screen() -> None:
    facts = map_facts()
    config, _ = parse_screen_params({"period": "2025"})
    layer = map_layer(facts, Y2025, resolve_scope(facts, config, "zh"), "litigation_cases")
    assert layer is not None
    svg = map_svg(layer, "zh", PALETTES["dark"])
    height = float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))  # type: ignore[union-attr]
    vh_per_unit = min(BOX_VH[0] / WIDTH, BOX_VH[1] / height)
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) * vh_per_unit >= 100 * MIN_LABEL_FONT
    assert svg.count("<tspan") >= 8  # name and figure of each of the four townships


def test_counties_instead_of_townships_in_a_city_database() -> None:
    counties = pl.DataFrame({"id": [1, 2], "name": ["示范县", "示范甲县"], "parent_id": [9, 9], "short_name": ["示范", "甲县"]})
    facts = replace(map_facts(), counties=counties, boundaries=outline_frame({1: (0, 0), 2: (1, 0)}, level="county"))
    config, _ = parse_screen_params({"period": "2025"})
    markup = build_screen(facts, config, "map", "10:00:00")
    assert "按县（市、区）" in markup
    assert sorted(re.findall(r'data-region="(\d+)"', svg_of(markup))) == ["1", "2"]


def test_without_outlines_the_panel_says_how_to_import_them() -> None:
    facts = replace(map_facts(), boundaries=map_facts().boundaries.clear())
    config, _ = parse_screen_params({"period": "2025"})
    markup = build_screen(facts, config, "map", "10:00:00")
    assert "尚未导入乡镇边界" in markup and "data:image/svg" not in markup


def test_a_control_character_in_a_name_does_not_spoil_the_map_image() -> None:
    """The map travels as an SVG image, which is XML: one BEL (from a database filled before the importer
    removed them) made the whole image unreadable, a blank panel on the wall."""
    facts = map_facts()
    names = ["东\x07镇" if i == 10 else n for i, n in zip(facts.townships["id"], facts.townships["name"], strict=True)]
    facts = replace(facts, townships=facts.townships.with_columns(pl.Series("name", names)))
    config, _ = parse_screen_params({"period": "2025"})
    svg = svg_of(build_screen(facts, config, "map", "10:00:00"))
    root = ElementTree.fromstring(svg)  # raises on a character XML does not allow
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}tspan")} | {
        t.text for t in root.iter("{http://www.w3.org/2000/svg}title")}
    assert "东镇" in texts and not any("\x07" in (t or "") for t in texts)
