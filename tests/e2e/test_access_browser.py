"""Access control in headless Chromium: a display token revoked while the screen is open
blanks the screen at its next rotation; a liaison who types an administrator page's URL gets the
overview; a shared link opened before logging in opens its own page, with its filters, after login;
the administrator's audit page and a liaison's rankings are photographed at 1920x1080.

Runs its own Streamlit server on a demo county with accounts (the shared server has none).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from dashboard.auth import TOKEN_GONE
from etl.auth import accounts, tokens
from etl.db.engine import make_engine
from etl.db.models import LitigationCase, Unit
from etl.demo import load_demo
from tests.support.browser import HEADING, wait_idle, wait_painted
from tests.support.serve import free_port, start_dashboard, stop_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "a-long-password-1"
#: True once the browser holds the login cookie (set by the page's script, so visible to it).
HAS_SESSION = "() => document.cookie.split('; ').some(c => c.startsWith('liandong_session='))"


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path,
            chromium_path: Path) -> Iterator[dict[str, Any]]:
    path = tmp_path_factory.mktemp("secured") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    load_demo(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        unit_id, unit_name = conn.execute(  # the agency sued most often: a liaison with plenty to see
            select(Unit.id, Unit.name).join(LitigationCase, LitigationCase.defendant_unit_id == Unit.id)
            .where(Unit.unit_type == "agency").group_by(Unit.id, Unit.name)
            .order_by(func.count().desc(), Unit.id)).first()
        accounts.add_account(conn, "office", PASSWORD, "admin")
        accounts.add_account(conn, "lly", PASSWORD, "liaison", unit_id=unit_id)
    port = free_port()
    proc = start_dashboard(port, url, tmp_path_factory.getbasetemp() / "secured.log")
    try:
        yield {"base": f"http://127.0.0.1:{port}", "engine": engine, "unit": unit_name}
    finally:
        stop_dashboard(proc)
        engine.dispose()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    yield context.new_page()
    context.close()


def log_in(page: Any, url: str, username: str) -> None:
    page.goto(url)
    page.get_by_label("用户名 User name").fill(username)
    page.get_by_label("密码 Password").fill(PASSWORD)
    page.get_by_role("button", name="登录 Log in").click()
    page.wait_for_function(HAS_SESSION, timeout=60_000)  # set by the first page run after the login
    page.wait_for_selector(HEADING, timeout=60_000)
    wait_idle(page)


def heading(page: Any) -> Any:
    return page.locator(HEADING).first


def test_a_token_revoked_while_the_screen_is_open_blanks_it_at_the_next_rotation(secured: dict[str, Any],
                                                                                  page: Any, artifacts_dir: Path) -> None:
    with secured["engine"].begin() as conn:
        token, info = tokens.create_token(conn, "会议室大屏")
    page.goto(f"{secured['base']}/screen?token={token}&rotate=3&panels=kpi,trend&period=2025")
    page.wait_for_selector(".lds .lds-body", timeout=60_000)
    assert page.locator(".lds-value, .lds-num").count() > 0, "figures on the screen while the token is valid"
    with secured["engine"].begin() as conn:
        assert tokens.revoke_token(conn, info.id)
    page.get_by_text("此显示令牌已失效").wait_for(timeout=15_000)  # the next rotation, without a reload
    assert page.locator(".lds-body").count() == 0 and page.locator(".lds-value, .lds-num").count() == 0
    notice = page.locator("[data-token-gone]")
    assert TOKEN_GONE.split("，")[0] in notice.inner_text()
    assert float(notice.locator("div").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 0.05 * 1080
    page.screenshot(path=str(artifacts_dir / "screen_token_revoked_1920.png"))


def test_logging_in_from_a_shared_link_opens_that_page_with_its_filters(secured: dict[str, Any],
                                                                        page: Any) -> None:
    log_in(page, f"{secured['base']}/litigation?period=2025H1", "office")
    expect(heading(page)).to_have_text("行政诉讼")
    assert "period=2025H1" in page.url and "/litigation" in page.url
    assert page.get_by_text("2025年上半年").count() >= 1  # the period the link carried, in its badge


def test_a_reload_keeps_the_login_until_logging_out(secured: dict[str, Any], page: Any) -> None:
    log_in(page, f"{secured['base']}/tasks", "office")
    cookie = next(c for c in page.context.cookies() if c["name"] == "liandong_session")
    assert cookie["sameSite"] == "Strict" and cookie["expires"] > 0  # kept across a restart of the browser
    page.reload()
    page.wait_for_selector(HEADING, timeout=60_000)
    expect(heading(page)).to_have_text("督办")
    assert page.get_by_label("密码 Password").count() == 0
    page.get_by_role("button", name="退出登录（office）").click()
    page.get_by_label("密码 Password").wait_for(timeout=30_000)
    page.wait_for_function(f"() => !({HAS_SESSION})()", timeout=30_000)  # deleted by the login form's run
    assert not any(c["name"] == "liandong_session" for c in page.context.cookies())
    page.reload()
    page.get_by_label("密码 Password").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stMainBlockContainer"] h1').count() == 0


@pytest.mark.parametrize("path", ["audit", "data_management"])
def test_a_liaison_typing_an_administrator_url_gets_the_overview(secured: dict[str, Any], page: Any,
                                                                 path: str) -> None:
    log_in(page, f"{secured['base']}/{path}", "lly")
    expect(heading(page)).to_have_text("总览")
    assert page.get_by_role("link", name="考核排名").count() == 1  # the navigation is there …
    assert page.get_by_role("link", name="审计日志").count() == 0  # … without the administrator's pages
    assert page.get_by_role("link", name="数据管理").count() == 0
    assert page.get_by_text("审计日志").count() == 0 and page.get_by_text("导入台账").count() == 0
    assert page.locator('[data-testid="stFileUploader"]').count() == 0


def test_screenshots_of_the_audit_page_and_a_liaisons_rankings(secured: dict[str, Any], page: Any,
                                                              artifacts_dir: Path) -> None:
    log_in(page, secured["base"], "office")
    page.get_by_role("link", name="审计日志").click()
    expect(heading(page)).to_have_text("审计日志", timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"] canvas', timeout=60_000)
    wait_idle(page)
    wait_painted(page)
    page.screenshot(path=str(artifacts_dir / "audit_page_1920.png"))
    page.get_by_role("link", name="数据管理").click()
    page.get_by_role("tab", name="设置").click()
    page.get_by_text("联络员在考核排名中可见其他单位、乡镇的名称").wait_for(timeout=30_000)
    page.screenshot(path=str(artifacts_dir / "data_management_settings_1920.png"))
    page.context.clear_cookies()
    other = page.context.new_page()
    log_in(other, secured["base"], "lly")
    other.get_by_role("link", name="考核排名").click()
    main = other.locator('[data-testid="stMainBlockContainer"]')
    expect(main).to_contain_text("其他单位名称已按名次隐藏", timeout=60_000)
    other.wait_for_selector('[data-testid="stDataFrame"] canvas', timeout=60_000)
    wait_idle(other)
    wait_painted(other)
    text = main.inner_text()
    assert "其他单位名称已按名次隐藏" in text and "名单位" in text, "other units appear by rank only"
    assert f"本单位排名　{secured['unit']}：" in text and "名（共" in text  # e.g. 县直部门第3名（共25个参评）
    other.screenshot(path=str(artifacts_dir / "liaison_rankings_1920.png"), full_page=True)
