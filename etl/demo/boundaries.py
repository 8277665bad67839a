"""Invented outlines for the demo: 示范县's townships, and the counties of the city and province scales.

Deterministic (no random state: every wobble is a function of the seed and a position), plausible in
size — a county of about 1,500 km², 街道 of a few dozen km² around the county seat, towns and 乡 of
50–150 km² — and marked 演示 wherever they are shown. Neighbours share their border point for point,
so the map has neither gaps nor overlaps.

Townships: the county is drawn in polar form around its seat — the three 街道 share the core, six towns
a middle ring, the other towns, the 乡 and the development zone the outer ring (in the demo catalogue's
order); rings and sector dividers wobble. Counties: a hexagonal tiling whose shared corners and edge midpoints are displaced by
a hash of their position, ten hexagons (a 5×2 block) per city.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import numpy as np
import polars as pl

from etl.demo.dimensions import County, Geography
from etl.geo.read import WGS84
from etl.geo.shapes import Shape, oriented, point_count, shape_to_geojson
from etl.geo.simplify import simplify_to_budget

SOURCE = "演示（虚构边界，非真实区划）"
#: The demo county's seat, an invented spot in the North China Plain, and its outer radius in degrees
#: of latitude (about 24 km).
CENTRE = (114.85, 35.55)
RADIUS = 0.215
#: Townships per ring, centre outwards: the three 街道; six towns; the other nine.
RINGS = (3, 6, 9)
ARC_STEPS = 720  # points on a full turn of a ring boundary
DIVIDER_STEPS = 24  # points along a sector divider
HEX_SIZE = 0.2  # a county hexagon's radius in degrees of latitude
HEX_BLOCK = (5, 2)  # counties of one city: five columns, two rows
BOUNDARY_SCHEMA = {"level": pl.String, "name_raw": pl.String, "region_id": pl.Int64, "crs": pl.String,
                   "geometry": pl.String, "points": pl.Int64, "source": pl.String, "source_row": pl.Int64}


def _wobble(seed: int, *key: float) -> float:
    """A stable pseudo-random number in [-1, 1] for a position: the same key always gives the same value."""
    h = math.sin(sum((i + 1) * 12.9898 * k for i, k in enumerate(key)) + seed * 78.233) * 43758.5453
    return 2 * (h - math.floor(h)) - 1


def _outer(theta: np.ndarray, seed: int) -> np.ndarray:
    """The county's radius at each angle: a circle with a few long bays and promontories."""
    r = np.ones_like(theta)
    for k, amplitude in ((2, 0.08), (3, 0.06), (5, 0.035), (9, 0.015)):
        r += amplitude * np.sin(k * theta + 6.283 * _wobble(seed, k))
    return r


def _ring_edge(index: int, theta: np.ndarray, seed: int) -> np.ndarray:
    """Where ring ``index`` ends, as a share of the county's radius (0 = the seat, len(RINGS) = outer edge)."""
    if index == 0:
        return np.zeros_like(theta)
    if index == len(RINGS):
        return np.ones_like(theta)
    base = (0.26, 0.58)[index - 1]
    return base + 0.035 * np.sin(3 * theta + 6.283 * _wobble(seed, index, 1)) \
        + 0.02 * np.sin(7 * theta + 6.283 * _wobble(seed, index, 2))


def _dividers(ring: int, count: int, seed: int) -> list[float]:
    """Start angles of the ring's sectors: unequal, so townships differ in size."""
    widths = np.array([1.0 + 0.45 * _wobble(seed, ring, j, 3) for j in range(count)])
    edges = np.concatenate([[0.0], np.cumsum(widths) / widths.sum() * 2 * math.pi])
    offset = 0.5 * math.pi * _wobble(seed, ring, 4) + (0.0 if ring else math.pi / 2)
    return [float(e + offset) for e in edges[:-1]]


def _to_lonlat(theta: np.ndarray, share: np.ndarray, seed: int) -> np.ndarray:
    cx, cy = CENTRE
    radius = RADIUS * share * _outer(theta, seed)
    return np.column_stack([cx + radius * np.cos(theta) / math.cos(math.radians(cy)), cy + radius * np.sin(theta)])


def _arc(ring_edge: int, start: float, end: float, seed: int) -> np.ndarray:
    """A ring boundary from ``start`` to ``end`` (radians, increasing): the shared grid of angles in
    between plus the two ends, so both neighbours of a ring boundary lie on the same points."""
    grid = np.arange(math.ceil(start / (2 * math.pi / ARC_STEPS)), math.floor(end / (2 * math.pi / ARC_STEPS)) + 1)
    theta = np.unique(np.concatenate([[start], grid * 2 * math.pi / ARC_STEPS, [end]]))
    return _to_lonlat(theta, _ring_edge(ring_edge, theta, seed), seed)


