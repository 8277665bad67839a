"""Access control end to end through the app: a scoped liaison account sees only its own records
on every page, in downloads and in the briefing, and cannot widen its scope by URL parameters or page
switching; a revoked display token stops working; the audit log records each action.

The county is ``tests.ledger_factories.briefing_ledger``: 自然资源局 (3 suits in 2025H1), 住建局 (1 suit in
2025H1, in 东关街道; 1 in 2024H1, in 柳河镇), the 柳河镇人民政府 (one recommendation), townships
东关街道 and 柳河镇. The liaison ``lly`` belongs to 住建局, ``town`` to 东关街道.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from docx import Document
from sqlalchemy import select
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.auth import ADMIN_ONLY, TOKEN_GONE
from etl import audit
from etl.auth import accounts, tokens
from etl.db.engine import make_engine
from etl.db.models import AuditEvent
from tests.ledger_factories import briefing_ledger
from tests.support.paths import ROOT

APP = str(ROOT / "dashboard" / "app.py")
SCREEN = str(ROOT / "pages" / "screen.py")
PASSWORD = "a-long-password-1"
#: Every data page and its lazy tab key (each tab is run).
PAGES = [("overview", None), ("litigation", "lit_tab"), ("disputes", "disp_tab"), ("reconsideration", "rec_tab"),
         ("procuratorate", "proc_tab"), ("rankings", None), ("townships", None), ("tasks", "task_tab"),
         ("briefing", None)]
#: Names a liaison must never see, per account (full and short names).
FORBIDDEN = {"lly": ("自然资源局", "柳河镇人民政府", "柳河镇政府"), "town": ("柳河镇人民政府",)}


@pytest.fixture(scope="module")
def sqlite_county_file(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> tuple[Path, dict[str, int]]:
    """The county built once per module on SQLite (hashing four passwords with argon2 is deliberately
    slow); each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("county") / "county.sqlite"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    ids = _build_county(engine)
    engine.dispose()
    return path, ids


