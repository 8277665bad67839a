"""UI pieces of the 数据管理 page for wording: held values to map, and the office's vocabulary.

Every decision is made in ``etl.importing.vocabulary``; these functions lay out its results and pass
the administrator's choices back (each change is audited there).
"""

from __future__ import annotations

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard.auth import actor_name
from dashboard.downloads import audited
from dashboard.markdown_text import escape_markdown
from etl.importing.held import VOCAB_FIELDS
from etl.importing.spec import KIND_LABELS, SPECS
from etl.importing.vocabulary import (
    VocabularyError,
    add_header,
    effective_mappings,
    export_vocabulary,
    import_vocabulary,
    list_entries,
    map_value,
    remove_entry,
)
from etl.wording.labels import RECORD_LABELS, VOCAB_ZH

YES_NO_ZH = {"true": "是", "false": "否"}
ENTRY_COLUMNS = {"id": "编号", "section": "类别", "name": "词表/台账", "written": "写法", "target": "含义",
                 "created_by": "添加人", "created_at": "添加时间"}


def code_label(column: str, code: str) -> str:
    """A code as the page offers it: its Chinese wording and the code (未成功 · failure)."""
    vocabulary = VOCAB_FIELDS[column][1].vocabulary
    # The conference's own ledgers (meetings, key cases, supervision) name their codes in RECORD_LABELS.
    record_words = {key: zh for key, (zh, _en) in RECORD_LABELS.get(vocabulary, {}).items()}
    words = YES_NO_ZH if vocabulary == "yes_no" else VOCAB_ZH.get(column, record_words)
    return f"{words[code]} · {code}" if code in words else code


def render_held_values(engine: Engine, queue: pl.DataFrame) -> None:
    """Held values: say once what a spelling means; every held row is released and later imports
    understand it."""
    held = queue.filter(pl.col("target") == "value")
    if held.is_empty():
        return
    st.markdown("**取值待确认**")
    st.caption("这些记录已导入，计入案件数量；因取值无法识别，暂不计入需要该取值的比率。指定含义后立即计入。")
    options = [f"{r['name']}｜{r['field']}（{r['rows']} 条）" for r in held.iter_rows(named=True)]
    left, middle, right = st.columns([2, 2, 1])
    chosen = left.selectbox("待确认取值", range(len(options)), format_func=lambda i: options[i], key="dm_held_value")
    row = held.row(int(chosen), named=True)
    with engine.connect() as conn:
        vocabulary = VOCAB_FIELDS[row["column"]][1].vocabulary
        codes = effective_mappings(conn).codes[vocabulary]
    # No preselected meaning: a mapping releases rows into the figures, so it is always a choice.
    code = middle.selectbox("理解为", codes, index=None, placeholder="请选择含义",
                            format_func=lambda c: code_label(row["column"], c), key="dm_held_code")
    if right.button("确认含义", key="dm_held_map", type="primary", disabled=code is None) and code is not None:
        try:
            with engine.begin() as conn:
                done = map_value(conn, row["name"], row["column"], code=code, actor=actor_name())
            st.success(f"已将“{escape_markdown(row['name'])}”理解为“{escape_markdown(code_label(row['column'], code))}”，"
                       f"{done.rows} 条记录已确认")
        except VocabularyError as exc:
            st.error(escape_markdown(exc))


def render_vocabulary(engine: Engine) -> None:
    """The office's own wording on top of the shipped defaults: list, undo, add a header, export, import."""
    st.subheader("词表")
    st.caption("随软件提供的默认词表之外，本单位补充的取值写法和表头写法；升级软件不会丢失，可导出给其他县区使用。")
    with engine.connect() as conn:
        entries = list_entries(conn)
    if entries.is_empty():
        st.caption("尚无本单位补充的条目。")
    else:
        shown = entries.with_columns(pl.col("section").replace({"value": "取值", "header": "表头"}))
        st.dataframe(shown.rename(ENTRY_COLUMNS), hide_index=True, use_container_width=True)
        left, right = st.columns([2, 1])
        entry = left.selectbox("撤销条目", entries["id"].to_list(), key="dm_vocab_remove_id",
                               format_func=lambda i: _entry_text(entries, i))
        if right.button("撤销所选条目", key="dm_vocab_remove"):
            try:
                with engine.begin() as conn:
                    rows = remove_entry(conn, int(entry), actor=actor_name())
                st.success(f"已撤销；{rows} 条记录的取值随之改变")
            except VocabularyError as exc:
                st.error(escape_markdown(exc))
    _render_add_header(engine)
    _render_transfer(engine)


def _entry_text(entries: pl.DataFrame, entry_id: int) -> str:
    row = entries.filter(pl.col("id") == entry_id).row(0, named=True)
    return f"#{entry_id} {row['written']} → {row['target']}"


def _render_add_header(engine: Engine) -> None:
    st.markdown("**添加表头写法**")
    left, middle, right, go = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
    kind = left.selectbox("台账类型", list(SPECS), format_func=lambda k: KIND_LABELS[k], key="dm_vocab_kind")
    with engine.connect() as conn:
        mappings = effective_mappings(conn)
    fields = [c.field for c in SPECS[kind].columns]
    field = middle.selectbox("对应的列", fields, format_func=lambda f: mappings.label(kind, f), key="dm_vocab_field")
    spelling = right.text_input("台账中的表头写法", key="dm_vocab_header")
    if go.button("添加", key="dm_vocab_add") and spelling.strip():
        try:
            with engine.begin() as conn:
                add_header(conn, spelling, kind, field, actor=actor_name())
            st.success(f"已添加：“{escape_markdown(spelling)}”→ {escape_markdown(mappings.label(kind, field))}")
        except VocabularyError as exc:
            st.error(escape_markdown(exc))


def _render_transfer(engine: Engine) -> None:
    st.markdown("**导出与导入**")
    left, right = st.columns(2)
    with engine.connect() as conn:
        text = export_vocabulary(conn)
    left.download_button("导出词表 (TOML)", file_name="词表.toml", mime="application/toml", key="dm_vocab_export",
                         data=audited(lambda: text.encode("utf-8"), what="vocabulary", format="toml"),
                         on_click="ignore")
    upload = right.file_uploader("导入词表文件", type=["toml"], key="dm_vocab_upload")
    if upload is not None and right.button("导入", key="dm_vocab_import"):
        try:
            with engine.begin() as conn:
                counts = import_vocabulary(conn, upload.getvalue().decode("utf-8"), actor=actor_name())
            st.success(f"新增 {counts['added']}，修改 {counts['changed']}，未变 {counts['unchanged']}；"
                       f"{counts['rows']} 条记录的取值随之改变")
        except (VocabularyError, UnicodeDecodeError) as exc:
            st.error(escape_markdown(exc))
