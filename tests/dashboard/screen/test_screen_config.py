"""The wall screen's URL contract and its rotation clock: pure functions, no browser."""

from __future__ import annotations

import pytest

from dashboard.screen.config import (
    DEFAULT_ROTATE,
    PANEL_KEYS,
    ScreenConfig,
    panel_index,
    parse_presets,
    parse_screen_params,
    refresh_tick,
    with_preset,
)


@pytest.mark.parametrize(
    ("params", "expected", "notices"),
    [
        ({}, ScreenConfig(), 0),
        ({"rotate": "3", "panels": "kpi,trend"}, ScreenConfig(panels=("kpi", "trend"), rotate=3), 0),
        ({"panels": "Trend，kpi，trend"}, ScreenConfig(panels=("trend", "kpi")), 0),
        ({"panels": "kpi,bogus"}, ScreenConfig(panels=("kpi",)), 1),
        ({"panels": "bogus"}, ScreenConfig(panels=PANEL_KEYS), 1),
        ({"rotate": "abc"}, ScreenConfig(rotate=DEFAULT_ROTATE), 1),
        ({"rotate": "1"}, ScreenConfig(rotate=3), 1),
        ({"rotate": "99999"}, ScreenConfig(rotate=3600), 1),
        ({"theme": "light"}, ScreenConfig(theme="light"), 0),
        ({"theme": "neon"}, ScreenConfig(theme="dark"), 1),
        ({"period": " 2025H1 "}, ScreenConfig(period="2025H1"), 0),
        ({"township": "柳湾镇、杏坡镇", "unit": "公安局"},
         ScreenConfig(townships=("柳湾镇", "杏坡镇"), units=("公安局",)), 0),
        ({"lang": "en"}, ScreenConfig(lang="en"), 0),
        ({"lang": "fr"}, ScreenConfig(lang="zh"), 0),
    ],
)
def test_url_parameters_become_a_screen_config(params: dict[str, str], expected: ScreenConfig, notices: int) -> None:
    config, messages = parse_screen_params(params)
    assert config == expected
    assert len(messages) == notices
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in messages), "notices are in Chinese"


def test_first_panel_follows_the_wall_clock_so_two_screens_agree() -> None:
    # Started 1 s and 15 s into the same 20-second slot: both show the slot's panel.
    assert panel_index(1_000_001, 1_000_001, 20, 6) == panel_index(1_000_015, 1_000_015, 20, 6)
    assert panel_index(1_000_000, 1_000_000, 20, 6) == (1_000_000 // 20) % 6


@pytest.mark.parametrize("jitter", [-0.4, -0.05, 0.0, 0.05, 0.4])
def test_each_timer_tick_advances_exactly_one_panel_despite_jitter(jitter: float) -> None:
    anchor = 1_000_019.98  # just before a slot boundary: flooring the clock would repeat or skip
    seen = [panel_index(anchor + k * 3 + (jitter if k else 0), anchor, 3, 6) for k in range(13)]
    assert [(b - a) % 6 for a, b in zip(seen, seen[1:], strict=False)] == [1] * 12


def test_single_panel_never_changes_and_empty_playlist_is_safe() -> None:
    assert {panel_index(1000 + k * 7, 1000, 5, 1) for k in range(10)} == {0}
    assert panel_index(1000, 1000, 5, 0) == 0


PRESETS = """
["会议室"]
panels = ["kpi", "ranking"]
rotate = 30
theme = "light"

["柳湾镇"]
township = "柳湾镇"
"""


def test_saved_screens_are_read_from_toml() -> None:
    assert parse_presets(PRESETS) == {"会议室": {"panels": "kpi,ranking", "rotate": "30", "theme": "light"},
                                      "柳湾镇": {"township": "柳湾镇"}}


@pytest.mark.parametrize("text", ["[a]\nrotat = 3\n", "a = 3\n", "[a\n"])
def test_a_bad_saved_screen_is_reported_in_chinese(text: str) -> None:
    with pytest.raises(ValueError, match="大屏配置"):
        parse_presets(text)


@pytest.mark.parametrize(
    ("params", "expected", "notices"),
    [
        ({"screen": "会议室"}, ScreenConfig(panels=("kpi", "ranking"), rotate=30, theme="light"), 0),
        ({"screen": "会议室", "rotate": "5"}, ScreenConfig(panels=("kpi", "ranking"), rotate=5, theme="light"), 0),
        ({"screen": "会议室", "rotate": ""}, ScreenConfig(panels=("kpi", "ranking"), rotate=30, theme="light"), 0),
        ({"screen": "无此屏"}, ScreenConfig(), 1),
        ({}, ScreenConfig(), 0),
    ],
)
def test_url_values_override_the_saved_screen(params: dict[str, str], expected: ScreenConfig, notices: int) -> None:
    merged, messages = with_preset(params, parse_presets(PRESETS))
    config, more = parse_screen_params(merged)
    assert config == expected
    assert len(messages) + len(more) == notices


@pytest.mark.parametrize(("rotate", "tick"), [(3, 3), (20, 20), (60, 60), (90, 45), (600, 60), (3600, 60)])
def test_long_intervals_still_refresh_at_least_once_a_minute(rotate: int, tick: float) -> None:
    assert refresh_tick(rotate) == tick


@pytest.mark.parametrize("jitter", [-0.3, 0.0, 0.3])
def test_with_several_ticks_per_interval_the_panel_changes_every_kth_tick(jitter: float) -> None:
    rotate, tick, anchor = 90, 45.0, 2_000_000.0
    seen = [panel_index(anchor + j * tick + (jitter if j else 0), anchor, rotate, 6, tick) for j in range(9)]
    first = int(anchor // rotate) % 6
    assert seen == [(first + j // 2) % 6 for j in range(9)]
