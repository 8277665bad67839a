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


def test_cells_read_as_a_clerk_expects_dates_without_time_yes_no_and_blank_empties() -> None:
    import datetime as dt

    records = pl.DataFrame({
        "case_number": ["（2025）示0928行初1号", "（2025）示0928行初2号"],
        "closed_on": [dt.datetime(2025, 3, 5), None],  # a date read back as a date-time (00:00:00)
        "rectified": [True, None],
        "in_numerator": [False, True],
        "plaintiff": [None, "张三"],
    })
    shown = display_frame(records, "zh")
    assert shown.schema["结案日期"] == pl.Date and shown["结案日期"].to_list() == [dt.date(2025, 3, 5), None]
    assert shown["已整改"].to_list() == ["是", ""] and shown["计入分子"].to_list() == ["否", "是"]
    assert shown["原告"].to_list() == ["", "张三"]
    assert display_frame(records, "en")["Rectified"].to_list() == ["Yes", ""]


def test_a_date_time_with_a_time_of_day_keeps_it() -> None:
    import datetime as dt

    from dashboard.tables import readable_cells

    frame = pl.DataFrame({"at": [dt.datetime(2026, 1, 3, 8, 30), dt.datetime(2026, 1, 4)]})
    assert readable_cells(frame, "zh").schema["at"] == pl.Datetime("us")


def test_xlsx_download_opens_with_a_title_line_and_a_frozen_header() -> None:
    import datetime as dt

    frame = display_frame(RECORDS.with_columns(pl.lit(dt.date(2025, 3, 5)).alias("closed_on")), "zh")
    title = "示范县 联动看板 · 行政诉讼 · 期间 2025年 · 单位：示范县人社局 · 数据截至 2025-12-31 · 案件清单"
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, "案件清单", title)))["案件清单"]
    assert sheet["A1"].value == title and sheet["A1"].font.b
    assert [c.value for c in sheet[3]] == ["案号", "单位", "结案日期", "结案方式"]
    assert sheet.freeze_panes == "A4"  # the header row stays in view while scrolling
    assert sheet["C4"].is_date and sheet["C4"].number_format.startswith("yyyy-mm-dd")
    assert sheet["B4"].value.startswith("'=HYPERLINK")  # still formula-safe below the title


def test_an_xlsx_title_holding_a_formula_is_stored_as_text() -> None:
    """The title line starts with the region's name, which came from a ledger."""
    title = '=HYPERLINK("http://evil.example/","点我") 联动看板 · 总览'
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(display_frame(RECORDS, "zh"), "案件清单", title)))["案件清单"]
    assert sheet["A1"].value == "'" + title and sheet["A1"].data_type == "s"


def test_export_heading_names_page_period_filters_and_data_date() -> None:
    from dashboard.downloads import export_heading

    assert export_heading("示范县 联动看板 · 督办", "2026年1月1日至11月20日", ["单位：示范县财政局"], "2026-11-20", "zh") == \
        "示范县 联动看板 · 督办 · 期间 2026年1月1日至11月20日 · 单位：示范县财政局 · 数据截至 2026-11-20"


def test_warnings_name_units_by_the_short_names_of_the_rankings() -> None:
    from dashboard.comparisons import warning_table
    from etl.metrics import facts_from_frames

    facts = facts_from_frames(units=pl.DataFrame({"id": [1, 2], "name": ["示范县财政局", "示范县人民法院"],
                                                  "short_name": ["财政局", None], "unit_type": ["agency", "court"]}))
    warned = pl.DataFrame({"group_id": [1, 2], "group_name": ["示范县财政局", "示范县人民法院"],
                           "kind": ["overdue_tasks"] * 2, "message_zh": ["有1项双清单任务逾期未完成"] * 2,
                           "message_en": ["1 joint task overdue"] * 2})
    assert warning_table(warned, "zh", facts)["名称"].to_list() == ["财政局", "示范县人民法院"]
    assert warning_table(warned, "zh")["名称"].to_list() == ["示范县财政局", "示范县人民法院"]
