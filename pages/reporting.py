"""填报 Reporting: a liaison reports their unit's task progress, 整改情况 and hearings; the office sees per
unit what is due, reported and late, sends reminders and settles conflicts with later ledgers."""

from __future__ import annotations

import streamlit as st

from dashboard import metrics_cache as mc
from dashboard import reporting_office as office_view
from dashboard import reporting_view as rv
from dashboard.auth import LOCAL_VIEWER, viewer_of_session
from dashboard.data import load
from dashboard.layout import page_context

ctx = page_context("page_reporting")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
engine = load().engine
reporter = rv.reporter_of(viewer_of_session() or LOCAL_VIEWER)
as_of = ctx.options.as_of
warnings = rv.own_warnings({by: mc.warnings(facts, period, filters, by=by, as_of=as_of)
                            for by in ("unit", "township")}, reporter)

if reporter.scope.is_everything:
    office_view.show_office_view(engine, reporter, facts, warnings, rv.period_key(period), as_of, lang)
else:
    tasks_tab, answers_tab, hearings_tab, mine_tab = st.tabs(
        ["任务进展" if zh else "Task progress", "预警/建议整改" if zh else "Warnings & recommendations",
         "出庭情况" if zh else "Hearings", "我的填报" if zh else "My reports"], key=rv.TAB_KEY, on_change="rerun")
    if tasks_tab.open:
        with tasks_tab:
            rv.show_task_form(engine, reporter, facts, lang, as_of)
    if answers_tab.open:
        with answers_tab:
            rv.show_answer_form(engine, reporter, facts, warnings, period, lang, as_of)
    if hearings_tab.open:
        with hearings_tab:
            rv.show_hearing_form(engine, reporter, facts, lang, as_of)
    if mine_tab.open:
        with mine_tab:
            rv.show_my_reports(engine, reporter, lang)
