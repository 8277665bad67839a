"""A township's outline as NumPy rings, and the few operations a map needs on it.

A :data:`Shape` is a MultiPolygon: polygons, each an outer ring followed by its holes, each ring an
``(n, 2)`` array of (longitude, latitude) whose last point repeats the first. A township with an
exclave (飞地) is one shape of two polygons.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

Ring = np.ndarray
Polygon = tuple[Ring, ...]
Shape = tuple[Polygon, ...]
Segment = tuple[tuple[float, float], tuple[float, float]]

POLYGON_TYPES = ("Polygon", "MultiPolygon")


class ShapeError(ValueError):
    """A geometry that cannot be a township's outline; the message is for the user, in Chinese."""


def _ring(points: Any) -> Ring:
    try:
        ring = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise ShapeError("坐标不是数值") from None
    if ring.ndim != 2 or ring.shape[1] < 2:
        raise ShapeError("坐标格式不正确（应为 [经度, 纬度] 的列表）")
    ring = ring[:, :2]  # an elevation, if any, is not drawn
    if not np.isfinite(ring).all():
        raise ShapeError("坐标含有非数值")
    if np.abs(ring[:, 0]).max() > 180 or np.abs(ring[:, 1]).max() > 90:
        raise ShapeError(f"坐标不是经纬度（如 {ring[0, 0]:.1f}, {ring[0, 1]:.1f}），请先转换为经纬度坐标")
    if not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    if len(ring) < 4:
        raise ShapeError("多边形的顶点少于3个")
    return ring


def _polygons(geometry: Mapping[str, Any]) -> list[Polygon]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "GeometryCollection":
        parts = geometry.get("geometries") or []
        return [p for part in parts if isinstance(part, Mapping) for p in _polygons(part)]
    if kind not in POLYGON_TYPES:
        raise ShapeError(f"几何类型为 {kind}，不是面（Polygon / MultiPolygon），不能作为边界")
    if not isinstance(coordinates, list) or not coordinates:
        raise ShapeError("几何没有坐标")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    return [tuple(_ring(r) for r in polygon) for polygon in polygons if polygon]


def shape_from_geojson(geometry: Mapping[str, Any] | None) -> Shape:
    """A GeoJSON Polygon, MultiPolygon, or a GeometryCollection of them, as an :func:`oriented` shape."""
    if not geometry:
        raise ShapeError("缺少几何（geometry 为空）")
    polygons = _polygons(geometry)
    if not polygons:
        raise ShapeError("几何中没有面（Polygon / MultiPolygon）")
    return oriented(tuple(polygons))


def oriented(shape: Shape) -> Shape:
    """Outer rings counter-clockwise, holes clockwise, as RFC 7946 asks. Files from desktop GIS often
    wind the other way (a Shapefile's outer rings are clockwise)."""
    def turn(ring: Ring, counter_clockwise: bool) -> Ring:
        return ring if (ring_area(ring) > 0) == counter_clockwise else ring[::-1]

    return tuple((turn(p[0], True), *(turn(hole, False) for hole in p[1:])) for p in shape)


def shape_to_geojson(shape: Shape, decimals: int = 5) -> dict[str, Any]:
    """A GeoJSON MultiPolygon with coordinates rounded to ``decimals`` (5 ≈ 1 m)."""
    return {"type": "MultiPolygon",
            "coordinates": [[np.round(ring, decimals).tolist() for ring in polygon] for polygon in shape]}


