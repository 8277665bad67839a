"""The wall screen in headless Chromium at 1920x1080 and 3840x2160.

No chrome, no scroll bars, the panel fills the display, fonts meet the 5 % / 2 % rules, the panel
changes by itself after the interval, the clock runs, no exception block. Reuses the dashboard's
server and browser fixtures (one Streamlit server on a temp SQLite with the demo county).
Screenshots of every panel go to ``test-artifacts/``; with ``LIANDONG_UPDATE_SCREENSHOTS=1`` they
are written to ``docs/screenshots/`` for the README.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from dashboard.screen.build import stale_after
from dashboard.screen.config import PANEL_KEYS
from dashboard.screen.css import MIN_LABEL_FONT, MIN_VALUE_FONT
from tests.support.browser import wait_idle, wait_painted
from tests.support.paths import ROOT
from tests.support.serve import free_port, start_dashboard, stop_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"1080p": (1920, 1080), "4k": (3840, 2160)}
CHROME = ('header[data-testid="stHeader"]', '[data-testid="stToolbar"]', '[data-testid="stSidebar"]',
          '[data-testid="stSidebarCollapsedControl"]', '[data-testid="stDecoration"]', "footer",
          '[data-testid="stSidebarNav"]')

MEASURE = """() => {
  const root = document.querySelector('.lds');
  const r = root.getBoundingClientRect();
  const texts = [];
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (own && box.width > 0 && box.height > 0) {
      texts.push([el.className || el.tagName, parseFloat(getComputedStyle(el).fontSize), el.textContent.trim()]);
    }
  }
  const values = [...root.querySelectorAll('.lds-value, .lds-num')].map(e => parseFloat(getComputedStyle(e).fontSize));
  // A figure wider than its column runs into the status mark beside it.
  const overflowing = [...root.querySelectorAll('.lds-num')].filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent.trim());
  return {sh: document.documentElement.scrollHeight, overflowing, sw: document.documentElement.scrollWidth,
          ih: innerHeight, iw: innerWidth, rect: [r.left, r.top, r.width, r.height],
          panel: root.dataset.panel, texts, values,
          exceptions: document.querySelectorAll('[data-testid="stException"]').length};
}"""


#: From now on, remember every panel the screen shows (in order, repeats collapsed) in window.__ldPanels.
RECORD_PANELS = """() => {
  window.__ldPanels = [];
  const note = () => {
    const panel = document.querySelector('.lds')?.dataset.panel;
    if (panel && window.__ldPanels[window.__ldPanels.length - 1] !== panel) window.__ldPanels.push(panel);
  };
  if (window.__ldPanelObserver) window.__ldPanelObserver.disconnect();
  window.__ldPanelObserver = new MutationObserver(note);
  window.__ldPanelObserver.observe(document.body, {subtree: true, childList: true, attributes: true});
  note();
}"""


def record_panels(page: Any) -> None:
    page.evaluate(RECORD_PANELS)


def wait_for_panels(page: Any, panels: set[str], timeout: float) -> set[str]:
    """Until every panel of ``panels`` was shown since ``record_panels``; returns all panels shown."""
    page.wait_for_function("(wanted) => wanted.every(p => window.__ldPanels.includes(p))", arg=sorted(panels),
                           timeout=timeout)
    return set(page.evaluate("() => window.__ldPanels"))


@pytest.fixture(params=list(SIZES))
def screen(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[Any, str]]:  # noqa: F811
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                  timezone_id="Asia/Shanghai")
    yield context.new_page(), request.param
    context.close()


def open_screen(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    page.wait_for_selector(".lds .lds-body", timeout=60_000)
    wait_idle(page)
    wait_painted(page)
    result: dict[str, Any] = page.evaluate(MEASURE)
    return result


def assert_fills_the_display_without_chrome(page: Any, m: dict[str, Any]) -> None:
    assert m["exceptions"] == 0
    for selector in CHROME:
        found = page.locator(selector)
        assert all(not found.nth(i).is_visible() for i in range(found.count())), f"{selector} is visible"
    assert m["sh"] <= m["ih"] and m["sw"] <= m["iw"], "the page scrolls"
    assert m["rect"] == [0, 0, m["iw"], m["ih"]], "the screen does not fill the viewport"


def assert_readable(m: dict[str, Any]) -> None:
    assert m["values"], "no big figure on the panel"
    assert min(m["values"]) >= MIN_VALUE_FONT * m["ih"]
    small = [(cls, size, text) for cls, size, text in m["texts"] if size < MIN_LABEL_FONT * m["ih"] - 0.01]
    assert not small, f"text below {MIN_LABEL_FONT:.0%} of the screen height: {small[:5]}"
    assert not m["overflowing"], f"figures wider than their column: {m['overflowing']}"


def test_screen_rotates_by_itself_and_fills_the_display(server: str, screen: tuple[Any, str]) -> None:  # noqa: F811
    page, _ = screen
    m = open_screen(page, f"{server}/screen?rotate=3")
    assert_fills_the_display_without_chrome(page, m)
    clock = page.locator("[data-clock]").inner_text()
    first = m["panel"]
    page.wait_for_function(f"() => document.querySelector('.lds').dataset.panel !== '{first}'", timeout=15_000)
    second = page.evaluate("() => document.querySelector('.lds').dataset.panel")
    assert PANEL_KEYS.index(second) == (PANEL_KEYS.index(first) + 1) % len(PANEL_KEYS)
    assert page.locator("[data-clock]").inner_text() != clock, "the clock does not run"
    assert_fills_the_display_without_chrome(page, page.evaluate(MEASURE))


@pytest.mark.parametrize("panel", PANEL_KEYS)
def test_every_panel_is_readable_across_the_room(server: str, screen: tuple[Any, str], panel: str,  # noqa: F811
                                                 artifacts_dir: Path) -> None:
    page, size = screen
    m = open_screen(page, f"{server}/screen?panels={panel}&rotate=600")
    assert m["panel"] == panel
    assert_fills_the_display_without_chrome(page, m)
    assert_readable(m)
    assert page.get_by_text("演示数据 DEMO DATA").count() == 1
    name = f"screen_{panel}_{size}.png"
    page.screenshot(path=str(artifacts_dir / name))
    if os.environ.get("LIANDONG_UPDATE_SCREENSHOTS") == "1":
        save_for_docs(page.screenshot(), ROOT / "docs" / "screenshots" / name)


def save_for_docs(png: bytes, path: Path) -> None:
    """A 128-colour PNG: the flat dark panels lose nothing visible and the file shrinks about threefold."""
    from PIL import Image  # Pillow comes with python-pptx

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def test_light_theme_and_a_township_scope_come_from_the_url(server: str, browser: Any) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        m = open_screen(page, f"{server}/screen?panels=kpi&theme=light&township=柳湾镇&period=2025H1")
        assert_fills_the_display_without_chrome(page, m)
        background = page.evaluate("() => getComputedStyle(document.querySelector('.lds')).backgroundColor")
        assert background == "rgb(255, 255, 255)"
        header = page.locator(".lds-head").inner_text()
        assert "柳湾镇" in header and "2025年上半年" in header
    finally:
        context.close()


def test_screen_recovers_from_a_dropped_connection(server: str, browser: Any) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        open_screen(page, f"{server}/screen?rotate=3&panels=kpi,trend&period=2025")
        note = page.locator(".lds-offline-note")
        assert not note.is_visible()
        context.set_offline(True)
        # The note shows only after stale_after(3) s without a server run, i.e. several missed rotations,
        # so its appearing is itself the proof that the connection is down and the panel froze.
        note.wait_for(state="visible", timeout=(stale_after(3) + 15) * 1_000)
        frozen = page.evaluate("() => document.querySelector('.lds').dataset.panel")
        assert "连接中断" in note.inner_text()
        record_panels(page)
        context.set_offline(False)
        shown = wait_for_panels(page, {"kpi", "trend"} - {frozen}, timeout=30_000)
        assert shown <= {"kpi", "trend"}, "rotation did not resume after the connection came back"
        expect(note).to_be_hidden()
        m = page.evaluate(MEASURE)
        assert_fills_the_display_without_chrome(page, m)
        assert "2025年" in page.locator(".lds-head").inner_text()
    finally:
        context.close()


def test_screen_comes_back_to_the_same_view_after_a_server_restart(browser: Any, sqlite_url: str,  # noqa: F811
                                                                   tmp_path: Path) -> None:
    port = free_port()
    proc = start_dashboard(port, sqlite_url, tmp_path / "streamlit.log", LIANDONG_NO_DEMO="1")
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        open_screen(page, f"http://127.0.0.1:{port}/screen?rotate=3&panels=trend,overdue&period=2025H1&theme=light")
        stop_dashboard(proc)
        page.wait_for_selector('[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])',
                               state="attached", timeout=30_000)  # the browser noticed the server is gone
        record_panels(page)
        proc = start_dashboard(port, sqlite_url, tmp_path / "streamlit.log", LIANDONG_NO_DEMO="1")
        assert wait_for_panels(page, {"trend", "overdue"}, timeout=60_000) == {"trend", "overdue"}
        assert "2025年上半年" in page.locator(".lds-head").inner_text()
        assert page.evaluate("() => getComputedStyle(document.querySelector('.lds')).backgroundColor") == \
            "rgb(255, 255, 255)"
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()
        stop_dashboard(proc)
