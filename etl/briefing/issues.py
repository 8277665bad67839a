"""期号: the number a 工作简报 takes when it is issued, counted per calendar year of issue.

A preview takes no number. Issuing takes the year's next number unless one is given (a reissue or a
series carried over from paper keeps its own), and records the issue in the same transaction as the
audit-log entry, so the number and the record of who issued what cannot part.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, func, select

from etl import audit
from etl.db.models import BriefingIssue


def next_issue_number(conn: Connection, year: int) -> int:
    highest = conn.execute(select(func.max(BriefingIssue.number)).where(BriefingIssue.year == year)).scalar()
    return int(highest or 0) + 1


def take_issue_number(conn: Connection, issued_on: dt.date, title: str, period: str, actor: str | None,
                      number: int | None = None) -> int:
    """Record an issue and return its number: ``number`` if given, else the year's next one."""
    if number is not None and number < 1:
        raise ValueError("期号必须是正整数。")
    chosen = number if number is not None else next_issue_number(conn, issued_on.year)
    conn.execute(BriefingIssue.__table__.insert().values(
        year=issued_on.year, number=chosen, title=title[:200], period=period[:64], issued_on=issued_on,
        created_at=audit.utcnow(), actor=actor[:64] if actor else actor))
    audit.record(conn, audit.BRIEFING_ISSUE, actor, number=chosen, year=issued_on.year, title=title, period=period)
    return chosen


def issued(conn: Connection, year: int) -> list[tuple[int, str, dt.date]]:
    """(期号, title, date) of the year's issues, in order."""
    rows = conn.execute(select(BriefingIssue.number, BriefingIssue.title, BriefingIssue.issued_on)
                        .where(BriefingIssue.year == year).order_by(BriefingIssue.number, BriefingIssue.id))
    return [(r.number, r.title, r.issued_on) for r in rows]
