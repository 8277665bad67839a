"""The demo's invented outlines: one per township of 示范县 (one per county at city and province scale),
deterministic, of plausible size, neighbours sharing borders without gaps or overlaps, simplified under
the budget and marked 演示."""

from __future__ import annotations

import json
import math

import pytest

from etl.demo import generate_demo
from etl.demo.boundaries import SOURCE, county_outline, county_shapes, demo_boundaries, township_shapes
from etl.geo.shapes import polygon_area, shape_from_geojson
from etl.geo.simplify import PAYLOAD_BUDGET

KM2 = 111.2 ** 2 * math.cos(math.radians(35.55))  # square degrees → km² at the demo's latitude


def test_one_outline_per_township_labelled_as_demo_and_the_same_every_time() -> None:
    demo = generate_demo(scale="county")
    rows = demo_boundaries(demo.geography, demo.seed)
    towns = demo.geography.counties[0].townships
    assert rows["region_id"].to_list() == [t.id for t in towns] and set(rows["level"]) == {"township"}
    assert set(rows["source"]) == {SOURCE} and "演示" in SOURCE
    assert rows.equals(demo_boundaries(demo.geography, demo.seed))
    assert sum(len(g) for g in rows["geometry"]) < PAYLOAD_BUDGET


def test_townships_have_plausible_sizes_and_tile_the_county() -> None:
    shapes = township_shapes(20231225)
    areas = [polygon_area(s[0]) * KM2 for s in shapes]
    assert all(20 <= a <= 300 for a in areas), areas
    assert max(areas[:3]) < min(areas[3:])  # the three 街道 around the seat are the smallest
    # Sharing borders point for point, without gaps or overlaps, the townships add up to their county.
    county = polygon_area(county_outline(20231225)[0]) * KM2
    assert 1200 <= county <= 2500
    assert sum(areas) == pytest.approx(county, rel=1e-3)


@pytest.mark.parametrize(("scale", "count"), [("city", 10), ("province", 150)])
def test_city_and_province_scales_get_county_outlines(scale: str, count: int) -> None:
    demo = generate_demo(scale=scale)
    rows = demo_boundaries(demo.geography, demo.seed)
    assert rows.height == count and set(rows["level"]) == {"county"}
    assert rows["region_id"].to_list() == [c.id for c in demo.geography.counties]
    shapes = [shape_from_geojson(json.loads(g)) for g in rows["geometry"]]
    assert all(500 <= polygon_area(s[0]) * KM2 <= 3000 for s in shapes)


def test_neighbouring_counties_share_their_corners() -> None:
    shapes = county_shapes(10, 20231225)
    corners = [{(round(x, 9), round(y, 9)) for x, y in s[0][0].tolist()} for s in shapes]
    shared = sum(1 for i in range(10) for j in range(i + 1, 10) if len(corners[i] & corners[j]) >= 2)
    assert shared >= 12  # a 5×2 block of hexagons has at least 13 neighbouring pairs
