"""乡镇 Townships: the chosen townships side by side with the whole county, their monthly trend, and
which agencies and subject areas their disputes involve."""

from __future__ import annotations

import streamlit as st

from dashboard import comparisons, views
from dashboard import metrics_cache as mc
from dashboard.charts import build_count_bars, build_rate_trend
from dashboard.components.charts import has_rows, show_figure
from dashboard.components.township_map import show_township_map
from dashboard.filters import AREA_KEY, UNIT_KEY
from dashboard.layout import page_context
from dashboard.tables import show_records

ctx = page_context("page_townships")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"

county = mc.indicators(facts, period, comparisons.without_townships(filters))
towns = mc.grouped(facts, period, filters, by="township")
if not ctx.state.townships:
    st.info("在上方“乡镇（街道）”中选择一个或多个乡镇，即可与全县对比；下表列出全部乡镇。" if zh else
            "Pick one or more townships above to compare them with the county; all townships are listed below.",
            icon=":material/holiday_village:")

st.subheader("乡镇分布图" if zh else "Map of the townships")
show_township_map(ctx, "town_map")

st.subheader("各项指标与全县对比" if zh else "Every indicator, side by side with the county")
show_records(comparisons.side_by_side(towns, county, lang), f"{'乡镇对比' if zh else 'townships'}_{ctx.state.period_spec}",
             "town_compare", lang, raw=True)

if ctx.state.townships:
    st.subheader("行政诉讼月度发案趋势" if zh else "Lawsuits filed by month")
    trend = comparisons.township_trend(facts, views.trend_period(period, ctx.options.as_of), filters, ctx.options)
    if has_rows(views.nonzero_rows(trend, "value"), lang):
        show_figure(build_rate_trend(trend, x="month", rate="value", series="name", lang=lang, percent=False),
                    key="town_trend")
    left, right = st.columns(2)
    for column, by, filter_key in ((left, "unit", UNIT_KEY), (right, "area", AREA_KEY)):
        with column:
            st.subheader(("涉及的单位" if by == "unit" else "涉及的领域") if zh else
                         ("Agencies involved" if by == "unit" else "Subject areas involved"))
            frame = views.with_display_names(mc.grouped(facts, period, filters, by=by), facts, by)
            if has_rows(views.nonzero_rows(frame, "litigation_cases"), lang):
                show_figure(build_count_bars(frame, label="label", value="litigation_cases", id_col="group_name",
                                             top=15, lang=lang), key=f"town_{by}", filter_key=filter_key, lang=lang)
