"""Who appeared, held values and appeals in the indicators (literal frames, figures worked out beside
each): a deputy counts as the head by default and not when a region says so; a held value is left out
of the rates that need it and counted in the volumes; an appeal's result is neither a win nor a loss
unless a region lists it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date as d

import polars as pl
import pytest

from etl.metrics import DEFAULT_CONFIG, compute_indicators, facts_from_frames, held_records, parse_definitions
from etl.metrics import parse_period as period

Y2025 = period("2025")
HEARINGS = pl.DataFrame([
    {"id": 1, "instance": "first", "hearing_on": d(2025, 3, 1), "appearance": "principal"},
    {"id": 2, "instance": "first", "hearing_on": d(2025, 3, 2), "appearance": "deputy"},
    {"id": 3, "instance": "second", "hearing_on": d(2025, 3, 3), "appearance": "deputy"},
    {"id": 4, "instance": "first", "hearing_on": d(2025, 3, 4), "appearance": "head"},
    {"id": 5, "instance": "first", "hearing_on": d(2025, 3, 5), "appearance": "agent_only"},
    {"id": 6, "instance": "first", "hearing_on": d(2025, 3, 6), "appearance": "absent"},
    {"id": 7, "instance": "first", "hearing_on": d(2025, 3, 7), "appearance": None},  # not recorded
    {"id": 8, "instance": "first", "hearing_on": d(2025, 3, 8), "appearance": None, "appearance_held": True},
])


def head(config: object = None) -> tuple[int, int]:
    v = compute_indicators(facts_from_frames(litigation=HEARINGS), Y2025, config=config)["head_appearance_rate"]
    return v.numerator, v.denominator


def test_a_deputy_counts_as_the_head_by_default_and_a_held_appearance_is_left_out() -> None:
    # Appeared: principal, two deputies, an unnamed head → 4; hearings: 8 less the held one → 7.
    assert head() == (4, 7)


def test_a_region_that_counts_only_the_principal_says_so_in_the_definitions() -> None:
    principal_only = parse_definitions({"defaults": {"deputy_counts_as_head": False}})
    assert head(principal_only) == (2, 7)  # the principal and the unnamed head (是)
    assert principal_only.defaults.to_json_dict()["deputy_counts_as_head"] is False


CLOSURES = pl.DataFrame([
    {"id": 1, "instance": "first", "filed_on": d(2025, 1, 1), "closed_on": d(2025, 5, 1), "outcome": "revoked"},
    {"id": 2, "instance": "first", "filed_on": d(2025, 1, 2), "closed_on": d(2025, 5, 2), "outcome": "claim_dismissed"},
    {"id": 3, "instance": "first", "filed_on": d(2025, 1, 3), "closed_on": d(2025, 5, 3), "outcome": None,
     "outcome_held": True},  # 部分支持: what is it?
    {"id": 4, "instance": "first", "filed_on": d(2025, 1, 4), "closed_on": d(2025, 5, 4), "outcome": None},
    {"id": 5, "instance": "second", "filed_on": d(2025, 6, 1), "closed_on": d(2025, 7, 1), "outcome": "appeal_upheld"},
    {"id": 6, "instance": "second", "filed_on": d(2025, 6, 2), "closed_on": d(2025, 7, 2),
     "outcome": "appeal_reversed"},
    {"id": 7, "instance": "non_litigation", "filed_on": d(2025, 2, 1), "closed_on": d(2025, 2, 20),
     "outcome": "enforcement_refused"},
    {"id": 8, "instance": "non_litigation", "filed_on": d(2025, 2, 2), "closed_on": d(2025, 2, 21),
     "outcome": "enforcement_granted"},
])


def figures(config: object = None) -> tuple[int, tuple[int, int]]:
    r = compute_indicators(facts_from_frames(litigation=CLOSURES), Y2025, config=config)
    return r["litigation_cases"].value, (r["loss_rate"].numerator, r["loss_rate"].denominator)


@pytest.mark.parametrize(("instances", "overrides", "expected"), [
    # First instance: 4 filed (the held one too); closures judged: revoked, claim_dismissed and the closure
    # without an outcome → 1 of 3; the held outcome is in neither.
    (["first"], {}, (4, (1, 3))),
    # With appeals: their results are neither wins nor losses → still 1 of 3 (and 6 cases filed).
    (["first", "second"], {}, (6, (1, 3))),
    # A region that counts an appeal reversed against the agency lists it.
    (["first", "second"], {"loss_outcomes": [*sorted(DEFAULT_CONFIG.loss_outcomes), "appeal_reversed"]}, (6, (2, 4))),
    # 非诉执行审查: 裁定不准予执行 is a loss by default, 准予执行 is not.
    (["non_litigation"], {}, (2, (1, 2))),
])
def test_loss_rate_judges_only_results_that_say_who_won(instances: list[str], overrides: dict,
                                                       expected: tuple[int, tuple[int, int]]) -> None:
    config = parse_definitions({"defaults": {"instances": instances, **overrides}})
    assert figures(config) == expected


def test_held_records_are_counted_once_per_record_in_the_period() -> None:
    facts = facts_from_frames(litigation=CLOSURES.with_columns(appearance_held=pl.col("id") == 3), disputes=pl.DataFrame([
        {"id": 1, "received_on": d(2025, 1, 1), "result": None, "result_held": True},
        {"id": 2, "received_on": d(2024, 1, 1), "result": None, "result_held": True}]))
    assert held_records(facts, Y2025) == 2  # lawsuit 3 (held twice, counted once) and dispute 1
    assert held_records(facts) == 3
    assert held_records(facts, period("2023")) == 0


def test_default_config_counts_deputies() -> None:
    assert DEFAULT_CONFIG.deputy_counts_as_head is True
    assert replace(DEFAULT_CONFIG, deputy_counts_as_head=False).head_appearances == {"principal", "head"}
