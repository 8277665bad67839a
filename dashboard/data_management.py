"""UI pieces of the 数据管理 page: uploads with preview and confirm, batches, unmatched names, templates.

Every decision is made in ``etl.importing``; these functions only lay out its results.
"""

from __future__ import annotations

import streamlit as st

from etl.importing.spec import KIND_LABELS
from etl.importing.template import build_template


def render_template_downloads() -> None:
    """One download button per kind of ledger, generated from the importer's own column spec."""
    st.subheader("模板下载")
    st.caption("每个模板含表头、示例行和逐列说明；表头也可使用说明页列出的其他写法。")
    columns = st.columns(4)
    for index, (kind, label) in enumerate(KIND_LABELS.items()):
        with columns[index % 4]:
            st.download_button(label, data=build_template(kind), file_name=f"模板_{label.replace('/', '、')}.xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               key=f"template_{kind}")