@pytest.fixture
def county(db_url: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The county with its accounts, on SQLite and on PostgreSQL."""
    if db_url.startswith("sqlite:///"):
        yield from _sqlite_copy(db_url, request, monkeypatch)
        return
    engine = make_engine(db_url)
    yield from _served(db_url, engine, _build_county(engine), monkeypatch)


@pytest.fixture
def sqlite_county(sqlite_url: str, request: pytest.FixtureRequest,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The same on SQLite only, for the long sweep over every page and tab."""
    yield from _sqlite_copy(sqlite_url, request, monkeypatch)


def _build_county(engine: Any) -> dict[str, int]:
    ids = briefing_ledger(engine)
    with engine.begin() as conn:
        accounts.add_account(conn, "office", PASSWORD, "admin")
        accounts.add_account(conn, "boss", PASSWORD, "leader")
        accounts.add_account(conn, "lly", PASSWORD, "liaison", unit_id=ids["housing"])
        accounts.add_account(conn, "town", PASSWORD, "liaison", township_id=ids["east"])
    return ids


def _sqlite_copy(url: str, request: pytest.FixtureRequest,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    built, ids = request.getfixturevalue("sqlite_county_file")
    shutil.copy(built, url.removeprefix("sqlite:///"))
    yield from _served(url, make_engine(url), ids, monkeypatch)


def _served(url: str, engine: Any, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The dashboard under AppTest pointed at the county."""
    monkeypatch.setenv("LIANDONG_DB_URL", url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    yield {"url": url, "engine": engine, **ids}
    engine.dispose()


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """Every deferred download registered during the runs, by file name: calling one is the click."""
    captured: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None, coordinates: str,
            file_name: str | None = None, **kwargs: Any) -> str:
        captured[file_name or coordinates] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


def login(username: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"period": "2025H1", **(params or {})})
    at.run()
    assert not any("ld-tile" in h.proto.body for h in at.get("html")), "no figures before logging in"
    at.text_input[0].input(username)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    if page != "overview":
        at.switch_page(f"../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def rendered(at: AppTest) -> str:
    """Everything the page shows as text: markdown, HTML, captions, messages, tables and chart specs."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "success", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [e.proto.body for e in at.get("html")]
    parts += [d.value.to_csv() for d in at.dataframe]
    parts += [t.value.to_csv() for t in at.table]
    parts += [e.proto.spec for e in at.get("plotly_chart")]
    parts += [e.proto.spec for e in at.get("arrow_vega_lite_chart")] if at.get("arrow_vega_lite_chart") else []
    return "\n".join(parts)


def tile_or_none(at: AppTest, key: str) -> str | None:
    for element in at.get("html"):
        match = re.search(rf'data-kpi="{key}".*?class="ld-value">([^<]*)<', element.proto.body)
        if match:
            return match.group(1)
    return None


def tile(at: AppTest, key: str) -> str:
    found = tile_or_none(at, key)
    if found is None:
        raise AssertionError(f"no tile {key}")
    return found


def audit_rows(engine: Any, action: str) -> list[tuple[str | None, dict[str, Any]]]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEvent.actor, AuditEvent.detail).where(AuditEvent.action == action)
                            .order_by(AuditEvent.id)).all()
    return [(r.actor, r.detail or {}) for r in rows]


def assert_hidden(text: str, user: str, where: str) -> None:
    leaked = [name for name in FORBIDDEN[user] if name in text]
    assert not leaked, f"{user} sees {leaked} on {where}"


@pytest.mark.slow  # 16 page runs; the scope rule's other tests below stay in the fast lane
@pytest.mark.parametrize("user", ["lly", "town"])
@pytest.mark.parametrize(("page", "tab_key"), PAGES)
def test_a_liaison_sees_only_own_records_on_every_page_and_tab(sqlite_county: dict[str, Any], user: str,
                                                                page: str, tab_key: str | None) -> None:
    at = open_page(login(user), page)
    assert_hidden(rendered(at), user, page)
    tabs = [t.label for t in at.tabs] if tab_key else []
    for label in tabs:
        at.session_state[tab_key] = label
        at.run()
        assert not at.exception, at.exception
        assert_hidden(rendered(at), user, f"{page}/{label}")
    if page == "overview":
        # County-wide 2025H1 has 4 suits; 住建局 has 1, 东关街道 2 (自然资源局's and 住建局's).
        assert tile(at, "litigation_cases") == {"lly": "1件", "town": "2件"}[user]


@pytest.mark.parametrize("user", ["lly", "town"])
def test_a_liaison_sees_only_own_figures_on_postgresql_too(county: dict[str, Any], user: str) -> None:
    at = login(user)
    assert tile(at, "litigation_cases") == {"lly": "1件", "town": "2件"}[user]
    for page in ("overview", "litigation", "rankings", "briefing"):
        assert_hidden(rendered(open_page(at, page)), user, page)


@pytest.mark.parametrize("params", [{"unit": "示范县自然资源局"}, {"town": "柳河镇"},
                                    {"unit": "示范县自然资源局", "town": "柳河镇", "area": "x"}])
def test_url_parameters_cannot_widen_a_liaisons_scope(county: dict[str, Any], params: dict[str, str]) -> None:
    at = login("lly", params)
    # A name outside the scope resolves to nothing the liaison may see: a notice and no figures at all.
    # Either way never the other unit's 3 or the county's 4.
    shown = tile_or_none(at, "litigation_cases")
    assert shown in {"1件", "0件", None}
    if shown is None:
        assert at.warning and "未找到" in at.warning[0].value
    # The notice quotes what the link said, which tells nothing; nothing else may name it.
    assert_hidden(_without_quotes_of(rendered(at), params), "lly", f"overview with {params}")
    at = open_page(at, "litigation")
    at.session_state["lit_tab"] = at.tabs[-1].label if at.tabs else None
    at.run()
    assert_hidden(_without_quotes_of(rendered(at), params), "lly", f"litigation with {params}")


def _without_quotes_of(text: str, params: dict[str, str]) -> str:
    for value in params.values():
        text = text.replace(f"“{value}”", "“…”")
    return text


@pytest.mark.parametrize("user", ["lly", "town", "boss"])
@pytest.mark.parametrize("page", ["data_management", "audit"])
def test_administrator_pages_are_refused_to_everyone_else(county: dict[str, Any], user: str, page: str) -> None:
    from dashboard.auth import Viewer
    from etl.db.models import Role

    at = login(user)
    # The navigation does not even register the page for them, so no URL or page switch reaches it …
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"../pages/{page}.py")
    # … and the page itself refuses them should its script ever run for their session.
    account = accounts.get_account(county["engine"].connect(), user)
    assert account is not None
    direct = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    direct.session_state["ld_viewer"] = Viewer(account.username, Role(account.role), account.unit_id,
                                               account.township_id)
    direct.run()
    assert not direct.exception, direct.exception
    assert [e.value for e in direct.error] == [ADMIN_ONLY]
    assert not direct.tabs and not direct.dataframe and not direct.title


