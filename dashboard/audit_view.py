"""UI pieces of the 审计日志 page (administrators only, read-only): filters, the table, its download.

The log is read through ``etl.audit``; nothing here writes to it except the download's own
export event.
"""

from __future__ import annotations

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard import runtime
from dashboard.downloads import audited, to_xlsx_bytes
from dashboard.i18n import Lang
from etl import audit, audit_text
from etl.config import DEFAULT_TIMEZONE

ALL = "__all__"
LIMIT = 2000
action_label = audit_text.action_label


def events_table(events: pl.DataFrame, lang: Lang, timezone: str = DEFAULT_TIMEZONE) -> pl.DataFrame:
    """The log as shown and downloaded: time on the office's clock, who, what, a sentence; newest first."""
    return audit_text.events_in_words(events.sort("id", descending=True), timezone, lang)


def render_audit_log(engine: Engine, lang: Lang) -> None:
    zh = lang == "zh"
    with engine.connect() as conn:
        actors = audit.list_actors(conn)
    left, right = st.columns(2)
    action = left.selectbox("操作" if zh else "Action", [ALL, *audit.ACTIONS], key="audit_action",
                            format_func=lambda a: ("全部" if zh else "All") if a == ALL else action_label(a, lang))
    actor = right.selectbox("操作人" if zh else "Who", [ALL, *actors], key="audit_actor",
                            format_func=lambda a: ("全部" if zh else "All") if a == ALL else a)
    with engine.connect() as conn:
        events = audit.list_events(conn, limit=LIMIT, action=None if action == ALL else action,
                                   actor=None if actor == ALL else actor)
    if events.is_empty():
        st.info("没有符合条件的记录。" if zh else "No matching events.", icon=":material/info:")
        return
    table = events_table(events, lang, runtime.settings().timezone)
    st.caption(f"最新 {table.height} 条，按时间倒序；日志只读，不能在看板中修改。" if zh else
                f"Newest {table.height} events first; the log is read-only.")
    st.dataframe(table, hide_index=True, use_container_width=True, key="audit_table",
                 column_config={table.columns[-1]: st.column_config.TextColumn(width="large")})
    title = "审计日志（最新在前）" if zh else "Audit log, newest first"
    st.download_button("下载审计日志 (xlsx)" if zh else "Download audit log (xlsx)",
                       data=audited(lambda: to_xlsx_bytes(table, "审计日志", title), what="audit_log", format="xlsx",
                                    rows=table.height, action_filter=action, actor_filter=actor),
                       file_name="审计日志.xlsx", key="audit_download", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")
