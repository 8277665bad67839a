"""In headless Chromium on a demo county whose data end on 20 November 2026: the link 复制链接 gives
today shows the same figures when opened next month in a fresh browser (its clock frozen in December),
after December's cases have been imported; the upload widget speaks Chinese; the 督办 list is not cut
at 1920 px. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from etl.db.engine import make_engine
from etl.demo import load_demo
from etl.importing.pipeline import ImportOptions, import_file
from tests.support.browser import open_page, wait_painted
from tests.support.serve import free_port, start_dashboard, stop_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATA_END = dt.date(2026, 11, 20)
TILES = ("litigation_cases", "loss_rate", "head_appearance_rate", "clearance_rate")  # the 行政诉讼 tiles
#: December's lawsuits, imported "next month": they move the data date and the default period on.
DECEMBER = ("审理法院,案号,被告,立案日期\n"
            + "".join(f"示范县人民法院,（2026）示0928行初{900 + day}号,示范县自然资源局,2026-12-{day:02d}\n"
                      for day in range(1, 11)))


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, chromium_path: Path) -> Iterator[dict]:
    """Its own server: the test imports into the database it serves."""
    directory = tmp_path_factory.mktemp("shared_link")
    path = directory / "county.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    load_demo(url, end=DATA_END)
    port = free_port()
    proc = start_dashboard(port, url, directory / "streamlit.log")
    try:
        yield {"url": url, "base": f"http://127.0.0.1:{port}"}
    finally:
        stop_dashboard(proc)


def fresh_page(browser: Any, today: dt.datetime | None = None) -> Any:
    """A new browser context (no session, no storage), its clock frozen at ``today`` if given."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = context.new_page()
    if today is not None:
        page.clock.set_fixed_time(today)
    return page


def figures(page: Any) -> dict[str, str]:
    return {key: page.locator(f'[data-kpi="{key}"] .ld-value').inner_text() for key in TILES}


def period_chip(page: Any) -> str:
    return str(page.get_by_text("本页期间：").first.inner_text()).split("本页期间：")[1]


def test_a_copied_link_opened_next_month_shows_the_same_figures(county: dict, browser: Any,
                                                                 artifacts_dir: Path) -> None:
    today = fresh_page(browser, dt.datetime(2026, 11, 25, 9, 30))
    open_page(today, f"{county['base']}/litigation?unit=自然资源局")
    assert period_chip(today) == "2026年1月1日至11月20日" and "period=" not in today.url
    shown = figures(today)
    today.get_by_role("button", name="复制链接").click()
    link = today.locator('[data-testid="stPopoverBody"] code').inner_text().replace("\n", "")
    assert "period=2026YTD-11-20" in link and "unit=" in link
    today.screenshot(path=str(artifacts_dir / "copy_link_popover.png"))
    today.context.close()

    engine = make_engine(county["url"])  # next month: December's cases arrive
    result = import_file(engine, "12月台账.csv", DECEMBER.encode(), ImportOptions(kind="litigation"))
    engine.dispose()
    assert result.status == "imported" and result.prepared.accepted == 10

    later = fresh_page(browser, dt.datetime(2026, 12, 15, 9, 30))
    open_page(later, f"{county['base']}/litigation?unit=自然资源局")  # a fresh visit: the latest data
    assert period_chip(later) == "2026年1月1日至12月10日"
    assert figures(later)["litigation_cases"] != shown["litigation_cases"]  # the new cases count there
    open_page(later, link)
    wait_painted(later)
    assert period_chip(later) == "2026年1月1日至11月20日"
    assert figures(later) == shown
    assert later.get_by_text("数据已更新至 2026-12-10").count() == 1
    later.screenshot(path=str(artifacts_dir / "copied_link_next_month.png"))
    later.context.close()


def test_the_upload_widget_speaks_chinese(county: dict, browser: Any, artifacts_dir: Path) -> None:
    page = fresh_page(browser)
    open_page(page, f"{county['base']}/data_management")
    zone = page.locator('[data-testid="stFileUploaderDropzone"][aria-label^="上传台账文件"]')  # not the 词表 one
    zone.wait_for(timeout=60_000)
    wait_painted(page)
    button = zone.locator("button p")
    # The theme's CSS can land after the widget under load: wait for it, then read it.
    page.wait_for_function("e => getComputedStyle(e, '::after').content !== 'none'", arg=button.element_handle(),
                           timeout=30_000)
    assert button.evaluate("e => getComputedStyle(e, '::after').content") == '"选择文件"'
    assert button.evaluate("e => getComputedStyle(e).fontSize") == "0px"  # "Upload" is not shown
    limit = zone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span')
    assert "单个文件不超过" in limit.evaluate("e => getComputedStyle(e, '::after').content")
    zone.screenshot(path=str(artifacts_dir / "upload_widget_chinese.png"))
    page.context.close()


def test_the_overdue_task_list_is_not_cut_at_1920_px(county: dict, browser: Any) -> None:
    page = fresh_page(browser)
    open_page(page, f"{county['base']}/tasks")
    page.get_by_role("tab", name="双清单任务").click()  # the page opens on 按会议
    grid = page.locator('[data-testid="stDataFrame"]').filter(has_text="逾期天数").first
    grid.wait_for(timeout=60_000)
    wait_painted(page)
    headers = {h.strip() for h in grid.locator('[role="columnheader"]').all_inner_texts()}
    assert {"编号", "单位", "内容", "交办日期", "完成时限", "状态", "逾期天数"} <= headers
    # The grid's own scroller holds no more than a scroll bar's width beyond what it shows: no column
    # hides past the right edge (beside a chart, the same list overflowed by some 700 px).
    hidden = grid.evaluate("e => Math.max(0, ...[...e.querySelectorAll('*')].filter(x => x.clientWidth > 0)"
                           ".map(x => x.scrollWidth - x.clientWidth))")
    assert hidden <= 20, hidden
    page.context.close()
