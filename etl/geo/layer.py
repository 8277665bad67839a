"""The choropleth layer: one area per outlined township (or county) with the figure of one indicator.

The dashboard's map, the wall screen's map panel and the briefing's figure all draw this layer, so they
colour the same township the same way. Nothing is computed here: values, targets and status come from
the indicator layer's grouped frame (``compute_grouped``, whose ``KEY__status`` is the one status rule,
``etl.metrics.targets``); this module only decides how each area is shown:

- **status** where the area has a target: met / close / missed (a rate without a township target of its
  own takes the county's, as everywhere; a count does not);
- **sequential** otherwise: a shade from the smallest to the largest value;
- **not applicable** grey: no case in the denominator (never 0 %);
- **few cases** for a rate over fewer cases than the ranking's minimum (``ranking_min_cases``, the rule
  that stops a rate over two cases being scored): hatched grey with the count, target or not — a
  loss rate of 50 % over two closures is not a township's record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from etl.geo.shapes import Segment, Shape, bounds, for_d3, hatch_lines, label_point, shape_from_geojson
from etl.metrics import INDICATORS_BY_KEY, Facts, Indicator

Level = Literal["township", "county"]
#: The indicators a map offers, in the selector's order: volume first, then the rates leaders ask about.
MAP_INDICATORS = ("litigation_cases", "loss_rate", "head_appearance_rate", "substantive_resolution_rate",
                  "disputes_received", "reconsideration_cases", "reconsideration_correction_rate")
FEW_CASES = "few"  # an area's class when its rate rests on too few cases
NO_VALUE = "n/a"
SHADED = "value"  # an area's class when it is shaded by its value (no target)
#: Hatch spacing as a share of the map's extent.
HATCH_SHARE = 0.012


@dataclass(frozen=True)
class MapArea:
    region_id: int
    name: str
    geometry: dict[str, Any]  # GeoJSON MultiPolygon as stored (RFC 7946 winding)
    label_at: tuple[float, float]  # (longitude, latitude) inside the largest part
    value: float | None
    numerator: int | None
    denominator: int | None  # rates only
    target: float | None
    status: str  # met | close | missed | n/a (the indicator layer's)
    few_cases: bool
    shade: float | None  # 0–1 along the sequential scale; None when coloured by status or not applicable
    selected: bool

    @property
    def shape(self) -> Shape:
        return shape_from_geojson(self.geometry)

    @property
    def fill_class(self) -> str:
        """What the area's fill means: ``few``, ``n/a``, a status (met/close/missed) or ``value`` (a shade)."""
        if self.few_cases:
            return FEW_CASES
        if self.value is None:
            return NO_VALUE
        return SHADED if self.shade is not None else self.status


@dataclass(frozen=True)
class MapLayer:
    indicator: Indicator
    level: Level
    areas: tuple[MapArea, ...]
    min_cases: int
    crs: tuple[str, ...]  # the coordinate systems of the outlines drawn (usually one)
    missing: tuple[str, ...] = ()  # members of the grouping without an outline

    @property
    def classes(self) -> tuple[str, ...]:
        """The fill classes drawn, in legend order."""
        drawn = {a.fill_class for a in self.areas}
        return tuple(c for c in ("met", "close", "missed", SHADED, NO_VALUE, FEW_CASES) if c in drawn)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return bounds(a.shape for a in self.areas)

    @property
    def value_range(self) -> tuple[float, float]:
        values = [a.value for a in self.areas if a.value is not None and not a.few_cases]
        return (min(values), max(values)) if values else (0.0, 0.0)

    def hatch(self) -> list[Segment]:
        """The hatch lines of every area whose rate rests on too few cases."""
        west, south, east, north = self.bounds
        spacing = max(east - west, north - south) * HATCH_SHARE
        return [segment for a in self.areas if a.few_cases for segment in hatch_lines(a.shape, spacing)]

    def feature_collection(self, d3: bool = False) -> dict[str, Any]:
        """The areas as GeoJSON features with ``id`` = the region id; ``d3`` rewinds rings for d3-geo."""
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": str(a.region_id), "properties": {"name": a.name},
             "geometry": for_d3(a.geometry) if d3 else a.geometry} for a in self.areas]}


def map_level(facts: Facts) -> Level | None:
    """Townships when their outlines are stored, else counties (a city or province database), else none."""
    outlines = facts.boundaries
    for level, members in (("township", facts.townships), ("county", facts.counties)):
        ids = outlines.filter(pl.col("level") == level)["region_id"]
        if members.height and ids.is_in(members["id"].implode()).any():
            return level  # type: ignore[return-value]
    return None


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def build_map_layer(facts: Facts, grouped: pl.DataFrame, key: str, level: Level, min_cases: int,
                    selected: tuple[int, ...] = ()) -> MapLayer:
    """The layer of indicator ``key`` from ``compute_grouped(..., by=level)`` and the stored outlines."""
    ind = INDICATORS_BY_KEY[key]
    outlines = facts.boundaries.filter(pl.col("level") == level)
    rows = grouped.join(outlines.select(pl.col("region_id").alias("group_id"), "geometry", "crs"), on="group_id",
                        how="left", maintain_order="left")
    present = rows.filter(pl.col("geometry").is_not_null())
    denominators = present[f"{key}__den"] if ind.is_rate else present[key]
    values = [v for v, d in zip(present[key], denominators, strict=True)
              if v is not None and (not ind.is_rate or (d or 0) >= min_cases)]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    areas = []
    for r in present.iter_rows(named=True):
        geometry = json.loads(r["geometry"])
        den = _int(r.get(f"{key}__den")) if ind.is_rate else None
        few = ind.is_rate and den is not None and 0 < den < min_cases
        value, target = r[key], r[f"{key}__target"]
        shade = None
        if value is not None and not few and (target is None or ind.direction is None):
            shade = 0.5 if high <= low else (float(value) - low) / (high - low)
        areas.append(MapArea(int(r["group_id"]), str(r["group_name"]), geometry,
                             label_point(shape_from_geojson(geometry)), None if value is None else float(value),
                             _int(r.get(f"{key}__num")) if ind.is_rate else _int(value), den, target,
                             str(r[f"{key}__status"] or NO_VALUE), few, shade, int(r["group_id"]) in selected))
    missing = tuple(rows.filter(pl.col("geometry").is_null())["group_name"].to_list())
    return MapLayer(ind, level, tuple(areas), min_cases, tuple(present["crs"].unique(maintain_order=True)),
                    missing)
