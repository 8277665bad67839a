"""Loading the demo into SQLite and PostgreSQL: one demo batch, refusal without --replace, bootstrap."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from etl.bootstrap import ensure_ready
from etl.cli import app
from etl.db.engine import make_engine
from etl.db.meta import data_version, get_meta, is_demo
from etl.db.models import (
    FACT_TABLES,
    ImportBatch,
    LitigationCase,
    Region,
    RegionAlias,
    Target,
    Unit,
)
from etl.demo import DemoError, load_demo
from etl.regions import jurisdiction, set_jurisdiction

END = dt.date(2025, 9, 30)
SEED_001_MEMBERS = ("示范县自然资源局", "示范县人力资源和社会保障局", "示范县住房和城乡建设局", "示范县司法局",
                    "示范县公安局", "示范县医疗保障局", "示范县信访局", "示范县林业发展中心")


def count(engine: Engine, table: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_demo_loads_every_table_under_one_demo_batch(db_url: str, engine: Engine) -> None:
    summary = load_demo(db_url, seed=11, end=END)
    for model in FACT_TABLES:
        assert count(engine, model) == summary.rows[model.__tablename__] > 0
    with engine.connect() as conn:
        [batch] = conn.execute(select(ImportBatch)).all()
        assert (batch.kind, batch.file_name, batch.is_demo) == ("demo", "示范县演示数据", True)
        assert batch.inserted == summary.fact_rows
        for model in FACT_TABLES:
            orphans = conn.execute(select(func.count()).select_from(model).where(
                model.batch_id.is_distinct_from(batch.id))).scalar_one()
            assert orphans == 0, model.__tablename__
        assert conn.execute(select(func.max(LitigationCase.filed_on))).scalar_one() <= END
        assert is_demo(conn) and data_version(conn) == 1
        county_id = conn.execute(select(Region.id).where(Region.name == "示范县")).scalar_one()
        assert jurisdiction(conn) == (county_id, "示范县")
        assert count(engine, Target) == summary.rows["target"] > 0
    assert "示范县" in summary.describe() and "Demo data" in summary.describe()


def test_demo_hierarchy_has_townships_a_renamed_one_and_member_units(sqlite_url: str) -> None:
    load_demo(sqlite_url, seed=11, end=END)
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        county = conn.execute(select(Region).where(Region.name == "示范县")).one()
        city = conn.execute(select(Region).where(Region.id == county.parent_id)).one()
        province = conn.execute(select(Region).where(Region.id == city.parent_id)).one()
        assert (city.name, province.name, province.parent_id) == ("示范市", "示范省", None)
        towns = conn.execute(select(Region.name).where(Region.parent_id == county.id)).scalars().all()
        assert len(towns) == 18 and "经济开发区" in towns and any(t.endswith("街道") for t in towns)
        renamed = conn.execute(select(RegionAlias).where(RegionAlias.alias == "桑堤乡")).one()
        assert renamed.valid_to == dt.date(2024, 5, 31)
        units = dict(conn.execute(select(Unit.name, Unit.unit_type)).all())
        assert set(SEED_001_MEMBERS) <= set(units)
        assert units["示范县人民政府"] == "government" and units["示范县人民法院"] == "court"
        assert units["示范县人民检察院"] == "procuratorate"
        assert sum(1 for t in units.values() if t == "township_gov") == 18
        assert 30 <= sum(1 for t in units.values() if t == "agency") <= 32
    engine.dispose()


def test_non_empty_database_is_refused_without_replace(db_url: str, engine: Engine) -> None:
    first = load_demo(db_url, seed=11, end=END)
    with pytest.raises(DemoError, match="已有数据.*--replace"):
        load_demo(db_url, seed=12, end=END)
    assert count(engine, LitigationCase) == first.rows["litigation_case"]
    second = load_demo(db_url, seed=12, end=END, replace=True)
    assert count(engine, LitigationCase) == second.rows["litigation_case"] != first.rows["litigation_case"]
    assert count(engine, ImportBatch) == 1
    with engine.connect() as conn:
        assert data_version(conn) == 2


def test_regions_from_init_alone_do_not_block_the_demo(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    load_demo(sqlite_url, end=END)
    with engine.connect() as conn:
        assert get_meta(conn, "region_name") == "示范县"
        assert conn.execute(select(Region.id).where(Region.name == "河清县")).first() is None
    engine.dispose()


def test_unknown_scale_and_early_end_are_refused_in_chinese(sqlite_url: str) -> None:
    with pytest.raises(DemoError, match="未知的演示数据规模"):
        load_demo(sqlite_url, scale="planet")
    with pytest.raises(DemoError, match="2023"):
        load_demo(sqlite_url, end=dt.date(2022, 12, 31))


def test_bootstrap_loads_the_demo_only_into_an_empty_database(sqlite_url: str) -> None:
    assert ensure_ready(sqlite_url).loaded_demo
    assert not ensure_ready(sqlite_url).loaded_demo
    engine = make_engine(sqlite_url)
    assert count(engine, LitigationCase) > 0
    engine.dispose()


def test_city_scale_ranks_counties_under_one_city(sqlite_url: str) -> None:
    summary = load_demo(sqlite_url, scale="city", end=END)
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert get_meta(conn, "region_name") == "示范市"
        city_id = conn.execute(select(Region.id).where(Region.name == "示范市")).scalar_one()
        counties = conn.execute(select(Region.id).where(Region.parent_id == city_id)).scalars().all()
        assert len(counties) == summary.counties == 10
        per_county = conn.execute(select(LitigationCase.region_id, func.count()).group_by(
            LitigationCase.region_id)).all()
        assert {r for r, _ in per_county} == set(counties)
        foreign = conn.execute(select(func.count()).select_from(LitigationCase).join(
            Unit, Unit.id == LitigationCase.defendant_unit_id).where(Unit.region_id != LitigationCase.region_id))
        assert foreign.scalar_one() == 0  # every defendant belongs to its own county
    engine.dispose()


def test_cli_demo_reports_the_load_and_refuses_a_second_one(sqlite_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["demo", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "已载入演示数据" in result.output
    again = runner.invoke(app, ["demo", "--db", sqlite_url])
    assert again.exit_code != 0 and "--replace" in again.output
    assert "Traceback" not in again.output
