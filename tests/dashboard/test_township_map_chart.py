"""The page map's figure, tested on its dict: one location per outlined township, each area in the trace of
its class with that class's colour, hatching over few cases, the chosen outlined, names on the map, no
tiles and nothing fetched."""

from __future__ import annotations

from typing import Any

from dashboard import theme
from dashboard.charts.map import FEW_FILL, build_township_map
from etl.geo.layer import FEW_CASES, NO_VALUE, build_map_layer
from etl.metrics import compute_grouped, parse_period
from tests.geo_factories import map_facts

Y2025 = parse_period("2025")


def figure(key: str, selected: tuple[int, ...] = (), lang: str = "zh") -> dict[str, Any]:
    facts = map_facts()
    layer = build_map_layer(facts, compute_grouped(facts, Y2025, by="township"), key, "township", 3, selected)
    return build_township_map(layer, lang=lang).to_dict()  # type: ignore[arg-type]


def areas_by_trace(fig: dict[str, Any]) -> dict[str, list[str]]:
    return {t["legendgroup"]: t["locations"] for t in fig["data"] if t["type"] == "choropleth" and t.get("legendgroup")}


def test_one_location_per_township_in_the_trace_of_its_status() -> None:
    fig = figure("loss_rate")
    by_class = areas_by_trace(fig)
    assert by_class == {"met": ["11"], "missed": ["10"], NO_VALUE: ["13"], FEW_CASES: ["12"]}
    every = [loc for locs in by_class.values() for loc in locs]
    assert sorted(every) == ["10", "11", "12", "13"]  # each once
    colours = {t["legendgroup"]: t["colorscale"][0][1] for t in fig["data"] if t.get("legendgroup")}
    assert colours["met"] == theme.STATUS_FILLS["met"] and colours["missed"] == theme.STATUS_FILLS["missed"]
    assert colours[FEW_CASES] == FEW_FILL
    names = {t["legendgroup"]: t["name"] for t in fig["data"] if t.get("legendgroup")}
    assert names["missed"] == "未达标" and names[FEW_CASES] == "案件过少（不足3件）"


def test_few_cases_are_hatched_and_say_how_few() -> None:
    fig = figure("loss_rate")
    hatch = next(t for t in fig["data"] if t.get("name") == "hatch")
    assert hatch["type"] == "scattergeo" and hatch["mode"] == "lines" and hatch["hoverinfo"] == "skip"
    assert None in hatch["lon"]  # separate strokes
    labels = next(t for t in fig["data"] if t.get("name") == "labels")
    south = labels["text"][[c[0] for c in labels["customdata"]].index("南镇")]
    assert "1/2件" in south and "%" not in south


def test_a_count_without_target_is_shaded_and_the_chosen_are_outlined() -> None:
    fig = figure("litigation_cases", selected=(10,))
    shaded = next(t for t in fig["data"] if t.get("legendgroup") == "value")
    assert shaded["locations"] == ["10", "12", "13"] and shaded["z"] == [4.0, 2.0, 0.0]
    assert (shaded["zmin"], shaded["zmax"]) == (0.0, 5.0)
    outlined = next(t for t in fig["data"] if t.get("name") == "selected")
    assert outlined["locations"] == ["10"] and outlined["marker"]["line"]["width"] > 3


def test_click_carries_the_name_and_the_map_needs_no_network() -> None:
    fig = figure("loss_rate", lang="en")
    first = fig["data"][0]
    # plotly.js fetches a world map from a CDN when the first trace has a locationmode: it must not.
    assert first["type"] == "scattergeo" and "locationmode" not in first and "locations" not in first
    geo = fig["layout"]["geo"]
    assert geo["visible"] is False and geo["fitbounds"] == "locations"
    assert fig["layout"]["clickmode"] == "event+select"
    for trace in fig["data"]:
        if trace["type"] == "choropleth" and trace.get("legendgroup"):
            assert [c[0] for c in trace["customdata"]] == [
                {"10": "东镇", "11": "西镇", "12": "南镇", "13": "北镇"}[loc] for loc in trace["locations"]]
            assert trace["geojson"]["features"][0]["id"] in {"10", "11", "12", "13"}
    hover = next(t for t in fig["data"] if t.get("legendgroup") == "missed")["hovertext"][0]
    assert "东镇" in hover and "Target 10%" in hover and "missed" in hover
