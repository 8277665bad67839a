"""Builders of outline files for the boundary tests: squares on a grid as GeoJSON features, a six-township
county file, zipped Shapefiles written with pyshp, and a ragged outline with many points."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import zipfile
from typing import Any

import numpy as np
import polars as pl

from etl.metrics import Facts, facts_from_frames

#: A county of six townships; one name carries the county prefix, as surveying files often do.
SIX_TOWNSHIPS = ("河清县柳湾镇", "杏坡镇", "槐荫镇", "栗园镇", "枫渡镇", "菱塘镇")
COUNTY = "河清县"
ORIGIN = (114.0, 35.0)
SIZE = 0.1


def square(col: int, row: int, size: float = SIZE) -> list[list[list[float]]]:
    """Polygon coordinates of the grid cell (col, row), counter-clockwise, closed."""
    x, y = ORIGIN[0] + col * size, ORIGIN[1] + row * size
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(properties: dict[str, Any], geometry: dict[str, Any] | None) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def polygon(col: int, row: int) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": square(col, row)}


def collection(features: list[dict[str, Any]], **top: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", **top, "features": features}


def geojson_bytes(document: dict[str, Any], bom: bool = False) -> bytes:
    text = json.dumps(document, ensure_ascii=False)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def six_township_features(name_key: str = "NAME") -> list[dict[str, Any]]:
    """Six squares in two rows of three, named :data:`SIX_TOWNSHIPS`."""
    return [feature({name_key: name, "OBJECTID": i}, polygon(i % 3, i // 3)) for i, name in enumerate(SIX_TOWNSHIPS)]


def townships_sheet(names: tuple[str, ...] = tuple(n.removeprefix(COUNTY) for n in SIX_TOWNSHIPS),
                    aliases: dict[str, str] | None = None, codes: dict[str, str] | None = None) -> bytes:
    """A 乡镇(街道)名录 CSV naming the townships (with aliases and 区划代码 where given)."""
    lines = ["乡镇名称,别名,区划代码"]
    for name in names:
        lines.append(f"{name},{(aliases or {}).get(name, '')},{(codes or {}).get(name, '')}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def ragged_ring(cx: float, cy: float, radius: float, points: int, seed: int) -> list[list[float]]:
    """A closed ring of ``points`` vertices with small random jitter: what a surveyed outline looks like."""
    rng = np.random.default_rng(seed)
    theta = np.linspace(0, 2 * math.pi, points, endpoint=False)
    r = radius * (1 + 0.05 * np.sin(5 * theta) + 0.002 * rng.standard_normal(points))
    ring = np.column_stack([cx + r * np.cos(theta), cy + r * np.sin(theta)]).tolist()
    return ring + ring[:1]


def shapefile_zip(records: list[tuple[str, list[list[list[float]]]]], field: str = "XZMC",
                  prj: str | None = None, encoding: str = "utf-8", cpg: bool = True) -> bytes:
    """A zipped Shapefile (.shp, .shx, .dbf, optional .prj and .cpg) of polygons named in ``field``."""
    import shapefile  # pyshp

    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding=encoding) as writer:
        writer.field(field, "C", size=50)
        for name, rings in records:
            writer.poly([[tuple(p) for p in ring[::-1]] for ring in rings])  # Shapefile outer rings run clockwise
            writer.record(name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("乡镇/towns.shp", shp.getvalue())
        archive.writestr("乡镇/towns.shx", shx.getvalue())
        archive.writestr("乡镇/towns.dbf", dbf.getvalue())
        if prj is not None:
            archive.writestr("乡镇/towns.prj", prj)
        if cpg:
            archive.writestr("乡镇/towns.cpg", encoding)
    return out.getvalue()


CGCS2000_PRJ = ('GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",'
                '6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]')
PROJECTED_PRJ = ('PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_2000",DATUM["D_China_2000",'
                 'SPHEROID["CGCS2000",6378137.0,298.257222101]]],PROJECTION["Gauss_Kruger"]]')


def outline_frame(ids_at: dict[int, tuple[int, int]], level: str = "township") -> pl.DataFrame:
    """``Facts.boundaries`` rows: a square outline at grid (col, row) per region id."""
    return pl.DataFrame({"region_id": list(ids_at), "level": [level] * len(ids_at), "crs": ["WGS84"] * len(ids_at),
                         "geometry": [json.dumps({"type": "MultiPolygon", "coordinates": [square(*cell)]})
                                      for cell in ids_at.values()],
                         "source": ["test"] * len(ids_at)})


#: Five townships, four with an outline: 东镇 lost 1 of 4 (its own 10 % loss-rate target: missed),
#: 西镇 0 of 5 (the county's 5 % target: met), 南镇 1 of 2 (too few to colour), 北镇 nothing, 中镇 no outline.
MAP_TOWNS = {10: "东镇", 11: "西镇", 12: "南镇", 13: "北镇", 14: "中镇"}
MAP_CLOSURES = {10: (4, 1), 11: (5, 0), 12: (2, 1)}


def map_facts() -> Facts:
    rows = [{"township_id": town, "instance": "first", "court": "县法院", "case_number": f"{town}-{n}",
             "filed_on": dt.date(2025, 2, 1 + n), "closed_on": dt.date(2025, 3, 1 + n),
             "outcome": "revoked" if n < lost else "claim_dismissed"}
            for town, (closed, lost) in MAP_CLOSURES.items() for n in range(closed)]
    targets = pl.DataFrame({"year": [2025, 2025, 2025], "indicator_key": ["loss_rate", "loss_rate", "litigation_cases"],
                            "scope_type": ["region", "township", "township"], "scope_id": [None, 10, 11],
                            "value": [0.05, 0.10, 3.0]})
    return facts_from_frames(litigation=pl.DataFrame(rows).with_row_index("id"),
                             townships=pl.DataFrame({"id": list(MAP_TOWNS), "name": list(MAP_TOWNS.values())}),
                             targets=targets, boundaries=outline_frame({10: (0, 0), 11: (1, 0), 12: (0, 1), 13: (1, 1)}),
                             region_name="示范县")
