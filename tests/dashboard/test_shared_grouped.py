"""Warnings and the ranking take the grouped table of their selection from the result cache instead of
computing it again (the overview computed the unit table twice, the rankings page too)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from polars.testing import assert_frame_equal

from dashboard import metrics_cache as mc
from etl import metrics
from etl.metrics import Filters, alerts, compute_grouped, compute_warnings, parse_period, rank, ranking
from tests.facts_factories import random_facts

PERIOD = parse_period("2024")


@pytest.fixture(scope="module")
def facts() -> metrics.Facts:
    return random_facts(n=3000, seed=5)


@pytest.mark.parametrize("filters", [Filters(), Filters(township_ids=(2,))])
@pytest.mark.parametrize("by", ["unit", "township"])
def test_given_grouped_table_gives_the_same_ranking_and_warnings(facts: metrics.Facts, filters: Filters,
                                                                 by: str) -> None:
    grouped = compute_grouped(facts, PERIOD, filters, by=by)
    assert_frame_equal(rank(facts, PERIOD, by=by, filters=filters, grouped=grouped),
                       rank(facts, PERIOD, by=by, filters=filters))
    as_of = facts.as_of
    assert_frame_equal(compute_warnings(facts, PERIOD, filters, by=by, as_of=as_of, grouped=grouped),
                       compute_warnings(facts, PERIOD, filters, by=by, as_of=as_of))


def test_result_cache_computes_the_grouped_table_once_for_warnings_ranking_and_page(
        facts: metrics.Facts, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[tuple[str, str]] = Counter()

    def counting(where: str) -> Any:
        def grouped(f: metrics.Facts, period: metrics.Period, *args: Any, **kwargs: Any) -> Any:
            calls[(where, period.label_en)] += 1
            return compute_grouped(f, period, *args, **kwargs)
        return grouped

    monkeypatch.setattr(metrics, "compute_grouped", counting("cache"))
    monkeypatch.setattr(ranking, "compute_grouped", counting("rank"))
    monkeypatch.setattr(alerts, "compute_grouped", counting("warnings"))
    mc.clear()
    filters = Filters(township_ids=(3,))
    mc.warnings(facts, PERIOD, filters, by="unit", as_of=facts.as_of)
    mc.ranking(facts, PERIOD, by="unit", filters=filters)
    mc.grouped(facts, PERIOD, filters, by="unit")
    mc.clear()
    # This period's table once, through the cache; the previous period's by the ranking itself.
    assert calls == {("cache", "2024"): 1, ("rank", "2023"): 1}
