"""UI pieces of the 审计日志 page (administrators only, read-only): filters, the table, its download.

The log is read through ``etl.audit``; nothing here writes to it except the download's own
export event.
"""

from __future__ import annotations

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard.downloads import audited, to_xlsx_bytes
from dashboard.i18n import Lang
from etl import audit

ALL = "__all__"
LIMIT = 2000
ACTION_LABELS: dict[str, tuple[str, str]] = {
    audit.LOGIN: ("登录", "Login"), audit.LOGIN_FAILED: ("登录失败", "Failed login"),
    audit.LOGOUT: ("退出登录", "Logout"), audit.TOKEN_USE: ("大屏令牌使用", "Display token used"),
    audit.IMPORT: ("导入", "Import"), audit.ROLLBACK: ("回滚", "Rollback"),
    audit.TARGET_CHANGE: ("目标修改", "Target change"), audit.SCHEME_CHANGE: ("考核方案修改", "Scheme change"),
    audit.CASE_FLAG: ("案件标记", "Case flag"),
    audit.NAME_MAPPING: ("名称映射", "Name mapping"), audit.EXPORT: ("下载导出", "Export"),
    audit.BRIEFING: ("生成简报", "Briefing"), audit.USER_CHANGE: ("账号变更", "User change"),
    audit.TOKEN_CHANGE: ("大屏令牌变更", "Display token change"), audit.SETTING_CHANGE: ("设置修改", "Setting change"),
    audit.BRIEFING_ISSUE: ("简报编号印发", "Briefing issued"), audit.LOSS_REVIEW: ("败诉案件整改记录", "Lost-case review"),
}


def action_label(action: str, lang: Lang) -> str:
    pair = ACTION_LABELS.get(action)
    return action if pair is None else pair[0 if lang == "zh" else 1]


def events_table(events: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """The log as shown and downloaded: time, who, what (translated), detail; newest first."""
    zh = lang == "zh"
    return events.sort("id", descending=True).select(
        pl.col("at").dt.strftime("%Y-%m-%d %H:%M:%S").alias("时间（UTC）" if zh else "Time (UTC)"),
        pl.col("actor").fill_null("-").alias("操作人" if zh else "Who"),
        pl.col("action").map_elements(lambda a: action_label(a, lang), return_dtype=pl.String)
        .alias("操作" if zh else "Action"),
        pl.col("detail").alias("详情" if zh else "Detail"),
    )


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
    table = events_table(events, lang)
    st.caption(f"最新 {table.height} 条，按时间倒序；日志只读，不能在看板中修改。" if zh else
                f"Newest {table.height} events first; the log is read-only.")
    st.dataframe(table, hide_index=True, use_container_width=True, key="audit_table")
    st.download_button("下载审计日志 (xlsx)" if zh else "Download audit log (xlsx)",
                       data=audited(lambda: to_xlsx_bytes(table, "审计日志"), what="audit_log", format="xlsx",
                                    rows=table.height, action_filter=action, actor_filter=actor),
                       file_name="审计日志.xlsx", key="audit_download", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")
