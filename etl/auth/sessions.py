"""Signed login cookies, so that a reload, a new tab or a shared link keeps a login for its lifetime,
and the check that ends a login everywhere once its account changes.

Streamlit keeps a login per browser connection; a reload opens a new one. The browser therefore keeps a
cookie ``username.expiry.signature`` whose HMAC key is a random secret stored in the database, and whose
signed text includes the account's current password hash, state and *session epoch*. Logging out,
disabling or enabling the account and resetting its password add one to the epoch
(``user_account.session_epoch``), which invalidates every cookie issued before: a stolen copy of a
cookie stops working at 退出登录, not 8 hours later. Nothing but the database can mint one. The cookie
carries no role or scope; those are read from the account each time.

An open tab does not present its cookie again: :func:`fingerprint` is what the dashboard keeps for
it and compares on every page run (:func:`still_valid`), so a disabled account's open tab shows the
login form on its next click.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from typing import NamedTuple

from sqlalchemy import Connection, select

from etl.auth.accounts import Account, get_account
from etl.db.meta import get_meta, set_meta
from etl.db.models import UserAccount

COOKIE_NAME = "liandong_session"
_SECRET_KEY = "session_secret"
#: base64url user name, expiry in epoch seconds, hex signature: nothing that needs quoting in a cookie.
_SHAPE = re.compile(r"^([A-Za-z0-9_-]{1,400})\.(\d{1,12})\.([0-9a-f]{64})$")


class _State(NamedTuple):
    """What a login depends on: any change ends it."""

    password_hash: str
    disabled: bool
    epoch: int


def _secret(conn: Connection) -> bytes:
    """The signing key, created on first use inside the caller's transaction."""
    value = get_meta(conn, _SECRET_KEY)
    if value is None:
        value = secrets.token_hex(32)
        set_meta(conn, _SECRET_KEY, value)
    return bytes.fromhex(value)


def _signature(secret: bytes, username: str, expires: int, state: _State) -> str:
    message = "\x1f".join((username, str(expires), state.password_hash, "disabled" if state.disabled else "active",
                           str(state.epoch)))
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def _state(conn: Connection, username: str) -> _State | None:
    row = conn.execute(select(UserAccount.password_hash, UserAccount.disabled, UserAccount.session_epoch)
                       .where(UserAccount.username == username)).first()
    return _State(str(row.password_hash), bool(row.disabled), int(row.session_epoch or 0)) if row else None


def _epoch_seconds(moment: dt.datetime) -> int:
    return int(moment.replace(tzinfo=dt.UTC).timestamp())


def issue(conn: Connection, username: str, expires_at: dt.datetime) -> str:
    """The cookie value for ``username`` valid until ``expires_at`` (naive UTC)."""
    state = _state(conn, username)
    if state is None:
        raise ValueError(f"no account {username!r}")
    expires = _epoch_seconds(expires_at)
    name = base64.urlsafe_b64encode(username.encode("utf-8")).decode("ascii").rstrip("=")
    return f"{name}.{expires}.{_signature(_secret(conn), username, expires, state)}"


def verify(conn: Connection, value: str | None, now: dt.datetime) -> tuple[Account, dt.datetime] | None:
    """The account a cookie stands for and when it expires, or None: malformed, forged, expired,
    issued before a logout, password reset, disable or enable, or for a disabled or deleted account."""
    match = _SHAPE.match(value or "")
    if match is None:
        return None
    encoded, expires_text, signature = match.groups()
    try:
        username = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    expires = int(expires_text)
    if expires <= _epoch_seconds(now):
        return None
    state = _state(conn, username)
    if state is None or state.disabled:
        return None
    secret = get_meta(conn, _SECRET_KEY)
    if secret is None or not hmac.compare_digest(signature, _signature(bytes.fromhex(secret), username, expires,
                                                                         state)):
        return None
    account = get_account(conn, username)
    if account is None or account.disabled:
        return None
    return account, dt.datetime.fromtimestamp(expires, dt.UTC).replace(tzinfo=None)


def fingerprint(conn: Connection, username: str) -> str | None:
    """A digest of what the account's logins depend on (password hash, state, epoch), keyed by the
    session secret; None for a disabled or missing account."""
    state = _state(conn, username)
    if state is None or state.disabled:
        return None
    return _signature(_secret(conn), username, 0, state)


def still_valid(conn: Connection, username: str, known: str | None) -> bool:
    """Whether a login made when the account's fingerprint was ``known`` may go on."""
    current = fingerprint(conn, username)
    return known is not None and current is not None and hmac.compare_digest(current, known)


def end_sessions(conn: Connection, username: str) -> None:
    """Log the account out everywhere: every cookie and open tab of it stops working."""
    table = UserAccount.__table__
    conn.execute(table.update().where(table.c.username == username)
                 .values(session_epoch=table.c.session_epoch + 1))


# --- display sessions ------------------------------------------------------------------------------

DISPLAY_COOKIE_NAME = "liandong_display"
_DISPLAY_SHAPE = re.compile(r"^(\d{1,12})\.(\d{1,12})\.([0-9a-f]{64})$")


def _display_signature(secret: bytes, token_id: int, expires: int) -> str:
    message = "\x1f".join(("display", str(token_id), str(expires)))
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def issue_display(conn: Connection, token_id: int, expires_at: dt.datetime) -> str:
    """The cookie a screen keeps instead of its token: the token's id, an expiry and a signature."""
    expires = _epoch_seconds(expires_at)
    return f"{token_id}.{expires}.{_display_signature(_secret(conn), token_id, expires)}"


def verify_display(conn: Connection, value: str | None, now: dt.datetime) -> int | None:
    """The token id a display cookie stands for (its validity is the caller's next check), or None."""
    match = _DISPLAY_SHAPE.match(value or "")
    if match is None:
        return None
    token_id, expires = int(match[1]), int(match[2])
    secret = get_meta(conn, _SECRET_KEY)
    if expires <= _epoch_seconds(now) or secret is None:
        return None
    if not hmac.compare_digest(match[3], _display_signature(bytes.fromhex(secret), token_id, expires)):
        return None
    return token_id
