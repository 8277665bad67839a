"""The 简报 page previews without a 期号; an administrator issues it, taking the year's next number."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from etl.config import DB_URL_ENV
from etl.db.engine import make_engine
from etl.db.models import BriefingIssue
from tests.ledger_factories import briefing_ledger

PAGE = Path(__file__).resolve().parents[2] / "pages" / "briefing.py"


@pytest.fixture
def ledger_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    engine.dispose()
    monkeypatch.setenv(DB_URL_ENV, sqlite_url)
    return sqlite_url


@pytest.mark.usefixtures("cjk_fonts")
def test_preview_has_no_number_and_issuing_takes_the_next_one(ledger_url: str) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.session_state["brief_period"] = "2025H1"
    at.run()
    assert not at.exception and not at.error
    assert "预览稿（未编期号）" in " ".join(m.value for m in at.markdown)
    assert at.number_input[0].value == 1  # nothing issued yet this year
    at.button(key="brief_issue_button").click().run()
    assert not at.exception
    assert any("第1期" in s.value for s in at.success)
    labels = [b.label for b in at.get("download_button")]
    assert "下载第1期 PDF" in labels and "下载 PDF" in labels  # the preview stays downloadable too
    engine = make_engine(ledger_url)
    with engine.connect() as conn:
        numbers = conn.execute(select(BriefingIssue.number)).scalars().all()
    engine.dispose()
    assert numbers == [1]
    at.run()
    assert at.number_input[0].value == 2  # the next issue would be 第2期
