"""The audit log: who did what, when. Append-only; nothing in the app edits or deletes it."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from typing import Any

import polars as pl
from sqlalchemy import Connection, func, select

from etl.db.models import AuditEvent

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGOUT = "logout"
IMPORT = "import"
ROLLBACK = "rollback"
TARGET_CHANGE = "target_change"
SCHEME_CHANGE = "scheme_change"
USER_CHANGE = "user_change"
TOKEN_CHANGE = "token_change"
TOKEN_USE = "token_use"
EXPORT = "export"
NAME_MAPPING = "name_mapping"
VOCABULARY = "vocabulary"  # the office's value mappings and header synonyms: added, removed, imported
BRIEFING = "briefing"
SETTING_CHANGE = "setting_change"
CASE_FLAG = "case_flag"  # a lawsuit flagged or unflagged as 重大败诉 (an assessment event)
LOSS_REVIEW = "loss_review"  # the office's cause/rectification/accountability notes on a lost case
BRIEFING_ISSUE = "briefing_issue"  # a 简报 took its 期号
REPORT = "report"  # a liaison's 填报 (task progress, 整改情况, who appeared at a hearing) or its 佐证 file
REMINDER = "reminder"  # the office's 催报, and its dismissal
REPORT_RESOLUTION = "report_resolution"  # the office decided between a report and the ledger
#: Every action, in the order the audit page offers them as a filter.
ACTIONS = (LOGIN, LOGIN_FAILED, LOGOUT, IMPORT, ROLLBACK, TARGET_CHANGE, SCHEME_CHANGE, CASE_FLAG, NAME_MAPPING,
           VOCABULARY, EXPORT, BRIEFING, BRIEFING_ISSUE, LOSS_REVIEW, REPORT, REMINDER, REPORT_RESOLUTION,
           USER_CHANGE, TOKEN_CHANGE, TOKEN_USE, SETTING_CHANGE)
ACTOR_LENGTH = 64  # audit_event.actor is VARCHAR(64)


def record(conn: Connection, action: str, actor: str | None = None, **detail: Any) -> None:
    """Append one event inside the caller's transaction, so it commits (or rolls back) with the change."""
    conn.execute(AuditEvent.__table__.insert().values(
        action=action, actor=actor[:ACTOR_LENGTH] if actor else actor, detail=detail or None, at=utcnow()))


def cli_actor() -> str:
    """``cli:<operating-system user>``: who ran a ``liandong`` command."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        user = "unknown"
    return f"cli:{user}"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def count_since(conn: Connection, action: str, actor: str, since: dt.datetime) -> int:
    query = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == action, AuditEvent.actor == actor, AuditEvent.at >= since)
    return int(conn.execute(query).scalar_one())


def last_event_at(conn: Connection, action: str, actor: str) -> dt.datetime | None:
    query = select(func.max(AuditEvent.at)).where(AuditEvent.action == action, AuditEvent.actor == actor)
    return conn.execute(query).scalar()


def list_events(conn: Connection, limit: int = 500, action: str | None = None,
                actor: str | None = None) -> pl.DataFrame:
    """The newest events first, optionally only one action and/or one actor (exact match).

    ``at`` is UTC; ``detail`` is the stored detail as ``key=value`` text and ``data`` as JSON, which
    ``etl.audit_text`` words as a sentence in the office's time zone."""
    query = select(AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.detail)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    rows = conn.execute(query.order_by(AuditEvent.id.desc()).limit(limit)).all()
    return pl.DataFrame(
        [(r.id, r.at, r.actor, r.action, _detail_text(r.detail), json.dumps(r.detail or {}, ensure_ascii=False))
         for r in rows],
        schema={"id": pl.Int64, "at": pl.Datetime, "actor": pl.String, "action": pl.String, "detail": pl.String,
                "data": pl.String},
        orient="row",
    )


def _detail_text(detail: dict[str, Any] | None) -> str:
    if not detail:
        return ""
    return "; ".join(f"{k}={v}" for k, v in detail.items())


def list_actors(conn: Connection) -> list[str]:
    """Everyone who appears in the log, for the audit page's actor filter."""
    query = select(AuditEvent.actor).where(AuditEvent.actor.is_not(None)).distinct().order_by(AuditEvent.actor)
    return [a for a in conn.execute(query).scalars() if a]
