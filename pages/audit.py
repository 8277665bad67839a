"""审计日志 page: who did what and when. Administrators only; read-only."""

from __future__ import annotations

import streamlit as st

from dashboard.audit_view import render_audit_log
from dashboard.auth import require_admin
from dashboard.data import db_url, get_engine
from dashboard.layout import current_lang

engine = get_engine(db_url())
require_admin(engine)
lang = current_lang()
st.title("审计日志" if lang == "zh" else "Audit log")
st.caption("登录、导入、回滚、目标与方案修改、名称映射、下载与简报、账号与令牌变更。" if lang == "zh" else
           "Logins, imports, rollbacks, target and scheme changes, name mappings, exports, briefings, "
           "user and token changes.")
render_audit_log(engine, lang)
