"""Reading files into raw grids: every cell a string, no header assumed, one grid per sheet.

This is the only module that touches the file system on the way in. Excel files go through
fastexcel/calamine (both .xlsx and legacy .xls); CSV through Polars after the encoding is detected
(UTF-8, UTF-8 with BOM, else GB18030, a superset of GBK).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
_SNIFF_BYTES = 256 * 1024


class ReadError(ValueError):
    """A file that cannot be read at all; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class RawSheet:
    name: str
    grid: pl.DataFrame  # columns c0, c1 …, all String; row i is line/row i + 1 of the original


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_csv_bytes(data: bytes) -> tuple[bytes, str]:
    """UTF-8 bytes of a CSV and the encoding it was in; Chinese Excel saves GB18030/GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:], "utf-8-sig"
    try:
        data.decode("utf-8")
        return data, "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030").encode("utf-8"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ReadError("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV") from exc


def _csv_width(head: bytes) -> int:
    """The widest record among the first lines: title rows are narrower than the table below."""
    text = head.decode("utf-8", errors="ignore")
    lines = text.splitlines()[:-1] or text.splitlines()
    widths = [len(row) for row in csv.reader(lines[:500])]
    return max(widths, default=1) or 1


def read_csv_grid(data: bytes) -> tuple[pl.DataFrame, str]:
    utf8, encoding = decode_csv_bytes(data)
    width = _csv_width(utf8[:_SNIFF_BYTES])
    try:
        grid = pl.read_csv(
            io.BytesIO(utf8), has_header=False, infer_schema=False, truncate_ragged_lines=True,
            schema={f"c{i}": pl.String for i in range(width)}, missing_columns="insert",
        )
    except Exception as exc:  # noqa: BLE001 — polars raises several error types for malformed CSV
        raise ReadError(f"CSV 文件格式错误，无法读取：{exc}") from exc
    return grid, encoding


def read_excel_grids(data: bytes) -> list[RawSheet]:
    try:
        reader = fastexcel.read_excel(data)
    except Exception as exc:  # noqa: BLE001 — calamine errors are not a stable hierarchy
        raise ReadError("无法读取 Excel 文件（文件损坏、加密或不是 Excel 格式）") from exc
    sheets: list[RawSheet] = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
            frame = sheet.to_polars()
        except Exception:  # noqa: BLE001 — an unreadable chart sheet must not block the others
            continue
        frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
        sheets.append(RawSheet(name, frame.cast(pl.String)))
    return sheets


def read_grids(file_name: str, data: bytes) -> list[RawSheet]:
    """All sheets of one file as raw string grids."""
    suffix = Path(file_name).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_excel_grids(data)
    if suffix in CSV_SUFFIXES:
        grid, _ = read_csv_grid(data)
        return [RawSheet(Path(file_name).stem, grid)]
    raise ReadError(f"不支持的文件类型 {suffix or '(无扩展名)'}：请上传 .xlsx、.xls 或 .csv 文件")
