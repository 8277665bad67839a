"""The 行政诉讼 page's monthly tab offers the 出庭应诉通报 of the selected period as DOCX and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.config import DB_URL_ENV
from etl.db.engine import make_engine
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
