"""The choropleth layer reads the indicator layer's figures and status and decides only how each area is
shown: status where the area has a target, a shade otherwise, hatched when a rate rests on too few
cases, grey when not applicable; members without an outline are named."""

from __future__ import annotations

import pytest

from etl.access import ViewerScope, facts_for_viewer
from etl.geo.layer import FEW_CASES, NO_VALUE, SHADED, build_map_layer, map_level
from etl.metrics import compute_grouped, parse_period
from tests.geo_factories import map_facts, outline_frame

Y2025 = parse_period("2025")


def layer_of(key: str, selected: tuple[int, ...] = ()):  # type: ignore[no-untyped-def]
    facts = map_facts()
    return build_map_layer(facts, compute_grouped(facts, Y2025, by="township"), key, "township", 3, selected)


def test_loss_rate_status_against_the_townships_and_the_countys_target() -> None:
    layer = layer_of("loss_rate", selected=(11,))
    areas = {a.name: a for a in layer.areas}
    assert set(areas) == {"东镇", "西镇", "南镇", "北镇"}  # one area per outline
    assert (areas["东镇"].fill_class, areas["东镇"].value, areas["东镇"].target) == ("missed", 0.25, 0.10)
    assert (areas["西镇"].fill_class, areas["西镇"].target) == ("met", 0.05)  # the county's target applies
    assert areas["南镇"].fill_class == FEW_CASES and (areas["南镇"].numerator, areas["南镇"].denominator) == (1, 2)
    assert areas["北镇"].fill_class == NO_VALUE and areas["北镇"].value is None  # not 0 %
    assert [a.name for a in layer.areas if a.selected] == ["西镇"]
    assert layer.missing == ("中镇",)
    assert layer.classes == ("met", "missed", NO_VALUE, FEW_CASES)


def test_a_count_without_a_target_is_shaded_by_its_value() -> None:
    layer = layer_of("litigation_cases")
    areas = {a.name: a for a in layer.areas}
    assert areas["西镇"].fill_class == "missed"  # 5 filed against its own target of 3
    # One scale over every figure on the map (0 to 5 filed), the status-coloured ones included.
    assert areas["东镇"].fill_class == SHADED and areas["东镇"].shade == pytest.approx(0.8)
    assert areas["南镇"].fill_class == SHADED and 0 < (areas["南镇"].shade or 0) < 1
    assert areas["北镇"].shade == pytest.approx(0.0)  # 0 filed is a figure, the smallest
    assert layer.value_range == (0.0, 5.0)


def test_hatching_only_over_the_few_cases() -> None:
    layer = layer_of("loss_rate")
    few = next(a for a in layer.areas if a.few_cases).shape[0][0]
    west, east = few[:, 0].min(), few[:, 0].max()
    south, north = few[:, 1].min(), few[:, 1].max()
    lines = layer.hatch()
    assert lines and all(west - 1e-9 <= x <= east + 1e-9 and south - 1e-9 <= y <= north + 1e-9
                         for segment in lines for x, y in segment)


def test_the_map_level_follows_the_outlines_stored() -> None:
    facts = map_facts()
    assert map_level(facts) == "township"
    from dataclasses import replace

    import polars as pl
    counties = pl.DataFrame({"id": [1], "name": ["示范县"], "parent_id": [None], "short_name": ["示范"]})
    county_only = replace(facts, boundaries=outline_frame({1: (0, 0)}, level="county"), counties=counties)
    assert map_level(county_only) == "county"
    assert map_level(replace(facts, boundaries=facts.boundaries.clear())) is None


def test_feature_collection_carries_the_region_ids_and_d3_winding() -> None:
    layer = layer_of("loss_rate")
    stored, d3 = layer.feature_collection(), layer.feature_collection(d3=True)
    assert [f["id"] for f in stored["features"]] == [str(a.region_id) for a in layer.areas]
    ring, rewound = stored["features"][0]["geometry"]["coordinates"][0][0], d3["features"][0]["geometry"]["coordinates"][0][0]
    assert rewound == ring[::-1]


def test_a_township_liaison_sees_only_their_own_townships_outline() -> None:
    # Outlines are no ledger (no FactTable, so no ``scoped`` flag): they reach a viewer through the township
    # dimension, which facts_for_viewer limits to the liaison's own.
    viewer = facts_for_viewer(map_facts(), ViewerScope(township_ids=(11,)))
    layer = build_map_layer(viewer, compute_grouped(viewer, Y2025, by="township"), "litigation_cases", "township", 3)
    assert [a.name for a in layer.areas] == ["西镇"]
    assert map_level(viewer) == "township"
