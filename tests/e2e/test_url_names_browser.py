"""Names in a shared link, in headless Chromium on the demo county: ``?unit=县自然资源局`` opens that unit;
``?unit=自然资原局`` opens a notice with a did-you-mean and no figure at all, on a page and on the wall
screen. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNIT = "示范县自然资源局"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    yield context.new_page()
    context.close()


def settle(page: Any) -> None:
    """The script has finished: a heading is drawn and Streamlit's running indicator is gone."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def cases(page: Any) -> str:
    tile = page.locator('[data-kpi="litigation_cases"] .ld-value')
    tile.wait_for(timeout=60_000)
    return str(tile.inner_text())


def test_a_short_form_in_the_link_shows_that_units_figures(server: str, page: Any, artifacts_dir: Path) -> None:
    page.goto(f"{server}/?period=2025&unit={quote(UNIT)}")
    settle(page)
    exact = cases(page)
    page.goto(f"{server}/?period=2025")
    settle(page)
    county = cases(page)
    page.goto(f"{server}/?period=2025&unit={quote('县自然资源局')}")
    settle(page)
    assert cases(page) == exact != county
    assert page.get_by_text(f"单位：{UNIT}").count() == 1  # the chip names the canonical unit
    page.wait_for_url(f"**unit={quote(UNIT)}*", timeout=30_000)  # and the link now does too
    page.screenshot(path=str(artifacts_dir / "url_unit_short_form.png"))


def test_a_typo_in_the_link_shows_a_notice_and_no_county_figures(server: str, page: Any,
                                                                  artifacts_dir: Path) -> None:
    page.goto(f"{server}/?period=2025&unit={quote('自然资原局')}")
    settle(page)
    notice = page.get_by_text("未找到单位“自然资原局”，是否指：自然资源局？")
    notice.wait_for(timeout=60_000)
    use = page.get_by_role("button", name="改为：自然资源局")
    use.wait_for(timeout=60_000)
    page.get_by_role("button", name="不限单位，显示全部").wait_for(timeout=60_000)
    assert page.locator("[data-kpi]").count() == 0 and page.locator(".js-plotly-plot").count() == 0
    page.screenshot(path=str(artifacts_dir / "url_unit_typo_notice.png"))
    use.click()
    cases(page)
    settle(page)
    assert page.get_by_text(f"单位：{UNIT}").count() == 1 and notice.count() == 0
    assert unquote(page.url).count(f"unit={UNIT}") == 1


def test_the_wall_screen_shows_the_notice_instead_of_figures(server: str, page: Any, artifacts_dir: Path) -> None:
    page.goto(f"{server}/screen?period=2025&panels=kpi&unit={quote('自然资原局')}")
    blocked = page.locator("[data-blocked]")
    blocked.wait_for(timeout=60_000)
    assert "是否指：自然资源局" in blocked.inner_text() and page.locator(".lds-tile").count() == 0
    page.screenshot(path=str(artifacts_dir / "screen_unit_typo_notice.png"))
    page.goto(f"{server}/screen?period=2025&panels=kpi&unit={quote('县自然资源局')}")
    page.locator(".lds-tile").first.wait_for(timeout=60_000)
    assert "自然资源局" in page.locator(".lds-meta").inner_text()
