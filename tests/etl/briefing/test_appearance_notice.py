"""The 出庭应诉通报: per unit who appeared (正职 / 副职 / 委托代理人 only / not at all), rate and rank; every
hearing without the head named; units below target reminded — figures worked out by hand on the
real-shaped county (tests/fixtures/ledgers/real), DOCX and PDF read back, one page for a month of the
demo county, the CLI on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine
from typer.testing import CliRunner

from etl.cli import app
from etl.db.engine import make_engine
from etl.importing.pipeline import import_file
from etl.metrics import DEFAULT_CONFIG, load_facts, parse_period, save_target
from etl.notices.appearance import (
    appearance_by_unit,
    assemble_appearance_notice,
    units_below_target,
    without_head,
)
from etl.notices.generate import appearance_notice_file
from etl.regions import set_jurisdiction
from tests.briefing_factories import demo_database, flat, pdf_pages
from tests.support.paths import LEDGERS

REAL = LEDGERS / "real"
Y2025 = parse_period("2025")
#: The 2025 hearings without the head in the county court's register, by hearing date.
ABSENCES = [("（2025）豫0928行初3号", "河清县住房和城乡建设局", "2025年4月1日", "仅委托代理人出庭"),
            ("（2025）豫0928行初4号", "河清县住房和城乡建设局", "2025年4月15日", "未出庭"),
            ("（2025）豫09行终12号", "河清县自然资源局", "2025年7月1日", "仅委托代理人出庭")]
runner = CliRunner()


@pytest.fixture
def county(engine: Engine) -> Engine:
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    for name in ("00_courts.csv", "01_townships_one_column.xlsx", "02_units.xlsx",
                 "03_court_register_no_court_column.xlsx"):
        import_file(engine, name, (REAL / name).read_bytes())
    return engine


def test_each_unit_hearings_who_appeared_rate_and_rank(county: Engine) -> None:
    table = appearance_by_unit(load_facts(county), Y2025)
    got = [(r["unit"], r["hearings"], r["principal"], r["deputy"], r["head"], r["agent_only"], r["absent"],
            r["appeared"], r["rank"]) for r in table.iter_rows(named=True)]
    assert got == [
        # 行初2 副职, 行初8 副职负责人, 行终11 副职 → 3 of 3.
        ("河清县人力资源和社会保障局", 3, 0, 3, 0, 0, 0, 3, 1),
        # 行初5 负责人出庭 (rank not recorded) → 1 of 1, ranked with the first.
        ("河清县市场监督管理局", 1, 0, 0, 1, 0, 0, 1, 1),
        # 行初1 正职, 行初7 正职, 行终12 委托代理人 → 2 of 3.
        ("河清县自然资源局", 3, 2, 0, 0, 1, 0, 2, 3),
        # 行初3 委托代理人, 行初4 未出庭 → 0 of 2.
        ("河清县住房和城乡建设局", 2, 0, 0, 0, 1, 1, 0, 4),
    ]
    # The table adds up to the indicator: 6 of 9 hearings.
    assert (table["appeared"].sum(), table["hearings"].sum()) == (6, 9)


def test_a_region_that_counts_only_the_principal_reorders_the_table(county: Engine) -> None:
    principal_only = replace(DEFAULT_CONFIG, deputy_counts_as_head=False)
    table = appearance_by_unit(load_facts(county), Y2025, config=principal_only)
    assert dict(zip(table["unit"], table["appeared"], strict=True)) == {
        "河清县市场监督管理局": 1, "河清县自然资源局": 2, "河清县人力资源和社会保障局": 0, "河清县住房和城乡建设局": 0}
    absent = without_head(load_facts(county), Y2025, config=principal_only)
    assert absent.height == 6  # the three above and the three deputies


def test_every_hearing_without_the_head_is_named_and_units_below_target_reminded(county: Engine) -> None:
    facts = load_facts(county)
    absent = without_head(facts, Y2025)
    assert absent.select("case_number", "defendant_full", "hearing_on", "appearance").rows() == [
        ("（2025）豫0928行初3号", "河清县住房和城乡建设局", dt.date(2025, 4, 1), "agent_only"),
        ("（2025）豫0928行初4号", "河清县住房和城乡建设局", dt.date(2025, 4, 15), "absent"),
        ("（2025）豫09行终12号", "河清县自然资源局", dt.date(2025, 7, 1), "agent_only")]
    by_unit = appearance_by_unit(facts, Y2025)
    # No target set: every unit whose head missed a hearing; with a 70% target only the one below it.
    assert units_below_target(by_unit, None) == ["河清县自然资源局", "河清县住房和城乡建设局"]
    assert units_below_target(by_unit, 0.7) == ["河清县自然资源局", "河清县住房和城乡建设局"]
    assert units_below_target(by_unit, 0.6) == ["河清县住房和城乡建设局"]
    with county.begin() as conn:
        save_target(conn, 2025, "head_appearance_rate", 0.6, actor="office")
    notice = assemble_appearance_notice(load_facts(county), Y2025, issued_on=dt.date(2026, 1, 5))
    assert notice.reminders == ("河清县住房和城乡建设局",)
    assert notice.title == "关于河清县2025年行政机关负责人出庭应诉情况的通报"
    assert notice.figures == {"hearings": "9", "appeared": "6",
                              "absent_cases": "、".join(case for case, *_ in ABSENCES)}
    assert notice.headline == "2025年，河清县行政诉讼案件开庭9件，负责人出庭6件，出庭应诉率66.7%，达到目标（60%）。"
    assert notice.sections[-1].paragraphs == (
        "河清县住房和城乡建设局出庭应诉率低于目标，请于5个工作日内书面说明原因。各单位不得仅委托代理人出庭。",)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_notice_names_every_2025_hearing_without_the_head_when_read_back(county: Engine, fmt: str,
                                                                            tmp_path: Path) -> None:
    content = appearance_notice_file(load_facts(county), Y2025, fmt, issued_on=dt.date(2026, 1, 5)).content
    if fmt == "docx":
        doc = Document(io.BytesIO(content))
        text = flat("\n".join([p.text for p in doc.paragraphs]
                              + [c.text for t in doc.tables for r in t.rows for c in r.cells]))
        rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
        assert ["1", "（2025）豫0928行初3号", "河清县住房和城乡建设局", "2025年4月1日", "仅委托代理人出庭"] in rows
        assert ["3", "河清县自然资源局", "3", "2", "0", "0", "1", "0", "66.7%", "3"] in rows
    else:
        text = flat("".join(pdf_pages(content, tmp_path, "appearance")))
    for case, unit, day, who in ABSENCES:
        assert flat(f"{case}{unit}{day}{who}") in text or all(flat(part) in text for part in (case, unit, day, who))
    # No target set: the units whose head missed a hearing are reminded by name.
    assert "河清县自然资源局、河清县住房和城乡建设局有庭审负责人未出庭，请于5个工作日内书面说明原因" in text
    assert "关于河清县2025年行政机关负责人出庭应诉情况的通报" in text and "2026年1月5日" in text


@pytest.mark.parametrize("month", ["2026-05", "2026-10"])
def test_a_month_of_the_demo_county_is_one_page(month: str, tmp_path: Path) -> None:
    url = demo_database(tmp_path)
    facts = load_facts(make_engine(url))
    period = parse_period(month)
    pages = pdf_pages(appearance_notice_file(facts, period, "pdf").content, tmp_path, month)
    by_unit, absent = appearance_by_unit(facts, period), without_head(facts, period)
    assert len(pages) == 1, f"{by_unit.height} units, {absent.height} absences on {len(pages)} pages"
    assert by_unit.height >= 6 and all(flat(unit) in flat(pages[0]) for unit in by_unit["unit"])
    assert all(flat(case) in flat(pages[0]) for case in absent["case_number"])
    assert ("抄送" in pages[0]) and (absent.height > 0) == (month == "2026-10")


def test_cli_writes_the_appearance_notice(county: Engine, db_url: str, tmp_path: Path) -> None:
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        out = tmp_path / f"出庭应诉通报.{fmt}"
        result = runner.invoke(app, ["notice", "appearance", "--period", "2025", "--format", fmt, "--out", str(out),
                                     "--date", "2026-01-05", "--db", db_url])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic) and "出庭应诉情况的通报" in result.output
    wrong = runner.invoke(app, ["notice", "appearance", "--period", "2025", "--format", "pptx", "--out",
                                str(tmp_path / "x.pptx"), "--db", db_url])
    assert wrong.exit_code == 1 and "不支持的格式" in wrong.output
