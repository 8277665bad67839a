"""The audit log: who did what, when. Append-only; nothing in the app edits or deletes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from sqlalchemy import Connection, func, select

from etl.db.models import AuditEvent

LOGIN = "login"
LOGIN_FAILED = "login_failed"
IMPORT = "import"
ROLLBACK = "rollback"
TARGET_CHANGE = "target_change"
SCHEME_CHANGE = "scheme_change"
USER_CHANGE = "user_change"
TOKEN_CHANGE = "token_change"
EXPORT = "export"
NAME_MAPPING = "name_mapping"


def record(conn: Connection, action: str, actor: str | None = None, **detail: Any) -> None:
    conn.execute(AuditEvent.__table__.insert().values(
        action=action, actor=actor, detail=detail or None, at=utcnow()))


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def count_since(conn: Connection, action: str, actor: str, since: dt.datetime) -> int:
    query = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == action, AuditEvent.actor == actor, AuditEvent.at >= since)
    return int(conn.execute(query).scalar_one())


def last_event_at(conn: Connection, action: str, actor: str) -> dt.datetime | None:
    query = select(func.max(AuditEvent.at)).where(AuditEvent.action == action, AuditEvent.actor == actor)
    return conn.execute(query).scalar()


def list_events(conn: Connection, limit: int = 500, action: str | None = None) -> pl.DataFrame:
    query = select(AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.detail)
    if action:
        query = query.where(AuditEvent.action == action)
    rows = conn.execute(query.order_by(AuditEvent.id.desc()).limit(limit)).all()
    return pl.DataFrame(
        [(r.id, r.at, r.actor, r.action, _detail_text(r.detail)) for r in rows],
        schema={"id": pl.Int64, "at": pl.Datetime, "actor": pl.String, "action": pl.String, "detail": pl.String},
        orient="row",
    )


def _detail_text(detail: dict[str, Any] | None) -> str:
    if not detail:
        return ""
    return "; ".join(f"{k}={v}" for k, v in detail.items())
