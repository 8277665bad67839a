"""填报 for a liaison officer: their own unit's (or township's) open tasks, 预警, recommendations and
hearings, one form each, and what they have reported. The forms only offer rows of the viewer's
scoped facts; the writes in ``etl.reporting`` check the scope again on the server, so nothing typed
or replayed reaches another unit's row."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard.auth import Viewer
from dashboard.downloads import audited
from dashboard.i18n import Lang
from dashboard.markdown_text import escape_markdown
from dashboard.tables import show_table
from etl.access import rows_for_viewer
from etl.metrics import Facts
from etl.metrics.periods import Period
from etl.reporting import evidence, reminders, writes
from etl.reporting.evidence import ALLOWED, ALLOWED_TEXT, MAX_BYTES
from etl.reporting.reads import load_reports
from etl.reporting.terms import (
    APPEARANCES,
    DONE,
    OPEN,
    STATUS_LABELS,
    SUBJECT_LABELS,
    Reporter,
    ReportRefused,
)

TAB_KEY = "report_tab"


def reporter_of(viewer: Viewer) -> Reporter:
    return Reporter(viewer.username, str(viewer.role), viewer.unit_id, viewer.township_id)


def period_key(period: Period) -> str:
    """The period part of a 预警's key: its exact span, whatever the label language."""
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def show_reminder_banner(engine: Engine, viewer: Viewer, lang: Lang) -> None:
    """A liaison's open 催报, on every page, until they report (it closes by itself) or dismiss it."""
    reporter = reporter_of(viewer)
    if reporter.scope.is_everything:
        return
    with engine.connect() as conn:
        open_ones = reminders.load_reminders(conn, reporter.scope)
    zh = lang == "zh"
    for reminder in open_ones.iter_rows(named=True):
        box = st.warning(f"{'催报' if zh else 'Reminder'}（{reminder['sent_at']:%Y-%m-%d}）："
                         f"{escape_markdown(reminder['message'])}", icon=":material/notifications_active:")
        if st.button("知道了，关闭提醒" if zh else "Dismiss", key=f"dismiss_reminder_{reminder['id']}",
                     type="tertiary"):
            with engine.begin() as conn:
                reminders.dismiss_reminder(conn, reporter, reminder["id"])
            box.empty()
            st.rerun()


def _save(engine: Engine, lang: Lang, write: object, upload: object | None = None) -> None:
    """Run one write (and an attachment) in one transaction; say what happened."""
    zh = lang == "zh"
    try:
        with engine.begin() as conn:
            write(conn)  # type: ignore[operator]
            if upload is not None:
                upload(conn)  # type: ignore[operator]
    except ReportRefused as refused:  # may quote what was typed or uploaded (a file name)
        st.error(escape_markdown(refused), icon=":material/block:")
        return
    st.success("已保存，联席会议办公室可见。" if zh else "Saved; the office can see it.", icon=":material/check_circle:")


