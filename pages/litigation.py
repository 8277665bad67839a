"""行政诉讼 Litigation: volume by agency, township, subject area and month; loss rate and head
appearance by agency against target; the monthly 通报 grid; the 败诉案件通报 with the office's review of
each lost case; time limits (days to close, cases near or past six months); the case list behind the figures.

Tabs run lazily (only the open tab's content runs), so a rerun computes one tab's figures.
"""

from __future__ import annotations

import streamlit as st

from dashboard import appearance_notice_view, loss_notice_view, views
from dashboard import metrics_cache as mc
from dashboard.charts import build_count_bars, build_monthly_comparison, build_rate_bars, build_rate_heatmap
from dashboard.components.charts import has_rows, show_figure
from dashboard.components.kpi import show_tiles
from dashboard.components.tile_drill import TileDrill
from dashboard.data import load
from dashboard.filters import AREA_KEY, TOWN_KEY, UNIT_KEY
from dashboard.layout import page_context
from dashboard.tables import show_records
from dashboard.time_limits_view import show_time_limits

ctx = page_context("page_litigation")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
result = mc.indicators(facts, period, filters)
show_tiles([views.tile(result, k, lang) for k in views.LITIGATION_KEYS], lang,
           drill=TileDrill(facts, period, filters, result, ctx.state.period_spec, lang))

volume, rates, bulletin, losses, limits, cases = st.tabs(
    ["发案量" if zh else "Volume", "败诉与出庭" if zh else "Losses & appearance",
     "月度通报" if zh else "Monthly bulletin", "败诉案件通报" if zh else "Lost-case notice",
     "办理时限" if zh else "Time limits", "案件清单" if zh else "Case list"],
    key="lit_tab", on_change="rerun")

if volume.open:
    with volume:
        by_unit = views.with_display_names(mc.grouped(facts, period, filters, by="unit"), facts, "unit")
        by_town = views.with_display_names(mc.grouped(facts, period, filters, by="township"), facts, "township")
        by_area = views.with_display_names(mc.grouped(facts, period, filters, by="area"), facts, "area")
        months = views.monthly_trend(facts, period, filters, ctx.options.as_of)
        charts = (
            ("按单位" if zh else "By agency", by_unit, UNIT_KEY, "lit_by_unit"),
            ("按乡镇" if zh else "By township", by_town, TOWN_KEY, "lit_by_town"),
            ("按领域" if zh else "By subject area", by_area, AREA_KEY, "lit_by_area"),
        )
        cols = st.columns(2)
        for index, (title, frame, filter_key, chart_key) in enumerate(charts):
            with cols[index % 2]:
                st.subheader(title)
                if has_rows(views.nonzero_rows(frame, "litigation_cases"), lang):
                    show_figure(build_count_bars(frame, label="label", value="litigation_cases", id_col="group_name",
                                                 lang=lang), key=chart_key, filter_key=filter_key, lang=lang)
        with cols[1]:
            st.subheader("按月（与上年同期）" if zh else "By month, vs last year")
            if has_rows(views.nonzero_rows(months, "this_year", "last_year"), lang):
                note = views.unfinished_note(views.through_data_date(period, ctx.options.as_of), lang)
                show_figure(build_monthly_comparison(months, note=note, lang=lang), key="lit_by_month")

if rates.open:
    with rates:
        by_unit = views.with_display_names(mc.grouped(facts, period, filters, by="unit"), facts, "unit")
        cols = st.columns(2)
        for column, key in zip(cols, ("loss_rate", "head_appearance_rate"), strict=True):
            with column:
                st.subheader(f"{views.label(key, lang)}·{'按单位' if zh else 'by agency'}")
                if has_rows(views.nonzero_rows(by_unit, f"{key}__den"), lang):
                    fig = build_rate_bars(by_unit, label="label", rate=key, status=f"{key}__status",
                                          denominator=f"{key}__den", id_col="group_name", target=result[key].target,
                                          direction=views.direction(key), lang=lang)
                    show_figure(fig, key=f"lit_{key}", filter_key=UNIT_KEY, lang=lang)

if bulletin.open:
    with bulletin:
        st.subheader("负责人出庭应诉月度通报（低于目标标红）" if zh else "Head appearance by month (red: below target)")
        grid = views.monthly_by_group(facts, period, filters, "unit", "head_appearance_rate")
        if has_rows(grid.height, lang):
            show_figure(build_rate_heatmap(grid, row="label", month="month", rate="value",
                                           target=result["head_appearance_rate"].target or 1.0, lang=lang),
                        key="lit_bulletin")
        appearance_notice_view.show(facts, period, lang)

if losses.open:
    with losses:
        loss_notice_view.show(facts, period, load().engine, lang)

if limits.open:
    with limits:
        show_time_limits(facts, period, filters, ctx.options.as_of, "litigation", lang)

if cases.open:
    with cases:
        figure = st.segmented_control(
            "数字" if zh else "Figure", views.DRILL_KEYS["litigation"], key="lit_drill", required=True,
            default=views.DRILL_KEYS["litigation"][0], format_func=lambda k: views.label(k, lang))
        records = mc.drill(facts, figure or "litigation_cases", period, filters)
        st.caption(views.drill_caption(figure or "litigation_cases", result, lang))
        show_records(records, f"{views.label(figure or 'litigation_cases', lang)}_{ctx.state.period_spec}",
                     "lit_records", lang)
