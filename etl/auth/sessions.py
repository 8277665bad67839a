"""Signed login cookies, so that a reload, a new tab or a shared link keeps a login for its lifetime.

Streamlit keeps a login per browser connection; a reload opens a new one. The browser therefore keeps a
cookie ``username.expiry.signature`` whose HMAC key is a random secret stored in the database, and whose
signed text includes the account's current password hash and state: resetting the password or
disabling the account invalidates every cookie issued before, and nothing but the database can mint
one. The cookie carries no role or scope; those are read from the account each time.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets

from sqlalchemy import Connection, select

from etl.auth.accounts import Account, get_account
from etl.db.meta import get_meta, set_meta
from etl.db.models import UserAccount

COOKIE_NAME = "liandong_session"
_SECRET_KEY = "session_secret"
#: base64url user name, expiry in epoch seconds, hex signature: nothing that needs quoting in a cookie.
_SHAPE = re.compile(r"^([A-Za-z0-9_-]{1,400})\.(\d{1,12})\.([0-9a-f]{64})$")


def _secret(conn: Connection) -> bytes:
    """The signing key, created on first use inside the caller's transaction."""
    value = get_meta(conn, _SECRET_KEY)
    if value is None:
        value = secrets.token_hex(32)
        set_meta(conn, _SECRET_KEY, value)
    return bytes.fromhex(value)


def _signature(secret: bytes, username: str, expires: int, password_hash: str, disabled: bool) -> str:
    message = "\x1f".join((username, str(expires), password_hash, "disabled" if disabled else "active"))
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def _password_hash(conn: Connection, username: str) -> tuple[str, bool] | None:
    row = conn.execute(select(UserAccount.password_hash, UserAccount.disabled)
                       .where(UserAccount.username == username)).first()
    return (str(row.password_hash), bool(row.disabled)) if row else None


def _epoch(moment: dt.datetime) -> int:
    return int(moment.replace(tzinfo=dt.UTC).timestamp())


def issue(conn: Connection, username: str, expires_at: dt.datetime) -> str:
    """The cookie value for ``username`` valid until ``expires_at`` (naive UTC)."""
    state = _password_hash(conn, username)
    if state is None:
        raise ValueError(f"no account {username!r}")
    expires = _epoch(expires_at)
    name = base64.urlsafe_b64encode(username.encode("utf-8")).decode("ascii").rstrip("=")
    return f"{name}.{expires}.{_signature(_secret(conn), username, expires, *state)}"


def verify(conn: Connection, value: str | None, now: dt.datetime) -> tuple[Account, dt.datetime] | None:
    """The account a cookie stands for and when it expires, or None: malformed, forged, expired,
    issued before a password reset, or for a disabled or deleted account."""
    match = _SHAPE.match(value or "")
    if match is None:
        return None
    encoded, expires_text, signature = match.groups()
    try:
        username = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    expires = int(expires_text)
    if expires <= _epoch(now):
        return None
    state = _password_hash(conn, username)
    if state is None or state[1]:
        return None
    secret = get_meta(conn, _SECRET_KEY)
    if secret is None or not hmac.compare_digest(signature, _signature(bytes.fromhex(secret), username, expires,
                                                                         *state)):
        return None
    account = get_account(conn, username)
    if account is None or account.disabled:
        return None
    return account, dt.datetime.fromtimestamp(expires, dt.UTC).replace(tzinfo=None)
