"""The two-stage engine (packed flags cached per period, counted per filter change) against a
straightforward reference: one ``(in period & mask).sum()`` per output over the filtered rows.

Also: the cache is reused across filter values and never across frames or configurations, a group
whose records count nowhere still appears, and the NumPy status/target code follows targets.py.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date as d

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from etl.db.models import ScopeType
from etl.metrics import Filters, compute_grouped, compute_indicators, engine, facts_from_frames, parse_period
from etl.metrics.compute import _status, compared_periods, resolve_config
from etl.metrics.definitions import IndicatorConfig
from etl.metrics.engine import FLAG_CACHE, WORD_BITS, _span_filter, aggregate, indicator_flags
from etl.metrics.facts import FACT_NAMES, Facts
from etl.metrics.registry import INDICATORS, Indicator
from etl.metrics.targets import YearTargets, target_status
from tests.facts_factories import FILTERS, random_facts

#: Fact tables some indicator reads: each gets its own flags (the meeting register has none).
MEASURED_TABLES = len({i.table for i in INDICATORS})


def reference(facts: Facts, period_text: str, filters: Filters, by: str | None,
              indicators: tuple[Indicator, ...] = INDICATORS, config: IndicatorConfig | None = None) -> pl.DataFrame:
    """The sums the obvious way: per table, filter, keep the span, one boolean sum per output."""
    period = parse_period(period_text)
    periods = compared_periods(period)
    cfg = config or resolve_config(None, period)
    group = {"unit": "unit_id", "township": "township_id", "area": "area_id"}.get(by or "")
    out: pl.DataFrame | None = None
    for table in FACT_NAMES:
        inds = [i for i in indicators if i.table == table]
        if not inds:
            continue
        sums = [b.sum().cast(pl.Int64).alias(n) for i in inds for n, b in indicator_flags(i, periods, cfg, filters)]
        rows = filters.apply(facts.frame(table), table).filter(_span_filter(inds, periods))
        if group is None:
            part = rows.select(sums).collect()
            out = part if out is None else pl.concat([out, part], how="horizontal")
            continue
        part = rows.filter(pl.col(group).is_not_null()).group_by(pl.col(group).alias("group_id")).agg(sums).collect()
        out = part if out is None else out.join(part, on="group_id", how="full", coalesce=True)
    assert out is not None
    if group is None:
        return out
    return out.with_columns(pl.all().exclude("group_id").fill_null(0)).sort("group_id")


@pytest.fixture(scope="module")
def facts() -> Facts:
    return random_facts()


@pytest.mark.parametrize("small_cube", [20_000, 0], ids=["numpy-expand", "polars-sums"])
@pytest.mark.parametrize("period_text", ["2024", "2024H2", "2023Q1", "2025-02", "2023-03-05..2024-01-20"])
def test_engine_sums_equal_the_reference_for_every_filter_and_grouping(facts: Facts, period_text: str,
                                                                     small_cube: int,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "SMALL_CUBE", small_cube)  # both ways of expanding the bits
    period = parse_period(period_text)
    cfg = resolve_config(None, period)
    for f, by in itertools.product(FILTERS, [None, "unit", "township", "area"]):
        expected = reference(facts, period_text, f, by)
        for cache in (True, False):
            got = aggregate(facts, compared_periods(period), f, cfg, by=by, cache=cache)
            assert got.columns == expected.columns, (f, by)
            assert_frame_equal(got, expected, check_dtypes=True), (f, by, cache)


def test_tables_with_more_outputs_than_one_packed_word(facts: Facts, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty copies of the loss rate: 160 outputs, three 62-bit words."""
    many = tuple(replace(INDICATORS[1], key=f"loss_{i}") for i in range(40))
    assert len(many) * 4 > 2 * WORD_BITS
    period = parse_period("2024")
    cfg = resolve_config(None, period)
    for f, by in [(Filters(), "unit"), (Filters(township_ids=(1,)), None), (Filters(area_ids=(1, 2)), "area")]:
        expected = reference(facts, "2024", f, by, many)
        for small_cube in (20_000, 0):
            monkeypatch.setattr(engine, "SMALL_CUBE", small_cube)
            assert_frame_equal(aggregate(facts, compared_periods(period), f, cfg, by=by, indicators=many), expected)