def show_task_form(engine: Engine, reporter: Reporter, facts: Facts, lang: Lang, today: dt.date) -> None:
    zh = lang == "zh"
    tasks = facts.frame("tasks").sort(["status", "deadline"], nulls_last=True)
    if tasks.is_empty():
        st.info("本单位没有双清单任务。" if zh else "No joint tasks for your unit.", icon=":material/info:")
        return
    rows = tasks.select("reference", "content", "deadline", "status").to_dicts()
    labels = [f"{r['reference']} · {r['content']}（{'时限' if zh else 'due'} {r['deadline'] or '—'}）" for r in rows]
    picked = st.selectbox("任务" if zh else "Task", range(len(rows)), format_func=lambda i: labels[i], key="rf_task")
    reference = rows[picked or 0]["reference"]
    with st.form("report_task_form", clear_on_submit=False):
        progress = st.text_area("进展情况" if zh else "Progress", key="rf_task_progress", max_chars=2000)
        left, right = st.columns(2)
        status = left.radio("完成情况" if zh else "Status", [OPEN, DONE], horizontal=True, key="rf_task_status",
                            format_func=lambda s: STATUS_LABELS[s][0 if zh else 1])
        done_on = right.date_input("完成日期" if zh else "Completed on", value=today, key="rf_task_done")
        upload = st.file_uploader(f"{'佐证材料' if zh else 'Evidence'}（{ALLOWED_TEXT}，≤{MAX_BYTES // 2**20} MB）",
                                  type=[s.lstrip(".") for s in ALLOWED], key="rf_task_file",
                                  max_upload_size=MAX_BYTES // 2**20)
        submitted = st.form_submit_button("提交填报" if zh else "Submit", type="primary")
    if submitted:
        def attach(conn: object) -> None:
            evidence.attach_evidence(conn, reporter, "task", reference, "", upload.name, upload.getvalue())  # type: ignore[arg-type,union-attr]

        _save(engine, lang, lambda conn: writes.report_task(conn, reporter, reference, progress, status,
                                                            done_on if status == DONE else None),
              attach if upload is not None else None)


def show_answer_form(engine: Engine, reporter: Reporter, facts: Facts, warnings: pl.DataFrame, period: Period,
                     lang: Lang, today: dt.date) -> None:
    """整改情况 for one of the viewer's 预警 of the period or one of their recommendations."""
    zh = lang == "zh"
    recs = facts.frame("recommendations").sort("answered_on", nulls_last=False)
    options = [("warning", r) for r in warnings.to_dicts()] + [("recommendation", r) for r in recs.to_dicts()]
    if not options:
        st.info("本期没有需要答复的预警或建议。" if zh else "No warnings or recommendations to answer.",
                icon=":material/info:")
        return

    def label(i: int) -> str:
        kind, row = options[i]
        if kind == "warning":
            return f"{'预警' if zh else 'Warning'} · {row['group_name']}：{row['message_zh' if zh else 'message_en']}"
        return f"{'建议' if zh else 'Recommendation'} · {row['reference']}（{'回复期限' if zh else 'due'} {row['due_on'] or '—'}）"

    picked = st.selectbox("答复对象" if zh else "Answer to", range(len(options)), format_func=label, key="rf_answer")
    kind, row = options[picked or 0]
    with st.form("report_answer_form", clear_on_submit=False):
        text = st.text_area("整改情况" if zh else "Rectification", key="rf_answer_text", max_chars=2000)
        left, right = st.columns(2)
        day = left.date_input("整改（回复）日期" if zh else "Answered on", value=today, key="rf_answer_day")
        rectified = right.checkbox("已整改到位" if zh else "Fully rectified", key="rf_answer_done",
                                   disabled=kind == "warning")
        submitted = st.form_submit_button("提交整改情况" if zh else "Submit", type="primary")
    if submitted:
        if kind == "warning":
            _save(engine, lang, lambda conn: writes.answer_warning(
                conn, reporter, row["by"], row["group_id"], row["kind"], period_key(period), text, day))
        else:
            _save(engine, lang, lambda conn: writes.answer_recommendation(
                conn, reporter, row["reference"], text, day, rectified))


def show_hearing_form(engine: Engine, reporter: Reporter, facts: Facts, lang: Lang, today: dt.date) -> None:
    zh = lang == "zh"
    suits = (facts.frame("litigation").filter(pl.col("hearing_on").is_not_null() & (pl.col("hearing_on") <= today))
             .sort(["appearance", "hearing_on"], descending=[False, True], nulls_last=False).head(200))
    if suits.is_empty():
        st.info("没有已开庭的案件。" if zh else "No hearings held.", icon=":material/info:")
        return
    rows = suits.select(pl.col("court").cast(pl.String), "case_number", "hearing_on").to_dicts()
    picked = st.selectbox("案件" if zh else "Case", range(len(rows)), key="rf_hearing",
                          format_func=lambda i: f"{rows[i]['case_number']}（{'开庭' if zh else 'hearing'} {rows[i]['hearing_on']}）")
    row = rows[picked or 0]
    with st.form("report_hearing_form", clear_on_submit=False):
        left, right = st.columns(2)
        appearance = left.radio("出庭情况" if zh else "Who appeared", list(APPEARANCES), key="rf_hearing_who",
                                format_func=lambda c: APPEARANCES[c][0 if zh else 1])
        name = right.text_input("出庭人员（姓名、职务）" if zh else "Name and post", key="rf_hearing_name", max_chars=100)
        submitted = st.form_submit_button("提交出庭情况" if zh else "Submit", type="primary")
    if submitted:
        _save(engine, lang, lambda conn: writes.record_hearing(conn, reporter, row["court"], row["case_number"],
                                                               appearance, name))


def reports_table(reports: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Reports as shown (newest first): what, which row, what was said, by whom, when."""
    zh = lang == "zh"
    subject = {k: v[0 if zh else 1] for k, v in SUBJECT_LABELS.items()}
    appearance = {k: v[0 if zh else 1] for k, v in APPEARANCES.items()}
    status = {k: v[0 if zh else 1] for k, v in STATUS_LABELS.items()}
    return reports.select(
        pl.col("subject").replace_strict(subject, default=pl.col("subject")).alias("类型" if zh else "Kind"),
        pl.concat_str([pl.col("court"), pl.col("reference")]).alias("记录" if zh else "Record"),
        pl.col("note").fill_null("").alias("进展/整改情况" if zh else "Progress / rectification"),
        pl.col("status").replace_strict(status, default=pl.lit("")).alias("状态" if zh else "Status"),
        pl.col("done_on").cast(pl.String).fill_null("").alias("日期" if zh else "Date"),
        pl.concat_str([pl.col("appearance").replace_strict(appearance, default=pl.lit("")),
                       pl.col("appeared_name").fill_null("")], separator=" ").str.strip_chars()
        .alias("出庭" if zh else "Hearing"),
        pl.col("reported_by").alias("填报人" if zh else "By"),
        pl.col("reported_at").dt.strftime("%Y-%m-%d %H:%M").alias("填报时间" if zh else "At"))


def show_my_reports(engine: Engine, reporter: Reporter, lang: Lang) -> None:
    zh = lang == "zh"
    with engine.connect() as conn:
        reports = load_reports(conn, reporter.scope)
        files = evidence.list_evidence(conn, reporter.scope)
    if reports.is_empty():
        st.info("尚未填报。" if zh else "Nothing reported yet.", icon=":material/info:")
        return
    show_table(reports_table(reports, lang), key="my_reports")
    show_evidence_downloads(engine, reporter, files, lang)


def show_evidence_downloads(engine: Engine, reporter: Reporter, files: pl.DataFrame, lang: Lang) -> None:
    """One download per 佐证 file the viewer may see, built (and scope-checked) on the click."""
    if files.is_empty():
        return
    st.caption("佐证材料" if lang == "zh" else "Evidence")
    for row in files.iter_rows(named=True):
        def build(evidence_id: int = row["id"]) -> bytes:
            with engine.connect() as conn:
                return evidence.read_evidence(conn, reporter.scope, evidence_id).content

        suffix = "." + row["name"].rsplit(".", 1)[-1].lower()
        st.download_button(f"{escape_markdown(row['reference'])} · {escape_markdown(row['name'])}"
                           f"（{row['size'] // 1024 + 1} KB）",
                           data=audited(build, what="佐证材料", evidence_id=row["id"]),
                           file_name=f"佐证材料-{row['id']}{suffix}", mime=ALLOWED.get(suffix, ("application/octet-stream",))[0],
                           key=f"evidence_{row['id']}", on_click="ignore", type="tertiary", icon=":material/attach_file:")


def own_warnings(warnings_by: dict[str, pl.DataFrame], reporter: Reporter) -> pl.DataFrame:
    """The period's 预警 about the viewer's own unit or township (the ones they may answer)."""
    frames = [w.with_columns(pl.lit(by).alias("by"),
                             pl.when(pl.lit(by == "unit")).then(pl.col("group_id")).alias("unit_id"),
                             pl.when(pl.lit(by == "township")).then(pl.col("group_id")).alias("township_id"))
              for by, w in warnings_by.items()]
    return rows_for_viewer(pl.concat(frames, how="diagonal_relaxed"), reporter.scope) if frames else pl.DataFrame()
