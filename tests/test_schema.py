"""The schema migrates from empty and round-trips every kind of record on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select

from etl.db.engine import make_engine
from etl.db.meta import bump_data_version, data_version
from etl.db.migrate import alembic_config, current_revision, upgrade
from etl.db.models import (
    Base,
    ImportBatch,
    Instance,
    LitigationCase,
    Region,
    RegionLevel,
    Unit,
    UnitAlias,
)
from etl.regions import jurisdiction, set_jurisdiction


def test_migrations_create_every_model_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert current_revision(engine) is not None


def test_upgrade_is_idempotent(db_url: str) -> None:
    upgrade(db_url)
    upgrade(db_url)
    engine = make_engine(db_url)
    assert current_revision(engine) == ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()
    engine.dispose()


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    """Alembic's autogenerate comparison finds nothing to do: models.py and the migrations agree."""
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_fact_tables_keep_only_keys_batch_and_foreign_key_indexes(engine: Engine) -> None:
    indexed = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("litigation_case")
               if not ix["unique"]}  # PostgreSQL lists the unique constraint's index too
    assert indexed == {("batch_id",), ("defendant_unit_id",), ("region_id",), ("subject_area_id",),
                       ("township_id",)}
    assert not any("filed_on" in ix["column_names"] or "received_on" in ix["column_names"]
                   for table in ("litigation_case", "reconsideration_case", "dispute_case")
                   for ix in inspect(engine).get_indexes(table))


def test_downgrade_to_0001_restores_the_dropped_indexes(db_url: str) -> None:
    command.downgrade(alembic_config(db_url), "0001")
    engine = make_engine(db_url)
    names = {ix["name"] for ix in inspect(engine).get_indexes("litigation_case")}
    assert {"ix_litigation_case_filed_on", "ix_litigation_instance_filed"} <= names
    assert current_revision(engine) == "0001"
    engine.dispose()
    upgrade(db_url)
    engine = make_engine(db_url)
    assert "ix_litigation_case_filed_on" not in {ix["name"] for ix in inspect(engine).get_indexes("litigation_case")}
    engine.dispose()


def test_litigation_case_round_trips_dates_and_booleans(engine: Engine) -> None:
    with engine.begin() as conn:
        county = set_jurisdiction(conn, "河清县")
        township = conn.execute(Region.__table__.insert().values(
            name="柳屯镇", level=RegionLevel.TOWNSHIP, parent_id=county)).inserted_primary_key[0]
        unit = conn.execute(Unit.__table__.insert().values(
            name="河清县自然资源局", short_name="自然资源局", unit_type="agency", region_id=county,
            active=True, sort_order=1)).inserted_primary_key[0]
        conn.execute(UnitAlias.__table__.insert().values(unit_id=unit, alias="县自然资源局"))
        batch = conn.execute(ImportBatch.__table__.insert().values(
            file_name="台账.xlsx", sha256="0" * 64, kind="litigation", rows_read=1, accepted=1,
            duplicates=0, skipped=0, rejected=0, inserted=1, updated=0, unchanged=0,
            status="active", is_demo=False)).inserted_primary_key[0]
        conn.execute(LitigationCase.__table__.insert().values(
            region_id=county, court="河清县人民法院", case_number="(2024)豫0928行初15号", case_year=2024,
            type_code="行初", instance=Instance.FIRST, defendant_raw="县自然资源局", defendant_unit_id=unit,
            township_raw="柳屯镇", township_id=township, filed_on=dt.date(2024, 3, 5),
            hearing_on=dt.date(2024, 5, 6), closed_on=None, outcome_raw=None, head_appeared=True,
            batch_id=batch))
        bump_data_version(conn)
    with engine.connect() as conn:
        row = conn.execute(select(LitigationCase)).one()
        assert row.filed_on == dt.date(2024, 3, 5)
        assert row.closed_on is None
        assert row.head_appeared is True
        assert row.defendant_unit_id == unit
        assert jurisdiction(conn) == (county, "河清县")
        assert data_version(conn) == 1
