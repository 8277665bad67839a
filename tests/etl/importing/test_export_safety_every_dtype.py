"""Formula injection in downloads: every column type that can carry text, and the headers.

The court column of a litigation download is Categorical and went out as ``=HYPERLINK(...)``; the 乡镇
download has township names as headers. Checked on the files as Excel and WPS read them.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl

from dashboard.downloads import to_csv_bytes, to_xlsx_bytes
from etl.export_safety import safe_frame

PAYLOAD = '=HYPERLINK("http://evil.example/","点我")'


def hostile_frame() -> pl.DataFrame:
    return pl.DataFrame({
        "court": pl.Series([PAYLOAD, "示范县人民法院"], dtype=pl.Categorical),
        "status": pl.Series(["+1+1", "已完成"], dtype=pl.Enum(["+1+1", "已完成"])),
        "name": ["@SUM(A1)", "-2+3"],
        "=东关街道": [1, 2],
        "tags": [["=1+1", "ok"], None],
        "detail": [{"note": "=cmd"}, {"note": "fine"}],
        "fixed": pl.Series([["=a", "b"], ["c", "d"]], dtype=pl.Array(pl.String, 2)),
        "count": [-3, 4],
    })


def dangerous(text: object) -> bool:
    return isinstance(text, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_safe_frame_neutralises_every_text_bearing_dtype_and_header() -> None:
    safe = safe_frame(hostile_frame())
    assert "'=东关街道" in safe.columns and not any(dangerous(c) for c in safe.columns)
    for column in safe.columns:
        for value in safe[column].to_list():
            assert not dangerous(value), (column, value)
    assert safe["court"][0] == "'" + PAYLOAD and safe["count"].to_list() == [-3, 4]  # numbers are not formulas
    assert safe["tags"][0] == '["=1+1", "ok"]' and safe["tags"][1] is None


def test_object_columns_are_written_as_neutralised_text() -> None:
    frame = pl.DataFrame({"obj": pl.Series(["=1+2", "x"], dtype=pl.Object)})
    assert safe_frame(frame)["obj"].to_list() == ["'=1+2", "x"]


def test_the_xlsx_download_holds_no_formula() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(hostile_frame(), "乡镇")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert cells, "the sheet has cells"
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # openpyxl marks formulas "f"
    assert not [c.value for c in cells if dangerous(c.value)]


def test_the_csv_download_holds_no_formula() -> None:
    rows = list(csv.reader(io.StringIO(to_csv_bytes(hostile_frame()).decode("utf-8-sig"))))
    assert rows[0][3] == "'=东关街道" and len(rows) == 3
    numbers = {"-3"}  # a negative number is a number, not a formula
    assert not [cell for row in rows for cell in row if dangerous(cell) and cell not in numbers]
