"""考核排名 under AppTest on the demo county (2025): one category at a time, 红榜/黑榜 and the league table
reconciling, and a unit's breakdown open (picked as a click on its bar would pick it) adding up to its
score; the other category shows its own places from 1."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from etl.db.engine import make_engine
from etl.demo import load_demo
from etl.metrics import load_facts, parse_period, rank

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> str:
    path = tmp_path_factory.mktemp("rankdemo") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    load_demo(url, end=dt.date(2026, 6, 30))
    return url


def open_rankings(url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LIANDONG_DB_URL", url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2025"
    at.run()
    at.switch_page("../pages/rankings.py").run()
    at.segmented_control(key="f_kind").set_value("year").run()  # the period bar: the whole of 2025
    at.selectbox(key="f_year").set_value(2025).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def frame_with(at: AppTest, column: str) -> pl.DataFrame:
    return next(pl.from_pandas(d.value) for d in at.dataframe if column in d.value.columns)


def test_a_units_breakdown_opens_and_adds_up_to_its_score(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(demo_url)
    expected = rank(load_facts(engine), parse_period("2025"))
    engine.dispose()
    at = open_rankings(demo_url, monkeypatch)
    league = frame_with(at, "名次变化")
    departments = expected.filter(pl.col("category") == "县直部门")
    assert league["名称"].to_list() == departments["group_name"].to_list()  # the first category, in its order
    assert league["一票否决"].null_count() == 0 and "None" not in league["一票否决"].to_list()
    ranked = league.filter(pl.col("名次").is_not_null())
    assert (ranked["基础得分"] + ranked["加分"] - ranked["扣分"] - ranked["得分"]).abs().max() < 1e-6

    picked = departments.filter(pl.col("rank").is_not_null())["group_name"][-1]  # the last-placed department
    at.selectbox(key="rank_pick").set_value(picked).run()
    assert not at.exception
    assert any(h.value == f"得分构成：{picked}" for h in at.subheader)
    lines = frame_with(at, "计分方法")
    assert lines["项目"][-1] == "总分"
    score = departments.filter(pl.col("group_name") == picked)["score"][0]
    points = [float(p.replace("−", "-")) for p in lines["得分"] if p != "—"]  # "—": an indicator that does not apply
    assert points[-1] == pytest.approx(score)
    assert sum(points[:-1]) == pytest.approx(score, abs=1e-6)
    assert "双清单按期完成率（未达标件数）" in lines["项目"].to_list()


def test_the_township_category_starts_at_one_and_shows_its_veto(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_rankings(demo_url, monkeypatch)
    at.segmented_control(key="rank_category_unit").set_value("乡镇(街道)").run()
    assert not at.exception
    league = frame_with(at, "名次变化")
    assert league["名次"].drop_nulls().min() == 1
    assert league["名称"].str.ends_with("人民政府").all() or league["名称"].str.contains("管理委员会").any()
    assert "重大败诉案件1件" in league["一票否决"].to_list()
