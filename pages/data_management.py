"""数据管理 page: import ledgers, review batches, names and held values, the office's vocabulary, templates."""

from __future__ import annotations

import streamlit as st

from dashboard.assessment_admin import render_case_flags, render_scheme_editor
from dashboard.auth import require_admin
from dashboard.data import bootstrap, db_url, demo_allowed, get_engine
from dashboard.data_management import (
    render_batches,
    render_settings,
    render_template_downloads,
    render_unmatched,
    render_upload,
)
from dashboard.vocabulary_view import render_vocabulary

url = db_url()
bootstrap(url, demo_allowed())
engine = get_engine(url)
require_admin(engine)  # imports, rollbacks, name mappings and settings are the administrator's
st.title("数据管理")
st.caption("导入法院、司法局台账：上传 → 预览与校验 → 确认导入；可回滚批次、处理未匹配名称和待确认取值、维护词表、下载模板；"
           "设定考核方案、标记重大败诉案件。")
upload, batches, unmatched, vocabulary, templates, scheme, flags, settings = st.tabs(
    ["导入", "批次", "待处理", "词表", "模板", "考核方案", "重大败诉", "设置"])
with upload:
    render_upload(engine)
with batches:
    render_batches(engine)
with unmatched:
    render_unmatched(engine)
with vocabulary:
    render_vocabulary(engine)
with templates:
    render_template_downloads()
with scheme:
    render_scheme_editor(engine)
with flags:
    render_case_flags(engine)
with settings:
    render_settings(engine)
