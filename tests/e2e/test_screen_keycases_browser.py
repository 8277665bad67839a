"""The key-case and time-limit panels in headless Chromium on a literal county (tests/conference_factories.py):
``/screen?panels=keycases`` shows the open and overdue key cases with their leader in charge, readable
across the room, filling 1920x1080 without scrolling."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from dashboard.screen.css import MIN_LABEL_FONT, MIN_VALUE_FONT
from etl.db.engine import make_engine
from tests.conference_factories import conference_county
from tests.support.browser import wait_idle, wait_painted
from tests.support.serve import free_port, start_dashboard, stop_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MEASURE = """() => {
  const root = document.querySelector('.lds');
  const sizes = [...root.querySelectorAll('.lds-value, .lds-num')].map(e => parseFloat(getComputedStyle(e).fontSize));
  const labels = [...root.querySelectorAll('.lds-label, .lds-name, .lds-note')]
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  return {sh: document.documentElement.scrollHeight, ih: innerHeight, sw: document.documentElement.scrollWidth,
          iw: innerWidth, values: sizes, labels, panel: root.dataset.panel,
          exceptions: document.querySelectorAll('[data-testid="stException"]').length};
}"""


@pytest.fixture(scope="module")
def county_server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path,
                  chromium_path: Path) -> Iterator[str]:
    import shutil

    path = tmp_path_factory.mktemp("keycases") / "county.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    conference_county(engine)
    engine.dispose()
    port = free_port()
    proc = start_dashboard(port, url, path.with_suffix(".log"), LIANDONG_NO_DEMO="1")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_dashboard(proc)


def open_panel(browser: Any, url: str) -> tuple[Any, Any, dict[str, Any]]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".lds .lds-body", timeout=60_000)
    wait_idle(page)
    wait_painted(page)
    return context, page, page.evaluate(MEASURE)


def assert_readable_without_scrolling(m: dict[str, Any]) -> None:
    assert m["exceptions"] == 0
    assert m["sh"] <= m["ih"] and m["sw"] <= m["iw"], "the screen scrolls"
    assert m["values"] and min(m["values"]) >= MIN_VALUE_FONT * m["ih"]
    assert min(m["labels"]) >= MIN_LABEL_FONT * m["ih"] - 0.01


def test_the_key_case_panel_names_the_overdue_case_and_its_leader(county_server: str, browser: Any,
                                                                  artifacts_dir: Path) -> None:
    context, page, m = open_panel(browser, f"{county_server}/screen?panels=keycases&period=2025&rotate=600")
    try:
        assert m["panel"] == "keycases"
        assert_readable_without_scrolling(m)
        headline = page.locator(".lds-headline .lds-tile")
        expect(headline).to_have_count(3)
        # On 2025-11-20 (the data's last day): SQ-2025-007 is 143 days past its 化解期限, ZD-2025-03 still open;
        # of the three listed in 2025 one is resolved.
        assert [headline.nth(i).locator(".lds-value").inner_text() for i in range(3)] == ["2件", "1件", "33.3%"]
        rows = page.locator(".lds-rows .lds-row")
        expect(rows).to_have_count(2)
        first = rows.nth(0).inner_text()
        assert "住建局" in first and "李某等12户拆迁安置争议" in first and "逾期143天" in first and "李副县长" in first
        assert rows.nth(0).get_attribute("data-status") == "missed"
        page.screenshot(path=str(artifacts_dir / "screen_keycases_literal_1080p.png"))
    finally:
        context.close()


def test_the_time_limit_panel_opens_from_its_url_too(county_server: str, browser: Any) -> None:
    context, page, m = open_panel(browser, f"{county_server}/screen?panels=limits&period=2025&rotate=600")
    try:
        assert m["panel"] == "limits"
        assert_readable_without_scrolling(m)
        expect(page.locator(".lds-headline .lds-tile")).to_have_count(3)
        expect(page.locator(".lds-ptitle")).to_contain_text("办理时限")
    finally:
        context.close()
