"""KPI tiles, the period syntax of the filter bar and its chips: pure parts of the UI."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import theme
from dashboard.components.kpi import Tile, build_tile_html, build_tiles_html
from dashboard.filters import (
    FilterOptions,
    FilterState,
    chip_labels,
    default_period_spec,
    period_spec,
    resolve_period,
    widget_values,
)
from etl.metrics import parse_period

D = dt.date


def test_tile_shows_value_target_status_and_a_good_change_in_green() -> None:
    html = build_tile_html(Tile(key="loss_rate", label="行政诉讼败诉率", value="1.8%", status="met", target="2.0%",
                                change="下降0.6个百分点", change_good=True, basis="3/170件"))
    assert 'data-status="met"' in html and f"--c:{theme.STATUS_COLOURS['met']}" in html
    assert "1.8%" in html and "目标 2.0%" in html and "达标" in html
    assert f'color:{theme.GOOD}">同比 下降0.6个百分点' in html and "3/170件" in html


def test_tile_colours_a_bad_change_red_and_an_unjudged_one_grey() -> None:
    bad = build_tile_html(Tile(key="k", label="L", value="1", change="上升", change_good=False), "en")
    neutral = build_tile_html(Tile(key="k", label="L", value="1", change="持平", change_good=None))
    assert f'color:{theme.BAD}">YoY 上升' in bad
    assert f'color:{theme.NEUTRAL}">同比 持平' in neutral


def test_tile_escapes_names_from_the_database() -> None:
    html = build_tiles_html([Tile(key="k", label="<script>x</script>", value="1")])
    assert "<script>x" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("kind", "kwargs", "expected"),
    [("year", {}, "2025"), ("half", {"half": 2}, "2025H2"), ("quarter", {"quarter": 3}, "2025Q3"),
     ("month", {"month": 6}, "2025-06"), ("ytd", {}, "2025YTD"),
     ("custom", {"start": D(2025, 1, 5), "end": D(2025, 2, 1)}, "2025-01-05..2025-02-01")],
)
def test_period_widgets_write_the_cli_period_syntax(kind: str, kwargs: dict[str, object], expected: str) -> None:
    assert period_spec(kind, 2025, **kwargs) == expected  # type: ignore[arg-type]
    # ... and reading the spec back gives the widget values that produce it again.
    period = parse_period(expected, today=D(2025, 8, 31))
    values = widget_values(period)
    again = period_spec(str(values["kind"]), int(values["year"]), half=int(values["half"]),  # type: ignore[call-overload]
                        quarter=int(values["quarter"]), month=int(values["month"]),  # type: ignore[call-overload]
                        start=values["from"], end=values["to"])  # type: ignore[arg-type]
    assert again == expected


def test_an_invalid_url_period_falls_back_to_year_to_date_of_the_data() -> None:
    period, spec, invalid = resolve_period("2025Q9", D(2025, 8, 31))
    assert invalid and spec == default_period_spec(D(2025, 8, 31)) == "2025YTD"
    assert (period.start, period.end) == (D(2025, 1, 1), D(2025, 8, 31))
    assert resolve_period(None, D(2025, 8, 31))[2] is False


def test_chips_name_each_active_dimension_and_map_names_to_ids() -> None:
    options = FilterOptions(years=(2025,), townships={"柳屯镇": 7, "城关镇": 8}, units={"示范县人社局": 3},
                            areas={}, as_of=D(2025, 8, 31))
    state = FilterState(parse_period("2025"), "2025", townships=("柳屯镇", "城关镇"), units=("示范县人社局",))
    assert chip_labels(state, "zh") == ["乡镇（街道）：柳屯镇、城关镇", "单位：示范县人社局"]
    filters = state.to_filters(options)
    assert filters.township_ids == (7, 8) and filters.unit_ids == (3,) and filters.area_ids == ()
    # A name no longer in the database (stale shared link) is ignored rather than failing.
    stale = FilterState(parse_period("2025"), "2025", townships=("旧乡",))
    assert stale.to_filters(options).township_ids == ()
