"""Reading outline files: GeoJSON (``.geojson``/``.json``) and zipped Shapefiles (``.zip``).

GeoJSON is decoded as UTF-8 with or without a BOM, else GB18030 (files saved by Chinese desktop GIS
tools). A Shapefile zip is read with pyshp (pure Python): ``.shp``/``.shx``/``.dbf`` of one layer, its
``.cpg`` for the attribute encoding (else UTF-8, else GBK) and its ``.prj`` for the coordinate system.
The zip is measured before it is opened (:data:`MAX_SHAPEFILE_UNPACKED_BYTES`): a zip bomb is refused
unread.

The coordinate system is what the file notes — the GeoJSON ``crs`` member, a ``.prj``, or a mention
in the file's name or top-level text (``gcj02``, ``EPSG:4490`` …) — or WGS84, GeoJSON's own
(RFC 7946), when it notes none. Chinese web maps use GCJ-02 (BD-09 for Baidu), a few hundred metres
off WGS84; the map has no tiles to misalign with, so outlines are drawn as they are and the system is
stored with them. Projected coordinates (metres) are refused with a note on how to convert.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.archive_safety import MIB, ArchiveError, ArchiveLimits, check_archive

WGS84, CGCS2000, GCJ02, BD09 = "WGS84", "CGCS2000", "GCJ-02", "BD-09"
CRS_CHOICES = (WGS84, CGCS2000, GCJ02, BD09)
GEOJSON_SUFFIXES = (".geojson", ".json")
SHAPEFILE_SUFFIXES = (".zip",)
SUFFIXES = GEOJSON_SUFFIXES + SHAPEFILE_SUFFIXES
#: What a zipped Shapefile may unpack to. pyshp holds the layer in memory and every vertex becomes a
#: Python pair (about 100 bytes for the 16 it takes in the .shp): 64 MiB is some four million vertices,
#: about 400 MB in memory, inside the dashboard's 2 GB cap; outlines are simplified to a few hundred KB
#: anyway (etl.geo.simplify). The same guard as an Excel upload (etl.archive_safety).
MAX_SHAPEFILE_UNPACKED_BYTES = 64 * MIB
_UNREADABLE_ZIP = "无法读取 zip 文件（文件损坏或不是 zip 格式）"

#: How a file may name its coordinate system, most specific first.
_CRS_PATTERNS = (
    (GCJ02, re.compile(r"gcj[-_ ]?0?2|火星坐标|国测局", re.I)),
    (BD09, re.compile(r"bd[-_ ]?0?9|百度坐标", re.I)),
    (CGCS2000, re.compile(r"4490|cgcs[-_ ]?2000|china[_ ]geodetic[_ ]coordinate[_ ]system[_ ]2000|国家2000", re.I)),
    (WGS84, re.compile(r"crs84|epsg:*:?4326|wgs[-_ ]?(19)?84", re.I)),
)
CONVERT_HINT = ("请先转换为经纬度坐标（WGS84 / EPSG:4326 或 CGCS2000 / EPSG:4490），例如："
                "ogr2ogr -f GeoJSON -t_srs EPSG:4326 乡镇边界.geojson 原文件.shp")


class GeoReadError(ValueError):
    """A file that cannot be read as outlines at all; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class RawFeature:
    """One feature as written: its position in the file (1-based, the report's row), attributes and
    GeoJSON geometry (unchecked)."""

    row: int
    properties: dict[str, Any]
    geometry: Mapping[str, Any] | None


@dataclass(frozen=True)
class FeatureFile:
    features: tuple[RawFeature, ...]
    crs: str  # one of CRS_CHOICES
    crs_noted: bool  # False: the file said nothing and WGS84 was assumed


def crs_named_in(*texts: str) -> str | None:
    """The coordinate system a piece of text names, if any."""
    for text in texts:
        for crs, pattern in _CRS_PATTERNS:
            if text and pattern.search(text):
                return crs
    return None


def _is_projected_wkt(prj: str) -> bool:
    return prj.lstrip().upper().startswith("PROJCS")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise GeoReadError("无法识别文件编码：请另存为 UTF-8 编码的 GeoJSON") from None


def _features_of(document: Any) -> list[Any]:
    if not isinstance(document, dict):
        raise GeoReadError("不是 GeoJSON：文件内容应为一个 FeatureCollection 对象")
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise GeoReadError("GeoJSON 的 FeatureCollection 缺少 features 列表")
        return features
    if kind == "Feature":
        return [document]
    raise GeoReadError(f"不是 GeoJSON 要素集合（type 为 {kind}）：请导出为 FeatureCollection")


def _top_level_text(document: dict[str, Any]) -> list[str]:
    """Where a GeoJSON file notes its coordinate system: ``crs`` (GeoJSON 2008) and top-level strings."""
    texts = [json.dumps(document.get("crs"), ensure_ascii=False)] if document.get("crs") else []
    texts += [str(v) for k, v in document.items() if k not in ("features", "crs", "type") and isinstance(v, str)]
    return texts


