"""Names in a shared link, through the app: an alias or the region prefix opens that unit, a typo opens
no figures but a notice with a did-you-mean, and the reader's choice is explicit (AppTest)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.db.engine import make_engine
from tests import factories as f

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
D = dt.date


@pytest.fixture
def county(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """2025H1: 自然资源局 (alias 国土局) 2 suits in 柳屯镇, 人社局 1 in 城关镇 — the county 3."""
    engine = make_engine(sqlite_url)
    with engine.begin() as c:
        county = f.add_county(c, "示范县")
        t1, t2 = f.add_township(c, "柳屯镇", county), f.add_township(c, "城关镇", county)
        u1 = f.add_unit(c, "示范县自然资源局", county, short_name="自然资源局", aliases=("国土局",))
        u2 = f.add_unit(c, "示范县人力资源和社会保障局", county, short_name="人社局")
        f.add_case(c, defendant_unit_id=u1, township_id=t1, filed_on=D(2025, 3, 1))
        f.add_case(c, defendant_unit_id=u1, township_id=t1, filed_on=D(2025, 4, 1))
        f.add_case(c, defendant_unit_id=u2, township_id=t2, filed_on=D(2025, 5, 1))
    engine.dispose()
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    return sqlite_url


def open_overview(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"period": "2025H1", **params})
    at.run()
    assert not at.exception, at.exception
    return at


def tile(at: AppTest, key: str = "litigation_cases") -> str | None:
    for element in at.get("html"):
        match = re.search(rf'data-kpi="{key}".*?class="ld-value">([^<]*)<', element.proto.body)
        if match:
            return match.group(1)
    return None


def url_values(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key)  # AppTest keeps a single value as a string
    return [value] if isinstance(value, str) else list(value or [])


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


@pytest.mark.parametrize("written", ["县自然资源局", "自然资源局", "国土局", "示范县自然资源局"])
def test_a_short_form_or_alias_in_the_link_opens_that_unit(county: str, written: str) -> None:
    at = open_overview(unit=written)
    assert at.multiselect(key="unit").value == ["示范县自然资源局"]
    assert tile(at) == "2件" and not notices(at)  # the unit's 2, not the county's 3
    assert url_values(at, "unit") == ["示范县自然资源局"]  # the address bar now holds the canonical name


def test_a_typo_shows_a_notice_and_no_figures_until_the_reader_chooses(county: str) -> None:
    at = open_overview(unit="自然资原局")
    [notice] = notices(at)
    assert notice.startswith("未找到单位“自然资原局”，是否指：自然资源局？") and "暂不显示数据" in notice
    assert tile(at) is None and not at.get("plotly_chart")  # nothing that could be read as the unit's
    at.button(key="url_use_unit_自然资源局").click().run()
    assert at.multiselect(key="unit").value == ["示范县自然资源局"] and tile(at) == "2件" and not notices(at)


def test_the_reader_can_ask_for_everything_explicitly(county: str) -> None:
    at = open_overview(unit="自然资原局")
    assert at.button(key="url_all_unit").label == "不限单位，显示全部"
    at.button(key="url_all_unit").click().run()
    assert at.multiselect(key="unit").value == [] and tile(at) == "3件" and not notices(at)


def test_a_name_that_is_not_found_beside_one_that_is_filters_by_the_found_one_and_says_so(county: str) -> None:
    at = open_overview(unit=["示范县自然资源局", "税务局"])
    [notice] = notices(at)
    assert notice.startswith("未找到单位“税务局”。") and "只按已识别的名称筛选" in notice
    assert tile(at) == "2件"


def test_townships_resolve_and_suggest_in_english_too(county: str) -> None:
    at = open_overview(town="柳屯", lang="English")
    [notice] = notices(at)
    assert notice.startswith('No township named "柳屯". Did you mean: 柳屯镇?') and tile(at) is None
    at.button(key="url_use_town_柳屯镇").click().run()
    assert at.multiselect(key="town").value == ["柳屯镇"] and tile(at) == "2 cases"