def _divider(ring: int, angle: float, seed: int) -> np.ndarray:
    """A sector border across ring ``ring``, from its inner to its outer edge, gently winding."""
    s = np.linspace(0.0, 1.0, DIVIDER_STEPS + 1)
    # Keyed by the angle modulo a turn: the last sector's end is the first one's start.
    theta = angle + 0.05 * np.sin(math.pi * s) * _wobble(seed, ring, round(angle % (2 * math.pi), 6))
    inner, outer = _ring_edge(ring, theta, seed), _ring_edge(ring + 1, theta, seed)
    return _to_lonlat(theta, inner + (outer - inner) * s, seed)


def county_outline(seed: int) -> Shape:
    """The demo county's own outline, which its townships tile exactly."""
    ring = _arc(len(RINGS), 0.0, 2 * math.pi, seed)
    return ((np.vstack([ring[:-1], ring[:1]]),),)


def township_shapes(seed: int) -> list[Shape]:
    """One outline per township, ring by ring from the seat outwards, counter-clockwise within a ring."""
    shapes: list[Shape] = []
    for ring, count in enumerate(RINGS):
        starts = _dividers(ring, count, seed)
        for j in range(count):
            start, end = starts[j], starts[(j + 1) % count] + (2 * math.pi if j + 1 == count else 0.0)
            # Inner edge outwards along the left divider, the outer arc, inwards along the right divider,
            # the inner arc back (the core's sectors meet at the seat instead).
            left, right = _divider(ring, start, seed), _divider(ring, end, seed)
            outer = _arc(ring + 1, start, end, seed)[1:-1]
            inner = _arc(ring, start, end, seed)[::-1][1:-1] if ring else np.empty((0, 2))
            outline = np.vstack([left, outer, right[::-1], inner])
            outline = np.vstack([outline, outline[:1]])
            shapes.append(((outline,),))
    return shapes


def _hex_corner(q: int, r: int, corner: int, seed: int) -> np.ndarray:
    """A corner of the flat-topped hexagon at axial (q, r), displaced by a hash of its position so that
    the three hexagons meeting there move it alike."""
    x = 1.5 * q + math.cos(math.pi / 3 * corner)
    y = math.sqrt(3) * (r + q / 2) + math.sin(math.pi / 3 * corner)
    kx, ky = round(x * 1000), round(y * 1000)
    return np.array([x + 0.22 * _wobble(seed, kx, ky, 1), y + 0.22 * _wobble(seed, kx, ky, 2)])


def _hex_shape(q: int, r: int, seed: int) -> Shape:
    corners = [_hex_corner(q, r, k, seed) for k in range(6)]
    points: list[np.ndarray] = []
    for k in range(6):
        a, b = corners[k], corners[(k + 1) % 6]
        # The neighbour walks this edge the other way: bend it from the edge's ends in a fixed order.
        first, second = sorted((tuple(np.round(a, 6)), tuple(np.round(b, 6))))
        start, end = np.array(first), np.array(second)
        normal = np.array([end[1] - start[1], start[0] - end[0]])
        points += [a, (a + b) / 2 + 0.18 * _wobble(seed, *first, *second) * normal]
    ring = np.array(points) * HEX_SIZE
    ring[:, 0] = CENTRE[0] + ring[:, 0] / math.cos(math.radians(CENTRE[1]))
    ring[:, 1] = CENTRE[1] + ring[:, 1]
    return ((np.vstack([ring, ring[:1]]),),)


def county_shapes(count: int, seed: int) -> list[Shape]:
    """Hexagon outlines for ``count`` counties, ten to a city in 5×2 blocks, cities three to a row."""
    cols, rows = HEX_BLOCK
    per_city = cols * rows
    shapes = []
    for i in range(count):
        city, within = divmod(i, per_city)
        col = (city % 3) * cols + within % cols
        row = (city // 3) * rows + within // cols
        shapes.append(_hex_shape(col, row - col // 2, seed))  # offset rows → axial coordinates
    return shapes


def _rows(level: str, names: Sequence[str], ids: Sequence[int], shapes: Sequence[Shape]) -> pl.DataFrame:
    simplified = simplify_to_budget([oriented(s) for s in shapes])
    rows = [{"level": level, "name_raw": name, "region_id": region_id, "crs": WGS84,
             "geometry": json.dumps(shape_to_geojson(shape, simplified.decimals), separators=(",", ":")),
             "points": point_count(shape), "source": SOURCE, "source_row": i}
            for i, (name, region_id, shape) in enumerate(zip(names, ids, simplified.shapes, strict=True), start=1)]
    return pl.DataFrame(rows, schema=BOUNDARY_SCHEMA)


def demo_boundaries(geography: Geography, seed: int) -> pl.DataFrame:
    """The demo's outlines as ``boundary`` rows: the townships of a single county, or the counties of a
    city or province (whose many same-named townships a map could not tell apart anyway)."""
    counties: tuple[County, ...] = geography.counties
    if len(counties) == 1:
        towns = counties[0].townships
        return _rows("township", [t.name for t in towns], [t.id for t in towns], township_shapes(seed)[:len(towns)])
    return _rows("county", [c.name for c in counties], [c.id for c in counties], county_shapes(len(counties), seed))
