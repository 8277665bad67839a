"""Logging out revokes (SQLite and PostgreSQL): a cookie copied before 退出登录 stops working, and so do
an open tab's sessions after a logout elsewhere, a disable (even once re-enabled) or a password reset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Connection, Engine

from etl.auth import accounts, sessions

NOW = dt.datetime(2026, 3, 1, 9, 0, 0)
LATER = NOW + dt.timedelta(hours=8)
PASSWORD = "a long enough password"


@pytest.fixture
def office(engine: Engine) -> Engine:
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
        accounts.add_account(conn, "other", PASSWORD, "leader")
    return engine


def cookie(engine: Engine, username: str = "office") -> str:
    with engine.begin() as conn:
        return sessions.issue(conn, username, LATER)


def valid(engine: Engine, value: str) -> bool:
    with engine.connect() as conn:
        return sessions.verify(conn, value, NOW) is not None


def fingerprint(engine: Engine, username: str = "office") -> str | None:
    with engine.begin() as conn:
        return sessions.fingerprint(conn, username)


def still_valid(engine: Engine, known: str | None, username: str = "office") -> bool:
    with engine.connect() as conn:
        return sessions.still_valid(conn, username, known)


CHANGES: dict[str, Callable[[Connection], None]] = {
    "logout": lambda conn: sessions.end_sessions(conn, "office"),
    "disable": lambda conn: accounts.set_disabled(conn, "office", True),
    "disable, then enable": lambda conn: (accounts.set_disabled(conn, "office", True),
                                          accounts.set_disabled(conn, "office", False)),
    "password reset": lambda conn: accounts.reset_password(conn, "office", "another long password"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_ends_earlier_cookies_and_open_sessions_of_that_account_only(office: Engine, change: str) -> None:
    copied, known, others = cookie(office), fingerprint(office), cookie(office, "other")
    other_known = fingerprint(office, "other")
    assert valid(office, copied) and still_valid(office, known)
    with office.begin() as conn:
        CHANGES[change](conn)
    assert not valid(office, copied), f"a cookie issued before the {change} still works"
    assert not still_valid(office, known), f"an open session survives the {change}"
    assert valid(office, others) and still_valid(office, other_known, "other")


def test_after_a_logout_a_new_login_works(office: Engine) -> None:
    with office.begin() as conn:
        sessions.end_sessions(conn, "office")
    assert valid(office, cookie(office)) and still_valid(office, fingerprint(office))


def test_an_unknown_fingerprint_is_never_valid(office: Engine) -> None:
    assert not still_valid(office, None)
    assert not still_valid(office, "0" * 64)
    assert not still_valid(office, fingerprint(office), "nobody")


def test_a_display_cookie_stands_for_its_token_id_until_it_expires(office: Engine) -> None:
    with office.begin() as conn:
        value = sessions.issue_display(conn, 7, LATER)
    with office.connect() as conn:
        assert sessions.verify_display(conn, value, NOW) == 7
        assert sessions.verify_display(conn, value, LATER) is None
        assert sessions.verify_display(conn, "8" + value[1:], NOW) is None  # another token's id
        assert sessions.verify_display(conn, value[:-1] + ("0" if value[-1] != "0" else "1"), NOW) is None
        assert sessions.verify(conn, value, NOW) is None  # a display cookie is no login
