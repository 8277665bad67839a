"""The filter bar on a laptop screen: 1366 px wide (or 1920 at 125 % Windows scaling, 1536 px) leaves the
period control too narrow for its six kinds in one line. Every kind must still be in sight — wrapped onto
a second line, not cut off behind a scroll bar — in Chinese and in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import open_page, wait_idle, wait_painted

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: For the period control: its button row's visible and full widths, and each button's label and its right
#: edge past the row's right edge (positive: cut off).
MEASURE = """() => {
  const group = document.querySelector('.st-key-f_kind [data-testid="stButtonGroup"]');
  const buttons = [...group.querySelectorAll('button')];
  const row = buttons[0].parentElement;
  const edge = row.getBoundingClientRect().right;
  return {client: row.clientWidth, scroll: row.scrollWidth,
          past: buttons.map(b => [b.innerText.trim(), b.getBoundingClientRect().right - edge])};
}"""


@pytest.mark.parametrize(("width", "query", "last"), [(1366, "", "自定义"), (1536, "", "自定义"),
                                                      (1366, "?lang=English", "Custom")])
def test_every_period_kind_stays_in_sight_on_a_laptop_screen(server: str, browser: Any, artifacts_dir: Path,
                                                             width: int, query: str, last: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    page = context.new_page()
    try:
        open_page(page, f"{server}/{query}")
        expect(page.locator("[data-kpi]").first).to_be_visible()  # the whole first run is drawn, not skeletons
        wait_idle(page)
        wait_painted(page)
        m = page.evaluate(MEASURE)
        page.screenshot(path=str(artifacts_dir / f"filter_bar_{width}{'_en' if query else ''}.png"))
        assert len(m["past"]) == 6 and m["past"][-1][0] == last
        assert m["scroll"] <= m["client"] + 1, f"the period kinds scroll: {m}"
        cut = [label for label, past in m["past"] if past > 1]
        assert not cut, f"cut off at {width} px: {cut}"
    finally:
        context.close()
