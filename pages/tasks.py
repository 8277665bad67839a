"""督办 Tasks and recommendations: each meeting's decisions (the 双清单 tasks it agreed), the 双清单 ledger and
judicial/procuratorial recommendations, overdue first, by lead unit; and every early warning (预警)."""

from __future__ import annotations

import streamlit as st

from dashboard import comparisons, views
from dashboard import conference_views as cv
from dashboard import metrics_cache as mc
from dashboard.auth import viewer_of_session
from dashboard.charts import build_count_bars, build_decision_bars
from dashboard.components.charts import has_rows, show_figure
from dashboard.components.kpi import show_tiles
from dashboard.components.tile_drill import TileDrill
from dashboard.data import load
from dashboard.filters import UNIT_KEY
from dashboard.layout import page_context
from dashboard.meeting_form import show_meeting_form
from dashboard.tables import show_records, show_table
from etl.metrics import decisions_by_meeting, meeting_tasks, open_recommendations, overdue_tasks

ctx = page_context("page_tasks")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
result = mc.indicators(facts, period, filters)
show_tiles([views.tile(result, k, lang) for k in ("task_on_time_rate", "recommendation_adoption_rate")], lang,
           drill=TileDrill(facts, period, filters, result, ctx.state.period_spec, lang))
as_of = ctx.options.as_of
st.caption((f"逾期以数据截至日 {as_of.isoformat()} 计。") if zh else f"Overdue as of {as_of.isoformat()}.")

meetings_tab, tasks_tab, recs_tab, warn_tab = st.tabs(
    ["按会议" if zh else "By meeting", "双清单任务" if zh else "Joint tasks",
     "司法/检察建议" if zh else "Recommendations", "预警" if zh else "Warnings"], key="task_tab", on_change="rerun")

if meetings_tab.open:
    with meetings_tab:
        meetings = cv.newest_first(decisions_by_meeting(facts, as_of, filters, period, with_earlier_overdue=True))
        st.caption("本期召开的会议及此前会议中仍有逾期事项的会议；议定事项为来源会议写明会议名称或纪要文号的双清单任务。"
                   if zh else "Meetings held in the period, and earlier ones with overdue decisions; a meeting's "
                   "decisions are the joint tasks naming it or its minutes.")
        if has_rows(meetings.height, lang):
            region = facts.region_name
            st.subheader("各次会议议定事项落实情况" if zh else "Decisions of each meeting")
            show_figure(build_decision_bars(cv.decision_segments(meetings, region, lang), lang=lang),
                        key="task_meetings")
            show_table(cv.meeting_table(meetings, region, lang), key="task_meeting_table", lang=lang)
            options = cv.meeting_options(meetings, region, lang)
            picked = st.selectbox("查看议定事项" if zh else "Decisions of", range(len(options)), key="task_meeting",
                                  format_func=lambda i: options[i])
            chosen = meetings.row(picked or 0, named=True)
            show_records(meeting_tasks(facts, chosen["meeting_id"], chosen["name"], filters, as_of),
                         "会议议定事项" if zh else "meeting_decisions", "task_meeting_records", lang)
        viewer = viewer_of_session()
        if viewer is not None and viewer.is_admin:
            show_meeting_form(load().engine, lang, as_of)

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
