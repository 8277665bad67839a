"""The administrators' form for one meeting of the register (会议登记): typed in, imported as a one-row
meeting ledger (``etl.importing.forms``), so it is validated, audited and undoable like any import."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlalchemy import Engine

from dashboard.auth import actor_name
from dashboard.i18n import Lang
from dashboard.markdown_text import escape_markdown
from etl.importing.forms import import_form
from etl.metrics.meetings import KIND_LABELS

FORM_KEY = "meeting_form"


def show_meeting_form(engine: Engine, lang: Lang, today: dt.date) -> None:
    """An expander with the form; on submit, the importer's verdict (imported, or why not)."""
    zh = lang == "zh"
    kinds = [zh_label for zh_label, _ in KIND_LABELS.values()]
    with st.expander("登记会议（管理员）" if zh else "Register a meeting (administrators)", icon=":material/edit_note:"):
        with st.form(FORM_KEY, clear_on_submit=False):
            name = st.text_input("会议名称" if zh else "Meeting name", key="mf_name",
                                 placeholder="2025年第一次府院联动联席会议")
            left, right = st.columns(2)
            kind = left.selectbox("会议类型" if zh else "Kind", kinds, key="mf_kind")
            held = right.date_input("召开日期" if zh else "Held on", value=today, key="mf_held")
            minutes = left.text_input("纪要文号" if zh else "Minutes no.", key="mf_minutes",
                                      placeholder="府院联纪〔2025〕1号")
            host = right.text_input("召集单位" if zh else "Convened by", key="mf_host", value="司法局")
            attendees = st.text_input("参会单位（用 、 分隔）" if zh else "Attending units (separated by 、)",
                                      key="mf_attendees")
            submitted = st.form_submit_button("保存" if zh else "Save", type="primary")
        if submitted:
            result = import_form(engine, "meetings", {"name": name, "kind": kind, "held_on": held,
                                                      "minutes_no": minutes, "host": host, "attendees": attendees},
                                 actor_name())
            # The importer's words quote what was typed (a meeting's name): shown as text, never as Markdown.
            message = escape_markdown(result.message)
            if result.status == "imported":
                st.success(("已登记：" if zh else "Saved: ") + message, icon=":material/check_circle:")
            elif result.status == "already_imported":  # the same entry saved twice: nothing to change
                st.info(message, icon=":material/info:")
            else:
                problems = "；".join(f"{r['column']}：{r['reason']}" for r in
                                    result.prepared.rejected_cells.unique(["column", "reason"]).iter_rows(named=True))
                st.error(f"{message}{'（' + escape_markdown(problems) + '）' if problems else ''}",
                         icon=":material/error:")
