"""The export menu on every page a viewer can open: each page run is captured and makes a print
document titled as the page, with the PDF and PNG offered under the page's name; a liaison officer's
print-out and wall-screen picture hold their own unit only."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.export.browser import CHROMIUM_ENV
from dashboard.export.content import page_content
from dashboard.export_view import PageFacts, print_document, scope_label, screen_markup
from dashboard.layout import PAGES as NAV_PAGES
from etl.access import scope_of
from etl.auth import accounts
from etl.db.engine import make_engine
from etl.db.models import Role
from etl.metrics import load_facts
from tests.ledger_factories import briefing_ledger
from tests.support.apptest import APP
from tests.support.page_export import keep_captures, keep_deferred

TODAY = dt.date.today().isoformat()
#: Every page of the navigation (the local viewer is an administrator, so 审计日志 too) and its title: a page
#: added to the menu is covered without touching this test.
PAGES = [*((stem, title) for stem, title, _ in NAV_PAGES("zh")), ("audit", "审计日志")]
PASSWORD = "a-long-password-1"


@pytest.mark.parametrize(("page", "title"), PAGES)
def test_every_page_offers_its_print_out_and_picture(use_db: Callable[..., None], demo_url: str, page: str,
                                                     title: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_db(demo_url)
    monkeypatch.setenv(CHROMIUM_ENV, shutil.which("sh") or "/bin/sh")  # any file: the buttons are enabled
    captures, clicks = keep_captures(monkeypatch), keep_deferred(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2026H1"
    at.run()
    if page != "overview":
        at.switch_page(f"../pages/{page}.py").run()
    assert not at.exception, at.exception
    printed_title, items = page_content(captures[-1].messages)
    assert items, f"{page}: nothing captured"
    assert printed_title == at.title[0].value
    assert {f"示范县{title}_{TODAY}.pdf", f"示范县{title}_{TODAY}.png"} <= set(clicks)
    about = PageFacts("示范县", dt.date(2026, 6, 30), True, None, None, "zh")
    assert f"<h1>示范县 {printed_title}</h1>" in print_document(captures[-1], title, about, dt.datetime(2026, 7, 1))


@pytest.fixture
def county(sqlite_url: str, use_db: Callable[..., None]) -> dict[str, int]:
    engine = make_engine(sqlite_url)
    ids = briefing_ledger(engine)
    with engine.begin() as conn:
        accounts.add_account(conn, "lly", PASSWORD, "liaison", unit_id=ids["housing"])
    engine.dispose()
    use_db(sqlite_url)
    return {**ids, "url": sqlite_url}  # type: ignore[dict-item]


def test_a_liaisons_print_out_holds_only_their_units_figures(county: dict, monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, shutil.which("sh") or "/bin/sh")
    captures = keep_captures(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2025H1"
    at.run()
    at.text_input[0].input("lly")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    about = PageFacts("示范县", dt.date(2025, 6, 30), False, "示范县住房和城乡建设局", "lly", "zh")
    document = print_document(captures[-1], "总览", about, dt.datetime(2025, 7, 1))
    assert "查看范围：<b>示范县住房和城乡建设局</b>" in document and "住建局" in document
    assert "自然资源局" not in document and "柳河镇人民政府" not in document


def test_a_liaisons_screen_panel_holds_only_their_unit(county: dict) -> None:
    facts = load_facts(make_engine(county["url"]))
    scope = scope_of(Role.LIAISON, county["housing"], None)
    markup = screen_markup(facts, {"period_spec": "2025H1"}, "agencies", "light", scope, False, "zh")
    assert "住建局" in markup and "自然资源局" not in markup
    assert scope_label(facts, scope) == "示范县住房和城乡建设局"  # what the print header names
    assert scope_label(facts, scope_of(Role.LEADER, None, None)) is None
    everyone = screen_markup(facts, {"period_spec": "2025H1"}, "agencies", "light", scope_of(Role.ADMIN, None, None),
                             True, "zh")
    assert "自然资源局" in everyone  # the same panel for the office shows every unit
