"""The access rule on literal frames: a liaison officer's facts hold their rows and only the names
those rows mention; rankings stay county-wide with the other names masked unless allowed."""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.access import EVERYTHING, ViewerScope, facts_for_viewer, ranking_for_viewer, scope_of
from etl.metrics import facts_from_frames

D = dt.date


def _facts():  # type: ignore[no-untyped-def]
    units = pl.DataFrame({"id": [1, 2, 3], "name": ["甲局", "乙局", "丙镇政府"],
                          "unit_type": ["agency", "agency", "township_gov"]})
    towns = pl.DataFrame({"id": [7, 8], "name": ["柳屯镇", "城关镇"]})
    areas = pl.DataFrame({"id": [20, 21], "name": ["土地征收", "治安管理"]})
    cases = pl.DataFrame([{"id": 1, "unit_id": 1, "township_id": 7, "area_id": 20, "filed_on": D(2025, 1, 1)},
                          {"id": 2, "unit_id": 2, "township_id": 8, "area_id": 21, "filed_on": D(2025, 2, 1)},
                          {"id": 3, "unit_id": None, "township_id": 8, "area_id": None, "filed_on": D(2025, 3, 1)}])
    tasks = pl.DataFrame([{"id": 9, "unit_id": 3, "township_id": None, "assigned_on": D(2025, 1, 5)}])
    return facts_from_frames(litigation=cases, tasks=tasks, units=units, townships=towns, areas=areas)


def test_only_a_liaison_is_limited_and_to_their_own_unit_or_township() -> None:
    assert scope_of("admin", 1, None) is EVERYTHING and scope_of("leader", None, 7) is EVERYTHING
    assert scope_of("liaison", 1, None) == ViewerScope((1,), ())
    assert scope_of("liaison", None, 7) == ViewerScope((), (7,))


def test_everything_is_the_same_facts_object() -> None:
    facts = _facts()
    assert facts_for_viewer(facts, EVERYTHING) is facts


def test_a_unit_liaison_sees_their_rows_and_only_the_names_those_rows_mention() -> None:
    seen = facts_for_viewer(_facts(), ViewerScope(unit_ids=(1,)))
    assert seen.litigation["id"].to_list() == [1] and seen.tasks.is_empty()
    assert (seen.units["name"].to_list(), seen.townships["name"].to_list(), seen.areas["name"].to_list()) == (
        ["甲局"], ["柳屯镇"], ["土地征收"])
    assert (seen.scope_unit_ids, seen.scope_township_ids) == ((1,), ())
    assert seen.names.units.resolve("乙局") is None  # a name they may not see does not resolve either


def test_a_township_liaison_sees_every_row_of_the_township_whoever_is_responsible() -> None:
    seen = facts_for_viewer(_facts(), ViewerScope(township_ids=(8,)))
    assert seen.litigation["id"].to_list() == [2, 3]
    assert seen.units["name"].to_list() == ["乙局"] and seen.townships["name"].to_list() == ["城关镇"]


RANKING = pl.DataFrame({"rank": [1, 2], "group_id": [2, 1], "group_name": ["乙局", "甲局"], "score": [99.0, 80.0]})


def test_rankings_are_masked_for_a_liaison_unless_names_are_allowed() -> None:
    shown, masked = ranking_for_viewer(RANKING, ViewerScope(unit_ids=(1,)), "unit", names_visible=False)
    assert masked and shown["group_name"].to_list() == ["第1名单位", "甲局"]
    assert shown["group_id"].to_list() == [None, 1] and shown["score"].to_list() == [99.0, 80.0]
    allowed, masked = ranking_for_viewer(RANKING, ViewerScope(unit_ids=(1,)), "unit", names_visible=True)
    assert not masked and allowed["group_name"].to_list() == ["乙局", "甲局"]
    everyone, masked = ranking_for_viewer(RANKING, EVERYTHING, "unit", names_visible=False)
    assert not masked and everyone is RANKING
