"""The reconsideration decision mix: tallied in the indicator layer over the correction-rate denominator."""

from __future__ import annotations

from dataclasses import replace
from datetime import date as d

import polars as pl
from polars.testing import assert_frame_equal

from etl.metrics import (
    DEFAULT_CONFIG,
    Filters,
    compute_indicators,
    decision_mix,
    facts_from_frames,
    parse_period,
)

Y2025 = parse_period("2025")


def recon(i: int, decided: d | None, decision: str | None, unit: int = 1) -> dict:
    return {"id": i, "unit_id": unit, "received_on": d(2025, 1, 1), "decided_on": decided, "decision": decision}


ROWS = [recon(1, d(2025, 2, 1), "revoked"), recon(2, d(2025, 3, 1), "revoked"),
        recon(3, d(2025, 4, 1), "upheld"), recon(4, d(2025, 5, 1), "mediated"),
        recon(5, d(2025, 6, 1), "withdrawn"), recon(6, d(2025, 7, 1), "upheld", unit=2),
        recon(7, d(2024, 7, 1), "revoked"),  # decided in 2024: not in the 2025 mix
        recon(8, None, None)]  # pending: no decision


def facts() -> object:
    return facts_from_frames(reconsideration=pl.DataFrame(ROWS, infer_schema_length=None))


def test_decision_mix_tallies_decisions_in_the_period_largest_first() -> None:
    got = decision_mix(facts(), Y2025)  # type: ignore[arg-type]
    expected = pl.DataFrame({"decision": ["revoked", "upheld", "mediated", "withdrawn"], "count": [2, 2, 1, 1],
                             "is_correction": [True, False, False, False],
                             "is_settlement": [False, False, True, False]})
    assert_frame_equal(got, expected)


def test_decision_mix_adds_up_to_the_correction_rate() -> None:
    f = facts()
    mix = decision_mix(f, Y2025)  # type: ignore[arg-type]
    rate = compute_indicators(f, Y2025)["reconsideration_correction_rate"]  # type: ignore[arg-type]
    assert (mix["count"].sum(), mix.filter(pl.col("is_correction"))["count"].sum()) == (6, 2)
    assert (rate.denominator, rate.numerator) == (6, 2)


def test_decision_mix_follows_filters_and_the_configured_settlement_set() -> None:
    f = facts()
    unit2 = decision_mix(f, Y2025, Filters(unit_ids=(2,)))  # type: ignore[arg-type]
    assert unit2.select("decision", "count").rows() == [("upheld", 1)]
    cfg = replace(DEFAULT_CONFIG, withdrawn_counts_as_settlement=True)
    withdrawn = decision_mix(f, Y2025, config=cfg).filter(pl.col("decision") == "withdrawn")  # type: ignore[arg-type]
    assert withdrawn["is_settlement"].to_list() == [True]


def test_decision_mix_of_an_empty_period_is_an_empty_frame_with_its_columns() -> None:
    got = decision_mix(facts(), parse_period("2023"))  # type: ignore[arg-type]
    assert got.is_empty() and got.columns == ["decision", "count", "is_correction", "is_settlement"]
