"""Names a document writer cannot take, and render failures the user is told about in Chinese.

Before: a control character made the DOCX writer raise, a 10,000-character name made a PDF table row
taller than the page, and ``liandong brief`` blamed the database for either.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine
from typer.testing import CliRunner

from etl.briefing import generate
from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.fonts import discover_fonts
from etl.briefing.generate import BriefingError, render
from etl.briefing.model import Briefing
from etl.cli import app
from etl.importing.pipeline import ImportOptions, import_file
from etl.metrics import load_facts, parse_period
from tests.factories import add_county
from tests.hostile_factories import HUGE_NAME, hostile_units_sheet, litigation_sheet

runner = CliRunner()


@pytest.fixture
def county_url(sqlite_url: str, tmp_path: Path) -> str:
    from etl.db.engine import make_engine

    engine: Engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        add_county(conn, "示范县")
    for sheet in (hostile_units_sheet(tmp_path / "u.xlsx"), litigation_sheet(tmp_path / "l.xlsx")):
        import_file(engine, sheet.name, sheet.read_bytes(), ImportOptions())
    engine.dispose()
    return sqlite_url


def hostile_briefing(url: str) -> Briefing:
    """The county's briefing with a BEL and a 10,000-character name planted in its first annex table,
    an annex title and a paragraph of the 正文, as a database written before the import rule could hold them."""
    from etl.db.engine import make_engine

    engine = make_engine(url)
    facts = load_facts(engine)
    engine.dispose()
    briefing = assemble_briefing(facts, parse_period("2025H1"), BriefScope(), discover_fonts())
    index = next(i for i, a in enumerate(briefing.annexes) if a.tables and a.tables[0].rows)
    annex, table = briefing.annexes[index], briefing.annexes[index].tables[0]
    at = table.columns.index("单位")  # the name column (the first one holds the 排名)

    def named(row: tuple[str, ...], name: str) -> tuple[str, ...]:
        return (*row[:at], name, *row[at + 1:])

    rows = (named(table.rows[0], HUGE_NAME), named(table.rows[0], "自然\x07资源局"), *table.rows[1:])
    annex = dataclasses.replace(annex, title=annex.title + "\x07",
                                tables=(dataclasses.replace(table, rows=rows), *annex.tables[1:]))
    section = briefing.sections[0]
    section = dataclasses.replace(section, paragraphs=(section.paragraphs[0] + "自然\x07资源局",) + section.paragraphs[1:])
    return dataclasses.replace(briefing, sections=(section, *briefing.sections[1:]),
                               annexes=(*briefing.annexes[:index], annex, *briefing.annexes[index + 1:]),
                               reminders=("自然\x07资源局", *briefing.reminders))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "pptx"])
def test_documents_are_written_whatever_names_the_briefing_holds(county_url: str, fmt: str) -> None:
    content = render(hostile_briefing(county_url), fmt, discover_fonts())
    assert len(content) > 10_000
    if fmt == "docx":
        document = Document(io.BytesIO(content))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert "自然资源局" in text and "\x07" not in text
        assert "长" * 100 in text and "长" * 400 not in text  # cut to a label's length, with an ellipsis


def test_a_writer_failure_is_a_chinese_briefing_error(county_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> bytes:
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(generate, "write_pdf", broken)
    with pytest.raises(BriefingError, match=r"简报PDF文件生成失败：layout exploded"):
        render(hostile_briefing(county_url), "pdf", discover_fonts())


def test_liandong_brief_names_the_render_failure(county_url: str, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    def broken(*_args: object) -> bytes:
        raise ValueError("The row with index 1 is too high and cannot be rendered on a single page")

    monkeypatch.setattr(generate, "write_pdf", broken)
    result = runner.invoke(app, ["brief", "--period", "2025H1", "--format", "pdf", "--out", str(tmp_path / "b.pdf"),
                                 "--db", county_url])
    assert result.exit_code == 1
    assert "简报PDF文件生成失败" in result.output and "too high" in result.output
    assert "liandong init" not in result.output  # not the old, misleading "is the database set up?"
    assert not (tmp_path / "b.pdf").exists()
