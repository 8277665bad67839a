"""What a liaison or the office types (a report, a reminder, an uploaded file's name) is stored in the one
typed-text form of ``etl.text_safety``: no control or direction characters, one line where a name is
meant, capped; and each of those writes leaves its audit row (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, select

from etl import audit
from etl.access import EVERYTHING
from etl.db.models import AuditEvent, JointTask, LitigationCase
from etl.reporting import evidence, reminders, writes
from etl.reporting.reads import load_reports
from etl.reporting.terms import MAX_NAME, MAX_NOTE, Reporter
from etl.text_safety import clean_typed_text
from tests.ledger_factories import briefing_ledger

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: A bell, a terminal escape, a right-to-left override and a zero-width space, as a paste can carry them.
HOSTILE = "已印发\x07整改\x1b[2J方案\u202e\u200b"


@pytest.mark.parametrize(("typed", "one_line", "stored"), [
    ("  已整改\r\n完毕\t见附件  ", False, "已整改\n完毕 见附件"),
    ("已整改\r\n完毕\u2028另附", True, "已整改 完毕 另附"),
    ("ＡＢＣ１２３　局", False, "ABC123 局"),  # full-width folded, as every name is
    (HOSTILE, False, "已印发整改[2J方案"),
    ("\x07\u200b  ", False, None),
    ("\ue000姓", False, "\ue000姓"),  # a 生僻字 in the private-use area stays
], ids=["line_breaks_kept", "one_line", "full_width_folded", "controls_and_direction_dropped", "nothing_left",
        "private_use_kept"])
def test_typed_text_is_folded_cleaned_and_trimmed(typed: str, one_line: bool, stored: str | None) -> None:
    assert clean_typed_text(typed, one_line=one_line) == stored


def test_prose_keeps_its_chinese_punctuation() -> None:
    typed = "已完成整改，（见附件１）：下一步！\u3000另\x07附"
    assert clean_typed_text(typed, prose=True) == "已完成整改，（见附件1）：下一步！ 另附"
    assert clean_typed_text(typed) == "已完成整改,(见附件1):下一步! 另附"  # names and spellings fold everything


def test_typed_text_is_capped() -> None:
    assert clean_typed_text("整" * 50, 10) == "整" * 10
    assert clean_typed_text(None, 10) is None


@pytest.fixture
def county(engine: Engine) -> dict[str, Any]:
    ids = briefing_ledger(engine)
    with engine.connect() as conn:
        ids["task"] = conn.execute(select(JointTask.reference)).scalar_one()
        ids["suit"] = conn.execute(select(LitigationCase.court, LitigationCase.case_number).where(
            LitigationCase.defendant_unit_id == ids["housing"], LitigationCase.filed_on == dt.date(2025, 6, 1))).one()
    return ids


def audited(engine: Engine, action: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [r for r in conn.execute(select(AuditEvent.detail).where(AuditEvent.action == action)
                                        .order_by(AuditEvent.id)).scalars()]


def test_reports_reminders_and_file_names_are_stored_clean_and_audited(engine: Engine,
                                                                        county: dict[str, Any]) -> None:
    liaison = Reporter("lly", "liaison", unit_id=county["housing"])
    office = Reporter("office", "admin")
    court, case_number = county["suit"]
    with engine.begin() as conn:
        reminders.send_reminder(conn, office, county["housing"], None, "请\x1b]0;pwned\x07报送\u202e" + "催" * MAX_NOTE)
        writes.report_task(conn, liaison, county["task"], HOSTILE, "open", None)
        evidence_id = evidence.attach_evidence(conn, liaison, "task", county["task"], "",
                                               "C:\\Users\\a\\整改\u202efdp.\x07方案.pdf", PDF)
        writes.record_hearing(conn, liaison, str(court), case_number, "deputy", "张三\n（副局长）\x07" + "长" * 200)
    with engine.connect() as conn:
        reports = {r["subject"]: r for r in load_reports(conn, EVERYTHING).to_dicts()}
        [message] = reminders.load_reminders(conn, EVERYTHING, open_only=False)["message"].to_list()
        [name] = evidence.list_evidence(conn, EVERYTHING)["name"].to_list()
    assert reports["task"]["note"] == "已印发整改[2J方案"
    assert reports["hearing"]["appeared_name"].startswith("张三 (副局长)长")  # NFKC folds full-width brackets
    assert len(reports["hearing"]["appeared_name"]) == MAX_NAME
    assert message.startswith("请]0;pwned报送催") and len(message) == MAX_NOTE
    assert name == "整改fdp.方案.pdf"
    written = [d for d in audited(engine, audit.REPORT)]
    assert [d.get("note") for d in written if d.get("subject") == "task" and "note" in d] == ["已印发整改[2J方案"]
    assert [d.get("evidence") for d in written if "evidence_id" in d] == ["整改fdp.方案.pdf"]
    assert [d["evidence_id"] for d in written if "evidence_id" in d] == [evidence_id]
    assert any(d.get("appeared_name", "").startswith("张三 (副局长)") for d in written)
    assert [d["message"] for d in audited(engine, audit.REMINDER)] == [message]
