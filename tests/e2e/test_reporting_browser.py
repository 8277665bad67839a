"""填报 in headless Chromium: a liaison updates their task (with a 佐证 PDF) and answers a 预警; another
unit's liaison sees and changes none of it by any URL; the office sees the report, its file and the
audit row. Photographs the liaison's form for the README (docs/screenshots/reporting_liaison.png)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from etl.access import EVERYTHING
from etl.auth import accounts
from etl.db.engine import make_engine
from etl.db.models import AuditEvent
from etl.reporting.reads import load_reports
from tests.ledger_factories import briefing_ledger
from tests.support.browser import HEADING, after_run, open_page, wait_idle, wait_painted
from tests.support.paths import ROOT
from tests.support.serve import free_port, start_dashboard, stop_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "a-long-password-1"
HAS_SESSION = "() => document.cookie.split('; ').some(c => c.startsWith('liandong_session='))"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, chromium_path: Path) -> Iterator[dict[str, Any]]:
    path = tmp_path_factory.mktemp("reporting") / "county.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    ids = briefing_ledger(engine)
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
        accounts.add_account(conn, "lly", PASSWORD, "liaison", unit_id=ids["housing"])
        accounts.add_account(conn, "land", PASSWORD, "liaison", unit_id=ids["land"])
    port = free_port()
    proc = start_dashboard(port, url, tmp_path_factory.getbasetemp() / "reporting.log")
    try:
        yield {"base": f"http://127.0.0.1:{port}", "engine": engine}
    finally:
        stop_dashboard(proc)
        engine.dispose()


def session(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN").new_page()
    page.goto(f"{base}/reporting?period=2025H1")
    page.get_by_label("用户名 User name").fill(username)
    page.get_by_label("密码 Password").fill(PASSWORD)
    page.get_by_role("button", name="登录 Log in").click()
    page.wait_for_function(HAS_SESSION, timeout=60_000)
    page.wait_for_selector(HEADING, timeout=60_000)
    wait_idle(page)
    return page


def test_liaison_reports_others_cannot_reach_it_and_the_office_sees_it(county: dict[str, Any], browser: Any,
                                                                       tmp_path: Path) -> None:
    base = county["base"]
    lly = session(browser, base, "lly")
    expect(lly.locator(HEADING).first).to_have_text("填报")
    main = lly.locator('[data-testid="stMainBlockContainer"]')
    assert "规范房屋征收程序" in main.aria_snapshot()  # the selected task, in the picker
    main.get_by_label("进展情况").fill("已印发征收程序整改方案，完成全部在办项目复核")
    main.get_by_text("已完成", exact=True).click()  # inside a form: no run until submitted
    evidence = tmp_path / "整改方案.pdf"
    evidence.write_bytes(PDF)
    main.locator('input[type="file"]').set_input_files(str(evidence))
    expect(main.get_by_text("整改方案.pdf")).to_be_visible()
    wait_painted(lly)
    lly.screenshot(path=str(ROOT / "docs" / "screenshots" / "reporting_liaison.png"), full_page=True)
    after_run(lly, lambda: main.get_by_role("button", name="提交填报").click())
    expect(main.get_by_text("已保存，联席会议办公室可见。")).to_be_visible()

    after_run(lly, lambda: main.get_by_role("tab", name="预警/建议整改").click())
    assert "预警 · " in main.aria_snapshot()  # the overdue task's warning comes first
    main.get_by_label("整改情况").fill("已督促完成逾期任务并建立台账周调度")
    after_run(lly, lambda: main.get_by_role("button", name="提交整改情况").click())
    expect(main.get_by_text("已保存，联席会议办公室可见。")).to_be_visible()
    with county["engine"].connect() as conn:
        reports = load_reports(conn, EVERYTHING)
    assert sorted(reports["subject"].to_list()) == ["task", "warning"]

    land = session(browser, base, "land")
    for path in ("/reporting?period=2025H1", "/reporting?period=2025H1&unit=住建局",
                 "/reporting?period=2025H1&unit=示范县住房和城乡建设局", "/tasks?period=2025H1&unit=住建局"):
        open_page(land, base + path)
        body = land.locator('[data-testid="stMainBlockContainer"]')
        expect(body).not_to_contain_text("规范房屋征收程序")
        snapshot = body.aria_snapshot()  # also what inputs and pickers hold
        assert "规范房屋征收程序" not in snapshot and "已印发征收程序整改方案" not in snapshot, path
    open_page(land, f"{base}/reporting?period=2025H1")
    after_run(land, lambda: land.get_by_role("tab", name="我的填报").click())
    expect(land.locator('[data-testid="stMainBlockContainer"]')).to_contain_text("尚未填报")

    office = session(browser, base, "office")
    body = office.locator('[data-testid="stMainBlockContainer"]')
    expect(body.get_by_text("各单位填报情况")).to_be_visible()
    expect(body.get_by_role("button", name="整改方案.pdf", exact=False)).to_be_visible()
    body.get_by_text("填报审计记录").click()  # an expander opens in the browser, without a run
    expect(body.locator('[data-testid="stTable"]')).to_contain_text("lly")
    expect(body.locator('[data-testid="stTable"]')).to_contain_text("上传佐证材料“整改方案.pdf”")
    with county["engine"].connect() as conn:
        actors = conn.execute(select(AuditEvent.actor).where(AuditEvent.action == "report")).scalars().all()
    assert actors == ["lly", "lly", "lly"]  # the task, its file, the warning's answer
