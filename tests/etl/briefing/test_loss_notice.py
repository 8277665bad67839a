"""The 败诉案件通报: every lost case by unit with 案号, 被告, 案由, 领域, 判项, 结案日期, and the office's
review of each — stored, audited, shown in the next notice; DOCX and PDF; on the demo county too."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from etl import audit
from etl.briefing.cases import lost_cases
from etl.cli import app
from etl.db.engine import make_engine
from etl.db.models import AuditEvent
from etl.metrics import load_facts, parse_period
from etl.notices.generate import losses_notice_file, losses_notice_from_engine
from etl.notices.reviews import load_details, save_review
from tests.briefing_factories import demo_database, flat, pdf_pages
from tests.ledger_factories import briefing_ledger

runner = CliRunner()


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])


@pytest.mark.usefixtures("cjk_fonts")
def test_notice_names_the_lost_case_and_shows_the_review_next_time(engine: Engine) -> None:
    briefing_ledger(engine)
    before = losses_notice_from_engine(engine, "2025H1", "docx")
    facts = load_facts(engine)
    case = lost_cases(facts, parse_period("2025H1")).row(0, named=True)
    text = _docx_text(before.content)
    for cell in (case["case_number"], "自然资源局", "土地征收", "判决撤销", str(case["closed_on"])):
        assert cell in text
    assert "败诉原因、整改措施和责任追究情况尚未报送" in text
    assert "请示范县自然资源局于收到本通报之日起15个工作日内" in text  # the unit whose review is awaited
    with engine.begin() as conn:
        save_review(conn, case["court"], case["case_number"], "admin", cause_analysis="未履行告知程序",
                    rectification="修订征收流程")
    after = _docx_text(losses_notice_from_engine(engine, "2025H1", "docx").content)
    assert "败诉原因：未履行告知程序；整改措施：修订征收流程；责任追究：尚未报送" in after
    assert "请示范县自然资源局按所报整改措施抓好落实" in after
    with engine.connect() as conn:
        details = load_details(conn)
        event = conn.execute(select(AuditEvent.actor, AuditEvent.detail)
                             .where(AuditEvent.action == audit.LOSS_REVIEW)).one()
    assert details.review(case["court"], case["case_number"]).rectification == "修订征收流程"
    assert event.actor == "admin" and event.detail["changed"] == "败诉原因、整改措施"


def test_a_second_save_audits_only_what_changed(engine: Engine) -> None:
    with engine.begin() as conn:
        save_review(conn, "示范县人民法院", "(2025)示0928行初1号", "a", cause_analysis="x", accountability="y")
        review = save_review(conn, "示范县人民法院", "(2025)示0928行初1号", "b", cause_analysis="x", accountability="")
        changes = [d["changed"] for d in conn.execute(select(AuditEvent.detail).where(
            AuditEvent.action == audit.LOSS_REVIEW).order_by(AuditEvent.id)).scalars()]
    assert (review.cause_analysis, review.accountability, review.updated_by) == ("x", "", "b")
    assert changes == ["败诉原因、责任追究", "责任追究"]


def test_a_pasted_review_loses_its_control_characters_not_its_punctuation(engine: Engine) -> None:
    with engine.begin() as conn:
        review = save_review(conn, "示范县人民法院", "(2025)示0928行初1号", "a",
                             cause_analysis="未告知\x07陈述、申辩权利，程序违法\u202e（已整改）")
    assert review.cause_analysis == "未告知陈述、申辩权利，程序违法（已整改）"


@pytest.mark.usefixtures("cjk_fonts")
def test_cli_records_a_review_and_writes_both_formats(engine: Engine, db_url: str, tmp_path: Path) -> None:
    briefing_ledger(engine)
    case = lost_cases(load_facts(engine), parse_period("2025H1")).row(0, named=True)
    result = runner.invoke(app, ["notice", "review", case["case_number"], "--cause", "证据不足", "--db", db_url])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["notice", "review", "(2030)无此案1号", "--cause", "x", "--db", db_url])
    assert missing.exit_code != 0 and "未找到该案号" in missing.output
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        out = tmp_path / f"losses.{fmt}"
        written = runner.invoke(app, ["notice", "losses", "--period", "2025H1", "--format", fmt, "--out", str(out),
                                      "--db", db_url])
        assert written.exit_code == 0, written.output
        assert out.read_bytes().startswith(magic)
    assert "败诉原因：证据不足" in _docx_text((tmp_path / "losses.docx").read_bytes())


@pytest.mark.slow
@pytest.mark.usefixtures("cjk_fonts")
def test_demo_notice_names_every_lost_case_in_docx_and_pdf(tmp_path: Path) -> None:
    url = demo_database(tmp_path)
    engine = make_engine(url)
    facts = load_facts(engine)
    period = parse_period("2025")
    with engine.connect() as conn:
        details = load_details(conn, lost_cases(facts, period)["id"].to_list())
    engine.dispose()
    lost = lost_cases(facts, period, details=details)
    assert lost.height >= 3
    docx = _docx_text(losses_notice_file(facts, period, "docx", details=details).content)
    pdf = flat("".join(pdf_pages(losses_notice_file(facts, period, "pdf", details=details).content, tmp_path)))
    for row in lost.iter_rows(named=True):
        assert row["case_number"] in docx and flat(row["case_number"]) in pdf
        assert row["defendant_full"] in docx and flat(row["defendant_full"]) in pdf
        assert row["cause"] and row["cause"] in docx  # 案由 read from the ledger
    assert "关于示范县2025年行政诉讼" in docx and "抄送：" in docx
