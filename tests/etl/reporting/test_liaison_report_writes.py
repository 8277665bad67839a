"""Every 填报 write on the database, with its scope check (SQLite and PostgreSQL): a liaison writes for
their own unit or township only, whatever key they send; every write is audited; reports survive a
rollback and re-import of the ledger; a later ledger that disagrees shows a conflict the office settles."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from sqlalchemy import Engine, select

from etl import audit
from etl.access import EVERYTHING
from etl.db.models import AuditEvent, JointTask, LitigationCase, Recommendation
from etl.importing.batches import rollback_batch
from etl.importing.pipeline import ImportOptions, import_file
from etl.reporting import conflicts, evidence, reminders, resolve, writes
from etl.reporting.reads import load_reports
from etl.reporting.terms import Reporter, ReportRefused
from tests.ledger_factories import briefing_ledger

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def county(engine: Engine) -> dict[str, Any]:
    ids = briefing_ledger(engine)
    with engine.connect() as conn:
        ids["task"] = conn.execute(select(JointTask.reference)).scalar_one()
        ids["rec"] = conn.execute(select(Recommendation.reference)).scalar_one()
        ids["suit"] = conn.execute(select(LitigationCase.court, LitigationCase.case_number).where(
            LitigationCase.defendant_unit_id == ids["housing"], LitigationCase.filed_on == D(2025, 6, 1))).one()
    return ids


def people(ids: dict[str, Any]) -> dict[str, Reporter]:
    return {"housing": Reporter("lly", "liaison", unit_id=ids["housing"]),
            "land": Reporter("land", "liaison", unit_id=ids["land"]),
            "river": Reporter("river", "liaison", township_id=ids["river"]),
            "town_gov": Reporter("tg", "liaison", unit_id=ids["town_gov"]),
            "leader": Reporter("boss", "leader"), "office": Reporter("office", "admin")}


def actions(engine: Engine, action: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [r.detail for r in conn.execute(select(AuditEvent.detail).where(AuditEvent.action == action)
                                               .order_by(AuditEvent.id))]


def test_a_liaison_reports_on_their_own_task_and_the_write_is_audited(engine: Engine, county: dict[str, Any]) -> None:
    who = people(county)
    with engine.begin() as conn:
        writes.report_task(conn, who["housing"], county["task"], "已印发整改方案\u202e", "done", D(2025, 6, 5))
    with engine.connect() as conn:
        mine = load_reports(conn, who["housing"].scope)
        theirs = load_reports(conn, who["land"].scope)
    assert mine.select("subject", "reference", "status", "done_on", "note", "unit_id").row(0) == (
        "task", county["task"], "done", D(2025, 6, 5), "已印发整改方案", county["housing"])
    assert theirs.is_empty()
    [event] = actions(engine, audit.REPORT)
    assert event["reference"] == county["task"] and event["done_on"] == "2025-06-05"


@pytest.mark.parametrize("intruder", ["land", "river", "leader"])
def test_no_one_else_can_write_a_units_task_whatever_key_they_send(engine: Engine, county: dict[str, Any],
                                                                  intruder: str) -> None:
    who = people(county)
    with engine.begin() as conn, pytest.raises(ReportRefused):
        writes.report_task(conn, who[intruder], county["task"], "冒名填报", "done", D(2025, 6, 5))
    with engine.connect() as conn:
        assert load_reports(conn, EVERYTHING).is_empty()
    assert actions(engine, audit.REPORT) == []


def test_recommendation_warning_and_hearing_answers_check_the_scope(engine: Engine, county: dict[str, Any]) -> None:
    who = people(county)
    court, case_number = county["suit"]
    with engine.begin() as conn:
        # The recommendation is addressed to 柳河镇人民政府: its liaison, and 柳河镇's, may answer; 住建局 may not.
        writes.answer_recommendation(conn, who["town_gov"], county["rec"], "已建立征收公告复核制度", D(2025, 5, 20), True)
        with pytest.raises(ReportRefused):
            writes.answer_recommendation(conn, who["housing"], county["rec"], "x", D(2025, 5, 20), True)
        writes.record_hearing(conn, who["housing"], court, case_number, "deputy", "王某（副局长）")
        with pytest.raises(ReportRefused):
            writes.record_hearing(conn, who["land"], court, case_number, "principal", "张某")
        writes.answer_warning(conn, who["housing"], "unit", county["housing"], "overdue_tasks", "2025H1",
                              "已督促完成", D(2025, 7, 1))
        with pytest.raises(ReportRefused):
            writes.answer_warning(conn, who["housing"], "unit", county["land"], "overdue_tasks", "2025H1",
                                  "越权", D(2025, 7, 1))
    with engine.connect() as conn:
        subjects = sorted(load_reports(conn, EVERYTHING)["subject"].to_list())
    assert subjects == ["hearing", "recommendation", "warning"]


def test_evidence_is_checked_stored_under_a_generated_name_and_read_within_scope(
        engine: Engine, county: dict[str, Any]) -> None:
    who = people(county)
    with engine.begin() as conn:
        writes.report_task(conn, who["housing"], county["task"], "推进中", "open", None)
        evidence_id = evidence.attach_evidence(conn, who["housing"], "task", county["task"], "",
                                               "../../etc/整改方案.pdf", PDF)
        for name, data in (("page.html", b"<script>"), ("fake.pdf", b"<html>"), ("big.pdf", b"%PDF-" + b"0" * 6_000_000)):
            with pytest.raises(ReportRefused):
                evidence.attach_evidence(conn, who["housing"], "task", county["task"], "", name, data)
        with pytest.raises(ReportRefused):
            evidence.attach_evidence(conn, who["land"], "task", county["task"], "", "a.pdf", PDF)
    with engine.connect() as conn:
        listed = evidence.list_evidence(conn, who["housing"].scope)
        download = evidence.read_evidence(conn, who["office"].scope, evidence_id)
        with pytest.raises(ReportRefused):
            evidence.read_evidence(conn, who["land"].scope, evidence_id)
    assert listed["name"].to_list() == ["整改方案.pdf"]
    assert download.file_name == f"佐证材料-{evidence_id}.pdf" and download.content == PDF
    assert evidence.checked_type("a.docx", _docx())[1].endswith("wordprocessingml.document")


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_a_reminder_shows_until_the_unit_reports_or_dismisses(engine: Engine, county: dict[str, Any]) -> None:
    who = people(county)
    with engine.begin() as conn:
        with pytest.raises(ReportRefused):
            reminders.send_reminder(conn, who["housing"], county["land"], None)
        first = reminders.send_reminder(conn, who["office"], county["housing"], None, "请报送任务进展")
        second = reminders.send_reminder(conn, who["office"], county["land"], None)
    with engine.begin() as conn:
        assert reminders.load_reminders(conn, who["housing"].scope)["id"].to_list() == [first]
        with pytest.raises(ReportRefused):
            reminders.dismiss_reminder(conn, who["housing"], second)
        writes.report_task(conn, who["housing"], county["task"], "推进中", "open", None)
        assert reminders.load_reminders(conn, who["housing"].scope).is_empty()
        reminders.dismiss_reminder(conn, who["land"], second)
        assert reminders.load_reminders(conn, EVERYTHING).is_empty()
    assert [e.get("closed") for e in actions(engine, audit.REMINDER)] == [None, None, "dismissed"]


TASK_GRID = [["任务编号", "任务内容", "牵头单位", "完成时限", "完成情况", "完成日期"],
             ["{ref}", "规范房屋征收程序", "住建局", "2025-05-31", "未完成", ""]]


def _task_ledger(reference: str) -> bytes:
    return "\n".join(",".join(c.format(ref=reference) for c in row) for row in TASK_GRID).encode()


def test_a_later_ledger_that_disagrees_shows_a_conflict_the_office_settles(engine: Engine,
                                                                          county: dict[str, Any]) -> None:
    who = people(county)
    with engine.begin() as conn:
        writes.report_task(conn, who["housing"], county["task"], "已完成", "done", D(2025, 6, 5))
    result = import_file(engine, "双清单.csv", _task_ledger(county["task"]), ImportOptions(kind="tasks"))
    assert result.status == "imported" and "填报不一致 1" in result.message
    with engine.connect() as conn:
        [conflict] = conflicts.open_conflicts(conn).to_dicts()
        assert conflicts.open_conflicts(conn, who["land"].scope).is_empty()
    assert conflict["ledger_says"] == "未完成" and "2025-06-05" in conflict["report_says"]
    with engine.begin() as conn, pytest.raises(ReportRefused):
        resolve.resolve_conflict(conn, who["housing"], conflict["report_id"], "report")
    with engine.begin() as conn:
        resolve.resolve_conflict(conn, who["office"], conflict["report_id"], "report")
        assert conflicts.open_conflicts(conn).is_empty()
        status, done = conn.execute(select(JointTask.status, JointTask.completed_on)).one()
    assert (status, done) == ("done", D(2025, 6, 5))
    [decision] = actions(engine, audit.REPORT_RESOLUTION)
    assert decision["choice"] == "report"


def test_reports_survive_a_rollback_and_re_import_and_the_office_can_keep_the_ledger(
        engine: Engine, county: dict[str, Any]) -> None:
    who = people(county)
    ledger = _task_ledger("RW-NEW")
    first = import_file(engine, "新任务.csv", ledger, ImportOptions(kind="tasks"))
    with engine.begin() as conn:
        writes.report_task(conn, who["housing"], "RW-NEW", "已完成", "done", D(2025, 6, 5))
    assert first.batch_id is not None
    with engine.begin() as conn:
        rollback_batch(conn, first.batch_id)
    with engine.connect() as conn:  # the row is gone, the report is kept and is no conflict
        assert load_reports(conn, EVERYTHING)["reference"].to_list() == ["RW-NEW"]
        assert conflicts.open_conflicts(conn).is_empty()
    again = import_file(engine, "新任务.csv", ledger, ImportOptions(kind="tasks"))
    assert again.conflicts == 1
    with engine.begin() as conn:
        [conflict] = conflicts.open_conflicts(conn).to_dicts()
        resolve.resolve_conflict(conn, who["office"], conflict["report_id"], "ledger")
        assert conflicts.open_conflicts(conn).is_empty()
        assert conn.execute(select(JointTask.status).where(JointTask.reference == "RW-NEW")).scalar_one() == "open"
    # A later ledger with other values (done, but on another day) re-opens the question.
    later = ledger.decode().replace("未完成,", "已完成,2025-06-10").encode()
    assert import_file(engine, "新任务-2.csv", later, ImportOptions(kind="tasks")).conflicts == 1
