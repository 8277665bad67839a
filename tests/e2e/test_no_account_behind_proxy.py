"""Must show: with no account, a request that comes through the shipped nginx config (it carries
X-Forwarded-For) gets the refusal, not 数据管理 (nor 督办 with its meeting form, nor the wall screen's conference and map
panels); the same pages opened directly on the server still work.

Before, the server listened on 127.0.0.1 behind nginx, so every remote visitor was the local
administrator while no account existed. Served for real: ``liandong serve`` + nginx + Chromium.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.auth import NO_ACCOUNT_REMOTE
from etl.demo import load_demo
from tests.support.serve import shipped_nginx, start_serve, stop_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REFUSAL = NO_ACCOUNT_REMOTE.split("：", 1)[0]  # 尚未创建账号
MEETING_FORM = "登记会议（管理员）"


@pytest.fixture(scope="module")
def no_account(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path,
               chromium_path: Path) -> Iterator[dict[str, int]]:
    folder = tmp_path_factory.mktemp("no_account")
    path = folder / "demo.sqlite"
    path.write_bytes(sqlite_template.read_bytes())
    url = f"sqlite:///{path}"
    load_demo(url)
    proc, app_port = start_serve(url, folder, dict(os.environ))
    try:
        with shipped_nginx(folder, [app_port]) as (proxy_port, _log):
            yield {"direct": app_port, "proxy": proxy_port}
    finally:
        stop_dashboard(proc)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("path", "title"), [
    ("data_management", "数据管理"), ("audit", "审计日志"), ("tasks", "督办"),  # 督办 holds the meeting form
    ("screen?panels=keycases,limits,map", "重点案件")])
def test_through_the_proxy_no_account_means_refusal(no_account: dict[str, int], page: Any, path: str,
                                                    title: str) -> None:
    response = page.goto(f"http://127.0.0.1:{no_account['proxy']}/{path}")
    assert response is not None and response.headers.get("x-frame-options") == "DENY"
    page.get_by_text(REFUSAL).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1_500)  # nothing else arrives afterwards
    assert page.locator("h1").filter(has_text=title).count() == 0
    assert page.locator('[data-testid="stFileUploader"], [data-testid="stDataFrame"], .lds').count() == 0
    assert page.get_by_text(MEETING_FORM).count() == 0


def test_directly_on_the_server_the_page_opens(no_account: dict[str, int], page: Any) -> None:
    page.goto(f"http://127.0.0.1:{no_account['direct']}/data_management")
    page.locator("h1").filter(has_text="数据管理").wait_for(timeout=60_000)
    assert page.get_by_text(REFUSAL).count() == 0
    page.goto(f"http://127.0.0.1:{no_account['direct']}/tasks")
    page.get_by_text(MEETING_FORM).first.wait_for(timeout=60_000)  # the local administrator's form


def test_a_forged_forwarded_header_is_refused_too(no_account: dict[str, int], browser: Any) -> None:
    """A header that merely claims to be local is still a proxy's header."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": "127.0.0.1"})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{no_account['direct']}/data_management")
        page.get_by_text(REFUSAL).first.wait_for(timeout=60_000)
        assert page.locator("h1").filter(has_text="数据管理").count() == 0
    finally:
        context.close()
