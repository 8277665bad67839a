"""填报 for the office (联席会议办公室): per unit what is due, reported and late; reminders (催报); the
reports that a later ledger contradicts, with the decision; recent reports, their files and audit rows.
Leaders see the same, read-only."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard import metrics_cache, runtime
from dashboard.i18n import Lang
from dashboard.markdown_text import escape_frame, escape_markdown
from dashboard.reporting_view import reports_table, show_evidence_downloads
from dashboard.tables import show_records, show_table
from etl import audit, audit_text
from etl.export_safety import safe_frame
from etl.metrics import Facts
from etl.reporting import conflicts, evidence, reminders, resolve
from etl.reporting.due import due_items, summary_by_owner, with_reports
from etl.reporting.reads import load_reports
from etl.reporting.terms import SUBJECT_LABELS, Reporter, ReportRefused


def owner_table(summary: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    zh = lang == "zh"
    return summary.select(
        pl.col("owner_name").alias("单位（乡镇）" if zh else "Unit / township"),
        pl.col("due").alias("应报" if zh else "Due"), pl.col("reported").alias("已报" if zh else "Reported"),
        pl.col("late").alias("逾期未报" if zh else "Late"),
        pl.col("last_reported_at").dt.strftime("%Y-%m-%d %H:%M").fill_null("").alias("最近填报" if zh else "Last report"),
        pl.col("reminders").alias("待回应催报" if zh else "Open reminders"))


def conflict_table(found: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    zh = lang == "zh"
    subject = {k: v[0 if zh else 1] for k, v in SUBJECT_LABELS.items()}
    return found.select(
        pl.col("subject").replace_strict(subject, default=pl.col("subject")).alias("类型" if zh else "Kind"),
        pl.concat_str([pl.col("court"), pl.col("reference")]).alias("记录" if zh else "Record"),
        pl.col("ledger_says").alias("台账" if zh else "Ledger says"),
        pl.col("report_says").alias("填报" if zh else "Report says"),
        pl.col("reported_by").alias("填报人" if zh else "By"))


def show_office_view(engine: Engine, office: Reporter, facts: Facts, warnings: pl.DataFrame, period_key: str,
                     as_of: dt.date, lang: Lang) -> None:
    zh = lang == "zh"
    with engine.connect() as conn:
        reports = load_reports(conn, office.scope)
        open_reminders = reminders.load_reminders(conn, office.scope)
        found = conflicts.open_conflicts(conn, office.scope, config=metrics_cache.current_rules().definitions)
        files = evidence.list_evidence(conn, office.scope)
    items = with_reports(due_items(facts, warnings, period_key, as_of), reports, as_of)
    summary = summary_by_owner(items, facts, open_reminders)
    st.subheader("各单位填报情况" if zh else "Reporting by unit")
    st.caption((f"应报：完成时限或回复期限在 {as_of.isoformat()} 后30日内（或已过）仍未办结的任务和建议、已开庭但台账未载明出庭情况的案件、"
                "本期预警；逾期未报：期限已过仍未填报。") if zh else
               "Due: open tasks and recommendations due within 30 days (or past due), held hearings without "
               "an appearance on record, this period's warnings. Late: past due and not reported.")
    if summary.is_empty():
        st.info("目前没有应报事项。" if zh else "Nothing is due.", icon=":material/info:")
    else:
        show_records(owner_table(summary, lang), "填报情况" if zh else "reporting_status", "report_status", lang,
                     raw=True, height=300)
    if office.is_office and not summary.is_empty():
        show_reminder_form(engine, office, summary, lang)
    st.subheader(f"{'填报与台账不一致' if zh else 'Reports the ledger contradicts'}（{found.height}）")
    if found.is_empty():
        st.caption("没有待处理的不一致。" if zh else "No open conflicts.")
    else:
        show_table(conflict_table(found, lang), key="report_conflicts")
        if office.is_office:
            show_resolve_form(engine, office, found, lang)
    st.subheader("最近填报" if zh else "Recent reports")
    if reports.is_empty():
        st.caption("尚无填报。" if zh else "No reports yet.")
    else:
        show_table(reports_table(reports.head(200), lang), key="office_reports")
        show_evidence_downloads(engine, office, files, lang)
    if office.is_office:
        with engine.connect() as conn:
            events = audit.list_events(conn, limit=50, action=audit.REPORT)
        with st.expander("填报审计记录" if zh else "Audit rows of reports", icon=":material/policy:"):
            # A plain table (not the grid): few rows, read in full, text selectable. st.table renders
            # Markdown in its cells, and these hold what liaisons typed: escaped like every name.
            st.table(escape_frame(safe_frame(audit_text.events_in_words(events, runtime.settings().timezone, lang))))


def show_reminder_form(engine: Engine, office: Reporter, summary: pl.DataFrame, lang: Lang) -> None:
    zh = lang == "zh"
    owners = summary.select("owner_kind", "owner_id", "owner_name", "late").to_dicts()
    with st.form("reminder_form", clear_on_submit=True):
        picked = st.selectbox("催报对象" if zh else "Remind", range(len(owners)), key="reminder_owner",
                              format_func=lambda i: f"{owners[i]['owner_name']}（{'逾期' if zh else 'late'} {owners[i]['late']}）")
        message = st.text_input("提醒内容" if zh else "Message", value=reminders.DEFAULT_MESSAGE, key="reminder_text",
                                max_chars=500)
        submitted = st.form_submit_button("发送催报" if zh else "Send reminder", icon=":material/notifications:")
    if submitted:
        owner = owners[picked or 0]
        try:
            with engine.begin() as conn:
                reminders.send_reminder(conn, office, owner["owner_id"] if owner["owner_kind"] == "unit" else None,
                                        owner["owner_id"] if owner["owner_kind"] == "township" else None, message)
        except ReportRefused as refused:
            st.error(escape_markdown(refused), icon=":material/block:")
            return
        st.success(("已催报：" if zh else "Reminder sent: ") + escape_markdown(owner["owner_name"]),
                   icon=":material/check_circle:")


def show_resolve_form(engine: Engine, office: Reporter, found: pl.DataFrame, lang: Lang) -> None:
    zh = lang == "zh"
    rows = found.to_dicts()
    with st.form("resolve_form", clear_on_submit=False):
        picked = st.selectbox("不一致事项" if zh else "Conflict", range(len(rows)), key="resolve_pick",
                              format_func=lambda i: f"{rows[i]['court']}{rows[i]['reference']}：{rows[i]['report_says']}")
        choice = st.radio("以何为准" if zh else "Which stands", list(resolve.CHOICES), horizontal=True,
                          key="resolve_choice", format_func=lambda c: {
                              "report": ("以填报为准（更正台账）", "The report (correct the ledger)"),
                              "ledger": ("以台账为准", "The ledger")}[c][0 if zh else 1])
        submitted = st.form_submit_button("确认处理" if zh else "Decide", type="primary")
    if submitted:
        try:
            with engine.begin() as conn:
                message = resolve.resolve_conflict(conn, office, rows[picked or 0]["report_id"], choice)
        except ReportRefused as refused:
            st.error(escape_markdown(refused), icon=":material/block:")
            return
        st.success(escape_markdown(message), icon=":material/check_circle:")