def test_the_administrator_reaches_both_administrator_pages(county: dict[str, Any]) -> None:
    at = login("office")
    assert open_page(at, "data_management").title[0].value == "数据管理"
    assert open_page(at, "audit").title[0].value == "审计日志"


def test_downloads_hold_only_the_liaisons_records_and_are_audited(county: dict[str, Any],
                                                                   deferred: dict[str, Callable[[], Any]]) -> None:
    at = open_page(login("lly"), "litigation")
    for label in [t.label for t in at.tabs]:
        at.session_state["lit_tab"] = label
        at.run()
    files = {name: build for name, build in deferred.items() if name.endswith((".xlsx", ".csv"))}
    assert files, "the litigation page offers downloads"
    for name, build in files.items():
        content = build()
        frame = (pl.read_excel(io.BytesIO(content)) if name.endswith(".xlsx")
                 else pl.read_csv(io.BytesIO(content)))
        text = frame.write_csv()
        assert_hidden(text, "lly", name)
        if "住建局" in text or "住房和城乡建设局" in text:
            assert "自然资源局" not in text
    exports = audit_rows(county["engine"], audit.EXPORT)
    assert len(exports) == len(files)
    assert {actor for actor, _ in exports} == {"lly"}
    assert all(d["filters"]["period"] == ["2025H1"] and d["format"] in {"xlsx", "csv"} for _, d in exports)


@pytest.mark.usefixtures("cjk_fonts")
def test_the_liaisons_briefing_is_about_their_unit_only(county: dict[str, Any],
                                                        deferred: dict[str, Callable[[], Any]]) -> None:
    at = open_page(login("lly"), "briefing")
    at.text_input(key="brief_period").input("2025H1").run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    docx_name = next(name for name in deferred if name.endswith(".docx"))
    document = Document(io.BytesIO(deferred[docx_name]()))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "示范县住房和城乡建设局" in text
    assert_hidden(text, "lly", "the DOCX briefing")
    briefings = audit_rows(county["engine"], audit.BRIEFING)
    assert len(briefings) == 1 and briefings[0][0] == "lly" and briefings[0][1]["format"] == "docx"


def test_rankings_show_the_liaisons_position_and_names_only_when_allowed(county: dict[str, Any]) -> None:
    at = open_page(login("lly"), "rankings")
    table = next((d.value for d in at.dataframe if "名次变化" in d.value.columns), None)
    text = rendered(at)
    assert_hidden(text, "lly", "rankings")
    assert table is not None and "示范县住房和城乡建设局" in set(table["名称"])
    # 住建局 1st, 自然资源局 2nd among the 县直部门; 柳河镇人民政府 is ranked with the 乡镇(街道), apart.
    assert set(table["名称"]) == {"示范县住房和城乡建设局", "第2名单位"}
    assert at.selectbox(key="rank_pick").options == ["示范县住房和城乡建设局"]
    [position] = [i.value for i in at.info]
    assert position.startswith("本单位排名　示范县住房和城乡建设局：县直部门第1名（共2个参评），")
    # The administrator allows the names (page option), and the liaison sees them on the next run.
    admin = open_page(login("office"), "data_management")
    admin.toggle(key="dm_ranking_names").set_value(True).run()
    assert not admin.exception
    assert audit_rows(county["engine"], audit.SETTING_CHANGE)[0][0] == "office"
    again = open_page(login("lly"), "rankings")
    names = next(d.value for d in again.dataframe if "名次变化" in d.value.columns)["名称"]
    assert set(names) == {"示范县住房和城乡建设局", "示范县自然资源局"}


def test_a_liaisons_screen_shows_only_their_records(county: dict[str, Any]) -> None:
    from etl.db.models import Role
    from tests.support.apptest import log_in

    at = AppTest.from_file(SCREEN, default_timeout=120)
    at.query_params.update({"panels": "kpi,lit_units,lit_townships", "period": "2025H1"})
    log_in(at, county["engine"], "lly", Role.LIAISON, unit_id=county["housing"])
    at.run()
    assert not at.exception, at.exception
    markup = "".join(h.proto.body for h in at.get("html") if 'class="lds"' in h.proto.body)
    assert markup, "the screen is shown to a logged-in liaison"
    assert_hidden(markup, "lly", "the screen")


