"""The one name rule: exact names, aliases, the region prefix, ambiguous short forms and the
did-you-mean offered for a name that resolves to nothing, with its Chinese and English wording."""

from __future__ import annotations

import polars as pl
import pytest

from etl.dimensions import ALIAS_SCHEMA, build_resolvers
from etl.names import NameResolver, Resolution, unresolved_message


@pytest.fixture
def units() -> NameResolver:
    resolver = NameResolver("示范县")
    resolver.add(1, ["示范县自然资源局", "自然资源局", "国土局"])
    resolver.add(2, ["示范县住房和城乡建设局", "住建局"])
    resolver.add(3, ["示范县公安局", "公安局"])
    resolver.add(4, ["示范县交通运输局", "交通局"])
    resolver.add(5, ["示范县交通运输执法大队", "交通局"])  # shares a short form with 4
    return resolver


@pytest.mark.parametrize(("name", "unit_id"), [
    ("示范县自然资源局", 1),  # exact
    ("自然资源局", 1),  # short name
    ("国土局", 1),  # alias
    ("县自然资源局", 1),  # level prefix of the jurisdiction
    ("示范自然资源局", 1),  # jurisdiction without its level
    ("示范县 自然资源局", 1),  # spaces and full-width forms are normalised away
    ("县住建局", 2),
])
def test_names_aliases_and_the_region_prefix_resolve(units: NameResolver, name: str, unit_id: int) -> None:
    assert units.resolve(name) == unit_id
    assert units.lookup(name) == Resolution(name, id=unit_id)


def test_a_shared_short_form_is_ambiguous_and_names_both_candidates(units: NameResolver) -> None:
    found = units.lookup("交通局")
    assert units.resolve("交通局") is None and not found.found and found.ambiguous
    assert found.candidates == ("示范县交通运输局", "示范县交通运输执法大队")
    assert unresolved_message("unit", found) == (
        "单位“交通局”有歧义，可能是：示范县交通运输局、示范县交通运输执法大队，请写全称。")
    assert units.resolve("示范县交通运输局") == 4  # the full name still resolves


def test_a_typo_is_answered_with_the_close_name_that_resolves(units: NameResolver) -> None:
    found = units.lookup("自然资原局")
    assert found.id is None and found.suggestions == ("自然资源局",)
    assert unresolved_message("unit", found) == "未找到单位“自然资原局”，是否指：自然资源局？"
    assert unresolved_message("unit", found, "en") == 'No unit named "自然资原局". Did you mean: 自然资源局?'
    # With the region prefix the typo is found as well, and a fragment finds its whole name.
    assert units.lookup("县自然资原局").suggestions == ("自然资源局",)
    assert units.lookup("住建").suggestions == ("住建局",)


def test_a_suggestion_never_names_an_ambiguous_spelling_and_unrelated_names_get_none(units: NameResolver) -> None:
    assert "交通局" not in units.lookup("交通").suggestions
    nothing = units.lookup("税务局")
    assert nothing.suggestions == () and not nothing.ambiguous
    assert unresolved_message("township", nothing) == "未找到乡镇“税务局”。"
    assert unresolved_message("area", nothing, "en") == 'No subject area named "税务局".'


def test_one_entity_is_suggested_once_by_its_closest_spelling() -> None:
    towns = NameResolver("示范县")
    towns.add(7, ["柳屯镇", "柳屯乡"])
    towns.add(8, ["城关镇", "城关街道"])
    # 柳屯镇 and its old name 柳屯乡 are equally close: the township is offered once, by its own name.
    assert towns.lookup("柳屯").suggestions == ("柳屯镇",)
    assert towns.name_of(7) == "柳屯镇"


def test_frames_build_the_same_resolvers_for_every_dimension() -> None:
    units = pl.DataFrame({"id": [1, 2], "name": ["示范县自然资源局", "柳屯镇人民政府"], "short_name": ["自然资源局", None]})
    towns = pl.DataFrame({"id": [7], "name": ["柳屯镇"], "short_name": [None]})
    areas = pl.DataFrame({"id": [20], "name": ["土地征收"]})
    counties = pl.DataFrame({"id": [100], "name": ["示范县"], "short_name": ["示范"]})
    aliases = pl.DataFrame({"dimension": ["unit", "township", "area"], "id": [1, 7, 20],
                            "alias": ["国土局", "柳屯乡", "征地"]}, schema=ALIAS_SCHEMA)
    names = build_resolvers(units, towns, areas, counties, aliases, "示范县")
    assert (names.units.resolve("县国土局"), names.of("unit").resolve("柳屯镇人民政府")) == (1, 2)
    assert names.townships.resolve("柳屯乡") == 7 and names.townships.resolve("国土局") is None
    assert names.areas.resolve("征地") == 20 and names.areas.resolve("县征地") is None  # areas: as written
    assert names.counties.resolve("示范") == 100 and names.of("county").resolve("示范县") == 100
