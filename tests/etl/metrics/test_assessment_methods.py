"""Each scoring method on literal grouped frames, the points worked out by hand in the comments.

``score_frame`` reads the columns ``compute_grouped`` produces; these frames state only the ones a
scheme item needs. Shown points are scaled to the weight measured (renormalisation) and rounded to 2
decimals; the base score is their sum.
"""

from __future__ import annotations

import polars as pl
import pytest

from etl.metrics import SchemeError, parse_scheme
from etl.metrics.ranking import score_frame


def scheme(*items: dict, **extra: object) -> object:
    return parse_scheme({"name": "测试", "indicators": list(items), **extra})


def scored(frame: dict, *items: dict, min_cases: int = 3, **extra: object) -> dict[str, dict]:
    grouped = pl.DataFrame(frame).with_columns(pl.format("单位{}", "group_id").alias("group_name"))
    out = score_frame(grouped, scheme(*items, **extra), min_cases)
    return {r["group_name"]: r for r in out.iter_rows(named=True)}


def test_linear_points_fall_from_the_target_to_the_threshold() -> None:
    rows = scored({"group_id": [1, 2, 3], "loss_rate": [0.1, 0.0, 0.3], "loss_rate__num": [1, 0, 3],
                   "loss_rate__den": [10, 4, 10]},
                  {"key": "loss_rate", "weight": 100, "target": 0.0, "threshold": 0.2})
    # 10% lies half way from 0% (full) to 20% (zero): 50 points; 0% scores 100; 30% is past the threshold.
    assert [rows[f"单位{i}"]["loss_rate__score"] for i in (1, 2, 3)] == [50.0, 100.0, 0.0]


def test_banded_points_take_the_first_band_reached() -> None:
    item = {"key": "substantive_resolution_rate", "weight": 100, "method": "banded",
            "bands": [[0.9, 100], [0.8, 80], [0.5, 40]]}
    rows = scored({"group_id": [1, 2, 3, 4], "substantive_resolution_rate": [0.9, 0.85, 0.5, 0.4],
                   "substantive_resolution_rate__den": [10, 20, 8, 5]}, item)
    # 90% reaches the top band; 85% the 80% band; 50% the last band; 40% none.
    assert [rows[f"单位{i}"]["substantive_resolution_rate__score"] for i in (1, 2, 3, 4)] == [100.0, 80.0, 40.0, 0.0]


def test_banded_lower_is_better_bands_read_at_most() -> None:
    item = {"key": "loss_rate", "weight": 100, "method": "banded", "bands": [[0.0, 100], [0.05, 60], [0.1, 30]]}
    rows = scored({"group_id": [1, 2, 3, 4], "loss_rate": [0.0, 0.05, 0.1, 0.2], "loss_rate__den": [5, 20, 10, 5]},
                  item)
    assert [rows[f"单位{i}"]["loss_rate__score"] for i in (1, 2, 3, 4)] == [100.0, 60.0, 30.0, 0.0]


def test_deduction_takes_points_per_shortfall_up_to_the_cap() -> None:
    item = {"key": "task_on_time_rate", "weight": 100, "measure": "shortfall", "method": "deduction",
            "per": 20, "cap": 50}
    rows = scored({"group_id": [1, 2, 3, 4], "task_on_time_rate__num": [4, 5, 0, 0],
                   "task_on_time_rate__den": [6, 5, 5, 0]}, item)
    # 2 late → −40; none late → 100; 5 late → −100 capped at −50; no task → not applicable.
    assert [rows[f"单位{i}"]["task_on_time_rate__score"] for i in (1, 2, 3)] == [60.0, 100.0, 50.0]
    assert rows["单位4"]["task_on_time_rate__measured"] is None and rows["单位4"]["base_score"] is None


def test_shortfall_of_a_lower_is_better_rate_counts_its_numerator() -> None:
    item = {"key": "loss_rate", "weight": 100, "measure": "shortfall", "method": "deduction", "per": 30}
    rows = scored({"group_id": [1, 2], "loss_rate__num": [1, 0], "loss_rate__den": [1, 2]}, item)
    # One loss (of one closure: too few for the rate, but every loss counts) → 70; none → 100.
    assert (rows["单位1"]["loss_rate__score"], rows["单位2"]["loss_rate__score"]) == (70.0, 100.0)


def test_relative_compares_with_the_pooled_county_rate() -> None:
    item = {"key": "reconsideration_correction_rate", "weight": 100, "method": "relative",
            "target": -0.05, "threshold": 0.15}
    rows = scored({"group_id": [1, 2, 3], "reconsideration_correction_rate": [0.1, 0.3, 0.0],
                   "reconsideration_correction_rate__num": [1, 3, 0],
                   "reconsideration_correction_rate__den": [10, 10, 20]}, item)
    # County: 4 of 40 = 10%; full at 5%, zero at 25%. 10% → (25 − 10)/(25 − 5) = 75%; 30% → 0; 0% → full.
    assert [rows[f"单位{i}"]["reconsideration_correction_rate__score"] for i in (1, 2, 3)] == [75.0, 0.0, 100.0]
    assert rows["单位1"]["reconsideration_correction_rate__target"] == pytest.approx(0.05)


