"""A period outside 1980–2100 is a Chinese error, not ``year 0 is out of range`` from deep inside the
year-on-year comparison (the briefing page showed that traceback for ``0001-01-01..9999-12-31``)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from etl.cli import app
from etl.config import DB_URL_ENV
from etl.demo import load_demo
from etl.metrics import PeriodError, parse_period
from tests.support.paths import ROOT

runner = CliRunner()
WHOLE_CALENDAR = "0001-01-01..9999-12-31"


@pytest.mark.parametrize("text", [WHOLE_CALENDAR, "0001", "1979H2", "2101-01", "9999YTD", "1979-12-31..2025-01-01"])
def test_periods_outside_the_supported_years_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(PeriodError, match="期间超出支持的范围（1980—2100年）"):
        parse_period(text)


@pytest.mark.parametrize("text", ["1980", "2100H2", "1980-01-01..2100-12-31"])
def test_the_bounds_themselves_are_accepted(text: str) -> None:
    period = parse_period(text)
    assert period.year_earlier().start.year >= 1979  # the comparison the briefing makes still exists


@pytest.fixture
def demo_url(sqlite_url: str) -> str:
    load_demo(sqlite_url)
    return sqlite_url


@pytest.mark.parametrize("command", [["brief", "--format", "docx", "--out", "/tmp/never-written.docx"],
                                     ["metrics", "--json"], ["rank", "--json"]])
def test_the_cli_says_so_without_a_traceback(demo_url: str, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--period", WHOLE_CALENDAR, "--db", demo_url])
    assert result.exit_code != 0
    assert "期间超出支持的范围" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_the_briefing_page_shows_the_error_not_an_exception(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_URL_ENV, demo_url)
    at = AppTest.from_file(str(ROOT / "pages" / "briefing.py"), default_timeout=120)
    at.session_state["brief_period"] = WHOLE_CALENDAR
    at.run()
    assert not at.exception
    assert any("期间超出支持的范围" in e.value for e in at.error)
