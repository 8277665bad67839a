"""简报 page: choose scope and period, preview the briefing, download DOCX/PDF/PPTX (issue 7)."""

from __future__ import annotations

import streamlit as st

st.title("工作简报")
st.caption("为联席会议生成工作简报:选择范围与期间,预览后下载 DOCX / PDF / PPTX。")

scope_kind = st.radio("范围", ["全县", "乡镇", "单位"], horizontal=True, key="brief_scope_kind")
period_text = st.text_input("期间", value="", placeholder="例如 2025H1、2025Q2、2025-06、2025", key="brief_period")
issue_number = st.number_input("期数 第N期", min_value=1, value=1, step=1, key="brief_issue_number")
st.info("简报生成功能正在接入指标层。")
