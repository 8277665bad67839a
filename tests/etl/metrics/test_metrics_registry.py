"""Contract test: every registered indicator is fully described and has a test of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from etl.metrics import INDICATORS, INDICATORS_BY_KEY, Direction, Format, facts_from_frames
from etl.metrics.facts import FACT_NAMES

DOMAIN_KEYS = ("litigation_cases", "loss_rate", "head_appearance_rate", "pre_litigation_mediation_rate",
               "pre_enforcement_settlement_rate", "substantive_resolution_rate", "reconsideration_cases",
               "reconsideration_correction_rate", "reconsideration_settlement_rate",
               "recommendation_adoption_rate", "task_on_time_rate")
TEST_FILE = Path(__file__).with_name("test_metrics_indicators.py")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_registry_holds_every_domain_indicator_once_in_order() -> None:
    keys = [i.key for i in INDICATORS]
    assert len(keys) == len(set(keys))
    assert [k for k in keys if k in DOMAIN_KEYS] == list(DOMAIN_KEYS)


@pytest.mark.parametrize("key", [i.key for i in INDICATORS])
def test_indicator_is_fully_described(key: str) -> None:
    ind = INDICATORS_BY_KEY[key]
    assert CJK.search(ind.label_zh) and CJK.search(ind.numerator_zh)
    assert ind.label_en and ind.numerator_en and ind.unit_zh and ind.unit_en
    assert ind.table in FACT_NAMES
    frame = facts_from_frames().frame(ind.table)
    assert ind.date_column in frame.columns and ind.num_date in frame.columns
    assert ind.format in set(Format)
    if ind.is_rate:
        assert CJK.search(ind.denominator_zh) and ind.denominator_en != "—"
        assert ind.direction in set(Direction)  # every rate says which way is good
    else:
        assert ind.direction in {Direction.LOWER, None}


@pytest.mark.parametrize("key", [i.key for i in INDICATORS])
def test_indicator_has_its_own_literal_frame_test(key: str) -> None:
    tree = ast.parse(TEST_FILE.read_text(encoding="utf-8"))
    names = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert any(n.startswith(f"test_{key}_") for n in names), f"no test_{key}_… in {TEST_FILE.name}"
