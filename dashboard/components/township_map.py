"""The map on the 乡镇 page and the 总览: indicator selector, choropleth, click to filter by township.

Every outlined township is drawn whatever the township filter (the chosen ones outlined), because the
map is also how a reader chooses; the other filters (period, agency, subject area) apply. A click sets
the same URL-bound township filter as the multiselect.
"""

from __future__ import annotations

import streamlit as st

from dashboard import comparisons, theme
from dashboard import metrics_cache as mc
from dashboard.caches import RESULTS
from dashboard.charts.map import build_township_map
from dashboard.filters import TOWN_KEY, select_from_chart
from dashboard.layout import PageContext
from dashboard.map_text import m
from dashboard.markdown_text import escape_markdown
from dashboard.metrics_cache import value_key
from dashboard.views import label
from etl.geo.layer import MAP_INDICATORS, MapLayer, build_map_layer, map_level
from etl.metrics import resolve_config

INDICATOR_KEY = "map_indicator"


def map_layer(ctx: PageContext, key: str) -> MapLayer | None:
    """The layer of ``key`` for the page's period and filters, townships unfiltered; None without outlines.

    Kept in the results cache, tied to the facts object and keyed by the definitions version: parsing
    and placing a province's 150 county outlines costs tens of milliseconds, which a rerun with the same
    selection should not pay again."""
    rules = mc.current_rules()

    def compute() -> MapLayer | None:
        level = map_level(ctx.facts)
        if level is None:
            return None
        filters = comparisons.without_townships(ctx.filters)
        grouped = mc.grouped(ctx.facts, ctx.state.period, filters, by=level)
        min_cases = resolve_config(rules.definitions, ctx.state.period).ranking_min_cases
        return build_map_layer(ctx.facts, grouped, key, level, min_cases, ctx.filters.township_ids)

    layer: MapLayer | None = RESULTS.get_or_compute(
        ("map layer", rules.version, value_key(ctx.state.period), value_key(ctx.filters), key), compute,
        anchor=ctx.facts)
    return layer


def _caption(layer: MapLayer, ctx: PageContext) -> str:
    """What the map shows and where its outlines come from (Markdown: the names in it are escaped). It
    names the indicator although the selector above does: a print-out leaves the selector out, and
    paper must still say what the colours are."""
    lang = ctx.lang
    parts = [f"{m('indicator', lang)}：{label(layer.indicator.key, lang)}。" if lang == "zh"
             else f"{m('indicator', lang)}: {label(layer.indicator.key, lang)}."]
    if layer.level != "township":
        parts.append(m("click_hint_county", lang))
    if ctx.facts.is_demo:
        parts.append(m("demo", lang))
    parts.append(m("crs", lang, crs="、".join(escape_markdown(c) for c in layer.crs)))
    if layer.missing:
        shown = "、".join(escape_markdown(n) for n in layer.missing[:5]) + ("…" if len(layer.missing) > 5 else "")
        parts.append(m("missing", lang, n=len(layer.missing), names=shown))
    return " ".join(parts)


def show_township_map(ctx: PageContext, chart_key: str, height: int = 560) -> None:
    """Selector and map; a sentence instead when no outline has been imported."""
    lang = ctx.lang
    key = st.selectbox(m("indicator", lang), MAP_INDICATORS, key=INDICATOR_KEY, persist_state="session",
                       format_func=lambda k: label(k, lang))
    layer = map_layer(ctx, key or MAP_INDICATORS[0])
    if layer is None or not layer.areas:
        st.info(m("no_outlines", lang), icon=":material/map:")
        return
    figure = build_township_map(layer, lang=lang, height=height)
    # A wheel over the map scrolls the page: a county map needs no zoom, and a zoomed map hides townships.
    config = {**theme.PLOTLY_CONFIG, "scrollZoom": False}
    if layer.level == "township":
        st.plotly_chart(figure, key=chart_key, theme=None, config=config, selection_mode="points",
                        on_select=lambda: select_from_chart(chart_key, TOWN_KEY))
        st.caption(m("click_hint", lang))  # a line of its own: a print-out drops it (nothing to click on paper)
    else:
        st.plotly_chart(figure, key=chart_key, theme=None, config=config)
    st.caption(_caption(layer, ctx))
