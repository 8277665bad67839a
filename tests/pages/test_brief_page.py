"""The 简报 page: controls, preview, download buttons that render on click, Chinese errors."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.briefing_preview import build_preview
from dashboard.briefing_view import _deferred, last_full_half_year, scope_options
from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.fonts import discover_fonts
from etl.config import DB_URL_ENV
from etl.db.engine import make_engine
from etl.metrics import load_facts, parse_period
from tests.ledger_factories import briefing_ledger
from tests.support.paths import ROOT

PAGE = ROOT / "pages" / "briefing.py"


@pytest.mark.parametrize(("as_of", "expected"), [
    (dt.date(2026, 11, 22), "2026H1"), (dt.date(2026, 7, 1), "2026H1"), (dt.date(2026, 6, 30), "2025H2"),
    (dt.date(2026, 1, 5), "2025H2"),
])
def test_default_period_is_the_last_full_half_year(as_of: dt.date, expected: str) -> None:
    assert last_full_half_year(as_of) == expected


@pytest.fixture
def ledger_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    engine.dispose()
    monkeypatch.setenv(DB_URL_ENV, sqlite_url)
    return sqlite_url


def test_scope_pickers_list_townships_and_addressee_units(ledger_url: str) -> None:
    engine = make_engine(ledger_url)
    facts = load_facts(engine)
    engine.dispose()
    assert list(scope_options(facts, "township")) == sorted(["东关街道", "柳河镇"])
    assert set(scope_options(facts, "unit")) == {"示范县自然资源局", "示范县住房和城乡建设局", "柳河镇人民政府"}
    assert scope_options(facts, "region") == {}


@pytest.mark.usefixtures("cjk_fonts")
def test_page_previews_the_briefing_and_offers_three_downloads(ledger_url: str) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.session_state["brief_period"] = "2025H1"
    at.run()
    assert not at.exception and not at.error
    assert [b.label for b in at.get("download_button")] == ["下载 Word（DOCX）", "下载 PDF", "下载 PPT（16:9）"]
    text = " ".join(m.value for m in at.markdown)
    assert "示范县2025年上半年府院府检联动工作情况通报" in text and "行政诉讼发案量4件，同比增加1件" in text
    assert "预览稿（未编期号）" in text  # a preview takes no 期号
    assert "附件1　各单位主要指标及排名" in text  # the annexes are previewed too


def test_page_shows_a_chinese_error_for_a_bad_period(ledger_url: str) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.session_state["brief_period"] = "2025H3"
    at.run()
    assert not at.exception
    assert at.error and "期间" in at.error[0].value
    assert not at.get("download_button")


@pytest.mark.usefixtures("cjk_fonts")
def test_download_callable_renders_the_file_on_demand(ledger_url: str) -> None:
    engine = make_engine(ledger_url)
    facts = load_facts(engine)
    engine.dispose()
    preview = build_preview(assemble_briefing(facts, parse_period("2025H1"), BriefScope(), discover_fonts()))
    assert _deferred(preview.briefing, "pdf", preview.title, preview.file_stem)().startswith(b"%PDF")
    assert _deferred(preview.briefing, "docx", preview.title, preview.file_stem)()[:2] == b"PK"


@pytest.mark.usefixtures("cjk_fonts")
def test_page_scope_picker_switches_to_a_township(ledger_url: str) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.session_state["brief_period"] = "2025H1"
    at.run()
    at.radio(key="brief_scope_kind").set_value("乡镇（街道）").run()
    at.selectbox(key="brief_scope_township").set_value("柳河镇").run()
    assert not at.exception and not at.error
    text = " ".join(m.value for m in at.markdown)
    assert "示范县柳河镇2025年上半年府院府检联动工作情况通报" in text


@pytest.mark.usefixtures("cjk_fonts")
def test_liaison_officer_gets_only_their_own_units_briefing(ledger_url: str) -> None:
    from dashboard.auth import Viewer
    from etl.db.models import Role

    engine = make_engine(ledger_url)
    unit_id = int(load_facts(engine).units.filter(pl.col("name") == "示范县住房和城乡建设局")["id"][0])
    engine.dispose()
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.session_state["brief_period"] = "2025H1"
    at.session_state["ld_viewer"] = Viewer(username="lly", role=Role.LIAISON, unit_id=unit_id)
    at.run()
    assert not at.exception and not at.error
    assert not at.radio  # no county-wide choice
    text = " ".join(m.value for m in at.markdown)
    assert "示范县住房和城乡建设局2025年上半年府院府检联动工作情况通报" in text
    assert "示范县2025年上半年" not in text and "自然资源局" not in text  # nothing about other units
