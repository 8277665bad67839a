"""The by-month table from one grouped pass (``etl.metrics.daily``) equals the per-month computation
it replaced: one engine pass and one ``derive`` per month, kept here as the reference."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date as d

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from etl.metrics import Filters, compute_grouped, facts_from_frames, parse_period
from etl.metrics.compute import _one, _scope_of, compared_periods, derive, resolve_config
from etl.metrics.daily import sums_for_periods
from etl.metrics.definitions import IndicatorConfig
from etl.metrics.engine import compute_sums
from etl.metrics.facts import Facts
from etl.metrics.periods import Period
from etl.metrics.registry import INDICATORS
from etl.metrics.targets import YearTargets
from tests.facts_factories import FILTERS, random_facts


def months_one_by_one(facts: Facts, period: Period, filters: Filters, cfg: IndicatorConfig) -> pl.DataFrame:
    """The former ``_compute_months``: one uncached engine pass per month, one row each."""
    rows: list[pl.DataFrame] = []
    scope_type, scope_id = _scope_of(filters)
    for month in period.months():
        sums = compute_sums(facts, compared_periods(month), filters, cfg, cache=False)
        year = YearTargets(facts.targets, month.end.year)
        targets = {i.key: _one(year.scope(i, scope_type, scope_id)) for i in INDICATORS}
        keep = [pl.Series("group_id", [month.label_en]), pl.Series("group_name", [month.label_zh])]
        rows.append(derive(sums.columns(), targets, cfg, keep=keep))
    return pl.concat(rows, how="vertical_relaxed")


def _with_targets(facts: Facts) -> Facts:
    """Targets that differ by year and scope, so that each month must take its own year's."""
    targets = pl.DataFrame({
        "year": [2023, 2024, 2024, 2024, 2025, 2024],
        "indicator_key": ["loss_rate", "loss_rate", "litigation_cases", "loss_rate", "head_appearance_rate",
                          "litigation_cases"],
        "scope_type": ["region", "region", "region", "township", "region", "unit"],
        "scope_id": [None, None, None, 2, None, 1],
        "value": [0.2, 0.1, 30.0, 0.05, 0.9, 3.0]},
        schema={"year": pl.Int64, "indicator_key": pl.String, "scope_type": pl.String, "scope_id": pl.Int64,
                "value": pl.Float64})
    return replace(facts, targets=targets)


@pytest.fixture(scope="module")
def facts() -> Facts:
    return _with_targets(random_facts(n=4000, seed=23))


PERIODS = ["2024", "2024H1", "2023Q4", "2025-02", "2023-11-15..2024-02-10", "2024-02-29..2024-03-01",
           "2021-06-01..2022-01-31"]


@pytest.mark.parametrize("period_text", PERIODS)
def test_by_month_table_equals_one_pass_per_month(facts: Facts, period_text: str) -> None:
    period = parse_period(period_text)
    cfg = resolve_config(None, period)
    for f in [*FILTERS, Filters(unit_ids=(1,)), Filters(township_ids=(2,))]:
        got = compute_grouped(facts, period, f, by="month", config=cfg)
        want = months_one_by_one(facts, period, f, cfg)
        assert_frame_equal(got, want, check_dtypes=True)


def test_each_month_takes_its_own_years_target(facts: Facts) -> None:
    table = compute_grouped(facts, parse_period("2023-11-15..2024-02-10"), by="month")
    assert table.select("group_id", "loss_rate__target").rows() == [
        ("2023-11", 0.2), ("2023-12", 0.2), ("2024-01", 0.1), ("2024-02", 0.1)]


def test_sums_for_periods_equal_the_engine_for_every_set_and_configuration(facts: Facts) -> None:
    """Arbitrary, overlapping period sets (not months), with the judgments-only loss denominator."""
    sets = [compared_periods(parse_period(p)) for p in ("2024", "2023H2", "2022-12-30..2025-01-02", "2025Q1")]
    for cfg, f in itertools.product([IndicatorConfig(), IndicatorConfig(loss_denominator="judgments")],
                                    [Filters(), Filters(township_ids=(3,), courts=("甲法院",))]):
        got = sums_for_periods(facts, sets, f, cfg)
        for periods, sums in zip(sets, got, strict=True):
            want = compute_sums(facts, periods, f, cfg, cache=False)
            assert sums.names == want.names
            assert np.array_equal(sums.matrix, want.matrix), (periods["cur"].label_en, f, cfg.loss_denominator)


def test_by_month_counts_by_hand() -> None:
    """Filed 2024-01-05, 2024-01-31, 2024-03-01 and 2023-01-10 (first instance): January 2024 has 2
    (同比 1, 环比 0 from December 2023), February 0 (环比 2), March 1 (环比 0); a loss closed in
    March: loss rate 1/1 in March, not applicable in January."""
    rows = [{"id": 1, "instance": "first", "filed_on": d(2024, 1, 5)},
            {"id": 2, "instance": "first", "filed_on": d(2024, 1, 31)},
            {"id": 3, "instance": "first", "filed_on": d(2024, 3, 1), "closed_on": d(2024, 3, 20),
             "outcome": "revoked"},
            {"id": 4, "instance": "first", "filed_on": d(2023, 1, 10)}]
    facts = facts_from_frames(litigation=pl.DataFrame(rows))
    table = compute_grouped(facts, parse_period("2024Q1"), by="month")
    assert table.select("group_id", "litigation_cases", "litigation_cases__previous",
                        "litigation_cases__sequential", "loss_rate").rows() == [
        ("2024-01", 2, 1, 0, None), ("2024-02", 0, 0, 2, None), ("2024-03", 1, 0, 0, 1.0)]


def test_no_rows_at_all_gives_zero_counts_and_not_applicable_rates() -> None:
    facts = facts_from_frames()
    table = compute_grouped(facts, parse_period("2025H1"), by="month")
    assert table.height == 6
    assert table["litigation_cases"].to_list() == [0] * 6
    assert table["loss_rate"].null_count() == 6
