"""A liaison officer's filter bar offers only names from their own rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.filters import filter_options
from etl.access import ViewerScope, facts_for_viewer
from etl.auth import accounts
from etl.db.engine import make_engine
from etl.metrics import facts_from_frames
from tests import factories as f
from tests.support.apptest import APP

D = dt.date
PASSWORD = "a-long-password-1"


def test_scoped_facts_offer_only_their_own_units_townships_and_areas() -> None:
    units = pl.DataFrame({"id": [1, 2, 3], "name": ["甲局", "乙局", "丙镇政府"],
                          "unit_type": ["agency", "agency", "township_gov"]})
    towns = pl.DataFrame({"id": [7, 8], "name": ["柳屯镇", "城关镇"]})
    areas = pl.DataFrame({"id": [20, 21], "name": ["土地征收", "治安管理"]})
    cases = pl.DataFrame([{"id": 1, "unit_id": 1, "township_id": 7, "area_id": 20, "filed_on": D(2025, 1, 1)},
                          {"id": 2, "unit_id": 2, "township_id": 8, "area_id": 21, "filed_on": D(2025, 1, 1)},
                          {"id": 3, "unit_id": 3, "township_id": 8, "area_id": None, "filed_on": D(2025, 1, 1)}])
    facts = facts_from_frames(litigation=cases, units=units, townships=towns, areas=areas)
    everyone = filter_options(facts)
    assert (list(everyone.units), list(everyone.townships)) == (["甲局", "乙局", "丙镇政府"], ["柳屯镇", "城关镇"])
    unit_liaison = filter_options(facts_for_viewer(facts, ViewerScope(unit_ids=(1,))))
    assert (unit_liaison.units, unit_liaison.townships, unit_liaison.areas) == ({"甲局": 1}, {"柳屯镇": 7},
                                                                                {"土地征收": 20})
    town_liaison = filter_options(facts_for_viewer(facts, ViewerScope(township_ids=(8,))))
    assert (town_liaison.units, town_liaison.townships) == ({"乙局": 2, "丙镇政府": 3}, {"城关镇": 8})
    quiet = filter_options(facts_for_viewer(facts, ViewerScope(unit_ids=(9,))))  # a unit with no rows yet still lists nothing else
    assert (quiet.units, quiet.townships, quiet.areas) == ({}, {}, {})


@pytest.fixture
def county(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    engine = make_engine(sqlite_url)
    with engine.begin() as c:
        county = f.add_county(c, "示范县")
        t1, t2 = f.add_township(c, "柳屯镇", county), f.add_township(c, "城关镇", county)
        u1 = f.add_unit(c, "示范县自然资源局", county, short_name="自然资源局")
        u2 = f.add_unit(c, "示范县人力资源和社会保障局", county, short_name="人社局")
        f.add_unit(c, "示范县公安局", county, short_name="公安局")  # no records at all
        f.add_case(c, defendant_unit_id=u1, township_id=t1, filed_on=D(2025, 3, 1))
        f.add_case(c, defendant_unit_id=u2, township_id=t2, filed_on=D(2025, 4, 1))
        accounts.add_account(c, "office", PASSWORD, "admin")
        accounts.add_account(c, "lly", PASSWORD, "liaison", unit_id=u1)
        accounts.add_account(c, "town", PASSWORD, "liaison", township_id=t2)
    engine.dispose()
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    yield sqlite_url


def login(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2025"
    at.run()
    at.text_input[0].input(username)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("user", "units", "towns"), [
    ("office", ["示范县自然资源局", "示范县人力资源和社会保障局", "示范县公安局"], ["柳屯镇", "城关镇"]),
    ("lly", ["示范县自然资源局"], ["柳屯镇"]),
    ("town", ["示范县人力资源和社会保障局"], ["城关镇"]),
])
def test_liaison_filter_lists_hold_only_their_own_unit_and_township(county: str, user: str, units: list[str],
                                                                    towns: list[str]) -> None:
    at = login(user)
    assert at.multiselect(key="unit").options == units
    assert at.multiselect(key="town").options == towns
    at.switch_page("../pages/litigation.py").run()
    assert not at.exception
    assert at.multiselect(key="unit").options == units
