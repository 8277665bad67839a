"""Signed login cookies (etl.auth.sessions): a cookie stands for its account until it expires, the
password is reset or the account is disabled; a forged, altered or malformed one stands for nobody."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from etl.auth import accounts, sessions
from etl.db.engine import make_engine

NOW = dt.datetime(2026, 3, 1, 9, 0, 0)
LATER = NOW + dt.timedelta(hours=8)
PASSWORD = "a long enough password"


@pytest.fixture
def office(engine: Engine) -> Engine:
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
        accounts.add_account(conn, "联络员甲", PASSWORD, "leader")
    return engine


def _issue(engine: Engine, username: str, expires: dt.datetime = LATER) -> str:
    with engine.begin() as conn:
        return sessions.issue(conn, username, expires)


def _verify(engine: Engine, value: str, now: dt.datetime = NOW) -> tuple[accounts.Account, dt.datetime] | None:
    with engine.connect() as conn:
        return sessions.verify(conn, value, now)


def test_a_cookie_stands_for_its_account_until_it_expires(office: Engine) -> None:
    cookie = _issue(office, "联络员甲")
    found = _verify(office, cookie)
    assert found is not None
    account, expires = found
    assert account.username == "联络员甲" and expires == LATER
    assert _verify(office, cookie, LATER - dt.timedelta(seconds=1)) is not None
    assert _verify(office, cookie, LATER) is None


def test_resetting_the_password_or_disabling_the_account_invalidates_earlier_cookies(office: Engine) -> None:
    cookie = _issue(office, "office")
    with office.begin() as conn:
        accounts.reset_password(conn, "office", "another long password")
    assert _verify(office, cookie) is None
    fresh = _issue(office, "office")
    assert _verify(office, fresh) is not None
    with office.begin() as conn:
        accounts.set_disabled(conn, "office", True)
    assert _verify(office, fresh) is None


@pytest.mark.parametrize("tamper", [
    lambda c: c[:-1] + ("0" if c[-1] != "0" else "1"),  # signature altered
    lambda c: "b2ZmaWNl" + c[c.index("."):],  # another user's name ("office") with 联络员甲's signature
    lambda c: c.rsplit(".", 2)[0] + ".9999999999." + c.rsplit(".", 1)[1],  # expiry pushed back
    lambda c: "",
    lambda c: "garbage",
    lambda c: "a.b.c",
    lambda c: c + "; admin=1",
])
def test_an_altered_or_malformed_cookie_stands_for_nobody(office: Engine, tamper) -> None:  # type: ignore[no-untyped-def]
    cookie = _issue(office, "联络员甲")
    assert _verify(office, tamper(cookie)) is None


def test_the_signing_secret_is_per_database(office: Engine, sqlite_template: Path, tmp_path: Path) -> None:
    shutil.copy(sqlite_template, tmp_path / "other.sqlite")
    cookie = _issue(office, "office")
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    with other.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
    assert _verify(other, cookie) is None  # same user name, another database: another secret
    other.dispose()
