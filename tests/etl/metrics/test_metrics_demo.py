"""On the demo county, the indicator layer agrees with independent SQL counts over the raw rows."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from sqlalchemy import Engine, bindparam, text

from etl.demo import load_demo
from etl.metrics import DEFAULT_CONFIG, compute_grouped, compute_indicators, load_facts, parse_period
from etl.metrics.ranking import rank
from etl.metrics.scheme import scheme_for_year

H1 = parse_period("2025H1")
SPAN = {"a": dt.date(2025, 1, 1), "b": dt.date(2025, 6, 30)}


def count(engine: Engine, sql: str, **params: object) -> int:
    stmt = text(sql)
    for expanding in ("outcomes", "heads"):
        if expanding in params:
            stmt = stmt.bindparams(bindparam(expanding, expanding=True))
    with engine.connect() as conn:
        return int(conn.execute(stmt, {**SPAN, **params}).scalar_one())


@pytest.fixture
def demo(db_url: str, engine: Engine) -> Engine:
    load_demo(db_url, seed=20231225, scale="county", replace=False)
    return engine


def test_demo_region_figures_match_sql_over_the_rows(demo: Engine) -> None:
    r = compute_indicators(load_facts(demo), H1)
    filed = count(demo, "SELECT COUNT(*) FROM litigation_case WHERE instance = 'first' "
                        "AND filed_on BETWEEN :a AND :b")
    closed = count(demo, "SELECT COUNT(*) FROM litigation_case WHERE instance = 'first' "
                         "AND closed_on BETWEEN :a AND :b")
    lost = count(demo, "SELECT COUNT(*) FROM litigation_case WHERE instance = 'first' "
                       "AND closed_on BETWEEN :a AND :b AND outcome IN :outcomes",
                 outcomes=sorted(DEFAULT_CONFIG.loss_outcomes))
    heard = count(demo, "SELECT COUNT(*) FROM litigation_case WHERE hearing_on BETWEEN :a AND :b")
    appeared = count(demo, "SELECT COUNT(*) FROM litigation_case WHERE hearing_on BETWEEN :a AND :b "
                           "AND appearance IN :heads", heads=sorted(DEFAULT_CONFIG.head_appearances))
    decided = count(demo, "SELECT COUNT(*) FROM reconsideration_case WHERE decided_on BETWEEN :a AND :b "
                          "AND decision IS NOT NULL")
    assert filed > 0 and closed > 0 and heard > 0  # the demo has data in the period
    assert r["litigation_cases"].value == filed
    assert (r["loss_rate"].numerator, r["loss_rate"].denominator) == (lost, closed)
    assert r["loss_rate"].value == pytest.approx(lost / closed)
    assert (r["head_appearance_rate"].numerator, r["head_appearance_rate"].denominator) == (appeared, heard)
    assert r["reconsideration_correction_rate"].denominator == decided


def test_demo_unit_totals_add_up_to_rows_with_a_unit(demo: Engine) -> None:
    facts = load_facts(demo)
    table = compute_grouped(facts, H1, by="unit")
    with_unit = count(demo, "SELECT COUNT(*) FROM litigation_case WHERE instance = 'first' "
                            "AND filed_on BETWEEN :a AND :b AND defendant_unit_id IS NOT NULL")
    assert table["litigation_cases"].sum() == with_unit
    ranking = rank(facts, parse_period("2025"), by="unit")
    # Every unit of an assessed type is in the ranking; the county government, court and procuratorate
    # (types in no category of the scheme) are not, and each category's places start at 1.
    scheme = scheme_for_year(facts, 2025)
    assessed = facts.units.filter(pl.col("unit_type").is_in([t for c in scheme.categories for t in c.unit_types]))
    assert set(ranking["group_id"]) == set(table["group_id"]) & set(assessed["id"])
    assert ranking.group_by("category").agg(pl.col("rank").min())["rank"].to_list() == [1] * len(scheme.categories)


def test_city_demo_counties_add_up_and_use_their_own_targets(sqlite_url: str) -> None:
    from etl.db.engine import make_engine
    from etl.metrics import Filters

    load_demo(sqlite_url, seed=20231225, scale="city", replace=False)
    engine = make_engine(sqlite_url)
    facts = load_facts(engine)
    engine.dispose()
    year = parse_period("2025")
    whole = compute_indicators(facts, year)
    counties = facts.counties["id"].to_list()
    parts = [compute_indicators(facts, year, Filters(region_ids=(c,))) for c in counties]
    assert len(counties) == 10
    assert sum(p["litigation_cases"].value for p in parts) == whole["litigation_cases"].value
    assert sum(p["loss_rate"].denominator for p in parts) == whole["loss_rate"].denominator
    targets = facts.targets.filter((pl.col("year") == 2025) & (pl.col("indicator_key") == "loss_rate")
                                   & (pl.col("scope_type") == "region"))
    own = targets.filter(pl.col("scope_id") == counties[1])["value"].to_list()
    assert parts[1]["loss_rate"].target == (own[0] if own else whole["loss_rate"].target)
