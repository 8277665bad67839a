"""Sessions end when the account says so, in a real browser behind the shipped nginx config.

Must show: a disabled user's open tab shows the login form on its next click (before, the tab kept
navigating and downloading). Also: a password reset does the same; a cookie copied before 退出登录 no
longer logs anyone in; a display token is exchanged for a session on the first load, leaves the
address bar, reaches no Referer and no access-log line, and its use is audited.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from dashboard.auth import SESSION_ENDED
from etl import audit
from etl.auth import accounts, tokens
from etl.db.engine import make_engine
from etl.db.models import AuditEvent
from etl.demo import load_demo
from tests.support.serve import free_port, shipped_nginx, start_dashboard, stop_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "a-long-password-1"
MAIN_TITLE = '[data-testid="stMainBlockContainer"] h1'
ENDED = SESSION_ENDED.split("（", 1)[0]  # 登录已失效


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path,
           chromium_path: Path) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("revocation")
    shutil.copy(sqlite_template, folder / "demo.sqlite")
    url = f"sqlite:///{folder / 'demo.sqlite'}"
    load_demo(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        for name, role in (("office", "admin"), ("boss", "leader"), ("chief", "leader"), ("clerk", "leader")):
            accounts.add_account(conn, name, PASSWORD, role)
    port = free_port()
    proc = start_dashboard(port, url, folder / "streamlit.log")
    try:
        with shipped_nginx(folder, [port]) as (proxy_port, access_log):
            yield {"base": f"http://127.0.0.1:{proxy_port}", "engine": engine, "access_log": access_log}
    finally:
        stop_dashboard(proc)
        engine.dispose()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    yield context
    context.close()


def log_in(page: Any, url: str, username: str) -> None:
    page.goto(url)
    page.get_by_label("用户名 User name").fill(username)
    page.get_by_label("密码 Password").fill(PASSWORD)
    page.get_by_role("button", name="登录 Log in").click()
    page.wait_for_selector(MAIN_TITLE, timeout=60_000)
    page.wait_for_timeout(1_000)


def shows_login_form(page: Any) -> bool:
    page.get_by_label("密码 Password").wait_for(timeout=30_000)
    return page.locator(MAIN_TITLE).count() == 0


@pytest.mark.parametrize(("user", "change"), [("boss", "disable"), ("chief", "reset")])
def test_an_open_tab_shows_the_login_form_on_its_next_click_after_the_account_changes(
        served: dict[str, Any], context: Any, user: str, change: str) -> None:
    page = context.new_page()
    log_in(page, f"{served['base']}/litigation?period=2025H1", user)
    assert page.locator(MAIN_TITLE).first.inner_text() == "行政诉讼"
    with served["engine"].begin() as conn:
        if change == "disable":
            accounts.set_disabled(conn, user, True, actor="test")
        else:
            accounts.reset_password(conn, user, "a-brand-new-password", actor="test")
    page.get_by_role("link", name="总览").click()  # the next click
    assert shows_login_form(page)
    assert page.get_by_text(ENDED).count() == 1
    # No navigation either: waited for, since the last page's links fade out only when the rerun ends.
    expect(page.get_by_role("link", name="考核排名")).to_have_count(0, timeout=15_000)
    page.reload()  # and the browser's cookie no longer brings the session back
    assert shows_login_form(page)


def test_a_cookie_copied_before_logging_out_no_longer_logs_in(served: dict[str, Any], browser: Any,
                                                              context: Any) -> None:
    page = context.new_page()
    log_in(page, f"{served['base']}/tasks", "clerk")
    copied = [c for c in context.cookies() if c["name"] == "liandong_session"]
    assert copied, "a login cookie was set"
    thief = browser.new_context()
    try:
        stolen = thief.new_page()
        thief.add_cookies(copied)
        stolen.goto(f"{served['base']}/tasks")
        stolen.wait_for_selector(MAIN_TITLE, timeout=60_000)  # the copy works while the login lasts …
        page.get_by_role("button", name="退出登录（clerk）").click()
        assert shows_login_form(page)
        again = thief.new_page()
        again.goto(f"{served['base']}/tasks")
        assert shows_login_form(again)  # … and not after 退出登录
        stolen.get_by_role("link", name="总览").click()  # nor in the tab it had already opened
        assert shows_login_form(stolen)
    finally:
        thief.close()
    with served["engine"].connect() as conn:
        assert conn.execute(select(AuditEvent.id).where(AuditEvent.action == audit.LOGOUT,
                                                        AuditEvent.actor == "clerk")).first() is not None


def test_a_display_token_is_exchanged_on_the_first_load_and_leaves_the_url(served: dict[str, Any],
                                                                           context: Any) -> None:
    with served["engine"].begin() as conn:
        token, info = tokens.create_token(conn, "会议室大屏", actor="test")
    requests: list[tuple[str, str]] = []
    page = context.new_page()
    page.on("request", lambda r: requests.append((r.url, r.headers.get("referer", ""))))
    page.goto(f"{served['base']}/screen?token={token}&rotate=5&panels=kpi,trend&period=2025")
    page.wait_for_selector(".lds .lds-body", timeout=60_000)
    page.wait_for_function("() => !location.search.includes('token=')", timeout=30_000)
    assert "period=2025" in page.url  # the screen's own settings stay in the address
    later = requests[1:]
    assert later and not [u for u, ref in later if token in u or token in ref], "the token travelled on"
    page.reload()  # a reload finds the display session, not the token
    page.wait_for_selector(".lds .lds-body", timeout=60_000)
    assert page.get_by_label("密码 Password").count() == 0
    log = served["access_log"].read_text(encoding="utf-8")
    assert "/screen" in log and token not in log  # the access log never held it
    with served["engine"].connect() as conn:
        uses = conn.execute(select(AuditEvent.detail).where(AuditEvent.action == audit.TOKEN_USE)).scalars().all()
    assert [u["token_id"] for u in uses].count(info.id) == 1  # the exchange, not every rotation or reload
    with served["engine"].begin() as conn:
        tokens.revoke_token(conn, info.id, actor="test")
    page.get_by_text("此显示令牌已失效").wait_for(timeout=20_000)
    page.reload()
    page.get_by_text("大屏令牌无效").wait_for(timeout=30_000)  # the cookie is worth nothing once revoked
