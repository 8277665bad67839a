"""User names and logins (SQLite and PostgreSQL): names are validated and stored in one form, failed
logins are throttled under the same form whatever its length, and an unknown or disabled name costs
the same argon2 work as a wrong password, so the answer's timing does not reveal which names exist."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from etl import audit
from etl.auth import accounts
from etl.db.models import AuditEvent

PASSWORD = "a long enough password"


@pytest.fixture
def office(engine: Engine) -> Engine:
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
        accounts.add_account(conn, "gone", PASSWORD, "leader")
        accounts.set_disabled(conn, "gone", True)
    return engine


@pytest.mark.parametrize(("name", "message"), [
    ("a" * 65, "最长 64 个字符"), ("", "不能为空"), ("   ", "不能为空"), ("evil\x1b[31m", "不可见字符"),
    ("two words", "空格"), ("zero\u200bwidth", "不可见字符"),
])
def test_unfit_user_names_are_refused_at_creation(engine: Engine, name: str, message: str) -> None:
    with engine.begin() as conn, pytest.raises(accounts.AccountError, match=message):
        accounts.add_account(conn, name, PASSWORD, "leader")


def test_a_name_is_stored_in_one_form_and_found_by_any_spelling_of_it(engine: Engine) -> None:
    with engine.begin() as conn:
        account = accounts.add_account(conn, "  ｏｆｆｉｃｅ２ ", PASSWORD, "admin")  # full-width, padded
        assert account.username == "office2"
        assert accounts.get_account(conn, "ｏｆｆｉｃｅ２") is not None
        assert accounts.authenticate(conn, " office2", PASSWORD).account is not None
        with pytest.raises(accounts.AccountError, match="已存在"):
            accounts.add_account(conn, "office２", PASSWORD, "admin")
    with engine.begin() as conn:
        assert accounts.add_account(conn, "a" * 64, PASSWORD, "leader").username == "a" * 64


@pytest.mark.parametrize("length", [64, 70, 500])
def test_failed_logins_are_throttled_whatever_the_length_of_the_name(office: Engine, length: int) -> None:
    name = "x" * length
    with office.begin() as conn:
        for _ in range(accounts.MAX_FAILURES):
            assert accounts.authenticate(conn, name, "wrong").message == accounts.BAD_CREDENTIALS
        assert accounts.authenticate(conn, name, "wrong").message == accounts.THROTTLED
        actors = set(conn.execute(select(AuditEvent.actor).where(AuditEvent.action == audit.LOGIN_FAILED)).scalars())
    assert actors == {name[:accounts.USERNAME_MAX_LENGTH]}  # counted under what the log stores


def test_spellings_of_one_name_share_one_throttle(office: Engine) -> None:
    with office.begin() as conn:
        for spelling in ("office", " office", "ｏｆｆｉｃｅ", "office ", "ｏffice"):
            accounts.authenticate(conn, spelling, "wrong")
        assert accounts.authenticate(conn, "office", PASSWORD).message == accounts.THROTTLED


@pytest.mark.parametrize("who", ["office", "nobody", "gone"])
def test_every_refusal_costs_one_argon2_verification(office: Engine, who: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong password for a real account, an unknown name and a disabled account: the same work."""
    calls: list[str] = []
    hasher = accounts._HASHER

    class Counting:
        def verify(self, hash_: str, password: str) -> bool:
            calls.append(hash_)
            return hasher.verify(hash_, password)

    accounts._dummy_hash()  # made once per process, before timing matters
    monkeypatch.setattr(accounts, "_HASHER", Counting())
    with office.begin() as conn:
        result = accounts.authenticate(conn, who, "wrong password!")
    assert result.account is None and result.message == accounts.BAD_CREDENTIALS
    assert len(calls) == 1 and calls[0].startswith("$argon2")