def read_geojson(file_name: str, data: bytes) -> FeatureFile:
    try:
        document = json.loads(_decode(data))
    except json.JSONDecodeError as exc:
        raise GeoReadError(f"GeoJSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}") from None
    except RecursionError:  # "[[[[…" nested deeper than any geometry: the decoder gives up
        raise GeoReadError("GeoJSON 嵌套层级过深，不是有效的边界文件") from None
    features = _features_of(document)
    crs_text = _top_level_text(document) if isinstance(document, dict) else []
    named = crs_named_in(*crs_text, Path(file_name).stem)
    crs_member = json.dumps(document.get("crs") or "")
    if named is None and re.search(r"EPSG:*:?\d{4,5}", crs_member) and not re.search(r"4326|4490|CRS84", crs_member):
        raise GeoReadError(f"文件的坐标系（{crs_member}）不是经纬度坐标。{CONVERT_HINT}")
    raw = tuple(RawFeature(i, dict(f.get("properties") or {}) if isinstance(f, dict) else {},
                           f.get("geometry") if isinstance(f, dict) else None)
                for i, f in enumerate(features, start=1))
    return FeatureFile(raw, named or WGS84, named is not None)


def _member(archive: zipfile.ZipFile, suffix: str, stem: str | None = None) -> str | None:
    names = [n for n in archive.namelist() if n.lower().endswith(suffix) and not n.startswith("__MACOSX")]
    if stem is not None:
        names = [n for n in names if n[: -len(suffix)] == stem]
    return sorted(names)[0] if names else None


def read_shapefile_zip(file_name: str, data: bytes) -> FeatureFile:
    import shapefile  # pyshp

    limits = ArchiveLimits(MAX_SHAPEFILE_UNPACKED_BYTES, "Shapefile 压缩包",
                           "请先简化边界（如 mapshaper 的 -simplify）或只保留本辖区的乡镇后再上传", _UNREADABLE_ZIP)
    try:
        check_archive(data, limits)
    except ArchiveError as exc:
        raise GeoReadError(str(exc)) from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise GeoReadError(_UNREADABLE_ZIP) from None
    shp = _member(archive, ".shp")
    if shp is None:
        raise GeoReadError("zip 中没有 .shp 文件：请把 .shp、.shx、.dbf、.prj 一起压缩上传")
    stem = shp[:-4]
    dbf, shx = _member(archive, ".dbf", stem), _member(archive, ".shx", stem)
    if dbf is None:
        raise GeoReadError(f"zip 中缺少 {Path(stem).name}.dbf（属性表）：请把同名的 .shp、.shx、.dbf、.prj 一起压缩")
    prj_name, cpg_name = _member(archive, ".prj", stem), _member(archive, ".cpg", stem)
    prj = archive.read(prj_name).decode("utf-8", errors="replace") if prj_name else ""
    if prj and _is_projected_wkt(prj):  # metres on a CGCS2000 or WGS84 datum are metres all the same
        raise GeoReadError(f"Shapefile 使用投影坐标（米），不是经纬度。{CONVERT_HINT}")
    encodings = [archive.read(cpg_name).decode("ascii", errors="ignore").strip()] if cpg_name else []
    features: list[RawFeature] | None = None
    failure = ""
    for encoding in [*encodings, "utf-8", "gbk"]:
        # pyshp reports a wrong attribute encoding with a plain exception: try the next encoding.
        try:
            reader = shapefile.Reader(shp=io.BytesIO(archive.read(shp)), dbf=io.BytesIO(archive.read(dbf)),
                                      shx=io.BytesIO(archive.read(shx)) if shx else None, encoding=encoding)
            features = [RawFeature(i, dict(record.as_dict()), _shape_geometry(geometry))
                        for i, (geometry, record) in enumerate(zip(reader.iterShapes(), reader.iterRecords(),
                                                                   strict=True), start=1)]
            break
        except Exception as exc:  # noqa: BLE001 — pyshp raises plain exceptions for encodings and damage alike
            failure = str(exc)
    if features is None:
        raise GeoReadError(f"无法读取 Shapefile（文件损坏，或属性表编码无法识别，可附上 .cpg 文件）：{failure[:200]}")
    named = crs_named_in(prj, Path(file_name).stem)
    return FeatureFile(tuple(features), named or WGS84, named is not None)


def _shape_geometry(shape: Any) -> Mapping[str, Any] | None:
    if shape is None or getattr(shape, "shapeType", 0) == 0:  # a null shape
        return None
    geometry: Mapping[str, Any] = shape.__geo_interface__
    return geometry


def read_feature_file(file_name: str, data: bytes, crs: str | None = None) -> FeatureFile:
    """The features of a GeoJSON file or a zipped Shapefile; ``crs`` overrides what the file notes."""
    suffix = Path(file_name).suffix.lower()
    if suffix in GEOJSON_SUFFIXES:
        found = read_geojson(file_name, data)
    elif suffix in SHAPEFILE_SUFFIXES:
        found = read_shapefile_zip(file_name, data)
    else:
        raise GeoReadError(f"边界文件应为 .geojson、.json 或 Shapefile 的 .zip，而不是 {suffix or '(无扩展名)'}")
    if crs is not None:
        if crs not in CRS_CHOICES:
            raise GeoReadError(f"未知的坐标系“{crs}”，可选：{'、'.join(CRS_CHOICES)}")
        return FeatureFile(found.features, crs, True)
    return found
