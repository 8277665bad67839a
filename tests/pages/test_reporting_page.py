"""The 填报 page under AppTest: a liaison reports their own task (with a 佐证 file), answers a
recommendation of theirs and sees the office's reminder on sign-in; the office sees per unit what is
due, reported and late, the report, its audit row and a conflict it can settle."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from dashboard.reporting_view import TAB_KEY
from etl import audit
from etl.access import EVERYTHING
from etl.auth import accounts
from etl.db.engine import make_engine
from etl.db.models import AuditEvent, JointTask
from etl.reporting import evidence, reminders, writes
from etl.reporting.reads import load_reports
from etl.reporting.terms import Reporter
from tests.ledger_factories import briefing_ledger
from tests.support.paths import ROOT

APP = str(ROOT / "dashboard" / "app.py")
#: A link and a remote image in Markdown, without a slash (a file name keeps only its last path part).
LINK = "[点此](http:evil.example)![图](http:evil.example)"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "a-long-password-1"


@pytest.fixture(scope="module")
def county_file(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("reporting") / "county.sqlite"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    ids = briefing_ledger(engine)
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
        accounts.add_account(conn, "lly", PASSWORD, "liaison", unit_id=ids["housing"])
        accounts.add_account(conn, "land", PASSWORD, "liaison", unit_id=ids["land"])
    engine.dispose()
    return path, ids


@pytest.fixture
def county(county_file: tuple[Path, dict[str, int]], tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    built, ids = county_file
    path = tmp_path / "county.sqlite"
    shutil.copy(built, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("LIANDONG_DB_URL", url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    engine = make_engine(url)
    with engine.connect() as conn:
        task = conn.execute(select(JointTask.reference)).scalar_one()
    yield {"engine": engine, "task": task, **ids}
    engine.dispose()


def login(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"period": "2025H1"})
    at.run()
    at.text_input[0].input(username)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    at.switch_page("../pages/reporting.py").run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "subheader", "info", "success", "warning", "error")
             for e in getattr(at, kind)]
    return "\n".join(parts + [d.value.to_csv() for d in at.dataframe])


def test_a_liaison_reports_progress_on_their_own_task(county: dict[str, Any]) -> None:
    at = login("lly")
    assert [o for o in at.selectbox(key="rf_task").options] == [f"{county['task']} · 规范房屋征收程序（时限 2025-05-31）"]
    at.text_area(key="rf_task_progress").input("已印发整改方案")
    at.radio(key="rf_task_status").set_value("done")
    at.date_input(key="rf_task_done").set_value(dt.date(2025, 6, 5))
    at.button(key="FormSubmitter:report_task_form-提交填报").click().run()
    assert not at.exception, at.exception
    assert "已保存" in texts(at)
    with county["engine"].connect() as conn:
        [report] = load_reports(conn, EVERYTHING).to_dicts()
    assert (report["reference"], report["status"], report["done_on"], report["reported_by"]) == (
        county["task"], "done", dt.date(2025, 6, 5), "lly")


def test_another_units_liaison_is_offered_nothing_of_it(county: dict[str, Any]) -> None:
    at = login("land")
    assert "规范房屋征收程序" not in texts(at)
    assert all("规范房屋征收程序" not in str(o) for s in at.selectbox for o in s.options)


def test_a_reminder_shows_on_sign_in_until_dismissed(county: dict[str, Any]) -> None:
    with county["engine"].begin() as conn:
        reminders.send_reminder(conn, Reporter("office", "admin"), county["housing"], None, "请报送五月任务进展")
    at = login("lly")
    assert any("请报送五月任务进展" in w.value for w in at.warning)
    [dismiss] = [b for b in at.button if b.key and b.key.startswith("dismiss_reminder_")]
    dismiss.click().run()
    assert not any("请报送五月任务进展" in w.value for w in at.warning)
    assert login("land") and not any("请报送" in w.value for w in login("land").warning)


def test_the_office_sees_status_report_audit_and_settles_a_conflict(county: dict[str, Any]) -> None:
    with county["engine"].begin() as conn:
        writes.report_task(conn, Reporter("lly", "liaison", unit_id=county["housing"]), county["task"],
                           "已完成整改", "done", dt.date(2025, 6, 5))
    at = login("office")
    shown = texts(at)
    assert "住房和城乡建设局" in shown and "已完成整改" in shown and "未完成" in shown  # status, report, conflict
    assert "lly" in shown
    at.radio(key="resolve_choice").set_value("report")
    at.button(key="FormSubmitter:resolve_form-确认处理").click().run()
    assert not at.exception, at.exception
    with county["engine"].connect() as conn:
        assert conn.execute(select(JointTask.status)).scalar_one() == "done"
        actions = conn.execute(select(AuditEvent.action)).scalars().all()
    assert audit.REPORT_RESOLUTION in actions


def markup(text: str) -> list[str]:
    """The link and image tags ``text`` would become if it were rendered as Markdown."""
    rendered = MarkdownIt("commonmark").render(text)
    return [tag for tag in ("<a ", "<img ") if tag in rendered]


def test_what_people_typed_shows_as_text_in_the_banner_downloads_and_audit_rows(county: dict[str, Any]) -> None:
    assert markup(LINK) == ["<a ", "<img "]  # the payload is markup when not escaped
    liaison = Reporter("lly", "liaison", unit_id=county["housing"])
    with county["engine"].begin() as conn:
        writes.report_task(conn, liaison, county["task"], f"进展{LINK}", "open", None)
        evidence.attach_evidence(conn, liaison, "task", county["task"], "", f"{LINK}.pdf", PDF)
        # after the report, which would close it
        reminders.send_reminder(conn, Reporter("office", "admin"), county["housing"], None, f"请报送{LINK}")
    at = login("lly")
    [banner] = [w.value for w in at.warning if "请报送" in w.value]
    assert "evil.example" in banner and not markup(banner), banner
    at.session_state[TAB_KEY] = "我的填报"
    at.run()
    labels = [b.label for b in at.get("download_button") if "evil.example" in b.label]
    assert labels and not [label for label in labels if markup(label)], labels
    office = login("office")
    assert not office.exception, office.exception
    [audit_rows] = office.table
    cells = [str(c) for c in audit_rows.value.to_numpy().ravel()]
    assert any("evil.example" in c for c in cells) and not [c for c in cells if markup(c)], cells
    labels = [b.label for b in office.get("download_button") if "evil.example" in b.label]
    assert labels and not [label for label in labels if markup(label)], labels
