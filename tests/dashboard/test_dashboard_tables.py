"""Record tables and their downloads: Chinese headers and wording, and no formula injection."""

from __future__ import annotations

import io

import openpyxl
import polars as pl

from dashboard.downloads import to_csv_bytes, to_xlsx_bytes
from dashboard.tables import display_frame

RECORDS = pl.DataFrame({
    "case_number": ["（2025）示0928行初1号", "（2025）示0928行初2号"],
    "unit_name": ["=HYPERLINK(\"http://x\")", "示范县人社局"],
    "township_name": [None, None],
    "outcome": ["revoked", "claim_dismissed"],
    "internal_id": [1, 2],
}, schema_overrides={"township_name": pl.String})


def test_display_frame_uses_chinese_headers_and_wording_and_drops_empty_columns() -> None:
    shown = display_frame(RECORDS, "zh")
    assert shown.columns == ["案号", "单位", "结案方式"]
    assert shown["结案方式"].to_list() == ["判决撤销", "驳回诉讼请求"]


def test_display_frame_in_english_keeps_vocabulary_keys() -> None:
    shown = display_frame(RECORDS, "en")
    assert shown.columns == ["Case no.", "Unit", "Outcome"]
    assert shown["Outcome"].to_list() == ["revoked", "claim_dismissed"]


def test_csv_download_has_a_bom_for_excel_and_neutralises_formulas() -> None:
    data = to_csv_bytes(display_frame(RECORDS, "zh"))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_xlsx_download_stores_formula_like_text_as_text() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(display_frame(RECORDS, "zh"), "案件清单")))
    sheet = book["案件清单"]
    assert [c.value for c in sheet[1]] == ["案号", "单位", "结案方式"]
    assert sheet["B2"].value.startswith("'=HYPERLINK") and sheet["B2"].data_type == "s"
