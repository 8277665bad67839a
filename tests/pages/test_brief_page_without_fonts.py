"""A desk with no Chinese font file at all (the font search finds nothing): Word and PPT briefings are
still made — they only name their faces — while the PDF button is disabled with the sentence saying
what to install, instead of failing on the click."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from docx import Document
from docx.oxml.ns import qn
from streamlit.testing.v1 import AppTest

from etl.briefing import fonts
from etl.briefing.assemble import BriefScope
from etl.briefing.generate import BriefingError, build_file, pdf_font_problem
from etl.config import DB_URL_ENV
from etl.db.engine import make_engine
from etl.metrics import load_facts
from tests.ledger_factories import briefing_ledger
from tests.support.paths import ROOT

PAGE = ROOT / "pages" / "briefing.py"


@pytest.fixture
def no_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The font search finds nothing, as on a machine with no Chinese font installed."""
    monkeypatch.setattr(fonts, "find_fonts", lambda *args, **kwargs: [])
    monkeypatch.setattr(fonts, "_CACHE", {})
    monkeypatch.setattr(fonts, "_MISSING", {})
    yield


@pytest.fixture
def ledger_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    engine.dispose()
    monkeypatch.setenv(DB_URL_ENV, sqlite_url)
    return sqlite_url


def test_word_and_ppt_need_no_font_file_and_the_pdf_says_what_to_install(no_fonts: None, ledger_url: str) -> None:
    engine = make_engine(ledger_url)
    facts = load_facts(engine)
    engine.dispose()
    docx = build_file(facts, "2025H1", BriefScope(), "docx").content
    doc = Document(io.BytesIO(docx))
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert len(doc.inline_shapes) == 1  # the chart, drawn in the system's fonts by name
    assert build_file(facts, "2025H1", BriefScope(), "pptx").content[:2] == b"PK"
    with pytest.raises(BriefingError) as info:
        build_file(facts, "2025H1", BriefScope(), "pdf")
    assert "缺少中文字体" in str(info.value) and str(info.value) == pdf_font_problem()


def test_the_briefing_page_disables_only_the_pdf_and_says_why(no_fonts: None, ledger_url: str) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.session_state["brief_period"] = "2025H1"
    at.run()
    assert not at.exception and not at.error
    buttons = {b.label: b.proto.disabled for b in at.get("download_button")}
    assert buttons == {"下载 Word（DOCX）": False, "下载 PDF": True, "下载 PPT（16:9）": False}
    assert any("缺少中文字体" in c.value for c in at.caption)
