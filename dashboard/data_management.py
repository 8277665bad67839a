"""UI pieces of the 数据管理 page: upload → preview → confirm, batches, the review queue (unmatched names
and held values), templates.

Every decision is made in ``etl.importing``; these functions only lay out its results and pass the
user's choices back. The validation report offered for download is the same xlsx the CLI writes.
"""

from __future__ import annotations

import hashlib

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard import runtime
from dashboard.auth import actor_name
from dashboard.caches import RESULTS
from dashboard.components.uploader import chinese_uploader
from dashboard.data import current_version, db_url, get_engine, waiting
from dashboard.downloads import audited
from dashboard.markdown_text import escape_markdown
from dashboard.vocabulary_view import render_held_values
from etl.auth.visibility import ranking_names_visible, set_ranking_names_visible
from etl.catalog import BOUNDARIES
from etl.db.meta import data_version
from etl.importing.batches import RollbackError, list_batches, rollback_batch
from etl.importing.pipeline import FileResult, ImportOptions, import_files
from etl.importing.report import (
    STATUS_LABELS,
    build_report,
    cleaned_frame,
    held_frame,
    mapping_frame,
    rejected_frame,
    summary_frame,
)
from etl.importing.rollback_preview import rollback_preview
from etl.importing.spec import KIND_LABELS, SPECS
from etl.importing.template import build_template
from etl.importing.unmatched import (
    MappingError,
    create_unit,
    map_name_to_township,
    map_name_to_unit,
    township_choices,
    unit_choices,
    unmatched_names,
)
from etl.importing.vocabulary import office_entries

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Ledgers, and township outlines (GeoJSON, zipped Shapefile) which import through the same widget.
UPLOAD_TYPES = ("xlsx", "xls", "csv", *(suffix.lstrip(".") for suffix in BOUNDARIES.suffixes))
AUTO = "自动识别"
BATCH_COLUMNS = {"id": "批次", "file_name": "文件", "kind": "类型", "imported_at": "导入时间", "status": "状态",
                 "rows_read": "读取", "accepted": "接受", "held": "待确认", "duplicates": "合并重复", "skipped": "跳过",
                 "rejected": "拒绝", "inserted": "新增", "updated": "更新", "unchanged": "未变"}


def import_options(kind_label: str, court: str, dry_run: bool, actor: str | None = None) -> ImportOptions:
    """``actor`` is who the batch and the audit log name (the logged-in user, or "localhost")."""
    kind = next((k for k, label in KIND_LABELS.items() if label == kind_label), None)
    return ImportOptions(kind=kind, court=court.strip() or None, dry_run=dry_run, imported_by=actor)


def _run(engine: Engine, files: list[tuple[str, bytes]], options: ImportOptions) -> list[FileResult]:
    bar = st.progress(0.0, text="正在读取与校验……")

    def progress(fraction: float, text: str) -> None:
        bar.progress(min(fraction, 1.0), text=text)

    results = import_files(engine, files, options, progress)
    bar.empty()
    return results


def render_results(results: list[FileResult], key: str) -> None:
    """Counts per file, the column mapping, rejected cells, and the report download."""
    st.dataframe(summary_frame(results), hide_index=True, use_container_width=True)
    for result in results:
        icon = "✅" if result.ok else "⚠️"
        with st.expander(f"{icon} {escape_markdown(result.file_name)}：{STATUS_LABELS.get(result.status, result.status)}",
                         expanded=not result.ok):
            st.markdown(escape_markdown(result.message))
            mapping = mapping_frame([result])
            if not mapping.is_empty():
                st.caption("列映射（原表头 → 识别为）")
                st.dataframe(mapping.drop("文件"), hide_index=True, use_container_width=True)
            rejected = rejected_frame([result])
            if not rejected.is_empty():
                st.caption(f"被拒绝的行（共 {result.prepared.rejected} 行，下表最多显示 200 条问题）")
                st.dataframe(rejected.drop("文件").head(200), hide_index=True, use_container_width=True)
            held = held_frame([result])
            if not held.is_empty():
                st.caption(f"取值待确认的行（共 {result.prepared.held} 行，已导入；导入后在“待处理”中指定含义）")
                st.dataframe(held.drop("文件", "处理").head(200), hide_index=True, use_container_width=True)
            cleaned = cleaned_frame([result])
            if not cleaned.is_empty():
                st.caption(f"修正后导入的单元格（共 {cleaned.height} 处，下表最多显示 200 条）")
                st.dataframe(cleaned.drop("文件").head(200), hide_index=True, use_container_width=True)
    st.download_button("下载校验报告 (xlsx)", file_name="导入校验报告.xlsx", mime=XLSX_MIME, key=f"report_{key}",
                       data=audited(lambda: build_report(results), what="validation_report", format="xlsx",
                                    files=[r.file_name for r in results]), on_click="ignore")