def test_volume_change_is_divided_by_at_least_the_floor() -> None:
    item = {"key": "litigation_cases", "weight": 100, "measure": "change", "floor": 5, "target": -0.2,
            "threshold": 1.0}
    rows = scored({"group_id": [1, 2, 3, 4, 5], "litigation_cases": [2, 8, 2, 30, 0],
                   "litigation_cases__previous": [0, 10, 2, 20, 0]}, item)
    # 0 → 2: +2/5 = +40% → (100 − 40)/120 = 50; 10 → 8: −20% → full; 2 → 2 and 0 → 0: 0% → 100/120;
    # 20 → 30: +50% → 50/120.
    assert [rows[f"单位{i}"]["litigation_cases__score"] for i in range(1, 6)] == [50.0, 100.0, 83.33, 41.67, 83.33]
    assert rows["单位1"]["litigation_cases__measured"] == pytest.approx(0.4)


def test_increase_deducts_per_case_above_last_year() -> None:
    item = {"key": "litigation_cases", "weight": 100, "measure": "increase", "method": "deduction", "per": 10,
            "cap": 50}
    rows = scored({"group_id": [1, 2, 3], "litigation_cases": [5, 3, 9], "litigation_cases__previous": [3, 5, 0]},
                  item)
    # +2 → −20; −2 → nothing to deduct; +9 → −90 capped at −50.
    assert [rows[f"单位{i}"]["litigation_cases__score"] for i in (1, 2, 3)] == [80.0, 100.0, 50.0]


LOSS = {"key": "loss_rate", "weight": 50, "target": 0.0, "threshold": 0.2}
TASKS = {"key": "task_on_time_rate", "weight": 50, "measure": "shortfall", "method": "deduction", "per": 10,
         "cap": 30}
TWO = {"group_id": [1, 2, 3], "loss_rate": [0.1, 0.0, 1.0], "loss_rate__num": [1, 0, 2], "loss_rate__den": [10, 4, 2],
       "task_on_time_rate__num": [4, 0, 2], "task_on_time_rate__den": [6, 5, 3]}


def test_not_applicable_weight_is_spread_over_what_was_measured() -> None:
    rows = scored(TWO, LOSS, TASKS)
    # 单位1: loss 25 of 50, tasks 2 late → 30 of 50: 55. 单位2: 50 + (50 − 30, capped) = 70.
    # 单位3: 2 closures (< 3: loss not applicable); tasks 1 late → 40 of 50, scaled to 100: 80.
    assert [rows[f"单位{i}"]["base_score"] for i in (1, 2, 3)] == [55.0, 70.0, 80.0]
    assert (rows["单位3"]["loss_rate__score"], rows["单位3"]["task_on_time_rate__weight"]) == (None, 100.0)


def test_full_marks_rule_scores_a_not_applicable_indicator_its_weight() -> None:
    rows = scored(TWO, LOSS, TASKS, not_applicable="full_marks")
    assert (rows["单位3"]["loss_rate__score"], rows["单位3"]["base_score"]) == (50.0, 90.0)


def test_bonuses_earn_fixed_and_per_record_points_within_their_caps() -> None:
    frame = {"group_id": [1, 2], "loss_rate": [0.0, 0.0], "loss_rate__den": [5, 5], "double_decline": [True, False],
             "substantive_resolution_rate__num": [3, 10]}
    bonuses = [{"name": "双下降", "when": "double_decline", "points": 2},
               {"name": "实质性化解", "key": "substantive_resolution_rate", "per": 0.5, "cap": 2}]
    rows = scored(frame, {**LOSS, "weight": 100}, bonuses=bonuses, bonus_cap=3)
    # 单位1: 2 + min(2, 3 × 0.5) = 3.5 → the scheme's cap 3; 单位2: 0 + min(2, 5) = 2.
    assert (rows["单位1"]["bonus"], rows["单位1"]["score"]) == (3.0, 103.0)
    assert (rows["单位2"]["bonus"], rows["单位2"]["score"]) == (2.0, 102.0)
    assert rows["单位1"]["substantive_resolution_rate_bonus__bonus"] == 1.5


@pytest.mark.parametrize(("item", "message"), [
    ({"key": "loss_rate", "weight": 100, "method": "banded"}, "bands"),
    ({"key": "loss_rate", "weight": 100, "method": "banded", "bands": [[0.1, 50], [0.0, 100]]}, "最好的一档"),
    ({"key": "loss_rate", "weight": 100, "method": "banded", "bands": [[0.0, 120]]}, "每档得分"),
    ({"key": "loss_rate", "weight": 100, "method": "deduction", "per": 5}, "需要件数"),
    ({"key": "task_on_time_rate", "weight": 100, "measure": "shortfall", "method": "deduction"}, "per"),
    ({"key": "litigation_cases", "weight": 100, "method": "relative", "target": 0, "threshold": 1}, "relative"),
    ({"key": "litigation_cases", "weight": 100, "measure": "shortfall", "method": "deduction", "per": 1}, "shortfall"),
    ({"key": "loss_rate", "weight": 100, "method": "nope", "threshold": 1}, "method"),
])
def test_a_method_without_its_parameters_is_rejected_with_a_reason(item: dict, message: str) -> None:
    with pytest.raises(SchemeError, match=message):
        scheme(item)


def test_an_unknown_event_bonus_or_unit_type_is_rejected() -> None:
    base = {"key": "loss_rate", "weight": 100, "threshold": 0.2}
    with pytest.raises(SchemeError, match="未知事件"):
        scheme(base, events=[{"kind": "flood", "action": "veto"}])
    with pytest.raises(SchemeError, match="per"):
        scheme(base, bonuses=[{"name": "x", "key": "disputes_resolved"}])
    with pytest.raises(SchemeError, match="未知单位类型"):
        scheme(base, categories={"县直部门": ["部委"]})
    with pytest.raises(SchemeError, match="两个考核类别"):
        scheme(base, categories={"甲": ["部门"], "乙": ["agency"]})
