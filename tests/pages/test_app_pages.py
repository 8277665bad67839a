"""Every page under AppTest: on the demo county, on an empty database, and on a small hand-made county
whose figures are worked out by hand: URL parameters preselect filters, filters change figures."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from etl.cli import app as cli_app
from etl.db.engine import make_engine
from tests import factories as f
from tests.support.apptest import APP, errors, run_page, tile_value

#: (page file, its lazy-tab key or None); every tab of every page is run.
PAGES = [("overview", None), ("litigation", "lit_tab"), ("disputes", "disp_tab"),
         ("reconsideration", "rec_tab"), ("procuratorate", "proc_tab"), ("rankings", None), ("townships", None),
         ("tasks", "task_tab")]
D = dt.date


@pytest.fixture
def small_url(sqlite_url: str) -> str:
    return build_small_county(sqlite_url)


@pytest.fixture
def small_any_url(db_url: str) -> str:
    """The same small county on SQLite and on PostgreSQL."""
    return build_small_county(db_url)


def build_small_county(url: str) -> str:
    """Two agencies, two townships. 2025H1: 3 first-instance suits (柳屯镇 2, 城关镇 1), one lost;
    2024H1: 4 suits, none lost. Loss-rate target 2%."""
    engine = make_engine(url)
    with engine.begin() as c:
        county = f.add_county(c, "示范县")
        t1, t2 = f.add_township(c, "柳屯镇", county), f.add_township(c, "城关镇", county)
        u1 = f.add_unit(c, "示范县自然资源局", county, short_name="自然资源局")
        u2 = f.add_unit(c, "示范县人力资源和社会保障局", county, short_name="人社局")
        area = f.add_area(c, "土地征收")
        f.add_case(c, defendant_unit_id=u1, township_id=t1, subject_area_id=area, filed_on=D(2025, 3, 1),
                   hearing_on=D(2025, 4, 1), closed_on=D(2025, 5, 1), outcome="revoked", head_appeared=True)
        f.add_case(c, defendant_unit_id=u1, township_id=t1, filed_on=D(2025, 3, 10), hearing_on=D(2025, 5, 1),
                   closed_on=D(2025, 6, 1), outcome="claim_dismissed", head_appeared=False)
        f.add_case(c, defendant_unit_id=u2, township_id=t2, filed_on=D(2025, 4, 1), closed_on=D(2025, 6, 10),
                   outcome="withdrawn")
        for month in (2, 3, 4, 5):
            f.add_case(c, defendant_unit_id=u2, township_id=t2, filed_on=D(2024, month, 1),
                       closed_on=D(2024, month, 20), outcome="claim_dismissed")
        f.add_target(c, 2025, "loss_rate", 0.02)
    engine.dispose()
    return url


def tab_labels(at: AppTest) -> list[str]:
    return [tab.label for tab in at.tabs]


@pytest.mark.parametrize(("page", "tab_key"), PAGES)
def test_every_page_and_tab_runs_on_the_demo_county(use_db, demo_url: str, page: str, tab_key: str | None) -> None:
    use_db(demo_url)
    at = run_page(page, {"period": "2026H1"})
    assert not errors(at)
    assert any("演示数据" in m.value for m in at.markdown), "demo label missing"
    charts = len(at.get("plotly_chart"))
    for label in tab_labels(at) if tab_key else []:
        at.session_state[tab_key] = label
        at.run()
        assert not errors(at), f"{page}/{label}: {errors(at)}"
        charts += len(at.get("plotly_chart"))
    if page in {"overview", "litigation", "disputes", "reconsideration", "procuratorate", "rankings", "tasks"}:
        assert charts, f"{page} shows no chart on the demo county"


@pytest.mark.parametrize(("page", "tab_key"), PAGES)
def test_every_page_and_tab_says_so_on_an_empty_database(use_db, sqlite_url: str, page: str,
                                                         tab_key: str | None) -> None:
    use_db(sqlite_url)
    at = run_page(page)
    assert not errors(at)
    for label in tab_labels(at) if tab_key else []:
        at.session_state[tab_key] = label
        at.run()
        assert not errors(at), f"{page}/{label}: {errors(at)}"
        assert not at.get("plotly_chart"), "an empty database must show sentences, not empty charts"
    assert not any("演示数据" in m.value for m in at.markdown)


def test_url_parameters_preselect_period_and_township(use_db, small_any_url: str) -> None:
    use_db(small_any_url)
    at = run_page("overview", {"period": "2025H1", "town": "柳屯镇"})
    assert not errors(at)
    assert at.multiselect(key="town").value == ["柳屯镇"]
    assert at.segmented_control(key="f_kind").value == "half"
    assert at.selectbox(key="f_year").value == 2025 and at.selectbox(key="f_half").value == 1
    assert tile_value(at, "litigation_cases") == "2件"
    assert tile_value(at, "loss_rate") == "50%"  # 1 loss of 2 closures in 柳屯镇


def test_filters_change_the_figures(use_db, small_url: str) -> None:
    use_db(small_url)
    at = run_page("overview", {"period": "2025H1"})
    assert (tile_value(at, "litigation_cases"), tile_value(at, "loss_rate")) == ("3件", "33.3%")
    assert tile_value(at, "double_decline") == "否"  # volume 4 → 3 but loss rate 0% → 33.3%
    at.multiselect(key="unit").set_value(["示范县人力资源和社会保障局"]).run()
    assert (tile_value(at, "litigation_cases"), tile_value(at, "loss_rate")) == ("1件", "0%")
    # 人社局: 4 → 1 suits and its loss rate stays 0% → 0%: not strictly lower, but nothing was missed.
    assert tile_value(at, "double_decline") == "败诉率保持为零"
    at.multiselect(key="unit").set_value([]).run()
    at.multiselect(key="town").set_value(["城关镇"]).run()
    assert tile_value(at, "litigation_cases") == "1件"

def test_an_invalid_url_period_falls_back_with_a_warning(use_db, small_url: str) -> None:
    use_db(small_url)
    at = run_page("overview", {"period": "2025Q9"})
    assert not errors(at)
    assert at.warning and "期间无效" in at.warning[0].value


def test_english_switch_translates_the_page(use_db, small_url: str) -> None:
    use_db(small_url)
    at = run_page("litigation", {"period": "2025H1", "lang": "English"})
    assert not errors(at)
    assert at.title[0].value == "Litigation"
    assert tile_value(at, "litigation_cases") == "3 cases"


def test_overview_figures_equal_the_cli_for_the_same_filters(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("overview", {"period": "2026H1", "town": "柳湾镇"})
    assert not errors(at)
    out = CliRunner().invoke(cli_app, ["metrics", "--period", "2026H1", "--township", "柳湾镇", "--json",
                                       "--db", demo_url])
    assert out.exit_code == 0, out.output
    indicators = json.loads(out.output)["indicators"]
    cases = indicators["litigation_cases"]["value"]
    assert tile_value(at, "litigation_cases") == f"{cases}件"
    for key in ("loss_rate", "head_appearance_rate", "substantive_resolution_rate", "task_on_time_rate"):
        value = indicators[key]["value"]
        shown = "不适用" if value is None else f"{value * 100:.1f}".removesuffix(".0") + "%"
        assert tile_value(at, key) == shown, key


def test_first_start_on_an_empty_database_loads_the_demo_and_says_so(use_db, sqlite_url: str) -> None:
    use_db(sqlite_url, demo=True)
    at = run_page("overview")
    assert not errors(at)
    # In the page (never a toast over the language switch), in a container print styles hide.
    assert not at.toast and any("已载入演示县" in i.value for i in at.info)
    assert any("演示数据" in m.value for m in at.markdown)
    assert tile_value(at, "litigation_cases").endswith("件")
    assert at.button(key="ld_demo_dismiss").click().run() and not any("已载入演示县" in i.value for i in at.info)
    # Another reader's session on the same server finds a database that holds the demo county: not told
    # that it was just loaded (the header's 演示数据 label says what it is).
    other = run_page("overview")
    assert not errors(other) and not any("已载入演示县" in i.value for i in other.info)
    assert any("演示数据" in m.value for m in other.markdown)


def test_a_custom_range_in_the_url_opens_the_custom_period(use_db, small_url: str) -> None:
    use_db(small_url)
    at = run_page("overview", {"period": "2025-03-01..2025-03-31"})
    assert not errors(at)
    assert at.segmented_control(key="f_kind").value == "custom"
    assert at.date_input(key="f_from").value == D(2025, 3, 1) and at.date_input(key="f_to").value == D(2025, 3, 31)
    assert tile_value(at, "litigation_cases") == "2件"  # filed 1 and 10 March 2025


def test_a_liaison_officer_sees_only_their_own_unit(use_db, small_url: str) -> None:
    from etl.auth.accounts import add_account

    engine = make_engine(small_url)
    with engine.begin() as conn:
        unit_id = conn.exec_driver_sql("SELECT id FROM unit WHERE short_name = '人社局'").scalar_one()
        add_account(conn, "liaison", "s3cret-pass-123", "liaison", unit_id=unit_id)
    engine.dispose()
    use_db(small_url)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2025H1"
    at.run()
    assert not any("ld-tile" in h.proto.body for h in at.get("html")), "no figures before logging in"
    at.text_input[0].input("liaison")
    at.text_input[1].input("s3cret-pass-123")
    at.button[0].click().run()
    assert not errors(at)
    # County-wide the period has 3 suits; the 人社局 liaison sees only its own one.
    assert tile_value(at, "litigation_cases") == "1件"
    assert tile_value(at, "loss_rate") == "0%"


def test_an_unreachable_database_gives_one_clear_chinese_sentence(use_db, tmp_path: Path) -> None:
    use_db(f"sqlite:///{tmp_path}/missing-dir/never.sqlite")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not errors(at)
    assert at.error and "无法连接数据库" in at.error[0].value


@pytest.mark.slow  # the Chinese sweep above and test_english_switch_translates_the_page stay in the fast lane
@pytest.mark.parametrize(("page", "tab_key"), PAGES)
def test_every_page_and_tab_runs_in_english(use_db, demo_url: str, page: str, tab_key: str | None) -> None:
    use_db(demo_url)
    at = run_page(page, {"period": "2026Q1", "lang": "English"})
    assert not errors(at)
    for label in tab_labels(at) if tab_key else []:
        at.session_state[tab_key] = label
        at.run()
        assert not errors(at), f"{page}/{label}: {errors(at)}"
    headings = " ".join(h.value for h in at.subheader)
    assert not re.search(r"[\u4e00-\u9fff]{2,}", at.title[0].value), at.title[0].value
    assert "按" not in headings
