"""数据管理 page: import ledgers, review batches and unmatched names, download templates (issue 3)."""

from __future__ import annotations

import streamlit as st

from dashboard.data_management import render_template_downloads

st.title("数据管理")
st.caption("导入法院、司法局台账：上传 → 预览与校验 → 确认导入；可回滚批次、处理未匹配名称、下载模板。")
render_template_downloads()