def preview_files(url: str, version: int, files: tuple[tuple[str, bytes], ...], kind_label: str,
                  court: str) -> list[FileResult]:
    """The dry run of the uploaded files, computed once per upload (by content digest), options and
    data version."""
    digests = tuple((name, hashlib.sha256(content).hexdigest()) for name, content in files)
    # The office's wording is in the key too: a header or value taught on the 词表 tab changes the dry run
    # without changing the data version when no stored row carries that spelling.
    with get_engine(url).connect() as conn:
        wording = tuple(office_entries(conn))
    key = ("import dry run", url, version, wording, digests, kind_label, court)
    results: list[FileResult] = waiting(
        RESULTS, key, lambda: import_files(get_engine(url), list(files), import_options(kind_label, court, dry_run=True)),
        "正在读取与校验……", runtime.settings().load_wait_seconds)
    return results


def render_upload(engine: Engine) -> None:
    """Upload one or more ledgers, preview (dry run), then confirm the import."""
    st.subheader("导入台账")
    chinese_uploader(UPLOAD_TYPES)
    uploads = st.file_uploader("上传台账文件（可多选）", type=list(UPLOAD_TYPES), accept_multiple_files=True,
                               key="dm_uploads")
    left, right = st.columns(2)
    kind_label = left.selectbox("台账类型", [AUTO, *KIND_LABELS.values()], key="dm_kind")
    court = right.text_input("默认法院（诉讼台账未写法院时使用）", key="dm_court")
    if not uploads:
        st.info("请选择 .xlsx、.xls 或 .csv 文件；可先下载下方模板。乡镇边界可上传 GeoJSON（.geojson/.json）"
                "或 Shapefile 压缩包（.zip，含 .shp、.shx、.dbf、.prj）。")
        return
    files = [(u.name, u.getvalue()) for u in uploads]
    st.markdown("**预览与校验**（尚未写入数据库）")
    url = db_url()
    preview = preview_files(url, current_version(url), tuple(files), kind_label, court)
    render_results(preview, "preview")
    importable = [r for r in preview if r.ok and r.prepared.stored > 0]
    if not importable:
        st.error("没有可导入的文件：请根据上面的提示修改后重新上传。")
        return
    if st.button(f"确认导入 {len(importable)} 个文件", type="primary", key="dm_confirm"):
        chosen = [(r.file_name, data) for r, (_, data) in zip(preview, files, strict=True)
                  if r.ok and r.prepared.stored > 0]
        results = _run(engine, chosen, import_options(kind_label, court, dry_run=False, actor=actor_name()))
        st.success(escape_markdown("导入完成：" + "；".join(r.message for r in results)))
        render_results(results, "final")


def render_batches(engine: Engine) -> None:
    """Batch history with rollback of one batch."""
    st.subheader("导入批次")
    with engine.connect() as conn:
        batches = list_batches(conn)
    if batches.is_empty():
        st.caption("暂无导入批次。")
        return
    shown = batches.drop("is_demo").with_columns(
        pl.col("kind").replace(KIND_LABELS), pl.col("status").replace({"active": "有效", "rolled_back": "已回滚"}))
    st.dataframe(shown.rename(BATCH_COLUMNS), hide_index=True, use_container_width=True)
    active = batches.filter(pl.col("status") == "active")["id"].to_list()
    if not active:
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    batch_id = left.selectbox("回滚批次", active, key="dm_rollback_id")
    if right.button("回滚所选批次", key="dm_rollback"):
        st.session_state[ROLLBACK_PENDING] = int(batch_id)
    pending = st.session_state.get(ROLLBACK_PENDING)
    if pending is not None and pending != batch_id:  # another batch chosen since: ask again for that one
        st.session_state.pop(ROLLBACK_PENDING, None)
    elif pending is not None:
        _confirm_rollback(engine, int(pending))


ROLLBACK_PENDING = "dm_rollback_pending"


def _confirm_rollback(engine: Engine, batch_id: int) -> None:
    """A rollback changes every figure: it happens only once the clerk has read what it undoes."""
    try:
        with engine.connect() as conn:
            preview = rollback_preview(conn, batch_id)
    except RollbackError as exc:
        st.error(escape_markdown(exc))
        return
    box = st.container(border=True, key="dm_rollback_confirm")
    box.warning(escape_markdown(preview.sentence(runtime.settings().timezone)), icon=":material/undo:")
    yes, no = box.columns([1, 1])
    if no.button("取消", key="dm_rollback_cancel"):
        st.session_state.pop(ROLLBACK_PENDING, None)
        st.rerun()
    if yes.button(f"确认回滚批次 {batch_id}", key="dm_rollback_yes", type="primary"):
        st.session_state.pop(ROLLBACK_PENDING, None)
        try:
            with engine.begin() as conn:
                touched = rollback_batch(conn, batch_id, actor=actor_name())
            st.success(f"批次 {batch_id} 已回滚（涉及 {touched} 行）")
        except RollbackError as exc:
            st.error(escape_markdown(exc))


