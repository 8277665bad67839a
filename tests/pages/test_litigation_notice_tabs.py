"""The 行政诉讼 page's notices: the 败诉案件通报 tab (lost cases, downloads, the review form) and the
出庭应诉通报 of the selected period on the monthly tab, as DOCX and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.config import DB_URL_ENV
from etl.db.engine import make_engine
from etl.notices.reviews import load_details
from tests.ledger_factories import briefing_ledger

PAGE = Path(__file__).resolve().parents[2] / "pages" / "litigation.py"


@pytest.fixture
def ledger_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    engine.dispose()
    monkeypatch.setenv(DB_URL_ENV, sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    return sqlite_url


def test_tab_lists_the_lost_case_and_saves_a_review(ledger_url: str) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.query_params["period"] = "2025H1"
    at.run()
    at.session_state["lit_tab"] = "败诉案件通报"
    at.run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert list(table.columns[:6]) == ["案号", "被告", "案由", "领域", "判项", "结案日期"]
    assert table.shape[0] == 1 and table["判项"][0] == "判决撤销" and table["被告"][0] == "自然资源局"
    assert {b.label for b in at.get("download_button")} >= {"下载通报（DOCX）", "下载通报（PDF）"}
    at.text_area[0].set_value("未依法履行告知程序")
    at.text_area[1].set_value("修订执法流程")
    next(b for b in at.button if b.label == "保存").click().run()  # the form's 保存 (the tiles have buttons too)
    assert not at.exception
    engine = make_engine(ledger_url)
    with engine.connect() as conn:
        reviews = list(load_details(conn).reviews.values())
    engine.dispose()
    assert [(r.cause_analysis, r.rectification, r.accountability) for r in reviews] == \
        [("未依法履行告知程序", "修订执法流程", "")]
    assert at.dataframe[0].value["败诉原因"][0] == "未依法履行告知程序"  # shown next time


def test_the_monthly_tab_offers_the_appearance_notice(ledger_url: str) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.query_params["period"] = "2025H1"
    at.run()
    at.session_state["lit_tab"] = "月度通报"
    at.run()
    assert not at.exception and not at.error
    assert any("出庭应诉通报" in s.value for s in at.subheader)
    buttons = {b.label for b in at.get("download_button")}
    assert {"下载通报（DOCX）", "下载通报（PDF）"} <= buttons
