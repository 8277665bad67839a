"""Outline files import like any ledger, on SQLite and PostgreSQL: names resolve through the one rule
(county prefix, aliases, 区划代码), an unmatched feature waits in the review queue, an exclave merges, a
feature that cannot be an outline is rejected with its reason, the same file twice changes nothing, and
rollback restores the database."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, func, select

from etl.db.models import Boundary, Region, RegionLevel
from etl.importing.batches import rollback_batch
from etl.importing.pipeline import FileResult, ImportOptions, import_file
from etl.importing.unmatched import map_name_to_township, unmatched_names
from etl.metrics import load_facts
from etl.regions import set_jurisdiction
from tests.geo_factories import (
    CGCS2000_PRJ,
    COUNTY,
    PROJECTED_PRJ,
    SIX_TOWNSHIPS,
    collection,
    feature,
    geojson_bytes,
    polygon,
    shapefile_zip,
    six_township_features,
    square,
    townships_sheet,
)


def load(engine: Engine, name: str, data: bytes, **options: object) -> FileResult:
    return import_file(engine, name, data, ImportOptions(**options))  # type: ignore[arg-type]


@pytest.fixture
def towns(engine: Engine) -> dict[str, int]:
    """河清县 with six townships (柳湾镇 also known as 柳湾乡, 杏坡镇 coded 410928102); name → id."""
    with engine.begin() as conn:
        set_jurisdiction(conn, COUNTY)
    sheet = townships_sheet(aliases={"柳湾镇": "柳湾乡"}, codes={"杏坡镇": "410928102"})
    assert load(engine, "乡镇名录.csv", sheet, kind="townships").status == "imported"
    with engine.connect() as conn:
        return {n: i for i, n in conn.execute(select(Region.id, Region.name).where(Region.level == RegionLevel.TOWNSHIP))}


def stored(engine: Engine) -> dict[str, int | None]:
    with engine.connect() as conn:
        return dict(conn.execute(select(Boundary.name_raw, Boundary.region_id)).all())


def test_six_townships_one_with_the_county_prefix_import_with_six_accepted(engine: Engine,
                                                                          towns: dict[str, int]) -> None:
    result = load(engine, "乡镇边界.geojson", geojson_bytes(collection(six_township_features())))
    p = result.prepared
    assert result.status == "imported", result.message
    assert (p.rows_read, p.accepted, p.duplicates, p.rejected) == (6, 6, 0, 0)
    assert result.counts.inserted == 6
    by_name = stored(engine)
    assert by_name["河清县柳湾镇"] == towns["柳湾镇"]  # the county prefix is the jurisdiction's: stripped
    assert {by_name[n] for n in SIX_TOWNSHIPS} == set(towns.values())
    assert "WGS84" in result.message and "未注明" in result.message  # the assumption is said out loud
    facts = load_facts(engine)
    assert sorted(facts.boundaries["region_id"].to_list()) == sorted(towns.values())
    assert set(facts.boundaries["crs"]) == {"WGS84"}


def test_alias_code_unmatched_exclave_multipolygon_and_rejections(engine: Engine, towns: dict[str, int]) -> None:
    features = [
        feature({"名称": "柳湾乡"}, polygon(0, 0)),  # a former name, stored as an alias
        feature({"名称": "410928102"}, polygon(1, 0)),  # a 区划代码 in the same property
        feature({"名称": "槐荫镇"}, {"type": "MultiPolygon", "coordinates": [square(2, 0), square(5, 5, 0.02)]}),
        feature({"名称": "栗园镇"}, polygon(0, 1)),
        feature({"名称": "栗园镇"}, polygon(4, 4)),  # its exclave, drawn as a feature of its own
        feature({"名称": "桃源镇"}, polygon(1, 1)),  # no such township: kept, queued
        feature({"名称": "枫渡镇"}, {"type": "Point", "coordinates": [114.1, 35.1]}),
        feature({"名称": "菱塘镇"}, {"type": "Polygon", "coordinates": [[[500100, 3870000], [500200, 3870000],
                                                                       [500200, 3870100], [500100, 3870000]]]}),
        feature({"名称": None}, polygon(2, 1)),
    ]
    result = load(engine, "边界.json", geojson_bytes(collection(features)))
    p = result.prepared
    assert result.status == "imported", result.message
    assert (p.rows_read, p.accepted, p.duplicates, p.rejected) == (9, 5, 1, 3)
    rejected = {(r["source_row"], r["column"]): (r["value"], r["reason"]) for r in p.rejected_cells.to_dicts()}
    assert rejected[(7, "geometry")][0] == "Point" and "不是面" in rejected[(7, "geometry")][1]
    assert "不是经纬度" in rejected[(8, "geometry")][1]
    assert rejected[(9, "名称")][0] is None and "缺少名称" in rejected[(9, "名称")][1]
    by_name = stored(engine)
    assert by_name["柳湾乡"] == towns["柳湾镇"] and by_name["410928102"] == towns["杏坡镇"]
    assert by_name["桃源镇"] is None
    with engine.connect() as conn:
        shapes = {n: json.loads(g) for n, g in conn.execute(select(Boundary.name_raw, Boundary.geometry))}
        queue = unmatched_names(conn)
    assert len(shapes["栗园镇"]["coordinates"]) == 2 and len(shapes["槐荫镇"]["coordinates"]) == 2
    assert queue.filter(queue["name"] == "桃源镇").select("field", "target", "rows").row(0) == ("边界", "township", 1)
    with engine.begin() as conn:
        assert map_name_to_township(conn, "桃源镇", "菱塘镇") == 1  # mapping the name attaches the outline
    assert stored(engine)["桃源镇"] == towns["菱塘镇"]


def test_a_file_with_a_bom_and_a_noted_coordinate_system(engine: Engine, towns: dict[str, int]) -> None:
    document = collection(six_township_features(), crs={"type": "name", "properties": {"name": "GCJ-02"}})
    result = load(engine, "towns.geojson", geojson_bytes(document, bom=True))
    assert result.status == "imported" and result.prepared.accepted == 6
    with engine.connect() as conn:
        assert set(conn.execute(select(Boundary.crs)).scalars()) == {"GCJ-02"}
    override = load(engine, "towns2.geojson", geojson_bytes(collection(six_township_features()[:1])), crs="CGCS2000")
    assert override.status == "imported"
    with engine.connect() as conn:
        assert conn.execute(select(Boundary.crs).where(Boundary.name_raw == SIX_TOWNSHIPS[0])).scalar() == "CGCS2000"


def test_projected_files_are_refused_with_how_to_convert(engine: Engine, towns: dict[str, int]) -> None:
    document = collection(six_township_features(), crs={"type": "name", "properties": {"name": "EPSG:4549"}})
    result = load(engine, "towns.geojson", geojson_bytes(document))
    assert result.status == "failed" and "ogr2ogr" in result.message
    zipped = shapefile_zip([("柳湾镇", square(0, 0))], prj=PROJECTED_PRJ)
    assert "投影坐标" in load(engine, "towns.zip", zipped).message
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Boundary)).scalar_one() == 0


def test_reimport_changes_nothing_and_rollback_restores(engine: Engine, towns: dict[str, int]) -> None:
    data = geojson_bytes(collection(six_township_features()))
    first = load(engine, "towns.geojson", data)
    assert load(engine, "towns.geojson", data).status == "already_imported"
    respaced = json.dumps(json.loads(data), ensure_ascii=False, indent=2).encode("utf-8")  # same outlines
    again = load(engine, "towns (copy).geojson", respaced)
    assert again.status == "imported" and (again.counts.inserted, again.counts.updated, again.counts.unchanged) == (0, 0, 6)
    moved = collection([feature({"NAME": "杏坡镇"}, polygon(7, 7))])
    changed = load(engine, "杏坡镇新边界.geojson", geojson_bytes(moved))
    assert changed.counts.updated == 1
    before_move = json.loads(str(load_facts(engine).boundaries.filter(
        load_facts(engine).boundaries["region_id"] == towns["杏坡镇"])["geometry"][0]))
    with engine.begin() as conn:
        rollback_batch(conn, changed.batch_id or 0)
    facts = load_facts(engine).boundaries
    restored = json.loads(str(facts.filter(facts["region_id"] == towns["杏坡镇"])["geometry"][0]))
    assert restored != before_move and restored["coordinates"][0][0][0] == [114.1, 35.0]
    for batch in (again.batch_id, first.batch_id):
        with engine.begin() as conn:
            rollback_batch(conn, batch or 0)
    assert stored(engine) == {}


def test_rolling_back_the_township_sheet_detaches_the_outlines(engine: Engine) -> None:
    with engine.begin() as conn:
        set_jurisdiction(conn, COUNTY)
    sheet = load(engine, "乡镇名录.csv", townships_sheet(), kind="townships")
    load(engine, "towns.geojson", geojson_bytes(collection(six_township_features())))
    with engine.begin() as conn:
        rollback_batch(conn, sheet.batch_id or 0)
        queue = unmatched_names(conn)
    assert set(stored(engine).values()) == {None}  # kept, waiting for their townships again
    assert set(queue.filter(queue["field"] == "边界")["name"]) == set(SIX_TOWNSHIPS)


def test_a_zipped_shapefile_in_gbk_with_its_prj(engine: Engine, towns: dict[str, int]) -> None:
    records = [(name.removeprefix(COUNTY), square(i % 3, i // 3)) for i, name in enumerate(SIX_TOWNSHIPS)]
    data = shapefile_zip(records, prj=CGCS2000_PRJ, encoding="gbk", cpg=False)
    result = load(engine, "乡镇.zip", data)
    assert result.status == "imported" and result.prepared.accepted == 6, result.message
    with engine.connect() as conn:
        rows = conn.execute(select(Boundary.name_raw, Boundary.crs, Boundary.geometry)).all()
    assert {r.name_raw for r in rows} == {n.removeprefix(COUNTY) for n in SIX_TOWNSHIPS}
    assert {r.crs for r in rows} == {"CGCS2000"}
    outer = json.loads(rows[0].geometry)["coordinates"][0][0]
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(outer, outer[1:], strict=False))
    assert area > 0  # the Shapefile's clockwise outer ring is stored counter-clockwise (RFC 7946)


def test_name_field_chosen_by_what_resolves_or_named_explicitly(engine: Engine, towns: dict[str, int]) -> None:
    features = [feature({"FID": str(i), "备注": "测绘", "XZQMC": n}, polygon(i, 0)) for i, n in enumerate(SIX_TOWNSHIPS)]
    found = load(engine, "a.geojson", geojson_bytes(collection(features)), dry_run=True)
    assert found.prepared.sheets[0].columns == {"XZQMC": "乡镇(街道)名称"}
    assert found.status == "dry_run" and stored(engine) == {}
    wrong = load(engine, "b.geojson", geojson_bytes(collection(features)), name_field="不存在")
    assert wrong.status == "failed" and "XZQMC" in wrong.message