def for_d3(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A stored (RFC 7946) MultiPolygon with every ring reversed, for renderers built on d3-geo (Plotly,
    Vega-Lite): d3 reads rings on the sphere and takes a counter-clockwise ring for the rest of the
    globe, which would paint the whole map one colour."""
    return {"type": geometry["type"],
            "coordinates": [[ring[::-1] for ring in polygon] for polygon in geometry["coordinates"]]}


def point_count(shape: Shape) -> int:
    return sum(len(ring) for polygon in shape for ring in polygon)


def bounds(shapes: Iterable[Shape]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of every ring of every shape."""
    rings = [polygon[0] for shape in shapes for polygon in shape]
    if not rings:
        return (0.0, 0.0, 0.0, 0.0)
    stacked = np.vstack(rings)
    (west, south), (east, north) = stacked.min(axis=0), stacked.max(axis=0)
    return float(west), float(south), float(east), float(north)


def ring_area(ring: Ring) -> float:
    """Signed area (shoelace), positive for counter-clockwise rings, in squared degrees."""
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])) / 2.0


def polygon_area(polygon: Polygon) -> float:
    return abs(ring_area(polygon[0])) - sum(abs(ring_area(hole)) for hole in polygon[1:])


def _crossings(rings: Sequence[Ring], y: float) -> list[float]:
    """The x of every edge crossing the horizontal line at ``y`` (half-open, so vertices count once)."""
    xs: list[float] = []
    for ring in rings:
        a, b = ring[:-1], ring[1:]
        hit = (a[:, 1] <= y) != (b[:, 1] <= y)
        if hit.any():
            a, b = a[hit], b[hit]
            xs.extend((a[:, 0] + (y - a[:, 1]) * (b[:, 0] - a[:, 0]) / (b[:, 1] - a[:, 1])).tolist())
    return sorted(xs)


def contains(polygon: Polygon, x: float, y: float) -> bool:
    """Whether (x, y) lies inside the polygon (even–odd, so holes are outside)."""
    return sum(1 for cx in _crossings(polygon, y) if cx > x) % 2 == 1


def label_point(shape: Shape) -> tuple[float, float]:
    """Where a name goes: inside the largest polygon, at its centroid when that is inside, else at the
    middle of the widest inside stretch of the line through the centroid (a crescent's centroid is not)."""
    polygon = max(shape, key=polygon_area)
    outer = polygon[0]
    area = ring_area(outer)
    x, y = outer[:-1, 0], outer[:-1, 1]
    x1, y1 = np.roll(x, -1), np.roll(y, -1)
    cross = x * y1 - x1 * y
    if abs(area) > 1e-15:
        cx, cy = float(((x + x1) * cross).sum() / (6 * area)), float(((y + y1) * cross).sum() / (6 * area))
    else:
        cx, cy = float(x.mean()), float(y.mean())
    if contains(polygon, cx, cy):
        return cx, cy
    south, north = float(outer[:, 1].min()), float(outer[:, 1].max())
    best: tuple[float, float, float] = (-1.0, cx, cy)
    for line in (cy, *np.linspace(south, north, 23)[1:-1]):
        xs = _crossings(polygon, float(line))
        for left, right in zip(xs[::2], xs[1::2], strict=False):
            if right - left > best[0]:
                best = (right - left, (left + right) / 2, float(line))
    return best[1], best[2]


def hatch_lines(shape: Shape, spacing: float) -> list[Segment]:
    """Diagonal (45°) lines ``spacing`` apart, clipped to the shape: how a map marks a figure that rests
    on too few cases without hiding the outline underneath."""
    if spacing <= 0:
        return []
    root = math.sqrt(0.5)
    segments: list[Segment] = []
    for polygon in shape:
        # Rotate by −45° so the hatch lines are horizontal, clip them by scanline, rotate back.
        rotated = tuple(np.column_stack([(r[:, 0] + r[:, 1]) * root, (r[:, 1] - r[:, 0]) * root]) for r in polygon)
        low, high = float(rotated[0][:, 1].min()), float(rotated[0][:, 1].max())
        for v in np.arange(math.floor(low / spacing) * spacing + spacing / 2, high, spacing):
            xs = _crossings(rotated, float(v))
            for u0, u1 in zip(xs[::2], xs[1::2], strict=False):
                segments.append((((u0 - v) * root, (u0 + v) * root), ((u1 - v) * root, (u1 + v) * root)))
    return segments
