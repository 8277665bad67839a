"""The running dashboard in headless Chromium at 1920x1080: every page renders with no
exception block and its charts, a click on a bar filters the page, a shared URL reproduces a view.

One Streamlit server (temp SQLite with the demo county) and one browser serve every test.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from playwright.sync_api import expect

from tests.support.browser import HEADING, after_run, wait_idle, wait_painted

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: page path → (minimum number of charts on first view, a heading that must be there)
PAGES = {
    "": (1, "总览"),
    "litigation": (4, "行政诉讼"),
    "disputes": (2, "争议化解"),
    "reconsideration": (3, "行政复议"),
    "rankings": (1, "考核排名"),
    "townships": (0, "乡镇"),
    "tasks": (1, "督办"),
    "data_management": (0, "数据管理"),
    "briefing": (0, "简报"),
}


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


def settle(page, min_charts: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Wait until the script has finished and the expected charts are drawn."""
    page.wait_for_selector(HEADING, timeout=60_000)
    wait_idle(page)
    if min_charts:
        page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {min_charts}", timeout=60_000)
    wait_painted(page)


def tile(page, key: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[data-kpi="{key}"] .ld-value')


def tile_text(page, key: str) -> str:  # type: ignore[no-untyped-def]
    return tile(page, key).inner_text()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders_without_an_exception(server: str, page, artifacts_dir: Path, path: str) -> None:  # type: ignore[no-untyped-def]
    min_charts, heading = PAGES[path]
    page.goto(f"{server}/{path}")
    settle(page, min_charts)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert heading in page.locator("h1").first.inner_text()
    assert page.locator(".js-plotly-plot").count() >= min_charts
    assert page.get_by_text("演示数据 DEMO DATA").count() >= 1
    page.screenshot(path=str(artifacts_dir / f"page_{path or 'overview'}.png"))


def test_clicking_an_agency_bar_filters_the_page(server: str, page, artifacts_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/litigation?period=2025")
    settle(page, 4)
    before = tile_text(page, "litigation_cases")
    bars = page.locator(".js-plotly-plot").first.locator("g.point path")
    top = bars.count() - 1  # the largest agency is drawn last (on top)
    bars.nth(top).click(force=True)
    page.wait_for_url("**unit=*", timeout=30_000)
    settle(page, 1)
    chosen = unquote(page.url.split("unit=")[1].split("&")[0])
    assert chosen.startswith("示范县")
    expect(page.get_by_text(f"单位：{chosen}")).to_have_count(1)  # the chip
    expect(tile(page, "litigation_cases")).not_to_have_text(before)
    after = tile_text(page, "litigation_cases")
    assert int(after.rstrip("件")) < int(before.rstrip("件"))
    expect(page.locator(".js-plotly-plot").first.locator("g.point path")).to_have_count(1)
    page.screenshot(path=str(artifacts_dir / "click_to_filter.png"))
    after_run(page, page.get_by_role("button", name="清除筛选").click)
    settle(page, 4)
    expect(tile(page, "litigation_cases")).to_have_text(before)
    assert "unit=" not in page.url


def test_a_shared_url_reproduces_the_filtered_view(server: str, page, artifacts_dir: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"{server}/?period=2025H1&town={quote('柳湾镇')}&lang=English"
    page.goto(url)
    settle(page, 1)
    expect(page.locator("h1").first).to_have_text("Overview")
    expect(page.get_by_text("Township: 柳湾镇")).to_have_count(1)
    shared = tile_text(page, "litigation_cases")
    page.goto(f"{server}/?period=2025H1&lang=English")
    settle(page, 1)
    assert tile_text(page, "litigation_cases") != shared
    page.goto(url)
    settle(page, 1)
    assert tile_text(page, "litigation_cases") == shared
    assert "period=2025H1" in page.url
    page.screenshot(path=str(artifacts_dir / "shared_url_english.png"))


def test_clicking_a_unit_in_the_ranking_opens_its_score_breakdown(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/rankings?period=2025")
    settle(page, 1)
    picked = page.get_by_role("combobox", name="查看得分构成")
    first = picked.input_value()  # the breakdown opens on the first-placed unit
    bars = page.locator(".js-plotly-plot").first.locator("g.point path")
    bars.nth(0).click(force=True)  # the bottom bar: the last-placed unit
    page.wait_for_function(
        "(before) => { const s = document.querySelector('input[aria-label=\"查看得分构成\"]');"
        " return s && s.value !== before; }", arg=first, timeout=30_000)
    settle(page, 1)
    assert picked.input_value() not in ("", first)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_rankings_show_the_honour_roll_in_red_a_bonus_column_and_no_none(server: str, page,  # type: ignore[no-untyped-def]
                                                                        artifacts_dir: Path) -> None:
    page.goto(f"{server}/rankings?period=2025")
    settle(page, 1)
    red = page.locator("h3", has_text="红榜").first
    black = page.locator("h3", has_text="黑榜").first
    assert red.evaluate("e => getComputedStyle(e).color") == "rgb(200, 16, 46)"  # 红榜: the honour roll, red
    assert black.evaluate("e => getComputedStyle(e).color") == "rgb(61, 79, 102)"  # 黑榜: dark grey-blue
    grid = page.locator('[data-testid="stDataFrame"]').filter(has_text="名次变化").first
    grid.wait_for(timeout=30_000)
    headers = grid.locator('[role="columnheader"]').all_inner_texts()
    assert any("加分" in h for h in headers) and any("扣分" in h for h in headers)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "None" not in body
    assert page.get_by_role("radiogroup").count() + page.locator('[data-testid="stButtonGroup"]').count() >= 1
    picked = page.get_by_role("combobox", name="查看得分构成").input_value()
    assert page.get_by_text(f"得分构成：{picked}").count() == 1
    page.screenshot(path=str(artifacts_dir / "rankings_breakdown.png"), full_page=True)


# The briefing preview: the escaped HTML blocks render as headings and paragraphs (not as
# literal tags), charts and tables are drawn, and no exception block appears.
def test_briefing_preview_renders_headings_paragraphs_charts_and_tables(server: str, page,  # type: ignore[no-untyped-def]
                                                                        artifacts_dir: Path) -> None:
    page.goto(f"{server}/briefing")
    page.wait_for_selector(HEADING, timeout=60_000)
    wait_idle(page, timeout=120_000)
    page.wait_for_selector('[data-testid="stImage"] img', timeout=60_000)
    wait_painted(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    masthead = page.locator("h2", has_text="府院府检联动工作简报").first
    assert masthead.is_visible()
    assert masthead.evaluate("e => getComputedStyle(e).color") == "rgb(192, 0, 0)"
    assert page.locator("h3", has_text="府院府检联动工作情况通报").first.is_visible()
    markdown = page.locator('[data-testid="stMarkdownContainer"]').all_inner_texts()
    text = "\n".join(markdown)
    assert "一、行政诉讼应诉情况" in text and "行政诉讼发案量" in text
    assert "预览稿（未编期号）" in text and "附件1" in text  # no 期号 taken; the annexes are shown
    assert "<p" not in text and "&lt;" not in text  # rendered as HTML, not shown as tags or entities
    assert page.locator('[data-testid="stImage"] img').count() >= 1  # the 领域 chart of the 正文
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2
    page.screenshot(path=str(artifacts_dir / "briefing_preview.png"))
