"""Must show: after a units sheet with a BEL and a 10,000-character name is imported, ``liandong brief``
exits 0 (it used to abort with exit 134 inside the chart renderer); and a database that already holds
such names (filled before the import rule, or by another tool) still gives a briefing."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import update

from etl.db.engine import make_engine
from etl.db.models import Region, Unit
from tests.hostile_factories import (
    BEL,
    BEL_TOWNSHIP,
    BEL_UNIT,
    CLEAN_UNIT,
    HUGE_NAME,
    hostile_townships_sheet,
    hostile_units_sheet,
    litigation_sheet,
)
from tests.support.paths import ROOT


def liandong(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["liandong", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ))


@pytest.fixture
def imported(sqlite_url: str, tmp_path: Path) -> str:
    assert liandong("init", "--db", sqlite_url, "--region", "示范县").returncode == 0
    for sheet in (hostile_units_sheet(tmp_path / "units.xlsx"), hostile_townships_sheet(tmp_path / "towns.xlsx"),
                  litigation_sheet(tmp_path / "lit.xlsx")):
        done = liandong("import", str(sheet), "--db", sqlite_url)
        assert done.returncode == 0, done.stdout + done.stderr
        assert BEL not in done.stdout  # the terminal gets \x07, not a bell
    return sqlite_url


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_brief_exits_0_after_importing_a_bel_and_a_10000_character_name(imported: str, tmp_path: Path,
                                                                         fmt: str) -> None:
    out = tmp_path / f"brief.{fmt}"
    done = liandong("brief", "--period", "2025H1", "--format", fmt, "--out", str(out), "--db", imported)
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr[-2000:])
    assert out.stat().st_size > 10_000 and "已生成简报" in done.stdout
    if fmt == "docx":
        document = Document(io.BytesIO(out.read_bytes()))
        cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
        assert any(cell.endswith("自然资源局") for cell in cells)  # the unit is there, under its cleaned name


@pytest.mark.slow
def test_brief_survives_names_already_in_the_database(imported: str, tmp_path: Path) -> None:
    """Names written without the importer (an older version, a SQL console): the renderer cleans them."""
    engine = make_engine(imported)
    with engine.begin() as conn:
        conn.execute(update(Unit).where(Unit.name == CLEAN_UNIT).values(name=BEL_UNIT))
        conn.execute(update(Unit).where(Unit.name == "示范县住房和城乡建设局").values(name=HUGE_NAME))
        conn.execute(update(Region).where(Region.name == "东关街道").values(name=BEL_TOWNSHIP))
    engine.dispose()
    for fmt in ("pdf", "docx", "pptx"):
        out = tmp_path / f"brief.{fmt}"
        done = liandong("brief", "--period", "2025H1", "--format", fmt, "--out", str(out), "--db", imported)
        assert done.returncode == 0, (fmt, done.returncode, done.stdout, done.stderr[-2000:])