def test_a_revoked_display_token_stops_working(county: dict[str, Any]) -> None:
    with county["engine"].begin() as conn:
        token, info = tokens.create_token(conn, "会议室", actor="office")
    at = AppTest.from_file(SCREEN, default_timeout=120)
    at.query_params.update({"panels": "kpi", "token": token})
    at.run()
    assert [h for h in at.get("html") if 'class="lds"' in h.proto.body], "the screen opens with the token"
    with county["engine"].begin() as conn:
        assert tokens.revoke_token(conn, info.id, actor="office")
    at.run()
    assert not [h for h in at.get("html") if 'class="lds"' in h.proto.body], "no data after revocation"
    assert at.error and ("令牌" in at.error[0].value or TOKEN_GONE in at.error[0].value)
    changes = audit_rows(county["engine"], audit.TOKEN_CHANGE)
    assert [(a, d["op"]) for a, d in changes] == [("office", "add"), ("office", "revoke")]


def test_the_audit_log_records_each_action_and_the_admin_reads_it(county: dict[str, Any],
                                                                  deferred: dict[str, Callable[[], Any]]) -> None:
    from etl.importing.pipeline import ImportOptions, import_file

    csv = "审理法院,案号,被告\n示范县人民法院,（2025）豫0928行初90号,示范县水利局\n".encode()
    result = import_file(county["engine"], "t.csv", csv, ImportOptions(imported_by="office"))
    login("lly")  # a login
    with county["engine"].begin() as conn:
        accounts.authenticate(conn, "lly", "wrong password")  # a failed login
    admin = open_page(login("office"), "data_management")
    admin.selectbox(key="dm_raw_name").set_value("示范县水利局")
    admin.button(key="dm_create").click().run()
    admin.selectbox(key="dm_rollback_id").set_value(result.batch_id)
    admin.button(key="dm_rollback").click().run()
    admin.button(key="dm_rollback_yes").click().run()  # the rollback asks first
    assert not admin.exception, admin.exception
    admin = open_page(admin, "audit")
    shown = admin.dataframe[0].value
    assert list(shown.columns) == ["时间（北京时间）", "操作人", "操作", "详情"]
    assert {"登录", "登录失败", "导入", "名称映射", "回滚", "账号变更"} <= set(shown["操作"])
    assert shown["操作"].iloc[0] == "回滚"  # newest first
    admin.selectbox(key="audit_actor").set_value("lly").run()
    assert set(admin.dataframe[0].value["操作"]) == {"登录", "登录失败"}
    content = deferred["审计日志.xlsx"]()
    # Under a title line and a blank row, the table has the page's rows.
    assert pl.read_excel(io.BytesIO(content), read_options={"header_row": 2}).height == \
        admin.dataframe[0].value.shape[0]
    assert audit_rows(county["engine"], audit.EXPORT)[-1][0] == "office"
    for action, actor in ((audit.IMPORT, "office"), (audit.NAME_MAPPING, "office"), (audit.ROLLBACK, "office")):
        rows = audit_rows(county["engine"], action)
        assert len(rows) == 1 and rows[0][0] == actor, (action, rows)


def test_a_trusted_proxy_header_logs_in_an_existing_account_only_when_configured(
        county: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import auth

    engine = county["engine"]
    headers = {"X-Remote-User": "lly"}
    assert auth.header_viewer(engine, headers, None) is None  # not configured: the header means nothing
    assert auth.header_viewer(engine, {"X-Remote-User": "nobody"}, "X-Remote-User") is None
    viewer = auth.header_viewer(engine, headers, "X-Remote-User")
    assert viewer is not None and viewer.username == "lly" and viewer.unit_id == county["housing"]
    with engine.begin() as conn:
        accounts.set_disabled(conn, "lly")
    assert auth.header_viewer(engine, headers, "X-Remote-User") is None
    assert [(a, d.get("via"), d.get("reason")) for a, d in audit_rows(engine, audit.LOGIN)] == \
        [("lly", "proxy_header", None)]
    assert [a for a, _ in audit_rows(engine, audit.LOGIN_FAILED)] == ["nobody", "lly"]
    # Through the app: with the header configured, the scoped account's pages open without the form.
    monkeypatch.setenv("LIANDONG_TRUSTED_USER_HEADER", "X-Remote-User")
    monkeypatch.setattr(auth, "_request_headers", lambda: {"X-Remote-User": "town"})
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2025H1"
    at.run()
    assert not at.exception, at.exception
    assert not at.text_input, "no login form"
    assert tile(at, "litigation_cases") == "2件"  # 东关街道's two suits, not the county's four