def test_filter_changes_reuse_the_flags_of_the_period(facts: Facts) -> None:
    period = parse_period("2024H1")
    tables = MEASURED_TABLES
    FLAG_CACHE.clear()
    compute_grouped(facts, period, Filters(township_ids=(1,)))
    assert len(FLAG_CACHE) == tables  # the period's flags, one frame per table
    for f in (Filters(township_ids=(2,)), Filters(area_ids=(2,)), Filters(courts=("甲法院",), unit_ids=(3,))):
        compute_grouped(facts, period, f)
    assert len(FLAG_CACHE) == tables  # filters keeping few rows read the flags: nothing built
    compute_grouped(facts, period, Filters())
    compute_grouped(facts, period, Filters())
    assert len(FLAG_CACHE) == 2 * tables  # unfiltered: the flags counted by unit, once
    compute_grouped(facts, period, Filters(instances=("second",)))
    assert len(FLAG_CACHE) == 4 * tables  # another instance choice: its own flags and cube
    compute_grouped(facts, parse_period("2024H2"), Filters(township_ids=(1,)))
    assert len(FLAG_CACHE) == 5 * tables  # another period: new flags


def test_a_filter_that_keeps_many_rows_gets_its_cube_on_its_second_use(
        facts: Facts, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "WIDE_ROWS", 0)  # every filter "keeps many rows"
    period = parse_period("2024")
    FLAG_CACHE.clear()
    first = compute_grouped(facts, period, Filters(area_ids=(1,)))
    assert len(FLAG_CACHE) == MEASURED_TABLES
    second = compute_grouped(facts, period, Filters(area_ids=(2,)))
    # (area, unit) cubes of the tables with rows: an empty table's filter kept no rows
    with_rows = len({i.table for i in INDICATORS if facts.frame(i.table).height})
    assert len(FLAG_CACHE) == MEASURED_TABLES + with_rows
    assert_frame_equal(compute_grouped(facts, period, Filters(area_ids=(1,))), first)
    assert_frame_equal(compute_grouped(facts, period, Filters(area_ids=(2,))), second)
    assert len(FLAG_CACHE) == MEASURED_TABLES + with_rows


def test_cache_never_serves_another_frame_or_another_configuration() -> None:
    rows = [{"id": 1, "unit_id": 1, "instance": "first", "closed_on": d(2025, 3, 1), "outcome": "revoked"},
            {"id": 2, "unit_id": 1, "instance": "first", "closed_on": d(2025, 4, 1), "outcome": "withdrawn"}]
    one = facts_from_frames(litigation=pl.DataFrame(rows))
    y2025 = parse_period("2025")
    assert compute_indicators(one, y2025)["loss_rate"].value == 0.5  # 1 revoked of 2 closures
    # Same shape, new frame (a data reload): its own flags, never the old frame's.
    two = facts_from_frames(litigation=pl.DataFrame([{**rows[0], "outcome": "withdrawn"}, rows[1]]))
    assert compute_indicators(two, y2025)["loss_rate"].value == 0.0
    # Withdrawals counted as losses by the configuration: 2 of 2, despite the cached flags of the default.
    custom = replace(IndicatorConfig(), loss_outcomes=frozenset({"revoked", "withdrawn"}))
    assert compute_indicators(one, y2025, config=custom)["loss_rate"].value == 1.0
    assert compute_indicators(one, y2025)["loss_rate"].value == 0.5


def test_a_unit_whose_records_count_nowhere_still_appears_with_zeros() -> None:
    """A court (not a member of the unit dimension) with one retrial filed in the period: no
    first-instance figure counts it, yet it has a record in the period, so it is listed."""
    units = pl.DataFrame({"id": [1, 2], "name": ["自然资源局", "县法院"], "unit_type": ["agency", "court"]})
    lit = pl.DataFrame([{"id": 1, "unit_id": 1, "instance": "first", "filed_on": d(2025, 2, 1)},
                        {"id": 2, "unit_id": 2, "instance": "retrial", "filed_on": d(2025, 3, 1)}])
    facts = facts_from_frames(litigation=lit, units=units)
    table = compute_grouped(facts, parse_period("2025"), by="unit")
    assert table.select("group_id", "group_name", "litigation_cases", "clearance_rate").rows() == [
        (1, "自然资源局", 1, 0.0), (2, "县法院", 0, None)]
    # Outside the period it has no record at all and is not listed.
    assert compute_grouped(facts, parse_period("2024"), by="unit")["group_id"].to_list() == [1]


def test_filter_change_after_caching_matches_a_hand_count() -> None:
    rows = [{"id": i, "unit_id": 1 + i % 2, "township_id": 1 + i % 3, "instance": "first",
             "filed_on": d(2025, 1 + i, 1)} for i in range(6)]
    facts = facts_from_frames(litigation=pl.DataFrame(rows))
    y2025 = parse_period("2025")
    counts = {}
    for t in (1, 2, 3, 1):
        table = compute_grouped(facts, y2025, Filters(township_ids=(t,)), by="unit")
        counts[t] = dict(table.select("group_id", "litigation_cases").rows())
    # township 1: ids 0, 3 → units 1, 2; township 2: ids 1, 4 → units 2, 1; township 3: ids 2, 5 → 1, 2.
    assert counts == {1: {1: 1, 2: 1}, 2: {1: 1, 2: 1}, 3: {1: 1, 2: 1}}
    assert compute_indicators(facts, y2025, Filters(township_ids=(1, 3)))["litigation_cases"].value == 4


