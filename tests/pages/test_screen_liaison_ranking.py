"""A liaison officer's wall screen through the app: the ranking panel ranks the whole county and masks
the other units' names like 考核排名 does, until the administrator shows them (AppTest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from etl.auth import accounts
from etl.auth.visibility import set_ranking_names_visible
from etl.db.engine import make_engine
from etl.db.models import Role
from tests import factories as f
from tests.support.apptest import log_in

SCREEN = str(Path(__file__).resolve().parents[2] / "pages" / "screen.py")
D = dt.date


@pytest.fixture
def county(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    engine = make_engine(sqlite_url)
    with engine.begin() as c:
        county = f.add_county(c, "示范县")
        town = f.add_township(c, "柳湾镇", county)
        land = f.add_unit(c, "示范县自然资源局", county, short_name="自然资源局")
        police = f.add_unit(c, "示范县公安局", county, short_name="公安局")
        housing = f.add_unit(c, "示范县住房和城乡建设局", county, short_name="住建局")
        for unit, suits in ((land, 3), (police, 1), (housing, 2)):
            for day in range(1, suits + 1):
                f.add_case(c, defendant_unit_id=unit, township_id=town, filed_on=D(2025, 3, day))
        f.add_scheme(c, 2025, f.COUNT_ONLY_SCHEME)
        # With an account the app is no longer in local (administrator) mode.
        accounts.add_account(c, "lly", "a-long-password-1", "liaison", unit_id=police)
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    return {"engine": engine, "police": police}


def ranking_markup(engine: Engine, police: int) -> str:
    at = AppTest.from_file(SCREEN, default_timeout=120)
    at.query_params.update({"panels": "ranking", "period": "2025H1"})
    log_in(at, engine, "lly", Role.LIAISON, unit_id=police)
    at.run()
    assert not at.exception, at.exception
    return "".join(h.proto.body for h in at.get("html") if 'class="lds"' in h.proto.body)


def test_a_liaisons_screen_ranking_masks_other_names_until_the_administrator_allows_them(
        county: dict[str, object]) -> None:
    markup = ranking_markup(county["engine"], int(county["police"]))  # type: ignore[arg-type, call-overload]
    assert 'data-panel="ranking"' in markup and "公安局" in markup
    assert "自然资源局" not in markup and "住建局" not in markup and "名单位" in markup
    engine = county["engine"]
    with engine.begin() as conn:  # type: ignore[attr-defined]
        set_ranking_names_visible(conn, True, actor="office")
    shown = ranking_markup(county["engine"], int(county["police"]))  # type: ignore[arg-type, call-overload]
    assert "自然资源局" in shown and "住建局" in shown
    engine.dispose()  # type: ignore[attr-defined]
