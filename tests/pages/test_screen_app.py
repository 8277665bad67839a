"""The screen page under AppTest: runs on an empty database, and a new import appears on the next
rotation without anyone touching the screen (the data version is checked periodically)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.data import VERSION_TTL_SECONDS
from dashboard.screen.config import PANEL_KEYS
from etl.db.engine import make_engine
from etl.db.meta import bump_data_version
from tests import factories as f
from tests.support.paths import ROOT

PAGE = str(ROOT / "pages" / "screen.py")


def run_screen(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params.update(params)
    return at.run()


def screen_markup(at: AppTest) -> str:
    bodies = [e.proto.body for e in at.get("html") if 'class="lds"' in e.proto.body]
    assert len(bodies) == 1, "exactly one screen per run"
    return bodies[0]


def kpi_value(markup: str, key: str) -> str:
    match = re.search(rf'data-kpi="{key}".*?class="lds-value">([^<]*)<', markup)
    assert match, key
    return match.group(1)


@pytest.mark.parametrize("panel", PANEL_KEYS)
def test_every_panel_runs_on_an_empty_database(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, panel: str) -> None:
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    at = run_screen({"panels": panel})
    assert not at.exception
    markup = screen_markup(at)
    assert f'data-panel="{panel}"' in markup
    assert "演示数据" not in markup


def test_a_new_import_appears_without_touching_the_screen(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        county = f.add_county(conn)
        unit = f.add_unit(conn, "示范县公安局", county, short_name="公安局")
        f.add_case(conn, defendant_unit_id=unit, filed_on=dt.date(2025, 3, 1))
        bump_data_version(conn)
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    now = [1_000.0 * VERSION_TTL_SECONDS]
    monkeypatch.setattr(data, "version_clock", lambda: now[0])
    at = run_screen({"panels": "kpi", "period": "2025"})
    assert kpi_value(screen_markup(at), "litigation_cases") == "1件"
    with engine.begin() as conn:
        f.add_case(conn, defendant_unit_id=unit, filed_on=dt.date(2025, 4, 1))
        bump_data_version(conn)
    engine.dispose()
    at.run()  # within the same slot the version is not read again: still the old figure
    assert kpi_value(screen_markup(at), "litigation_cases") == "1件"
    now[0] += VERSION_TTL_SECONDS  # the next slot: the version is read again
    at.run()
    assert not at.exception
    assert kpi_value(screen_markup(at), "litigation_cases") == "2件"


def test_display_token_opens_the_screen_and_a_wrong_one_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                                    sqlite_url: str) -> None:
    from etl.auth import accounts, tokens

    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        f.add_county(conn)
        accounts.add_account(conn, "admin", "a-long-password-1", "admin")
        token, _ = tokens.create_token(conn, "会议室")
    engine.dispose()
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    shown = run_screen({"panels": "kpi", "token": token})
    assert not shown.exception and 'data-panel="kpi"' in screen_markup(shown)
    refused = run_screen({"panels": "kpi", "token": "not-a-token"})
    assert not refused.exception
    assert not [e for e in refused.get("html") if 'class="lds"' in e.proto.body]
    assert "大屏令牌无效" in refused.error[0].value
    without = run_screen({"panels": "kpi"})
    assert not [e for e in without.get("html") if 'class="lds"' in e.proto.body]  # the login form instead


def test_a_saved_screen_sets_the_playlist(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path) -> None:
    presets = tmp_path / "screens.toml"
    presets.write_text('["会议室"]\npanels = ["overdue"]\ntheme = "light"\n', encoding="utf-8")
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    monkeypatch.setenv("LIANDONG_SCREEN_PRESETS", str(presets))
    at = run_screen({"screen": "会议室"})
    assert not at.exception
    assert 'data-panel="overdue"' in screen_markup(at)
    assert "未找到已保存的大屏配置" in screen_markup(run_screen({"screen": "无此屏"}))
