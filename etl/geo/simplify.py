"""Simplifying outlines for display: a surveying bureau's county file can be tens of megabytes, the
browser should get a few hundred kilobytes.

Douglas–Peucker per ring (NumPy, no GEOS), with a tolerance chosen per map: the smallest of a doubling
series at which every outline together fits :data:`PAYLOAD_BUDGET` bytes of GeoJSON. Every township
keeps its largest polygon whatever the tolerance (a township must never drop off the map); smaller
parts and holes that collapse below a triangle are dropped. Outlines are simplified one by one, so a
border two townships share may differ by up to the tolerance on either side — at the chosen
tolerance (metres to tens of metres on a county map) that is below what a screen shows.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from etl.geo.shapes import Polygon, Ring, Shape, bounds, polygon_area, shape_to_geojson

#: What the whole map may weigh as GeoJSON text: well under a megabyte, so a wall screen on a slow
#: network or a phone draws it at once.
PAYLOAD_BUDGET = 400_000
#: The first tolerance tried, as a share of the map's extent (1/50,000 ≈ 1 m on a 50 km county).
START_SHARE = 2e-5
MAX_ROUNDS = 24


def significance(ring: Ring) -> np.ndarray:
    """Per point, the largest tolerance at which Douglas–Peucker keeps it: its distance from the chord of
    the stretch it split, capped by the significance of the point that made that stretch (a point is
    only reached if its parent was kept). Then ``ring[significance(ring) > t]`` is Douglas–Peucker at any
    tolerance ``t``, so a map's tolerance can be searched without simplifying again.

    A closed ring is split first at the point farthest from its first point, so the two halves have
    chords of their own. Every stretch is split at once, level by level, in NumPy: a surveyed ring of
    40,000 points takes a few dozen vector passes instead of 40,000 Python steps.
    """
    n = len(ring)
    sig = np.zeros(n)
    sig[[0, int(np.argmax(((ring - ring[0]) ** 2).sum(axis=1))), n - 1]] = np.inf
    if n <= 4:
        sig[:] = np.inf
        return sig
    keep = sig > 0
    positions = np.arange(n)
    while not keep.all():
        kept = np.flatnonzero(keep)
        segment = np.minimum(np.searchsorted(kept, positions, side="right") - 1, len(kept) - 2)
        start, end = kept[segment], kept[segment + 1]
        a, b = ring[start], ring[end]
        chord = b - a
        length = np.hypot(chord[:, 0], chord[:, 1])
        cross = np.abs(chord[:, 0] * (ring[:, 1] - a[:, 1]) - chord[:, 1] * (ring[:, 0] - a[:, 0]))
        to_a = np.hypot(ring[:, 0] - a[:, 0], ring[:, 1] - a[:, 1])
        distance = np.where(length > 0, cross / np.where(length > 0, length, 1.0), to_a)
        distance[keep] = -1.0
        farthest = np.maximum.reduceat(distance, kept[:-1])  # stretches are contiguous runs of points
        hits = np.flatnonzero(~keep & (distance == farthest[segment]))
        first = hits[np.r_[True, np.diff(segment[hits]) != 0]]  # one split per stretch
        parent = np.minimum(sig[start[first]], sig[end[first]])
        sig[first] = np.minimum(distance[first], parent)
        keep[first] = True
    return sig


def simplify_ring(ring: Ring, tolerance: float, sig: np.ndarray | None = None) -> Ring:
    """Douglas–Peucker: keep the points farther than ``tolerance`` from the chord of their stretch."""
    if len(ring) <= 4 or tolerance <= 0:
        return ring
    return ring[(significance(ring) if sig is None else sig) > tolerance]


def _extent(ring: Ring) -> float:
    return float((ring.max(axis=0) - ring.min(axis=0)).max())


Significances = tuple[tuple[np.ndarray, ...], ...]  # one array per ring of each polygon of a shape


def significances(shape: Shape) -> Significances:
    return tuple(tuple(significance(ring) for ring in polygon) for polygon in shape)


def _polygon(polygon: Polygon, tolerance: float, sig: tuple[np.ndarray, ...]) -> Polygon | None:
    """A part smaller than the tolerance is not drawn (an islet, a sliver); nor is such a hole."""
    outer = simplify_ring(polygon[0], tolerance, sig[0])
    if len(outer) < 4 or _extent(outer) < tolerance:
        return None
    holes = tuple(h for h in (simplify_ring(hole, tolerance, s) for hole, s in zip(polygon[1:], sig[1:], strict=True))
                  if len(h) >= 4 and _extent(h) >= tolerance)
    return (outer, *holes)


def simplify_shape(shape: Shape, tolerance: float, sig: Significances | None = None) -> Shape:
    """Every polygon simplified; the largest is kept even when it collapses (then as its triangle of
    extreme points), so the township stays on the map."""
    sig = significances(shape) if sig is None else sig
    largest = max(range(len(shape)), key=lambda i: polygon_area(shape[i]))
    kept: list[Polygon] = []
    for i, polygon in enumerate(shape):
        simplified = _polygon(polygon, tolerance, sig[i])
        if simplified is None and i == largest:
            simplified = (_triangle(polygon[0]),)
        if simplified is not None:
            kept.append(simplified)
    return tuple(kept)


def _triangle(ring: Ring) -> Ring:
    """The westernmost, easternmost and northernmost points of a ring, closed: the least of an outline."""
    corners = [int(np.argmin(ring[:, 0])), int(np.argmax(ring[:, 0])), int(np.argmax(ring[:, 1]))]
    ordered = sorted(dict.fromkeys(corners))
    points = ring[ordered]
    if len(points) < 3:  # degenerate (a line): the ring's own first points
        points = ring[:3]
    return np.vstack([points, points[:1]])


def decimals_for(tolerance: float) -> int:
    """Coordinates need about a tenth of the tolerance: 5 decimals (≈1 m) for a county, no more than 6."""
    if tolerance <= 0:
        return 6
    return max(4, min(6, math.ceil(-math.log10(tolerance)) + 1))


def payload_bytes(shapes: Sequence[Shape], decimals: int) -> int:
    """The size of the outlines as compact GeoJSON text, as a browser would receive them."""
    return sum(len(json.dumps(shape_to_geojson(s, decimals), separators=(",", ":"))) for s in shapes)


@dataclass(frozen=True)
class Simplified:
    shapes: tuple[Shape, ...]
    tolerance: float  # in degrees
    decimals: int
    payload: int  # bytes of GeoJSON
    points_before: int
    points_after: int


def simplify_to_budget(shapes: Sequence[Shape], budget: int = PAYLOAD_BUDGET) -> Simplified:
    """The outlines simplified at the smallest tolerance of a doubling series that fits ``budget``.

    A map already under the budget is still cleaned of points that add nothing visible (1/50,000 of
    its extent)."""
    west, south, east, north = bounds(shapes)
    extent = max(east - west, north - south, 1e-9)
    before = sum(len(r) for s in shapes for p in s for r in p)
    tolerance = extent * START_SHARE
    result: tuple[Shape, ...] = tuple(shapes)
    sigs = [significances(s) for s in shapes]  # once: each round is then a threshold
    for _ in range(MAX_ROUNDS):
        result = tuple(simplify_shape(s, tolerance, g) for s, g in zip(shapes, sigs, strict=True))
        decimals = decimals_for(tolerance)
        points = sum(len(r) for s in result for p in s for r in p)
        # A point costs at least two numbers of ``decimals`` digits: skip serialising a map far too big.
        size = points * 2 * (decimals + 3) if points * 2 * (decimals + 3) > budget * 2 else payload_bytes(result, decimals)
        if size <= budget:
            break
        tolerance *= 2
    after = sum(len(r) for s in result for p in s for r in p)
    return Simplified(result, tolerance, decimals, size, before, after)
