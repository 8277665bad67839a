"""The briefing preview in headless Chromium (issue 9): the escaped HTML blocks render as headings and
paragraphs (not as literal tags), charts and tables are drawn, and no exception block appears."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


def test_briefing_preview_renders_headings_paragraphs_charts_and_tables(server: str, page,  # type: ignore[no-untyped-def]
                                                                        artifacts_dir: Path) -> None:
    page.goto(f"{server}/briefing")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
    page.wait_for_selector('[data-testid="stImage"] img', timeout=60_000)
    page.wait_for_timeout(800)
    assert page.locator('[data-testid="stException"]').count() == 0
    masthead = page.locator("h2", has_text="府院府检联动工作简报").first
    assert masthead.is_visible()
    assert masthead.evaluate("e => getComputedStyle(e).color") == "rgb(192, 0, 0)"
    assert page.locator("h3", has_text="府院府检联动工作情况通报").first.is_visible()
    markdown = page.locator('[data-testid="stMarkdownContainer"]').all_inner_texts()
    text = "\n".join(markdown)
    assert "一、行政诉讼应诉情况" in text and "行政诉讼发案量" in text
    assert "<p" not in text and "&lt;" not in text  # rendered as HTML, not shown as tags or entities
    assert page.locator('[data-testid="stImage"] img').count() >= 3
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2
    page.screenshot(path=str(artifacts_dir / "briefing_preview.png"))
