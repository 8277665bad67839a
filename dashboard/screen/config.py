"""Everything a wall screen shows comes from its URL, so a reconnect or restart reopens the same view.

``/screen?period=2025H1&rotate=20&panels=kpi,trend,map&theme=dark&township=柳湾镇&unit=…&lang=zh&map=loss_rate`` is
parsed here into a frozen :class:`ScreenConfig`; a bad value falls back to its default and yields a
Chinese notice instead of an error. ``?screen=NAME`` starts from a saved screen in a TOML
file (``data/screens.toml`` or ``LIANDONG_SCREEN_PRESETS``; quote non-ASCII names: ``["会议室"]``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from etl.geo.layer import MAP_INDICATORS

Theme = Literal["dark", "light"]

#: Panel keys in playlist order (the default playlist is all of them).
PANEL_KEYS: tuple[str, ...] = ("kpi", "trend", "agencies", "ranking", "townships", "map", "overdue", "keycases",
                               "limits")
#: What the map panel colours (``?map=loss_rate``): an indicator the map offers (etl.geo.layer).
DEFAULT_MAP_INDICATOR = MAP_INDICATORS[0]
DEFAULT_ROTATE = 20
MIN_ROTATE = 3
MAX_ROTATE = 3600


@dataclass(frozen=True)
class ScreenConfig:
    """One screen's settings; ``period`` is the CLI's period syntax or None for year to date."""

    panels: tuple[str, ...] = PANEL_KEYS
    rotate: int = DEFAULT_ROTATE
    period: str | None = None
    theme: Theme = "dark"
    townships: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    lang: Literal["zh", "en"] = "zh"
    map_indicator: str = DEFAULT_MAP_INDICATOR


def _names(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    parts = raw.replace("，", ",").replace("、", ",").split(",")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _rotate(raw: str | None, notices: list[str]) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_ROTATE
    try:
        seconds = int(float(raw))
    except ValueError:
        notices.append(f"轮播间隔“{raw}”无效，已使用{DEFAULT_ROTATE}秒。")
        return DEFAULT_ROTATE
    if not MIN_ROTATE <= seconds <= MAX_ROTATE:
        clipped = min(max(seconds, MIN_ROTATE), MAX_ROTATE)
        notices.append(f"轮播间隔应在{MIN_ROTATE}至{MAX_ROTATE}秒之间，已使用{clipped}秒。")
        return clipped
    return seconds


def _panels(raw: str | None, notices: list[str]) -> tuple[str, ...]:
    wanted = _names(raw.lower() if raw else raw)
    if not wanted:
        return PANEL_KEYS
    unknown = [p for p in wanted if p not in PANEL_KEYS]
    if unknown:
        notices.append(f"未知面板：{'、'.join(unknown)}（可用：{','.join(PANEL_KEYS)}）。")
    known = tuple(p for p in wanted if p in PANEL_KEYS)
    return known or PANEL_KEYS


def _map_indicator(raw: str | None, notices: list[str]) -> str:
    wanted = (raw or "").strip()
    if not wanted:
        return DEFAULT_MAP_INDICATOR
    if wanted not in MAP_INDICATORS:
        notices.append(f"地图指标“{wanted}”无效，已使用{DEFAULT_MAP_INDICATOR}（可用：{','.join(MAP_INDICATORS)}）。")
        return DEFAULT_MAP_INDICATOR
    return wanted


def parse_screen_params(params: Mapping[str, str]) -> tuple[ScreenConfig, list[str]]:
    """The screen's configuration from URL query parameters, and notices for values that were ignored."""
    notices: list[str] = []
    theme_raw = (params.get("theme") or "dark").strip().lower()
    if theme_raw not in ("dark", "light"):
        notices.append(f"主题“{theme_raw}”无效，已使用深色主题（dark/light）。")
        theme_raw = "dark"
    lang_raw = (params.get("lang") or "zh").strip().lower()
    lang: Literal["zh", "en"] = "en" if lang_raw in ("en", "english") else "zh"
    period = (params.get("period") or "").strip() or None
    config = ScreenConfig(
        panels=_panels(params.get("panels"), notices),
        rotate=_rotate(params.get("rotate"), notices),
        period=period,
        theme="light" if theme_raw == "light" else "dark",
        townships=_names(params.get("township")),
        units=_names(params.get("unit")),
        lang=lang,
        map_indicator=_map_indicator(params.get("map"), notices),
    )
    return config, notices


#: However long a panel stays, the screen re-reads the data version at least this often (seconds).
MAX_REFRESH = 60


def refresh_tick(rotate: int) -> float:
    """How often the screen reruns: the rotation interval split evenly into steps of at most a minute."""
    return rotate / math.ceil(rotate / MAX_REFRESH)


def panel_index(now: float, anchor: float, rotate: int, count: int, tick: float | None = None) -> int:
    """Which panel shows at ``now`` (epoch seconds) for a screen that started at ``anchor``.

    The first panel follows the wall clock (``anchor // rotate``), so screens started on the same URL,
    or a screen reconnecting after a restart, show the same panel. Later steps count whole intervals
    since the anchor with half a timer ``tick`` of slack, so the browser timer's jitter never shows one
    panel twice or skips one, and with several ticks per interval the panel changes on every k-th tick.
    """
    if count <= 0:
        return 0
    step = rotate if tick is None else tick
    first = int(anchor // rotate)
    steps = math.floor((now - anchor + step / 2) / rotate)
    return (first + max(steps, 0)) % count


#: Saved screens: ``?screen=会议室`` takes its settings from the presets file (``Settings.screen_presets``;
#: URL values still win).
PRESET_PARAM = "screen"
_PRESET_KEYS = ("period", "rotate", "panels", "theme", "township", "unit", "lang", "map")


def parse_presets(text: str) -> dict[str, dict[str, str]]:
    """Saved screens from TOML: one table per name, keys as the URL's (lists allowed for names).

    Raises ValueError (Chinese message) on invalid TOML or an unknown key, so a typo is reported.
    """
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"大屏配置文件格式错误：{exc}") from None
    presets: dict[str, dict[str, str]] = {}
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise ValueError(f"大屏配置“{name}”应为一个表（[{name}]）。")
        unknown = sorted(set(table) - set(_PRESET_KEYS))
        if unknown:
            raise ValueError(f"大屏配置“{name}”含未知项：{'、'.join(unknown)}（可用：{', '.join(_PRESET_KEYS)}）。")
        presets[name] = {k: ",".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in table.items()}
    return presets


def with_preset(params: Mapping[str, str], presets: Mapping[str, Mapping[str, str]]) -> tuple[dict[str, str], list[str]]:
    """The URL's parameters over the named saved screen's; a missing name is reported, not fatal."""
    name = (params.get(PRESET_PARAM) or "").strip()
    merged = {k: v for k, v in params.items() if v}
    if not name:
        return merged, []
    if name not in presets:
        known = "、".join(presets) or "无"
        return merged, [f"未找到已保存的大屏配置“{name}”（已有：{known}）。"]
    return {**presets[name], **merged}, []
