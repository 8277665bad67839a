"""Importing outlines (``boundaries``): features → names resolved → geometry checked → simplified rows.

Row accounting as for a ledger, one feature per row: rows read = accepted + merged + rejected. A
feature whose name matches no township is accepted with a null region and listed in the unmatched-names
queue (mapping the name later attaches it); two features with the same name (a township and its
exclave, 飞地) are merged into one MultiPolygon and counted as merged; only a feature that cannot be an
outline — no polygon, coordinates that are not longitude/latitude, no name — is rejected, with its
position in the file, the field, the value and the reason.

Which property holds the name (``--name-field``) is otherwise found by trying every property that holds
text: the one whose values resolve to the most townships (or counties) wins; a property of 区划代码 is
matched against the regions' codes. Whether the file outlines townships or counties is decided the same
way: by which of them its names resolve to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Connection, select

from etl.catalog import BOUNDARIES
from etl.db.lengths import string_length
from etl.db.models import Boundary, Region, RegionLevel
from etl.dimensions import load_name_resolvers
from etl.geo.read import FeatureFile, GeoReadError, RawFeature, read_feature_file
from etl.geo.shapes import Shape, ShapeError, point_count, shape_from_geojson, shape_to_geojson
from etl.geo.simplify import simplify_to_budget
from etl.importing.prepare import Prepared, SheetSummary
from etl.importing.transform import CONTROL_CHARS_REMOVED, REJECTED_SCHEMA, too_long
from etl.names import NameResolver, normalise_text
from etl.text_safety import CONTROL_CHARS, escape_nonprintable

#: Property names that usually hold a township's name or code, in order of preference for a tie.
NAME_FIELDS = ("name", "名称", "乡镇", "乡镇名称", "乡镇名", "乡镇街道", "乡镇(街道)", "xzmc", "xzqmc", "xzq_mc",
               "township", "town", "name_chn", "name_zh", "name_3")
CODE_FIELDS = ("code", "区划代码", "行政区划代码", "xzqdm", "xzdm", "xzq_dm", "adcode", "gb", "dm")
_CODE = re.compile(r"^\d{6,12}$")
ROW_SCHEMA = {"level": pl.String, "name_raw": pl.String, "region_id": pl.Int64, "crs": pl.String,
              "geometry": pl.String, "points": pl.Int64, "source": pl.String, "source_row": pl.Int64}
#: A name longer than the column it is stored in cannot be a township's (as for a townships sheet).
NAME_MAX_CHARS = string_length(Boundary.__table__.c.name_raw)
#: Compared on re-import; ``source`` (the file name) is not: the same outline from a renamed file is
#: unchanged.
COMPARED = [c for c in ROW_SCHEMA if c != "source"]


@dataclass(frozen=True)
class Gazetteer:
    """What a feature's name or code can resolve to: the one name rule for townships and counties, and
    the regions' 区划代码 (padded to 12 digits, as 410928101 = 410928101000)."""

    townships: NameResolver
    counties: NameResolver
    codes: dict[tuple[str, str], int]  # (level, 12-digit code) → region id

    def resolve(self, value: str, level: str) -> int | None:
        if _CODE.match(value):
            return self.codes.get((level, value.ljust(12, "0")))
        return (self.townships if level == "township" else self.counties).resolve(value)


def load_gazetteer(conn: Connection) -> Gazetteer:
    names = load_name_resolvers(conn)
    rows = conn.execute(select(Region.id, Region.level, Region.code).where(
        Region.code.is_not(None), Region.level.in_([RegionLevel.TOWNSHIP, RegionLevel.COUNTY])))
    codes = {(str(level), str(code).strip().ljust(12, "0")): int(rid) for rid, level, code in rows}
    return Gazetteer(names.townships, names.counties, codes)


