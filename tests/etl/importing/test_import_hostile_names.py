"""Names that broke the server: control characters and over-long names at import (SQLite and PostgreSQL).

A BEL in a unit or township name is removed and the row kept, with a Chinese note per cell; a unit
whose only name is 10,000 characters cannot be a unit and is rejected with a Chinese reason; an
over-long alias is left out with a note. Nothing reaches the database that a renderer cannot draw.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from etl.db.models import LitigationCase, Region, RegionLevel, Unit, UnitAlias
from etl.importing.pipeline import ImportOptions, import_file
from etl.importing.transform import CONTROL_CHARS_REMOVED
from tests.factories import add_county
from tests.hostile_factories import (
    BEL,
    CLEAN_TOWNSHIP,
    CLEAN_UNIT,
    HUGE_NAME,
    hostile_townships_sheet,
    hostile_units_sheet,
    litigation_sheet,
)


@pytest.fixture
def county(engine: Engine) -> Engine:
    with engine.begin() as conn:
        add_county(conn, "示范县")
    return engine


def _import(engine: Engine, path: Path) -> object:
    return import_file(engine, path.name, path.read_bytes(), ImportOptions(imported_by="test"))


def test_a_units_sheet_with_a_bel_and_a_10000_character_name(county: Engine, tmp_path: Path) -> None:
    result = _import(county, hostile_units_sheet(tmp_path / "units.xlsx"))
    assert result.status == "imported", result.message
    prepared = result.prepared
    assert (prepared.rows_read, prepared.accepted, prepared.rejected) == (3, 2, 1)
    rejected = prepared.rejected_cells.to_dicts()
    assert [(r["source_row"], r["column"], r["reason"]) for r in rejected] == [(3, "单位名称", "内容过长（超过100字）")]
    assert rejected[0]["value"] == HUGE_NAME  # nothing lost: the report holds the value as it was
    notes = {(r["source_row"], r["column"]): r for r in prepared.cleaned_cells.to_dicts()}
    assert notes[(2, "单位名称")]["reason"] == CONTROL_CHARS_REMOVED
    assert notes[(2, "单位名称")]["value"] == "示范县自然\\x07资源局"  # shown escaped, never raw
    assert "别名超过100字" in notes[(2, "别名")]["reason"]
    assert "修正 2 处" in result.message
    with county.connect() as conn:
        names = set(conn.execute(select(Unit.name)).scalars())
        aliases = set(conn.execute(select(UnitAlias.alias)).scalars())
    assert names == {CLEAN_UNIT, "示范县住房和城乡建设局"}
    assert aliases == {"自然资源局", "住建局"}  # the 150-character alias was left out
    assert not any(BEL in name or len(name) > 100 for name in names | aliases)


def test_control_characters_in_fact_names_match_the_cleaned_unit_and_township(county: Engine,
                                                                              tmp_path: Path) -> None:
    _import(county, hostile_units_sheet(tmp_path / "units.xlsx"))
    _import(county, hostile_townships_sheet(tmp_path / "towns.xlsx"))
    result = _import(county, litigation_sheet(tmp_path / "lit.xlsx"))
    assert result.status == "imported" and result.prepared.accepted == 4, result.message
    with county.connect() as conn:
        unit_id = conn.execute(select(Unit.id).where(Unit.name == CLEAN_UNIT)).scalar_one()
        town_id = conn.execute(select(Region.id).where(Region.name == CLEAN_TOWNSHIP,
                                                       Region.level == RegionLevel.TOWNSHIP.value)).scalar_one()
        rows = conn.execute(select(LitigationCase.defendant_raw, LitigationCase.defendant_unit_id,
                                   LitigationCase.township_id)).all()
    assert sum(1 for r in rows if r.defendant_unit_id == unit_id) == 3
    assert sum(1 for r in rows if r.township_id == town_id) == 1
    assert not any(BEL in (r.defendant_raw or "") for r in rows)


def test_a_report_lists_the_cleaned_cells(county: Engine, tmp_path: Path) -> None:
    import io

    import polars as pl

    from etl.importing.report import build_report

    result = _import(county, hostile_units_sheet(tmp_path / "units.xlsx"))
    sheets = pl.read_excel(io.BytesIO(build_report([result])), sheet_id=0)
    cleaned = sheets["修正明细"]
    assert set(cleaned["列"]) == {"单位名称", "别名"}
    assert CONTROL_CHARS_REMOVED in set(cleaned["修正"])
