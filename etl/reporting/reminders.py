"""催报: the office reminds a unit or township to report; its liaison sees the reminder on sign-in until
they report (it closes by itself) or dismiss it. Addressed like a ledger row (unit or township), so the
one access rule decides whose it is."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from etl import audit
from etl.access import ViewerScope, rows_for_viewer
from etl.db.inserted import inserted_id
from etl.db.models import ReportReminder
from etl.reporting.ledger import LedgerRow
from etl.reporting.terms import MAX_NOTE, Reporter, ReportRefused, require_office
from etl.text_safety import clean_typed_text

_TABLE = ReportReminder.__table__
REMINDER_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(), "unit_id": pl.Int64(), "township_id": pl.Int64(), "message": pl.String(),
    "sent_by": pl.String(), "sent_at": pl.Datetime(), "closed_at": pl.Datetime(), "closed_reason": pl.String()}
DEFAULT_MESSAGE = "请及时在“填报”页报送本单位的任务进展和整改情况。"


def send_reminder(conn: Connection, office: Reporter, unit_id: int | None, township_id: int | None,
                  message: str | None = None) -> int:
    """A reminder to one unit or one township (the office only)."""
    require_office(office)
    if (unit_id is None) == (township_id is None):
        raise ReportRefused("催报须指定一个单位或一个乡镇。")
    text = clean_typed_text(message, MAX_NOTE, prose=True) or DEFAULT_MESSAGE
    reminder_id = inserted_id(conn.execute(_TABLE.insert().values(
        unit_id=unit_id, township_id=township_id, message=text, sent_by=office.username,
        sent_at=audit.utcnow())))
    audit.record(conn, audit.REMINDER, office.username, reminder_id=reminder_id, unit_id=unit_id,
                 township_id=township_id, message=text)
    return reminder_id


def load_reminders(conn: Connection, scope: ViewerScope, open_only: bool = True) -> pl.DataFrame:
    """Reminders addressed within ``scope``, newest first."""
    query = select(*(_TABLE.c[c] for c in REMINDER_SCHEMA))
    if open_only:
        query = query.where(_TABLE.c.closed_at.is_(None))
    frame = pl.DataFrame(conn.execute(query.order_by(_TABLE.c.id.desc())).all(), schema=REMINDER_SCHEMA,
                         orient="row")
    return rows_for_viewer(frame, scope)


def dismiss_reminder(conn: Connection, reporter: Reporter, reminder_id: int) -> None:
    """The liaison (or the office) closes a reminder addressed to them."""
    mine = load_reminders(conn, reporter.scope).filter(pl.col("id") == reminder_id)
    if mine.is_empty():
        raise ReportRefused("没有这条待处理的催报。")
    conn.execute(_TABLE.update().where(_TABLE.c.id == reminder_id).values(
        closed_at=audit.utcnow(), closed_by=reporter.username, closed_reason="dismissed"))
    audit.record(conn, audit.REMINDER, reporter.username, reminder_id=reminder_id, closed="dismissed")


def close_for_report(conn: Connection, reporter: Reporter, row: LedgerRow) -> list[int]:
    """Close the open reminders addressed to the reported row's unit or township that the reporter can
    see: a report answers them. Returns their ids."""
    addressed = load_reminders(conn, reporter.scope).filter(
        pl.col("unit_id").eq_missing(row.unit_id).and_(pl.lit(row.unit_id is not None))
        | pl.col("township_id").eq_missing(row.township_id).and_(pl.lit(row.township_id is not None)))
    ids = addressed["id"].to_list()
    if ids:
        conn.execute(_TABLE.update().where(_TABLE.c.id.in_(ids)).values(
            closed_at=audit.utcnow(), closed_by=reporter.username, closed_reason="reported"))
    return ids
