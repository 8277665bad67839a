"""Configurable definitions: each variant changes the figure as docs/indicators.md says, bad files say why."""

from __future__ import annotations

from datetime import date as d
from pathlib import Path

import polars as pl
import pytest

from etl.metrics import (
    DEFAULT_CONFIG,
    DEFAULT_DEFINITIONS_PATH,
    DefinitionsError,
    compute_indicators,
    facts_from_frames,
    load_definitions,
    parse_definitions,
    parse_period,
)

Y2025 = parse_period("2025")
LITIGATION = pl.DataFrame([
    {"id": 1, "instance": "first", "closed_on": d(2025, 1, 1), "outcome": "revoked"},
    {"id": 2, "instance": "first", "closed_on": d(2025, 1, 2), "outcome": "payment"},
    {"id": 3, "instance": "first", "closed_on": d(2025, 1, 3), "outcome": "claim_dismissed"},
    {"id": 4, "instance": "first", "closed_on": d(2025, 1, 4), "outcome": "withdrawn"},
    {"id": 5, "instance": "first", "closed_on": d(2025, 1, 5), "outcome": "suit_dismissed"},
    {"id": 6, "instance": "second", "closed_on": d(2025, 1, 6), "outcome": "revoked", "filed_on": d(2025, 1, 1)},
])
RECON = pl.DataFrame([{"id": i, "decided_on": d(2025, 3, 1), "decision": dec}
                      for i, dec in enumerate(["mediated", "withdrawn", "upheld", "revoked"], start=1)])
FACTS = facts_from_frames(litigation=LITIGATION, reconsideration=RECON)


def loss(raw: dict) -> tuple[int, int]:
    v = compute_indicators(FACTS, Y2025, config=parse_definitions(raw))["loss_rate"]
    return v.numerator, v.denominator


@pytest.mark.parametrize(("raw", "expected"), [
    ({}, (1, 5)),  # revoked of all five first-instance closures
    ({"defaults": {"loss_denominator": "judgments"}}, (1, 3)),  # revoked, payment, claim_dismissed
    ({"defaults": {"loss_outcomes": ["revoked", "payment"]}}, (2, 5)),
    ({"defaults": {"instances": ["first", "second"]}}, (2, 6)),
    ({"defaults": {"loss_denominator": "judgments", "instances": ["first", "second"]}}, (2, 4)),
])
def test_loss_rate_variants(raw: dict, expected: tuple[int, int]) -> None:
    assert loss(raw) == expected


def test_withdrawn_reconsideration_counts_as_settlement_when_configured() -> None:
    default = compute_indicators(FACTS, Y2025, config=DEFAULT_CONFIG)["reconsideration_settlement_rate"]
    configured = parse_definitions({"defaults": {"withdrawn_counts_as_settlement": True}})
    widened = compute_indicators(FACTS, Y2025, config=configured)["reconsideration_settlement_rate"]
    assert (default.numerator, default.denominator) == (1, 4)
    assert (widened.numerator, widened.denominator) == (2, 4)


def test_year_override_applies_to_that_year_and_its_comparisons_only() -> None:
    defs = parse_definitions({"years": {"2025": {"loss_denominator": "judgments"}}})
    assert defs.for_year(2025).loss_denominator == "judgments"
    assert defs.for_year(2024).loss_denominator == "all_closures"
    v = compute_indicators(FACTS, Y2025, config=defs)["loss_rate"]
    assert v.denominator == 3
    assert compute_indicators(FACTS, parse_period("2024"), config=defs)["loss_rate"].value is None


def test_close_margin_decides_between_close_and_missed() -> None:
    facts = facts_from_frames(litigation=LITIGATION, targets=pl.DataFrame(
        [{"year": 2025, "indicator_key": "loss_rate", "scope_type": "region", "scope_id": None, "value": 0.19}]))
    assert compute_indicators(facts, Y2025)["loss_rate"].status == "close"  # 0.20 within 0.02 of 0.19
    tight = parse_definitions({"defaults": {"close_margin_rate": 0.005}})
    assert compute_indicators(facts, Y2025, config=tight)["loss_rate"].status == "missed"


def test_shipped_file_parses_to_the_domain_defaults() -> None:
    defs = load_definitions(DEFAULT_DEFINITIONS_PATH)
    assert defs.defaults.loss_denominator == "all_closures"
    assert defs.defaults.instances == ("first",)
    assert "payment" not in defs.defaults.loss_outcomes and "compensation" in defs.defaults.loss_outcomes
    assert defs.for_year(2025).loss_outcomes == DEFAULT_CONFIG.loss_outcomes


@pytest.mark.parametrize(("text", "message"), [
    ('[defaults]\nloss_denominator = "everything"\n', "loss_denominator"),
    ('[defaults]\nloss_outcomes = ["lost"]\n', "未知取值"),
    ('[defaults]\nbogus = 1\n', "未知配置项"),
    ('[defaults]\nranking_min_cases = "three"\n', "类型"),
    ("[defaults\n", "格式错误"),
])
def test_bad_definitions_file_gives_a_chinese_message(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "indicators.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionsError, match=message):
        load_definitions(path)
