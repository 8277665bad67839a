"""府检联动 The procuratorate's side: supervision cases by type, result and supervised unit; 检察建议 and 司法建议
adoption side by side; disputes resolved with the procuratorate; replies against their two months."""

from __future__ import annotations

import streamlit as st

from dashboard import conference_views as cv
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
from etl.metrics import open_recommendations

ctx = page_context("page_procuratorate")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
result = mc.indicators(facts, period, filters)
show_tiles([views.tile(result, k, lang) for k in views.PROCURATORATE_KEYS], lang,
           drill=TileDrill(facts, period, filters, result, ctx.state.period_spec, lang, ctx.options.as_of))

cases, recommendations, limits, records = st.tabs(
    ["监督案件" if zh else "Supervision cases", "检察建议" if zh else "Recommendations",
     "办理时限" if zh else "Time limits", "案件清单" if zh else "Case list"], key="proc_tab", on_change="rerun")

if cases.open:
    with cases:
        left, right = st.columns(2)
        with left:
            st.subheader("受理案件·按监督类型" if zh else "Received, by type")
            kinds = cv.supervision_kinds(mc.supervision_by_kind(facts, period, filters), lang)
            if has_rows(kinds.height, lang):
                show_figure(build_count_bars(kinds, label="label", value="count", lang=lang), key="proc_kinds")
        with right:
            st.subheader("办结案件·按办理结果" if zh else "Closed, by result")
            results = cv.supervision_results(mc.supervision_by_result(facts, period, filters), lang)
            if has_rows(results.height, lang):
                show_figure(build_mix_donut(results, label="label", value="count", lang=lang), key="proc_results")
        st.subheader("受理案件·按被监督单位" if zh else "Received, by supervised unit")
        by_unit = views.with_display_names(mc.grouped(facts, period, filters, by="unit"), facts, "unit")
        if has_rows(views.nonzero_rows(by_unit, "supervision_cases"), lang):
            show_figure(build_count_bars(by_unit, label="label", value="supervision_cases", id_col="group_name",
                                         lang=lang), key="proc_by_unit", filter_key=UNIT_KEY, lang=lang)

if recommendations.open:
    with recommendations:
        key = "procuratorial_recommendation_adoption_rate"
        left, right = st.columns([2, 3])
        with left:
            st.subheader(f"{views.label(key, lang)}·{views.by_label('unit', lang)}")
            by_unit = views.with_display_names(mc.grouped(facts, period, filters, by="unit"), facts, "unit")
            if has_rows(views.nonzero_rows(by_unit, f"{key}__den"), lang):
                show_figure(build_rate_bars(by_unit, label="label", rate=key, status=f"{key}__status",
                                            denominator=f"{key}__den", id_col="group_name",
                                            target=result[key].target, direction="higher", lang=lang),
                            key="proc_adoption", filter_key=UNIT_KEY, lang=lang)
        with right:
            recs = open_recommendations(facts, ctx.options.as_of, filters, kind="procuratorial")
            st.subheader(f"{'未回复的检察建议（逾期在前）' if zh else 'Unanswered procuratorial recommendations'}（{recs.height}）")
            show_records(recs, "未回复检察建议" if zh else "open_procuratorial_recommendations", "proc_recs", lang)

if limits.open:
    with limits:
        show_time_limits(facts, period, filters, ctx.options.as_of, "recommendation", lang)

if records.open:
    with records:
        st.caption(views.drill_caption("supervision_cases", result, lang))
        show_records(cv.supervision_table(mc.drill(facts, "supervision_cases", period, filters), lang),
                     f"{'行政检察监督案件' if zh else 'supervision_cases'}_{ctx.state.period_spec}", "proc_records",
                     lang, raw=True)
