"""KPI tiles: large value, target, status colour and the year-on-year change coloured by whether it
is good (a falling loss rate is green), readable from the back of a meeting room."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

import streamlit as st

from dashboard import theme
from dashboard.i18n import Lang, t

if TYPE_CHECKING:  # the drill reads views, which build tiles: imported when drawn, not at import time
    from dashboard.components.tile_drill import TileDrill

TILE_CSS = """
<style>
.ld-tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px;margin:6px 0 18px}
.ld-tiles.ld-one{grid-template-columns:1fr;margin:0}
.ld-tiles.ld-one .ld-tile{min-height:190px;box-sizing:border-box}
[class*="st-key-tile_drill_"]{margin-top:-2.9rem;margin-left:auto;margin-right:10px;width:auto!important;z-index:1}
[class*="st-key-tile_drill_"] button{min-height:1.8rem;padding:0 .3rem;font-size:.85rem}
.ld-tile{background:#fff;border:1px solid #E3E8EF;border-left:8px solid var(--c);border-radius:10px;
  padding:14px 16px 12px;box-shadow:0 1px 3px rgba(20,40,80,.06)}
.ld-label{font-size:15px;color:#4A5568;line-height:1.3;min-height:2.6em}
.ld-value{font-size:40px;font-weight:700;color:#1A2433;line-height:1.15;margin:4px 0 2px;white-space:nowrap}
.ld-meta{font-size:14px;color:#4A5568;display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap}
.ld-status{font-weight:700;color:var(--c)}
.ld-change{font-size:15px;font-weight:600;margin-top:4px}
.ld-basis{font-size:12px;color:#7A8594}
</style>
"""


@dataclass(frozen=True)
class Tile:
    """What one tile shows, already formatted; ``change_good`` None means neutral (grey)."""

    key: str
    label: str
    value: str
    status: str = "n/a"
    target: str | None = None
    change: str | None = None
    change_good: bool | None = None
    basis: str | None = None


def build_tile_html(tile: Tile, lang: Lang = "zh") -> str:
    """One tile as HTML; every text is escaped because labels and names come from the database."""
    colour = theme.status_colour(tile.status)
    change_colour = theme.NEUTRAL if tile.change_good is None else theme.GOOD if tile.change_good else theme.BAD
    status_text = t(f"status_{'na' if tile.status == 'n/a' else tile.status}", lang)
    target = (
        f'<span>{escape(t("target", lang))} {escape(tile.target)}</span>'
        f'<span class="ld-status">{escape(status_text)}</span>'
        if tile.target
        else ""
    )
    change = (
        f'<div class="ld-change" style="color:{change_colour}">{escape(t("yoy", lang))} {escape(tile.change)}</div>'
        if tile.change
        else ""
    )
    basis = f'<div class="ld-basis">{escape(tile.basis)}</div>' if tile.basis else ""
    return (
        f'<div class="ld-tile" data-kpi="{escape(tile.key)}" data-status="{escape(tile.status)}" '
        f'style="--c:{colour}">'
        f'<div class="ld-label">{escape(tile.label)}</div>'
        f'<div class="ld-value">{escape(tile.value)}</div>'
        f'<div class="ld-meta">{target}</div>{change}{basis}</div>'
    )


def build_tiles_html(tiles: list[Tile], lang: Lang = "zh") -> str:
    return TILE_CSS + '<div class="ld-tiles">' + "".join(build_tile_html(x, lang) for x in tiles) + "</div>"


#: Tiles per row when each carries its drill button (the HTML grid fits about four at 1600 px too).
TILES_PER_ROW = 4


def show_tiles(tiles: list[Tile], lang: Lang = "zh", drill: TileDrill | None = None) -> None:
    """The tiles; with ``drill``, each indicator tile gets a button that opens its records."""
    if drill is None:
        st.html(build_tiles_html(tiles, lang))
        return
    from dashboard.components import tile_drill

    st.html(TILE_CSS)
    for start in range(0, len(tiles), TILES_PER_ROW):
        for column, tile in zip(st.columns(TILES_PER_ROW), tiles[start:start + TILES_PER_ROW], strict=False):
            with column:
                st.html(f'<div class="ld-tiles ld-one">{build_tile_html(tile, lang)}</div>')
                if drill.can_open(tile.key):
                    st.button(tile_drill.button_label(tile.key, drill.result, lang), key=f"tile_drill_{tile.key}",
                              on_click=tile_drill.request, args=(tile.key,), type="tertiary",
                              icon=":material/list_alt:")
    tile_drill.show_requested(drill)