def _text(value: Any) -> str | None:
    """A property as a name: normalised, without control characters (invisible in a GIS attribute
    table, and no renderer of the map or the briefing can draw them)."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code read from a .dbf as a number
    return normalise_text(CONTROL_CHARS.sub("", str(value)))


def _score(features: tuple[RawFeature, ...], key: str, level: str, gazetteer: Gazetteer) -> int:
    values = (_text(f.properties.get(key)) for f in features)
    return sum(1 for v in values if v and gazetteer.resolve(v, level) is not None)


def _preference(key: str) -> int:
    lowered = key.lower()
    order = (*NAME_FIELDS, *CODE_FIELDS)
    return order.index(lowered) if lowered in order else len(order)


def choose_name_field(features: tuple[RawFeature, ...], gazetteer: Gazetteer,
                      wanted: str | None = None) -> tuple[str, str]:
    """(property, level) that names the features: ``wanted`` if given, else the property and level whose
    values resolve most often; with nothing resolving, the first name-like property (every feature then
    waits in the unmatched queue). Raises ``GeoReadError`` when no property can name a feature."""
    keys = list(dict.fromkeys(k for f in features for k, v in f.properties.items() if _text(v)))
    if wanted is not None:
        if wanted not in keys:
            raise GeoReadError(f"属性“{wanted}”不存在或全部为空，可选：{'、'.join(keys) or '（无属性）'}")
        keys = [wanted]
    if not keys:
        raise GeoReadError("要素没有任何文字属性，无法确定乡镇名称：请在属性中包含乡镇名称或区划代码")
    scored = [(_score(features, k, level, gazetteer), level == "township", -_preference(k), k, level)
              for k in keys for level in ("township", "county")]
    best = max(scored)
    if best[0] == 0 and wanted is None:
        named = [k for k in keys if _preference(k) < len(NAME_FIELDS)]
        if not named:
            raise GeoReadError(f"无法确定哪个属性是乡镇名称，请用 --name-field 指定（可选：{'、'.join(keys)}）")
        return min(named, key=_preference), "township"
    return best[3], best[4]


def _reject(feature: RawFeature, column: str, value: str | None, reason: str) -> dict[str, Any]:
    return {"sheet": "", "source_row": feature.row, "column": column, "value": value, "reason": reason}


def _geometry_label(feature: RawFeature) -> str:
    kind = (feature.geometry or {}).get("type") if isinstance(feature.geometry, dict) else None
    return str(kind or "null")


@dataclass(frozen=True)
class _Rows:
    rows: pl.DataFrame
    rejected: list[dict[str, Any]]
    cleaned: list[dict[str, Any]]  # names kept after control characters were removed
    duplicates: int
    note: str


def _features_to_rows(found: FeatureFile, file_name: str, gazetteer: Gazetteer, name_field: str,
                      level: str) -> _Rows:
    merged: dict[str, tuple[int, Shape, int | None]] = {}  # name → (first row, shape, region)
    rejected: list[dict[str, Any]] = []
    cleaned: list[dict[str, Any]] = []
    duplicates = 0
    for feature in found.features:
        written = feature.properties.get(name_field)
        name = _text(written)
        if name is None:
            rejected.append(_reject(feature, name_field, None, f"缺少名称（属性“{name_field}”为空）"))
            continue
        if len(name) > NAME_MAX_CHARS:
            rejected.append(_reject(feature, name_field, str(written), too_long(NAME_MAX_CHARS)))
            continue
        if CONTROL_CHARS.search(str(written)):
            cleaned.append(_reject(feature, name_field, escape_nonprintable(written), CONTROL_CHARS_REMOVED))
        try:
            shape = shape_from_geojson(feature.geometry)
        except ShapeError as exc:
            rejected.append(_reject(feature, "geometry", _geometry_label(feature), str(exc)))
            continue
        if name in merged:  # an exclave drawn as a feature of its own: one outline of several parts
            row, earlier, region = merged[name]
            merged[name] = (row, earlier + shape, region)
            duplicates += 1
        else:
            merged[name] = (feature.row, shape, gazetteer.resolve(name, level))
    names = list(merged)
    simplified = simplify_to_budget([merged[n][1] for n in names]) if names else None
    rows = []
    for i, name in enumerate(names):
        assert simplified is not None
        shape = simplified.shapes[i]
        rows.append({"level": level, "name_raw": name, "region_id": merged[name][2], "crs": found.crs,
                     "geometry": json.dumps(shape_to_geojson(shape, simplified.decimals), separators=(",", ":")),
                     "points": point_count(shape), "source": file_name[:255], "source_row": merged[name][0]})
    note = _note(found, simplified.points_before if simplified else 0, simplified.points_after if simplified else 0,
                 simplified.payload if simplified else 0)
    return _Rows(pl.DataFrame(rows, schema=ROW_SCHEMA), rejected, cleaned, duplicates, note)


def _cells(found: list[dict[str, Any]], sheet: str) -> pl.DataFrame:
    return pl.DataFrame(found, schema=REJECTED_SCHEMA).with_columns(pl.lit(sheet).alias("sheet"))


def _note(found: FeatureFile, before: int, after: int, payload: int) -> str:
    crs = f"坐标系 {found.crs}" + ("" if found.crs_noted else "（文件未注明，按 GeoJSON 标准视为 WGS84）")
    return f"{crs}；顶点 {before:,} → {after:,}（简化后约 {max(1, payload // 1024):,} KB）"


def prepare_boundaries(conn: Connection, file_name: str, data: bytes, name_field: str | None = None,
                       crs: str | None = None) -> Prepared:
    """Read, resolve, check and simplify one outline file against the database; nothing is written."""
    try:
        found = read_feature_file(file_name, data, crs)
        gazetteer = load_gazetteer(conn)
        field, level = choose_name_field(found.features, gazetteer, name_field)
    except GeoReadError as exc:
        return Prepared(BOUNDARIES.name, [], pl.DataFrame(), error=str(exc))
    read = _features_to_rows(found, file_name, gazetteer, field, level)
    rows, note = read.rows, read.note
    unmatched = rows.filter(pl.col("region_id").is_null()).height
    what = "乡镇(街道)" if level == "township" else "县(市、区)"
    summary = SheetSummary(Path(file_name).stem, BOUNDARIES.name, None, {field: f"{what}名称"},
                           [k for k in dict.fromkeys(k for f in found.features for k in f.properties) if k != field],
                           len(found.features), note)
    if unmatched:
        note += f"；{unmatched} 个名称未匹配{what}，已列入待匹配名称"
    return Prepared(BOUNDARIES.name, [summary], rows, len(found.features), rows.height, read.duplicates, 0,
                    len(read.rejected), _cells(read.rejected, summary.sheet), columns=COMPARED, note=note,
                    cleaned_cells=_cells(read.cleaned, summary.sheet))
