"""The validation report as xlsx: summary per file, rejected cells, held values, skipped rows, column
mapping. Per file, 读取行数 = 接受 + 取值待确认 + 合并重复 + 跳过 + 拒绝.

Cells pass through :mod:`etl.export_safety`, because ledger text is user input.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import polars as pl
import xlsxwriter

from etl.export_safety import safe_frame
from etl.importing.pipeline import FileResult
from etl.importing.spec import KIND_LABELS

STATUS_LABELS = {"imported": "已导入", "dry_run": "仅校验", "already_imported": "已导入过(未重复)", "failed": "未导入"}


def summary_frame(results: Sequence[FileResult]) -> pl.DataFrame:
    rows = []
    for r in results:
        s = r.summary()
        rows.append({"文件": s["file"], "类型": KIND_LABELS.get(s["kind"] or "", s["kind"] or ""),
                     "状态": STATUS_LABELS.get(s["status"], s["status"]), "读取行数": s["rows_read"],
                     "接受": s["accepted"], "取值待确认": s["held"], "合并重复": s["duplicates"], "跳过": s["skipped"],
                     "拒绝": s["rejected"], "新增": s["inserted"], "更新": s["updated"], "未变": s["unchanged"],
                     "批次": s["batch_id"], "说明": s["message"]})
    return pl.DataFrame(rows, schema={"文件": pl.String, "类型": pl.String, "状态": pl.String, "读取行数": pl.Int64,
                                      "接受": pl.Int64, "取值待确认": pl.Int64, "合并重复": pl.Int64, "跳过": pl.Int64,
                                      "拒绝": pl.Int64,
                                      "新增": pl.Int64, "更新": pl.Int64, "未变": pl.Int64, "批次": pl.Int64,
                                      "说明": pl.String})


def rejected_frame(results: Sequence[FileResult]) -> pl.DataFrame:
    parts = [r.prepared.rejected_cells.select(pl.lit(r.file_name).alias("文件"), pl.col("sheet").alias("工作表"),
                                              pl.col("source_row").alias("行号"), pl.col("column").alias("列"),
                                              pl.col("value").alias("值"), pl.col("reason").alias("原因"))
             for r in results]
    return pl.concat(parts) if parts else pl.DataFrame()


def held_frame(results: Sequence[FileResult]) -> pl.DataFrame:
    """Cells whose wording no vocabulary knows: the row was imported and waits for the mapping."""
    parts = [r.prepared.held_cells.select(pl.lit(r.file_name).alias("文件"), pl.col("sheet").alias("工作表"),
                                          pl.col("source_row").alias("行号"), pl.col("column").alias("列"),
                                          pl.col("value").alias("值"),
                                          pl.format("已导入，取值待确认：liandong map-value {} --column {} --like 已知写法",
                                                    pl.col("value"), pl.col("field")).alias("处理"))
             for r in results]
    return pl.concat(parts) if parts else pl.DataFrame()


def cleaned_frame(results: Sequence[FileResult]) -> pl.DataFrame:
    """Cells imported after a correction (control characters removed, an over-long alias left out)."""
    parts = [r.prepared.cleaned_cells.select(pl.lit(r.file_name).alias("文件"), pl.col("sheet").alias("工作表"),
                                             pl.col("source_row").alias("行号"), pl.col("column").alias("列"),
                                             pl.col("value").alias("原值"), pl.col("reason").alias("修正"))
             for r in results]
    return pl.concat(parts) if parts else pl.DataFrame()


def skipped_frame(results: Sequence[FileResult]) -> pl.DataFrame:
    parts = [r.prepared.skipped_rows.select(pl.lit(r.file_name).alias("文件"), pl.col("sheet").alias("工作表"),
                                            pl.col("source_row").alias("行号"), pl.col("reason").alias("原因"))
             for r in results]
    return pl.concat(parts) if parts else pl.DataFrame()


def mapping_frame(results: Sequence[FileResult]) -> pl.DataFrame:
    rows = []
    for r in results:
        for sheet in r.prepared.sheets:
            for header, label in sheet.columns.items():
                rows.append({"文件": r.file_name, "工作表": sheet.sheet, "表头行": sheet.header_row,
                             "原表头": header, "识别为": label})
            for header in sheet.unmapped:
                rows.append({"文件": r.file_name, "工作表": sheet.sheet, "表头行": sheet.header_row,
                             "原表头": header, "识别为": "(忽略)"})
            if sheet.note:
                rows.append({"文件": r.file_name, "工作表": sheet.sheet, "表头行": None, "原表头": "",
                             "识别为": sheet.note})
    return pl.DataFrame(rows, schema={"文件": pl.String, "工作表": pl.String, "表头行": pl.Int64, "原表头": pl.String,
                                      "识别为": pl.String})


def build_report(results: Sequence[FileResult]) -> bytes:
    """One workbook: 汇总, 拒绝明细, 待确认明细, 修正明细, 跳过明细, 列映射."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False}) as book:
        for title, frame in (("汇总", summary_frame(results)), ("拒绝明细", rejected_frame(results)),
                             ("待确认明细", held_frame(results)), ("修正明细", cleaned_frame(results)),
                             ("跳过明细", skipped_frame(results)), ("列映射", mapping_frame(results))):
            if frame.width == 0:
                frame = pl.DataFrame({"说明": ["无"]})
            safe_frame(frame).write_excel(book, worksheet=title, autofit=True)
    return buffer.getvalue()
