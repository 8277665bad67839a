"""督办 Tasks and recommendations: the 双清单 ledger and judicial/procuratorial recommendations,
overdue first, by lead unit; and every early warning (预警)."""

from __future__ import annotations

import streamlit as st

from dashboard import comparisons, views
from dashboard import metrics_cache as mc
from dashboard.charts import build_count_bars
from dashboard.components.charts import has_rows, show_figure
from dashboard.components.kpi import show_tiles
from dashboard.components.tile_drill import TileDrill
from dashboard.filters import UNIT_KEY
from dashboard.layout import page_context
from dashboard.tables import show_records
from etl.metrics import open_recommendations, overdue_tasks

ctx = page_context("page_tasks")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
result = mc.indicators(facts, period, filters)
show_tiles([views.tile(result, k, lang) for k in ("task_on_time_rate", "recommendation_adoption_rate")], lang,
           drill=TileDrill(facts, period, filters, result, ctx.state.period_spec, lang))
as_of = ctx.options.as_of
st.caption((f"逾期以数据截至日 {as_of.isoformat()} 计。") if zh else f"Overdue as of {as_of.isoformat()}.")

tasks_tab, recs_tab, warn_tab = st.tabs(
    ["双清单任务" if zh else "Joint tasks", "司法/检察建议" if zh else "Recommendations",
     "预警" if zh else "Warnings"], key="task_tab", on_change="rerun")

if tasks_tab.open:
    with tasks_tab:
        overdue = overdue_tasks(facts, as_of, filters)
        left, _ = st.columns([2, 3])
        with left:
            st.subheader("逾期任务·按牵头单位" if zh else "Overdue tasks by lead unit")
            by_unit = comparisons.open_items_by_unit(mc.warnings(facts, period, filters, by="unit", as_of=as_of),
                                               "overdue_tasks", facts)
            if has_rows(by_unit.height, lang):
                show_figure(build_count_bars(by_unit, label="label", value="value", id_col="group_name", lang=lang),
                            key="task_by_unit", filter_key=UNIT_KEY, lang=lang)
        with st.container():  # the list full width: its eight columns are not cut at 1920 px
            st.subheader(f"{'逾期未完成任务' if zh else 'Overdue open tasks'}（{len(overdue)}）")
            show_records(overdue, "逾期双清单任务" if zh else "overdue_tasks", "task_overdue", lang)

if recs_tab.open:
    with recs_tab:
        recs = open_recommendations(facts, as_of, filters)
        left, _ = st.columns([2, 3])
        with left:
            st.subheader("逾期未回复·按单位" if zh else "Overdue replies by unit")
            by_unit = comparisons.open_items_by_unit(mc.warnings(facts, period, filters, by="unit", as_of=as_of),
                                               "unanswered_recommendations", facts)
            if has_rows(by_unit.height, lang):
                show_figure(build_count_bars(by_unit, label="label", value="value", id_col="group_name", lang=lang),
                            key="rec_by_unit", filter_key=UNIT_KEY, lang=lang)
        with st.container():  # the list full width: its eight columns are not cut at 1920 px
            st.subheader(f"{'未回复的建议（逾期在前）' if zh else 'Unanswered recommendations, overdue first'}（{len(recs)}）")
            show_records(recs, "未回复建议" if zh else "open_recommendations", "task_recs", lang)

if warn_tab.open:
    with warn_tab:
        for by in ("unit", "township"):
            st.subheader(f"{'预警' if zh else 'Warnings'}·{views.by_label(by, lang)}")
            show_records(comparisons.warning_table(mc.warnings(facts, period, filters, by=by, as_of=as_of), lang, facts, by),
                         f"{'预警' if zh else 'warnings'}_{by}", f"warn_{by}", lang, raw=True, height=300)