def test_vectorised_status_follows_target_status() -> None:
    cfg = IndicatorConfig()
    values = np.array([np.nan, 0.0, 0.05, 0.099, 0.1, 0.1 + 1e-13, 0.11, 0.12, 0.1200001, 0.5, 10, 11, 12, 9, 8])
    for ind in INDICATORS:
        for target in (np.nan, 0.1, 10.0, 0.0):
            targets = np.full(len(values), target)
            got = _status(values, targets, ind, cfg).to_list()
            want = [target_status(None if np.isnan(v) else float(v), None if np.isnan(target) else target, ind, cfg)
                    .value for v in values]
            assert got == want, (ind.key, target)


# The target rules stated row by row with frame filters, as first written (YearTargets replaced them).
def _year_targets(targets: pl.DataFrame, year: int, key: str) -> pl.DataFrame:
    return targets.filter((pl.col("year") == year) & (pl.col("indicator_key") == key))


def region_target(targets: pl.DataFrame, year: int, key: str, region_id: int | None = None) -> float | None:
    """A region's target: scope ``region`` with a null id is the whole jurisdiction (as the importer
    stores it); with a county's id, that county's (city and province databases), falling back to
    the whole jurisdiction's."""
    rows = _year_targets(targets, year, key).filter(pl.col("scope_type") == ScopeType.REGION.value)
    if region_id is not None:
        own = rows.filter(pl.col("scope_id") == region_id)
        if not own.is_empty():
            return float(own["value"][0])
    whole = rows.filter(pl.col("scope_id").is_null())
    return None if whole.is_empty() else float(whole["value"][0])


def scope_target(targets: pl.DataFrame, year: int, ind: Indicator, scope_type: str | None,
                 scope_id: int | None) -> float | None:
    """The target that applies to one scope (the whole region when ``scope_type`` is None)."""
    if scope_type == ScopeType.REGION.value:
        return region_target(targets, year, ind.key, scope_id)
    if scope_type is not None and scope_id is not None:
        rows = _year_targets(targets, year, ind.key).filter(
            (pl.col("scope_type") == scope_type) & (pl.col("scope_id") == scope_id))
        if not rows.is_empty():
            return float(rows["value"][0])
        if not ind.is_rate:
            return None
    return region_target(targets, year, ind.key)


def group_targets(targets: pl.DataFrame, year: int, ind: Indicator, scope_type: str,
                  ids: pl.Series) -> pl.Series:
    """One target per group id, with the region fallback for rates."""
    rows = targets.filter(pl.col("year") == year) if targets.height else targets
    if rows.is_empty() or ind.key not in set(rows["indicator_key"].to_list()):
        return pl.Series([None] * len(ids), dtype=pl.Float64)
    own = rows.filter((pl.col("indicator_key") == ind.key) & (pl.col("scope_type") == scope_type))
    lookup = dict(zip(own["scope_id"].to_list(), own["value"].to_list(), strict=True))
    fallback = region_target(rows, year, ind.key) if ind.is_rate else None
    return pl.Series([lookup.get(i, fallback) for i in ids.to_list()], dtype=pl.Float64)


def test_year_targets_follow_scope_target_and_group_targets() -> None:
    targets = pl.DataFrame({
        "year": [2025] * 7 + [2024],
        "indicator_key": ["loss_rate", "loss_rate", "loss_rate", "litigation_cases", "litigation_cases",
                          "loss_rate", "head_appearance_rate", "loss_rate"],
        "scope_type": ["region", "unit", "region", "unit", "region", "township", "unit", "region"],
        "scope_id": [None, 3, 7, 3, None, 2, 4, None],
        "value": [0.1, 0.05, 0.2, 12.0, 100.0, 0.08, 0.9, 0.3]},
        schema={"year": pl.Int64, "indicator_key": pl.String, "scope_type": pl.String, "scope_id": pl.Int64,
                "value": pl.Float64})
    ids = [1, 2, 3, 4, 7]
    for year in (2024, 2025, 2026):
        lookup = YearTargets(targets, year)
        for ind in INDICATORS:
            for scope in [(None, None), ("unit", 3), ("unit", 9), ("township", 2), ("region", 7), ("region", 8)]:
                assert lookup.scope(ind, *scope) == scope_target(targets, year, ind, *scope), (year, ind.key, scope)
            for by in ("unit", "township"):
                want = group_targets(targets, year, ind, by, pl.Series(ids)).to_list()
                got = [None if np.isnan(v) else float(v) for v in lookup.groups(ind, by, ids)]
                assert got == want, (year, ind.key, by)
