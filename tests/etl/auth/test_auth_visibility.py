"""Ranking names for liaison officers: the pure masking on literal frames, and the stored setting."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal
from sqlalchemy import Engine

from etl.access import ViewerScope, mask_ranking, masked_name, own_group_ids
from etl.auth.visibility import ranking_names_visible, set_ranking_names_visible

RANKING = pl.DataFrame({
    "rank": [1, 1, 3, 4],
    "group_id": [30, 20, 10, 40],
    "group_name": ["柳河镇人民政府", "示范县住房和城乡建设局", "示范县自然资源局", "示范县水利局"],
    "label": ["柳河镇政府", "住建局", "自然资源局", "水利局"],
    "score": [100.0, 100.0, 80.0, 55.5],
})


def test_other_units_are_named_by_rank_and_the_own_unit_keeps_its_name() -> None:
    masked = mask_ranking(RANKING, own_group_ids("unit", ViewerScope(unit_ids=(10,))), "unit")
    expected = pl.DataFrame({
        "rank": [1, 1, 3, 4],
        "group_id": [None, None, 10, None],
        "group_name": ["第1名单位(1)", "第1名单位(2)", "示范县自然资源局", "第4名单位"],
        "label": ["第1名单位(1)", "第1名单位(2)", "自然资源局", "第4名单位"],
        "score": [100.0, 100.0, 80.0, 55.5],
    }, schema=RANKING.schema)
    assert_frame_equal(masked, expected)


def test_a_township_ranking_hides_every_name_from_a_unit_liaison_in_english() -> None:
    towns = pl.DataFrame({"rank": [1, 2], "group_id": [3, 2], "group_name": ["柳河镇", "东关街道"],
                          "score": [100.0, 80.0]})
    masked = mask_ranking(towns, own_group_ids("township", ViewerScope(unit_ids=(10,))), "township", "en")
    assert masked["group_name"].to_list() == ["Township ranked 1", "Township ranked 2"]
    assert masked["score"].to_list() == [100.0, 80.0]
    town = ViewerScope(township_ids=(2,))
    assert own_group_ids("township", town) == (2,) and own_group_ids("unit", town) == ()


def test_masked_names_read_as_positions() -> None:
    assert masked_name(3, "unit") == "第3名单位" and masked_name(2, "township") == "第2名乡镇"
    assert masked_name(5, "unit", "en") == "Unit ranked 5"


def test_an_empty_ranking_stays_empty() -> None:
    assert mask_ranking(RANKING.head(0), (1,), "unit").is_empty()


def test_the_setting_defaults_to_hidden_and_is_stored(engine: Engine) -> None:
    with engine.begin() as conn:
        assert not ranking_names_visible(conn)
        set_ranking_names_visible(conn, True, actor="office")
    with engine.begin() as conn:
        assert ranking_names_visible(conn)
        set_ranking_names_visible(conn, False, actor="office")
    with engine.connect() as conn:
        assert not ranking_names_visible(conn)


def test_a_long_tie_is_numbered_in_sorting_order() -> None:
    tie = pl.DataFrame({"rank": [1] * 11, "group_id": list(range(1, 12)), "group_name": [f"u{i}" for i in range(11)],
                        "score": [100.0] * 11})
    names = mask_ranking(tie, (), "unit")["group_name"].to_list()
    assert names[0] == "第1名单位(01)" and names[-1] == "第1名单位(11)" and names == sorted(names)


def test_a_unit_without_a_place_is_masked_as_not_ranked() -> None:
    frame = RANKING.with_columns(pl.Series("rank", [1, 1, 3, None], dtype=pl.Int64))
    masked = mask_ranking(frame, own_group_ids("unit", ViewerScope(unit_ids=(10,))), "unit")
    assert masked["group_name"].to_list() == ["第1名单位(1)", "第1名单位(2)", "示范县自然资源局", "未参评单位"]
    assert masked_name(None, "township", "en") == "Township not ranked"
