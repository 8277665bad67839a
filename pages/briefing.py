"""简报 page: choose scope and period, preview the briefing, download DOCX/PDF/PPTX."""

from __future__ import annotations

import streamlit as st

from dashboard.briefing_view import (
    briefing_or_error,
    download_buttons,
    issue_panel,
    render_preview,
    request_form,
    viewer_facts,
)
from dashboard.data import current_version, db_url, get_engine

st.title("工作简报")
st.caption("为联席会议生成工作简报：选择范围与期间，预览后下载预览稿；正式印发时编期号。所有数字均来自指标层。")

facts = viewer_facts()
request = request_form(facts)
url = db_url()
preview = briefing_or_error(url, current_version(url), request, facts)
if preview is not None:
    download_buttons(preview)
    issue_panel(preview, request, get_engine(url))
    render_preview(preview)
