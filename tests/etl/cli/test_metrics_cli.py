"""``liandong metrics`` and ``liandong rank`` on the hand-made ledger (figures as in test_metrics_db)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.db.engine import make_engine
from tests.ledger_factories import build_ledger

runner = CliRunner()


@pytest.fixture
def url(db_url: str) -> str:
    engine = make_engine(db_url)
    build_ledger(engine)
    engine.dispose()
    return db_url


def run_json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_metrics_json_matches_hand_computation_and_contract(url: str) -> None:
    out = run_json("metrics", "--period", "2025", "--db", url)
    assert out["period"]["start"] == "2025-01-01" and out["period"]["end"] == "2025-12-31"
    assert out["previous_period"]["start"] == "2024-01-01"
    loss = out["indicators"]["loss_rate"]
    assert set(loss) >= {"value", "numerator", "denominator", "previous", "change", "target", "status"}
    assert (loss["value"], loss["numerator"], loss["denominator"], loss["previous"]) == (0.25, 1, 4, 0.5)
    assert (loss["target"], loss["status"], loss["change_kind"]) == (0.3, "met", "points")
    assert out["indicators"]["litigation_cases"]["value"] == 4
    assert out["double_decline"] is True


def test_names_accept_aliases_and_county_prefix(url: str) -> None:
    by_short = run_json("metrics", "--period", "2025", "--unit", "自然资源局", "--db", url)
    by_full = run_json("metrics", "--period", "2025", "--unit", "示范县自然资源局", "--db", url)
    assert by_short["indicators"] == by_full["indicators"]
    assert by_short["indicators"]["litigation_cases"]["value"] == 2
    old_name = run_json("metrics", "--period", "2025", "--township", "柳屯乡", "--db", url)
    assert old_name["indicators"]["litigation_cases"]["value"] == 2
    assert (by_short["filters"]["unit_names"], old_name["filters"]["township_names"]) == (["示范县自然资源局"], ["柳屯镇"])


def test_grouped_output_has_one_object_per_group(url: str) -> None:
    out = run_json("metrics", "--period", "2025", "--by", "township", "--db", url)
    got = {g["name"]: g["indicators"]["litigation_cases"]["value"] for g in out["groups"]}
    assert got == {"柳屯镇": 2, "城关镇": 2}
    months = run_json("metrics", "--period", "2025H1", "--by", "month", "--db", url)["groups"]
    assert [g["indicators"]["litigation_cases"]["value"] for g in months] == [0, 1, 1, 0, 0, 0]


def test_changing_a_definition_changes_the_printed_figure(url: str, tmp_path: Path) -> None:
    path = tmp_path / "indicators.toml"
    path.write_text('[defaults]\nloss_denominator = "judgments"\n', encoding="utf-8")
    out = run_json("metrics", "--period", "2025", "--definitions", str(path), "--db", url)
    assert (out["indicators"]["loss_rate"]["numerator"], out["indicators"]["loss_rate"]["denominator"]) == (1, 2)


#: The scheme these hand computations were written for: every indicator linear, a rise in lawsuits
#: relative to last year's count, not-applicable indicators at full marks.
LINEAR_SCHEME = """
not_applicable = "full_marks"
double_decline_bonus = 2.0
[[indicators]]
key = "litigation_cases"
measure = "change"
floor = 1
weight = 20
target = 0.0
threshold = 0.5
[[indicators]]
key = "loss_rate"
weight = 25
target = 0.10
threshold = 0.50
[[indicators]]
key = "head_appearance_rate"
weight = 20
target = 1.0
threshold = 0.60
[[indicators]]
key = "substantive_resolution_rate"
weight = 15
target = 0.80
threshold = 0.40
[[indicators]]
key = "reconsideration_correction_rate"
weight = 10
target = 0.10
threshold = 0.50
[[indicators]]
key = "recommendation_adoption_rate"
weight = 10
target = 1.0
threshold = 0.50
"""


def test_rank_json_lists_ties_and_rank_change(url: str, tmp_path: Path) -> None:
    scheme = tmp_path / "scheme.toml"
    scheme.write_text(LINEAR_SCHEME, encoding="utf-8")
    for year in ("2024", "2025"):
        loaded = runner.invoke(app, ["scheme", "--year", year, "--load", str(scheme), "--db", url])
        assert loaded.exit_code == 0, loaded.output
    out = run_json("rank", "--period", "2025", "--db", url)
    got = [(r["rank"], r["name"], r["score"], r["rank_change"]) for r in out["ranking"]]
    # U2 has nothing scoreable below target: full marks; U1 loses 20 × (1 − 1/6) on head appearance.
    # Rank change among units assessed in both years (U1, U2: tied in 2024, U2 ahead in 2025). U3 has no
    # records at all: full marks by the not-applicable rule, but nothing measured, so no place and no change.
    assert got == [(1, "示范县人力资源和社会保障局", 100.0, 0), (2, "示范县自然资源局", 83.33, -1),
                   (None, "示范县市场监督管理局", 100.0, None)]
    assert out["ranking"][1]["indicator_scores"]["head_appearance_rate"] == pytest.approx(20 / 6, abs=0.005)  # rounded to 2 decimals
    assert {r["category"] for r in out["ranking"]} == {"县直部门"}
    second = out["ranking"][1]["breakdown"]
    assert second[-1]["points"] == 83.33 and sum(line["points"] for line in second[:-1]) == pytest.approx(83.33)


@pytest.mark.parametrize(("args", "message"), [
    (["metrics", "--period", "2025Q5"], "无法识别的期间"),
    (["metrics", "--period", "2025-13"], "月份无效"),
    (["metrics", "--period", "2025", "--unit", "不存在局"], "未找到单位"),
    (["metrics", "--period", "2025", "--by", "court"], "--by"),
    (["rank", "--period", "2025", "--by", "area"], "--by"),
])
def test_bad_input_gives_a_chinese_message_and_non_zero_exit(sqlite_url: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", sqlite_url])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_region_option_selects_one_county_of_a_city_database(sqlite_url: str) -> None:
    from etl.demo import load_demo

    load_demo(sqlite_url, seed=20231225, scale="city", replace=False)
    whole = run_json("metrics", "--period", "2025", "--db", sqlite_url)
    county = run_json("metrics", "--period", "2025", "--region", "示范甲", "--db", sqlite_url)
    assert county["filters"]["region_names"] == ["示范甲县"]
    assert 0 < county["indicators"]["litigation_cases"]["value"] < whole["indicators"]["litigation_cases"]["value"]
    result = runner.invoke(app, ["metrics", "--period", "2025", "--region", "不存在县", "--db", sqlite_url])
    assert result.exit_code != 0 and "未找到县区" in result.output


def test_text_output_says_which_kind_of_change(url: str) -> None:
    result = runner.invoke(app, ["metrics", "--period", "2025", "--db", url])
    assert result.exit_code == 0, result.output
    assert "行政诉讼发案量：4件（上年同期 5件，同比减少1件；目标 4件；达标）" in result.stdout
    assert "行政诉讼败诉率：25%（1/4件；上年同期 50%，同比下降25个百分点；目标 30%；达标）" in result.stdout
    assert "双下降：是" in result.stdout
