"""Local accounts with argon2 password hashes, roles and scopes, and throttled logins.

A user name is stored in one form (:func:`normalise_username`: NFKC, trimmed, at most 64 characters,
no spaces or invisible characters), the same form the audit log names and the login throttle counts;
a name longer than that can never match, so the throttle keys on its first 64 characters (what the
audit log stores). An unknown or disabled name costs the same argon2 verification as a wrong password,
so the time a refusal takes does not tell which names exist.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, select

from etl import audit
from etl.db.inserted import inserted_id
from etl.db.models import Role, UserAccount

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 10
#: user_account.username and audit_event.actor are VARCHAR(64).
USERNAME_MAX_LENGTH = 64
#: Failed attempts allowed per account inside the window before logins are refused.
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)


class AccountError(ValueError):
    """A refused account operation, with a message fit to show the user (Chinese first)."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: Role
    unit_id: int | None
    township_id: int | None
    disabled: bool


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"密码至少 {MIN_PASSWORD_LENGTH} 位 (password must have at least {MIN_PASSWORD_LENGTH} characters)")
    return _HASHER.hash(password)


def normalise_username(name: str) -> str:
    """The stored form of a user name: full-width folded to half-width (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", name or "").strip()


def validate_username(name: str) -> str:
    """The stored form of a new account's name, or an :class:`AccountError` saying what is wrong."""
    stored = normalise_username(name)
    if not stored:
        raise AccountError("用户名不能为空 (user name required)")
    if len(stored) > USERNAME_MAX_LENGTH:
        raise AccountError(f"用户名最长 {USERNAME_MAX_LENGTH} 个字符 (user name longer than {USERNAME_MAX_LENGTH})")
    if any(c.isspace() or unicodedata.category(c)[0] == "C" for c in stored):
        raise AccountError("用户名不能含空格或不可见字符 (no spaces or invisible characters in a user name)")
    return stored


def throttle_key(username: str) -> str:
    """Who failed logins are counted against: the name as the audit log stores it (its actor column)."""
    return normalise_username(username)[:USERNAME_MAX_LENGTH]


def accounts_exist(conn: Connection) -> bool:
    return conn.execute(select(func.count()).select_from(UserAccount)).scalar_one() > 0


def add_account(conn: Connection, username: str, password: str, role: str, *, unit_id: int | None = None,
                township_id: int | None = None, actor: str | None = None) -> Account:
    role_value = _parse_role(role)
    if role_value is Role.LIAISON and (unit_id is None) == (township_id is None):
        raise AccountError("联络员账号须指定且只能指定一个单位或乡镇 (a liaison needs exactly one unit or township)")
    if role_value is not Role.LIAISON and (unit_id is not None or township_id is not None):
        raise AccountError("只有联络员账号限定单位或乡镇 (only liaison accounts are scoped)")
    username = validate_username(username)
    if get_account(conn, username) is not None:
        raise AccountError(f"用户名已存在: {username}")
    table = UserAccount.__table__
    new_id = inserted_id(conn.execute(table.insert().values(
        username=username, password_hash=hash_password(password), role=role_value.value, unit_id=unit_id,
        township_id=township_id, disabled=False, created_at=audit.utcnow())))
    audit.record(conn, audit.USER_CHANGE, actor, op="add", username=username, role=role_value.value,
                 unit_id=unit_id, township_id=township_id)
    return Account(int(new_id), username, role_value, unit_id, township_id, False)


def get_account(conn: Connection, username: str) -> Account | None:
    name = normalise_username(username)
    if len(name) > USERNAME_MAX_LENGTH:
        return None
    row = conn.execute(select(UserAccount).where(UserAccount.username == name)).first()
    if row is None:
        return None
    return Account(row.id, row.username, Role(row.role), row.unit_id, row.township_id, bool(row.disabled))


def list_accounts(conn: Connection) -> list[Account]:
    rows = conn.execute(select(UserAccount).order_by(UserAccount.username)).all()
    return [Account(r.id, r.username, Role(r.role), r.unit_id, r.township_id, bool(r.disabled)) for r in rows]


def set_disabled(conn: Connection, username: str, disabled: bool = True, actor: str | None = None) -> None:
    """Disable (or enable) an account; either way its open sessions end (a new session epoch)."""
    name = _require(conn, username)
    table = UserAccount.__table__
    conn.execute(table.update().where(table.c.username == name)
                 .values(disabled=disabled, session_epoch=table.c.session_epoch + 1))
    audit.record(conn, audit.USER_CHANGE, actor, op="disable" if disabled else "enable", username=name)


def reset_password(conn: Connection, username: str, password: str, actor: str | None = None) -> None:
    """A new password; every session opened with the old one ends."""
    name = _require(conn, username)
    table = UserAccount.__table__
    conn.execute(table.update().where(table.c.username == name)
                 .values(password_hash=hash_password(password), session_epoch=table.c.session_epoch + 1))
    audit.record(conn, audit.USER_CHANGE, actor, op="reset_password", username=name)


@dataclass(frozen=True)
class LoginResult:
    """An attempt's outcome. Not an exception: a refused attempt must still commit its audit row."""

    account: Account | None
    message: str | None = None


THROTTLED = "登录失败次数过多，请 15 分钟后再试 (too many failed logins, try again later)"
BAD_CREDENTIALS = "用户名或密码错误，或账号已停用 (wrong user name or password, or account disabled)"


def authenticate(conn: Connection, username: str, password: str, now: dt.datetime | None = None) -> LoginResult:
    """Check a password; throttled per account so that guessing costs time and leaves a trail."""
    now = now or audit.utcnow()
    name, key = normalise_username(username), throttle_key(username)
    if audit.count_since(conn, audit.LOGIN_FAILED, key, now - FAILURE_WINDOW) >= MAX_FAILURES:
        audit.record(conn, audit.LOGIN_FAILED, key, reason="throttled")
        return LoginResult(None, THROTTLED)
    row = None
    if len(name) <= USERNAME_MAX_LENGTH:
        row = conn.execute(select(UserAccount).where(UserAccount.username == name)).first()
    if row is None or row.disabled:
        _verify(_dummy_hash(), password)  # the same argon2 work as a wrong password: no timing oracle
        ok = False
    else:
        ok = _verify(row.password_hash, password)
    if not ok or row is None:
        audit.record(conn, audit.LOGIN_FAILED, key, reason="bad_credentials")
        return LoginResult(None, BAD_CREDENTIALS)
    audit.record(conn, audit.LOGIN, row.username)
    return LoginResult(Account(row.id, row.username, Role(row.role), row.unit_id, row.township_id, False))


@cache
def _dummy_hash() -> str:
    """A hash of a random password with the hasher's parameters, made once per process."""
    return _HASHER.hash(secrets.token_urlsafe(16))


def _verify(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(f"未知角色 {role!r}，可选 admin / leader / liaison") from None


def _require(conn: Connection, username: str) -> str:
    """The stored name of an existing account."""
    account = get_account(conn, username)
    if account is None:
        raise AccountError(f"用户不存在: {username}")
    return account.username
