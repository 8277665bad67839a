"""行政复议 Reconsideration: volume, correction rate and settlement rate by agency; the decision mix."""

from __future__ import annotations

import streamlit as st

from dashboard import metrics_cache as mc
from dashboard import views
from dashboard.charts import build_count_bars, build_mix_donut, build_rate_bars
from dashboard.components.charts import has_rows, show_figure
from dashboard.components.kpi import show_tiles
from dashboard.components.tile_drill import TileDrill
from dashboard.filters import UNIT_KEY
from dashboard.layout import page_context
from dashboard.tables import show_records
from dashboard.time_limits_view import show_time_limits

ctx = page_context("page_reconsideration")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
result = mc.indicators(facts, period, filters)
keys = views.DRILL_KEYS["reconsideration"]
show_tiles([views.tile(result, k, lang) for k in keys], lang,
           drill=TileDrill(facts, period, filters, result, ctx.state.period_spec, lang))

agencies, mix, limits, records = st.tabs(
    ["按单位" if zh else "By agency", "决定类型" if zh else "Decision mix", "办理时限" if zh else "Time limits",
     "案件清单" if zh else "Case list"], key="rec_tab", on_change="rerun")

if agencies.open:
    with agencies:
        by_unit = views.with_display_names(mc.grouped(facts, period, filters, by="unit"), facts, "unit")
        cols = st.columns(3)
        with cols[0]:
            st.subheader(views.label("reconsideration_cases", lang))
            if has_rows(views.nonzero_rows(by_unit, "reconsideration_cases"), lang):
                show_figure(build_count_bars(by_unit, label="label", value="reconsideration_cases",
                                             id_col="group_name", lang=lang),
                            key="rec_volume", filter_key=UNIT_KEY, lang=lang)
        for column, key in zip(cols[1:], keys[1:], strict=True):
            with column:
                st.subheader(views.label(key, lang))
                if has_rows(views.nonzero_rows(by_unit, f"{key}__den"), lang):
                    show_figure(build_rate_bars(by_unit, label="label", rate=key, status=f"{key}__status",
                                                denominator=f"{key}__den", id_col="group_name",
                                                target=result[key].target, direction=views.direction(key),
                                                lang=lang),
                                key=f"rec_{key}", filter_key=UNIT_KEY, lang=lang)

if mix.open:
    with mix:
        st.subheader("期间内作出的复议决定" if zh else "Decisions in the period")
        decisions = views.decision_mix(mc.decision_mix(facts, period, filters), lang)
        if has_rows(decisions.height, lang):
            show_figure(build_mix_donut(decisions, label="label", value="count", colours=views.decision_colours(lang),
                                        lang=lang), key="rec_mix")

if limits.open:
    with limits:
        show_time_limits(facts, period, filters, ctx.options.as_of, "reconsideration", lang)

if records.open:
    with records:
        figure = st.segmented_control("数字" if zh else "Figure", keys, key="rec_drill", required=True,
                                      default=keys[0], format_func=lambda k: views.label(k, lang)) or keys[0]
        st.caption(views.drill_caption(figure, result, lang))
        show_records(mc.drill(facts, figure, period, filters),
                     f"{views.label(figure, lang)}_{ctx.state.period_spec}", "rec_records", lang)
