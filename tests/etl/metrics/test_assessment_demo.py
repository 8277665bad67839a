"""Must show, on the demo county's 2025 (SQLite and PostgreSQL): at least two categories each starting
at rank 1; no more than two ranked units sharing a place within a category; task_on_time_rate scored;
every unit's indicator points adding up to its base score and its breakdown to its score; a unit with
0–2 lawsuits in both years keeping at least half of the volume weight. Expectations are computed."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import polars as pl
import pytest
from sqlalchemy import Engine

from etl.demo import load_demo
from etl.metrics import load_facts, parse_period, rank, scheme_for_year
from etl.metrics.assessment_events import collect_events
from etl.metrics.ranking_json import ranking_json

Y2025 = parse_period("2025")


@pytest.fixture
def demo(db_url: str, engine: Engine) -> tuple[object, pl.DataFrame, object]:
    load_demo(db_url, seed=20231225, scale="county", end=dt.date(2026, 6, 30))
    facts = load_facts(engine)
    return facts, rank(facts, Y2025), scheme_for_year(facts, 2025)


def test_demo_2025_ranks_categories_apart_with_few_ties(demo: tuple) -> None:
    _, table, _ = demo
    ranked = table.filter(pl.col("rank").is_not_null())
    firsts = ranked.group_by("category").agg(pl.col("rank").min())
    assert firsts.height >= 2 and firsts["rank"].to_list() == [1] * firsts.height
    shared = Counter(zip(ranked["category"], ranked["rank"], strict=True))
    assert max(shared.values()) <= 2, [k for k, v in shared.items() if v > 2]


def test_demo_2025_scores_the_task_list_and_every_score_adds_up(demo: tuple) -> None:
    facts, table, scheme = demo
    assert "task_on_time_rate" in [i.key for i in scheme.items]
    assert table["task_on_time_rate__score"].drop_nulls().len() > 0
    for row in table.filter(pl.col("base_score").is_not_null()).iter_rows(named=True):
        points = sum(row[f"{i.slug}__score"] or 0.0 for i in scheme.items)
        assert points == pytest.approx(row["base_score"], abs=1e-6), row["group_name"]
    events = collect_events(facts, Y2025, tuple(r.kind for r in scheme.events))
    for entry in ranking_json(table, scheme, events, "unit", scheme.min_cases or 3):
        lines = entry["breakdown"]
        if entry["score"] is not None:
            assert sum(line["points"] or 0.0 for line in lines[:-1]) == pytest.approx(entry["score"], abs=1e-6)
        assert lines[-1]["section"] == "total" and lines[-1]["points"] == entry["score"]


def test_a_demo_unit_with_at_most_two_cases_a_year_keeps_half_the_volume_weight(demo: tuple) -> None:
    _, table, scheme = demo
    small = table.filter((pl.col("litigation_cases") <= 2) & (pl.col("litigation_cases__previous") <= 2))
    assert small.height > 0
    [volume] = [i for i in scheme.items if i.key == "litigation_cases"]
    for row in small.iter_rows(named=True):
        earned = row[f"{volume.slug}__score"] / row[f"{volume.slug}__weight"]  # share of the (scaled) weight
        assert earned >= 0.5, (row["group_name"], row["litigation_cases__previous"], row["litigation_cases"])


def test_the_demo_shows_an_event_triggered_veto(demo: tuple) -> None:
    facts, table, _ = demo
    flagged = facts.case_flags.filter(pl.col("kind") == "major_loss")
    assert flagged.height == 1
    vetoed = table.filter(pl.col("vetoed"))
    assert vetoed["veto_reason"].to_list() == ["重大败诉案件1件"]
    assert vetoed["rank"][0] == table.filter(pl.col("category") == vetoed["category"][0])["rank"].max()
