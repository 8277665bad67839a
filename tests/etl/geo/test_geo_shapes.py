"""Outline geometry: simplification keeps every township and bounds the payload, label points fall
inside, hatching stays inside, rings are wound as RFC 7946 asks and rewound for d3."""

from __future__ import annotations

import json

import numpy as np
import pytest

from etl.geo.shapes import (
    ShapeError,
    contains,
    for_d3,
    hatch_lines,
    label_point,
    oriented,
    ring_area,
    shape_from_geojson,
    shape_to_geojson,
)
from etl.geo.simplify import PAYLOAD_BUDGET, payload_bytes, significance, simplify_ring, simplify_to_budget
from tests.geo_factories import ragged_ring


def test_significance_is_douglas_peucker_at_every_tolerance() -> None:
    ring = np.array(ragged_ring(0, 0, 1, 500, 7))

    def recursive(tolerance: float) -> np.ndarray:  # the textbook algorithm, one stretch at a time
        keep = np.zeros(len(ring), dtype=bool)
        far = int(np.argmax(((ring - ring[0]) ** 2).sum(axis=1)))
        keep[[0, far, len(ring) - 1]] = True
        stack = [(0, far), (far, len(ring) - 1)]
        while stack:
            a, b = stack.pop()
            if b - a < 2:
                continue
            chord = ring[b] - ring[a]
            inner = ring[a + 1:b] - ring[a]
            d = np.abs(chord[0] * inner[:, 1] - chord[1] * inner[:, 0]) / np.hypot(*chord)
            i = int(np.argmax(d))
            if d[i] > tolerance:
                keep[a + 1 + i] = True
                stack += [(a, a + 1 + i), (a + 1 + i, b)]
        return keep

    sig = significance(ring)
    for tolerance in (1e-4, 1e-3, 1e-2, 5e-2):
        assert np.array_equal(sig > tolerance, recursive(tolerance))


def test_douglas_peucker_drops_collinear_points_and_keeps_corners() -> None:
    ring = np.array([[0, 0], [1, 0], [2, 0], [2, 1], [2, 2], [1, 2], [0, 2], [0, 1], [0, 0]], dtype=float)
    kept = simplify_ring(ring, 0.01)
    assert {tuple(p) for p in kept} == {(0, 0), (2, 0), (2, 2), (0, 2)}
    assert np.array_equal(kept[0], kept[-1])


@pytest.mark.parametrize(("points", "budget"), [
    (3_000, 40_000),  # 1.5 MB under a tenth of the budget: the property, quickly
    pytest.param(12_000, PAYLOAD_BUDGET, marks=pytest.mark.slow),  # 6 MB, as a surveying bureau sends it
])
def test_a_surveyed_county_comes_under_the_budget_with_every_township(points: int, budget: int) -> None:
    shapes = [shape_from_geojson({"type": "Polygon", "coordinates": [ragged_ring(114 + 0.2 * (i % 6), 35 + 0.2 * (i // 6),
                                                                              0.09, points, i)]})
              for i in range(18)]
    assert payload_bytes(shapes, 7) > 10 * budget
    result = simplify_to_budget(shapes, budget)
    assert result.payload <= budget
    assert payload_bytes(result.shapes, result.decimals) == result.payload
    assert len(result.shapes) == 18 and all(len(s[0][0]) >= 12 for s in result.shapes)
    for before, after in zip(shapes, result.shapes, strict=True):  # the outline still covers its township
        assert abs(ring_area(after[0][0]) - ring_area(before[0][0])) < 0.03 * abs(ring_area(before[0][0]))


def test_a_tiny_islet_goes_but_the_township_stays() -> None:
    big = ragged_ring(114, 35, 0.1, 2000, 1)
    islet = [[114.3, 35.3], [114.30001, 35.3], [114.30001, 35.30001], [114.3, 35.3]]
    speck = [[115.0, 36.0], [115.000001, 36.0], [115.000001, 36.000001], [115.0, 36.0]]
    shapes = [shape_from_geojson({"type": "MultiPolygon", "coordinates": [[big], [islet]]}),
              shape_from_geojson({"type": "Polygon", "coordinates": [speck]})]
    result = simplify_to_budget(shapes, budget=3_000)
    assert len(result.shapes) == 2  # even a township smaller than the tolerance keeps an outline
    assert len(result.shapes[0]) == 1 and len(result.shapes[1]) == 1


def test_label_point_lies_inside_a_crescent() -> None:
    theta = np.linspace(np.pi * 0.15, np.pi * 1.85, 60)
    outer = np.column_stack([np.cos(theta), np.sin(theta)])
    inner = np.column_stack([0.6 * np.cos(theta[::-1]) + 0.3, 0.6 * np.sin(theta[::-1])])
    ring = np.vstack([outer, inner, outer[:1]]).tolist()
    shape = shape_from_geojson({"type": "Polygon", "coordinates": [ring]})
    x, y = label_point(shape)
    assert contains(shape[0], x, y)


def test_hatching_stays_inside_and_covers_the_area() -> None:
    shape = shape_from_geojson({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
                                                                   [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6],
                                                                    [0.4, 0.4]]]})
    segments = hatch_lines(shape, 0.05)
    assert len(segments) > 20
    for (x0, y0), (x1, y1) in segments:
        mid = ((x0 + x1) / 2, (y0 + y1) / 2)
        assert contains(shape[0], *mid)  # never across the hole or outside
        assert x1 - x0 == pytest.approx(y1 - y0, abs=1e-9)  # 45°


def test_rings_are_wound_counter_clockwise_and_rewound_for_d3() -> None:
    clockwise = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]
    shape = oriented(shape_from_geojson({"type": "Polygon", "coordinates": [clockwise]}))
    assert ring_area(shape[0][0]) > 0
    stored = json.loads(json.dumps(shape_to_geojson(shape)))
    d3 = for_d3(stored)
    assert d3["coordinates"][0][0] == stored["coordinates"][0][0][::-1]


@pytest.mark.parametrize(("geometry", "reason"), [
    (None, "缺少几何"),
    ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "不是面"),
    ({"type": "Polygon", "coordinates": [[[500000, 3800000], [500100, 3800000], [500100, 3800100]]]}, "不是经纬度"),
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}, "少于3个"),
    ({"type": "Polygon", "coordinates": [[["a", 0], [1, 1], [1, 0], [0, 0]]]}, "不是数值"),
])
def test_what_cannot_be_an_outline_is_said_in_chinese(geometry: dict | None, reason: str) -> None:
    with pytest.raises(ShapeError, match=reason):
        shape_from_geojson(geometry)