def _read_queue(url: str) -> pl.DataFrame:
    with get_engine(url).connect() as conn:
        return unmatched_names(conn)


def _unmatched_queue(url: str, version: int) -> pl.DataFrame:
    """The queue scans every fact table (about 20 queries): once per data version, not on every rerun.
    Mapping a name, creating a unit, an import and a rollback all bump the version."""
    queue: pl.DataFrame = RESULTS.get_or_compute(("unmatched names", url, version), lambda: _read_queue(url))
    return queue


def render_unmatched(engine: Engine) -> None:
    """The review queue: held values (say what a spelling means) and names that matched nothing (map one
    to a unit, which stores an alias, or create the unit)."""
    st.subheader("待处理")
    with engine.connect() as conn:
        queue = _unmatched_queue(db_url(), data_version(conn))
        units = unit_choices(conn)
        townships = township_choices(conn)
    if queue.is_empty():
        st.caption("没有未匹配的名称，也没有取值待确认的记录。")
        return
    shown = queue.with_columns(pl.col("target").replace({"unit": "单位", "township": "乡镇", "subject": "领域",
                                                         "value": "取值待确认"}))
    st.dataframe(shown.drop("column").rename({"name": "名称或取值", "field": "列", "target": "类别", "rows": "行数"}),
                 hide_index=True, use_container_width=True)
    render_held_values(engine, queue)
    if queue.filter(pl.col("target") != "value").is_empty():
        return
    st.markdown("**未匹配名称**")
    st.caption("这些行已计入全县合计，但未归属任何单位；映射后自动重新归属。")
    _render_township_mapping(engine, queue, townships)
    unit_names = queue.filter(pl.col("target") == "unit")["name"].unique(maintain_order=True).to_list()
    if not unit_names:
        return
    raw = st.selectbox("待处理单位名称", unit_names, key="dm_raw_name")
    left, right = st.columns(2)
    unit = left.selectbox("映射到单位", units, key="dm_map_unit") if units else None
    try:
        if unit and left.button("映射并重新归属", key="dm_map"):
            with engine.begin() as conn:
                changed = map_name_to_unit(conn, raw, unit, actor=actor_name())
            st.success(f"已将“{escape_markdown(raw)}”设为“{escape_markdown(unit)}”的别名，重新归属 {changed} 行")
        if right.button("以此名称新建单位", key="dm_create"):
            with engine.begin() as conn:
                _, changed = create_unit(conn, raw, actor=actor_name())
            st.success(f"已新建单位“{escape_markdown(raw)}”，重新归属 {changed} 行")
    except MappingError as exc:
        st.error(escape_markdown(exc))


def _render_township_mapping(engine: Engine, queue: pl.DataFrame, townships: list[str]) -> None:
    names = queue.filter(pl.col("target") == "township")["name"].unique(maintain_order=True).to_list()
    if not names or not townships:
        return
    left, middle, right = st.columns([2, 2, 1])
    raw = left.selectbox("待处理乡镇名称", names, key="dm_raw_town")
    town = middle.selectbox("映射到乡镇", townships, key="dm_map_town")
    if right.button("映射乡镇", key="dm_map_town_go"):
        try:
            with engine.begin() as conn:
                changed = map_name_to_township(conn, raw, town, actor=actor_name())
            st.success(f"已将“{escape_markdown(raw)}”设为乡镇“{escape_markdown(town)}”的别名，重新归属 {changed} 行")
        except MappingError as exc:
            st.error(escape_markdown(exc))


def render_template_downloads() -> None:
    """One download button per kind of ledger, generated from the importer's own column spec."""
    st.subheader("模板下载")
    st.caption("每个模板只有表头（填写页不放示例，以免示例被当作真实案件导入）；各列示例和说明见“说明”页及表头批注，"
               "表头也可使用说明页列出的其他写法。")
    columns = st.columns(4)
    sheets = {kind: label for kind, label in KIND_LABELS.items() if kind in SPECS}  # outlines have no template
    for index, (kind, label) in enumerate(sheets.items()):
        with columns[index % 4]:
            st.download_button(label, data=build_template(kind), file_name=f"模板_{label.replace('/', '、')}.xlsx",
                               mime=XLSX_MIME, key=f"template_{kind}")


def render_settings(engine: Engine) -> None:
    """Access settings an administrator may change here (each change is audited)."""
    st.subheader("访问设置")
    with engine.connect() as conn:
        visible = ranking_names_visible(conn)
    wanted = st.toggle("联络员在考核排名中可见其他单位、乡镇的名称", value=visible, key="dm_ranking_names",
                       help="关闭时，联络员只看到本单位（乡镇）的名称，其他名称显示为“第N名单位”。")
    if wanted != visible:
        with engine.begin() as conn:
            set_ranking_names_visible(conn, wanted, actor=actor_name())
        st.success("已开放其他名称" if wanted else "已隐藏其他名称")
