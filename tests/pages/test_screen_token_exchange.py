"""The screen's display token is exchanged for a display session on the first run (AppTest, fast lane):
the token leaves the query string, its use is audited once, later runs need no token, and a revoked
token ends the session on the next run."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from etl import audit
from etl.auth import accounts, tokens
from etl.db.engine import make_engine
from etl.db.models import AuditEvent
from tests.factories import add_county

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "screen.py")


@pytest.fixture
def secured(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        add_county(conn)
        accounts.add_account(conn, "admin", "a-long-password-1", "admin")
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    return engine


def shows_screen(at: AppTest) -> bool:
    return any('class="lds"' in e.proto.body for e in at.get("html"))


def test_the_token_is_exchanged_once_and_leaves_the_query_string(secured: Engine) -> None:
    with secured.begin() as conn:
        token, info = tokens.create_token(conn, "会议室")
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params.update({"panels": "kpi", "token": token})
    at.run()
    assert not at.exception and shows_screen(at)
    assert "token" not in at.query_params and at.query_params["panels"] == "kpi"
    cookie_scripts = [e.proto.body for e in at.get("html") if "liandong_display=" in e.proto.body]
    assert cookie_scripts and token not in cookie_scripts[0]  # the cookie holds the id, not the token
    at.run()
    assert shows_screen(at)  # the session, without a token
    with secured.connect() as conn:
        uses = conn.execute(select(AuditEvent.actor, AuditEvent.detail)
                            .where(AuditEvent.action == audit.TOKEN_USE)).all()
    assert [(u.actor, u.detail["token_id"]) for u in uses] == [("display:会议室", info.id)]
    with secured.begin() as conn:
        tokens.revoke_token(conn, info.id)
    at.run()
    assert not shows_screen(at) and "大屏令牌无效" in at.error[0].value
