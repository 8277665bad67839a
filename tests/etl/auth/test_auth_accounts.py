"""Accounts, throttled logins, display tokens and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select

from etl import audit
from etl.auth import accounts, tokens
from etl.db.models import AuditEvent, UserAccount

PASSWORD = "correct horse battery"


def test_password_is_stored_hashed_and_verifies(engine: Engine) -> None:
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
    with engine.begin() as conn:
        stored = conn.execute(select(UserAccount.password_hash)).scalar_one()
        assert PASSWORD not in stored and stored.startswith("$argon2")
        account = accounts.authenticate(conn, "office", PASSWORD).account
        assert account is not None and account.role == "admin"


def test_wrong_password_and_unknown_user_fail_with_the_same_message(engine: Engine) -> None:
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "leader")
    with engine.begin() as conn:
        wrong = accounts.authenticate(conn, "office", "not the password")
        unknown = accounts.authenticate(conn, "nobody", "whatever it is")
    assert wrong.account is None and unknown.account is None
    assert wrong.message == unknown.message == accounts.BAD_CREDENTIALS


def test_logins_are_throttled_after_repeated_failures(engine: Engine) -> None:
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "leader")
    for _ in range(accounts.MAX_FAILURES):
        with engine.begin() as conn:  # each attempt is its own request and transaction
            assert accounts.authenticate(conn, "office", "guess guess guess").account is None
    with engine.begin() as conn:
        refused = accounts.authenticate(conn, "office", PASSWORD)  # even the right password waits
    assert refused.account is None and refused.message == accounts.THROTTLED
    later = audit.utcnow() + accounts.FAILURE_WINDOW + dt.timedelta(seconds=1)
    with engine.begin() as conn:
        account = accounts.authenticate(conn, "office", PASSWORD, now=later).account
    assert account is not None and account.username == "office"


def test_disabled_account_cannot_log_in(engine: Engine) -> None:
    with engine.begin() as conn:
        accounts.add_account(conn, "leader1", PASSWORD, "leader")
        accounts.set_disabled(conn, "leader1")
    with engine.begin() as conn:
        assert accounts.authenticate(conn, "leader1", PASSWORD).account is None


@pytest.mark.parametrize(
    ("role", "unit_id", "township_id", "message"),
    [
        ("liaison", None, None, "联络员"),
        ("liaison", 1, 2, "联络员"),
        ("admin", 1, None, "只有联络员"),
        ("superuser", None, None, "未知角色"),
    ],
)
def test_invalid_role_scope_combinations_are_refused(
    engine: Engine, role: str, unit_id: int | None, township_id: int | None, message: str
) -> None:
    with engine.begin() as conn, pytest.raises(accounts.AccountError, match=message):
        accounts.add_account(conn, "x", PASSWORD, role, unit_id=unit_id, township_id=township_id)


def test_short_password_is_refused(engine: Engine) -> None:
    with engine.begin() as conn, pytest.raises(accounts.AccountError, match="密码"):
        accounts.add_account(conn, "x", "short", "leader")


def test_display_token_works_until_revoked_or_expired(engine: Engine) -> None:
    with engine.begin() as conn:
        token, info = tokens.create_token(conn, "会议室大屏", expires_days=2)
        assert tokens.verify_token(conn, token) is not None
        assert tokens.verify_token(conn, token + "x") is None
        assert tokens.verify_token(conn, token, now=audit.utcnow() + dt.timedelta(days=3)) is None
        assert tokens.revoke_token(conn, info.id)
        assert tokens.verify_token(conn, token) is None
        assert not tokens.revoke_token(conn, info.id)


def test_every_account_and_token_action_is_audited(engine: Engine) -> None:
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin", actor="root")
        accounts.reset_password(conn, "office", PASSWORD + "!", actor="root")
        accounts.authenticate(conn, "office", PASSWORD + "!")
        _, info = tokens.create_token(conn, "screen", actor="office")
        tokens.revoke_token(conn, info.id, actor="office")
    with engine.connect() as conn:
        actions = conn.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
        listed = audit.list_events(conn)
    assert actions == ["user_change", "user_change", "login", "token_change", "token_change"]
    assert listed.height == 5 and listed["action"][0] == "token_change"
