"""Every write a liaison makes (填报), each checked against their scope through ``etl.access`` on the
server, whatever a page offered, and audited in the same transaction.

A report is one row per ledger row (subject + business key): reporting again updates it, and the
audit log keeps every version. A new report re-opens a conflict the office had decided, and closes
the reminders (催报) sent to the reporter's unit or township.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select

from etl import audit
from etl.access import rows_for_viewer
from etl.db.inserted import inserted_id
from etl.db.models import LiaisonReport
from etl.reporting import reminders
from etl.reporting.ledger import LedgerRow, ledger_row, warning_key
from etl.reporting.terms import APPEARANCES, DONE, MAX_NAME, MAX_NOTE, OPEN, Reporter, ReportRefused, Subject
from etl.text_safety import clean_typed_text

_TABLE = LiaisonReport.__table__


def check_scope(reporter: Reporter, row: LedgerRow) -> None:
    """Refuse unless the reporter may write and the row is theirs (the one access rule)."""
    if not reporter.may_report:
        raise ReportRefused("当前账号为只读，不能填报。")
    if rows_for_viewer(row.owner_frame(), reporter.scope).is_empty():
        raise ReportRefused("这条记录不属于本单位（乡镇），不能填报。")


def owned_row(conn: Connection, reporter: Reporter, subject: str, reference: str, court: str = "") -> LedgerRow:
    """The ledger row, once the reporter is allowed to report on it."""
    row = ledger_row(conn, subject, reference, court)
    check_scope(reporter, row)
    return row


def report_task(conn: Connection, reporter: Reporter, reference: str, progress: str | None, status: str,
                completed_on: dt.date | None) -> int:
    """A 双清单 task's 进展, status (done or still open) and 完成日期 (required when done)."""
    if status not in (DONE, OPEN):
        raise ReportRefused(f"任务状态只能是已完成或推进中，而不是 {status}")
    if status == DONE and completed_on is None:
        raise ReportRefused("已完成的任务须填写完成日期。")
    return _save(conn, reporter, Subject.TASK, reference, "", note=_note(progress), status=status,
                 done_on=completed_on if status == DONE else None)


def answer_recommendation(conn: Connection, reporter: Reporter, reference: str, rectification: str | None,
                          answered_on: dt.date, rectified: bool) -> int:
    """The 整改情况 of a 司法建议/检察建议: what was done, the date of the reply, whether it is rectified."""
    if not _note(rectification):
        raise ReportRefused("请填写整改情况。")
    return _save(conn, reporter, Subject.RECOMMENDATION, reference, "", note=_note(rectification),
                 status=DONE if rectified else OPEN, done_on=answered_on)


def answer_warning(conn: Connection, reporter: Reporter, by: str, group_id: int, kind: str, period: str,
                   rectification: str | None, answered_on: dt.date) -> int:
    """The 整改情况 answering a 预警 of the reporter's unit or township for a period."""
    if not _note(rectification):
        raise ReportRefused("请填写整改情况。")
    return _save(conn, reporter, Subject.WARNING, warning_key(by, group_id, kind, period), "",
                 note=_note(rectification), done_on=answered_on)


def record_hearing(conn: Connection, reporter: Reporter, court: str, case_number: str, appearance: str,
                   name: str | None, note: str | None = None) -> int:
    """Who appeared for the agency at the hearing of one of its lawsuits."""
    if appearance not in APPEARANCES:
        raise ReportRefused(f"出庭情况只能是{'、'.join(z for z, _ in APPEARANCES.values())}之一")
    if appearance != "absent" and not _note(name):
        raise ReportRefused("请填写出庭人员姓名（职务）。")
    return _save(conn, reporter, Subject.HEARING, case_number, court, note=_note(note), appearance=appearance,
                 appeared_name=clean_typed_text(name, MAX_NAME, one_line=True))


def _save(conn: Connection, reporter: Reporter, subject: str, reference: str, court: str, **values: Any) -> int:
    row = owned_row(conn, reporter, subject, reference, court)
    now = audit.utcnow()
    fields = {"note": None, "status": None, "done_on": None, "appearance": None, "appeared_name": None, **values}
    stored = {**fields, "unit_id": row.unit_id, "township_id": row.township_id, "reported_by": reporter.username,
              "reported_at": now, "resolution": None, "resolved_ledger": None, "resolved_by": None,
              "resolved_at": None}
    existing = conn.execute(select(_TABLE.c.id).where(
        _TABLE.c.subject == subject, _TABLE.c.court == court, _TABLE.c.reference == reference)).scalar()
    if existing is None:
        report_id = inserted_id(conn.execute(_TABLE.insert().values(
            subject=subject, court=court, reference=reference, **stored)))
    else:
        report_id = int(existing)
        conn.execute(_TABLE.update().where(_TABLE.c.id == report_id).values(**stored))
    closed = reminders.close_for_report(conn, reporter, row)
    audit.record(conn, audit.REPORT, reporter.username, subject=subject, court=court or None, reference=reference,
                 unit_id=row.unit_id, township_id=row.township_id, reminders_closed=closed or None,
                 **{k: _audited(v) for k, v in fields.items() if v is not None})
    return report_id


def _note(text: str | None) -> str | None:
    return clean_typed_text(text, MAX_NOTE, prose=True)


def _audited(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
