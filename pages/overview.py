"""总览 Overview: key indicators against target, 双下降, filings by month against last year,
warnings, and the best and worst units."""

from __future__ import annotations

import streamlit as st

from dashboard import comparisons, views
from dashboard import metrics_cache as mc
from dashboard.charts import build_monthly_comparison
from dashboard.components.charts import has_rows, show_figure
from dashboard.components.kpi import show_tiles
from dashboard.components.tile_drill import TileDrill
from dashboard.components.township_map import show_township_map
from dashboard.layout import page_context
from dashboard.markdown_text import escape_markdown
from dashboard.ranking_view import ranking_for_viewer
from dashboard.tables import show_table

ctx = page_context("page_overview")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
result = mc.indicators(facts, period, filters)
show_tiles([views.double_decline_tile(result, lang)] + [views.tile(result, k, lang) for k in views.OVERVIEW_KEYS],
           lang, drill=TileDrill(facts, period, filters, result, ctx.state.period_spec, lang))

left, right = st.columns([3, 2])
with left:
    trend_period = views.trend_period(period, ctx.options.as_of)
    st.subheader(f"{views.period_label(trend_period, lang)}·{'行政诉讼月度发案（与上年同期）' if zh else 'lawsuits by month vs last year'}")
    months = views.monthly_trend(facts, trend_period, filters, ctx.options.as_of)
    if has_rows(views.nonzero_rows(months, "this_year", "last_year"), lang):
        show_figure(build_monthly_comparison(months, note=views.unfinished_note(trend_period, lang), lang=lang),
                    key="overview_monthly")
with right:
    st.subheader("预警" if zh else "Warnings")
    warnings = mc.warnings(facts, period, filters, by="unit", as_of=ctx.options.as_of)
    if has_rows(warnings.height, lang):
        show_table(comparisons.warning_table(warnings, lang, facts), key="overview_warnings", height=340, lang=lang)

st.subheader("乡镇分布图" if zh else "Map of the townships")
show_township_map(ctx, "overview_map", height=480)

ranking = ranking_for_viewer(ctx, "unit").ranking  # county-wide; names masked for a liaison
for n, category in enumerate(comparisons.categories(ranking)):  # each category is ranked on its own
    best, worst = comparisons.red_black_lists(comparisons.in_category(ranking, category), lang)
    left, right = st.columns(2)
    with left:
        st.subheader(f"{escape_markdown(category)}·考核得分前三" if zh else f"{escape_markdown(category)}: three best")
        show_table(best, key=f"overview_best_{n}", lang=lang)
    with right:
        st.subheader(f"{escape_markdown(category)}·考核得分后三" if zh else f"{escape_markdown(category)}: three worst")
        show_table(worst, key=f"overview_worst_{n}", lang=lang)
