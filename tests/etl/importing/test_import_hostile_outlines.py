"""Outline files get the same hardening as ledgers (SQLite and PostgreSQL): a control character in a
feature's name is removed and the feature kept, with a note; a name longer than its column is rejected
with a Chinese reason; a zipped Shapefile that would unpack past its limit, or at a bomb's ratio, is
refused before pyshp reads it; a GeoJSON nested past the decoder's depth is a Chinese error."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import Engine, select

from etl.db.models import Boundary, Region, RegionLevel
from etl.geo.read import MAX_SHAPEFILE_UNPACKED_BYTES, GeoReadError, read_feature_file
from etl.importing.pipeline import FileResult, ImportOptions, import_file
from etl.importing.transform import CONTROL_CHARS_REMOVED
from etl.regions import set_jurisdiction
from tests.geo_factories import COUNTY, collection, feature, geojson_bytes, polygon, townships_sheet

BEL = "\x07"
LONG_NAME = "镇" * 150


def load(engine: Engine, name: str, data: bytes, **options: object) -> FileResult:
    return import_file(engine, name, data, ImportOptions(**options))  # type: ignore[arg-type]


@pytest.fixture
def towns(engine: Engine) -> dict[str, int]:
    with engine.begin() as conn:
        set_jurisdiction(conn, COUNTY)
    assert load(engine, "乡镇名录.csv", townships_sheet(), kind="townships").status == "imported"
    with engine.connect() as conn:
        return {n: i for i, n in conn.execute(select(Region.id, Region.name).where(Region.level == RegionLevel.TOWNSHIP))}


def test_a_bel_in_a_name_is_removed_and_an_over_long_name_rejected(engine: Engine, towns: dict[str, int]) -> None:
    features = [feature({"NAME": f"杏坡{BEL}镇"}, polygon(0, 0)), feature({"NAME": "槐荫镇"}, polygon(1, 0)),
                feature({"NAME": LONG_NAME}, polygon(2, 0))]
    result = load(engine, "边界.geojson", geojson_bytes(collection(features)))
    p = result.prepared
    assert result.status == "imported", result.message
    assert (p.rows_read, p.accepted, p.rejected) == (3, 2, 1)
    rejected = p.rejected_cells.to_dicts()
    assert [(r["source_row"], r["column"], r["reason"]) for r in rejected] == [(3, "NAME", "内容过长（超过100字）")]
    assert rejected[0]["value"] == LONG_NAME  # nothing lost: the report holds the name as written
    notes = p.cleaned_cells.to_dicts()
    assert [(n["source_row"], n["column"], n["value"], n["reason"]) for n in notes] == [
        (1, "NAME", "杏坡\\x07镇", CONTROL_CHARS_REMOVED)]
    assert "修正 1 处" in result.message
    with engine.connect() as conn:
        stored = dict(conn.execute(select(Boundary.name_raw, Boundary.region_id)).all())
    assert stored == {"杏坡镇": towns["杏坡镇"], "槐荫镇": towns["槐荫镇"]}  # the cleaned name resolves


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_shapefile_zip_bomb_is_refused_in_chinese_before_reading(engine: Engine, towns: dict[str, int]) -> None:
    bomb = _zip({"towns.shp": bytes(MAX_SHAPEFILE_UNPACKED_BYTES + 1024 * 1024), "towns.dbf": b"", "towns.shx": b""})
    assert len(bomb) < 1024 * 1024
    result = load(engine, "乡镇边界.zip", bomb)
    assert result.status == "failed"
    assert "Shapefile 压缩包解压后过大" in result.message and "压缩炸弹" in result.message
    with engine.connect() as conn:
        assert conn.execute(select(Boundary.id)).first() is None


def test_a_shapefile_member_at_a_bombs_ratio_is_refused() -> None:
    """16 MiB of zeros is under the size limit, but no Shapefile packs 1000:1."""
    bomb = _zip({"towns.shp": bytes(16 * 1024 * 1024), "towns.dbf": b"", "towns.shx": b""})
    with pytest.raises(GeoReadError, match="压缩比超过 200:1"):
        read_feature_file("乡镇边界.zip", bomb)


def test_a_geojson_nested_past_the_decoders_depth_is_a_chinese_error() -> None:
    with pytest.raises(GeoReadError, match="嵌套层级过深"):
        read_feature_file("边界.geojson", b"[" * 200_000 + b"]" * 200_000)
