"""Display tokens: read-only, revocable, optionally expiring credentials for meeting-room screens.

Only a SHA-256 of the token is stored; the token itself is printed once, when it is made. A screen
opened with ``/screen?token=…`` exchanges it at once for a display session (``etl.auth.sessions``,
checked against the token's id on every rotation) and the token leaves the address bar, so it does not
travel on in Referer headers or sit in proxy logs for every request the page makes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select

from etl import audit
from etl.db.inserted import inserted_id
from etl.db.models import DisplayToken


@dataclass(frozen=True)
class TokenInfo:
    id: int
    label: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None

    def is_valid(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(conn: Connection, label: str, expires_days: int | None = None,
                 actor: str | None = None) -> tuple[str, TokenInfo]:
    token = secrets.token_urlsafe(24)
    now = audit.utcnow()
    expires = now + dt.timedelta(days=expires_days) if expires_days else None
    new_id = inserted_id(conn.execute(DisplayToken.__table__.insert().values(
        label=label, token_hash=_digest(token), created_at=now, expires_at=expires)))
    audit.record(conn, audit.TOKEN_CHANGE, actor, op="add", token_id=int(new_id), label=label)
    return token, TokenInfo(int(new_id), label, now, expires, None)


def verify_token(conn: Connection, token: str | None, now: dt.datetime | None = None) -> TokenInfo | None:
    if not token:
        return None
    row = conn.execute(select(DisplayToken).where(DisplayToken.token_hash == _digest(token))).first()
    if row is None:
        return None
    info = TokenInfo(row.id, row.label, row.created_at, row.expires_at, row.revoked_at)
    return info if info.is_valid(now or audit.utcnow()) else None


def token_by_id(conn: Connection, token_id: int, now: dt.datetime | None = None) -> TokenInfo | None:
    """The token of a display session, if it is still valid (not revoked, not expired)."""
    row = conn.execute(select(DisplayToken).where(DisplayToken.id == token_id)).first()
    if row is None:
        return None
    info = TokenInfo(row.id, row.label, row.created_at, row.expires_at, row.revoked_at)
    return info if info.is_valid(now or audit.utcnow()) else None


def record_use(conn: Connection, info: TokenInfo, actor: str) -> None:
    """One audit event per screen that opened with the token (not per rotation)."""
    audit.record(conn, audit.TOKEN_USE, actor, token_id=info.id, label=info.label)


def list_tokens(conn: Connection) -> list[TokenInfo]:
    rows = conn.execute(select(DisplayToken).order_by(DisplayToken.id)).all()
    return [TokenInfo(r.id, r.label, r.created_at, r.expires_at, r.revoked_at) for r in rows]


def revoke_token(conn: Connection, token_id: int, actor: str | None = None) -> bool:
    table = DisplayToken.__table__
    done = conn.execute(table.update().where(table.c.id == token_id, table.c.revoked_at.is_(None))
                        .values(revoked_at=audit.utcnow())).rowcount
    if done:
        audit.record(conn, audit.TOKEN_CHANGE, actor, op="revoke", token_id=token_id)
    return bool(done)
