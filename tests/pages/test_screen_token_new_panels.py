"""The wall screen's newer panels (key cases, time limits, the map) behind a display token (AppTest): the
token is exchanged on the first run and leaves the query string while the panel choice stays, the panel
shows without it on later runs, and revoking the token blanks the panel on the next run."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.screen.text import s
from etl.auth import accounts, tokens
from etl.db.engine import make_engine
from etl.importing.pipeline import ImportOptions, import_file
from tests.conference_factories import conference_county
from tests.geo_factories import collection, feature, geojson_bytes, polygon

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "screen.py")


@pytest.fixture
def secured(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    engine = make_engine(sqlite_url)
    conference_county(engine)
    outlines = geojson_bytes(collection([feature({"NAME": "柳屯镇"}, polygon(0, 0))]))
    assert import_file(engine, "边界.geojson", outlines, ImportOptions()).status == "imported"
    with engine.begin() as conn:
        accounts.add_account(conn, "admin", "a-long-password-1", "admin")
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    return engine


#: What each panel draws for this county: rows of key cases and of matters near their limit, the map.
DRAWN = {"keycases": 'class="lds-row', "limits": 'class="lds-row', "map": 'class="lds-mapsvg"'}


def panel_shown(at: AppTest, panel: str) -> bool:
    title = s(f"panel_{panel}", "zh")
    return any('class="lds"' in e.proto.body and title in e.proto.body and DRAWN[panel] in e.proto.body
               for e in at.get("html"))


@pytest.mark.parametrize("panel", ["keycases", "limits", "map"])
def test_a_token_opens_the_panel_then_leaves_the_url_and_revoking_it_blanks_the_panel(secured: Engine,
                                                                                     panel: str) -> None:
    with secured.begin() as conn:
        token, info = tokens.create_token(conn, "会议室")
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params.update({"panels": panel, "period": "2025", "token": token})
    at.run()
    assert not at.exception and panel_shown(at, panel), [e.proto.body[:200] for e in at.get("html")]
    assert "token" not in at.query_params and at.query_params["panels"] == panel
    at.run()
    assert panel_shown(at, panel)  # the display session, without the token
    with secured.begin() as conn:
        tokens.revoke_token(conn, info.id)
    at.run()
    assert not panel_shown(at, panel) and "大屏令牌无效" in at.error[0].value
