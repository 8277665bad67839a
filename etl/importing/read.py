"""Reading files into raw grids: every cell a string, no header assumed, one grid per sheet.

This is the only module that touches the file system on the way in. Excel files go through
fastexcel/calamine (both .xlsx and legacy .xls); CSV through Polars after the encoding is detected
(UTF-8, UTF-8 with BOM, else GB18030, a superset of GBK).

An .xlsx is a zip archive, and the reader holds its unpacked sheets in memory: a 5 MB "zip bomb"
unpacking to 1.2 GB drove the server past its memory cap. :func:`check_archive` measures what an
archive unpacks to (:mod:`etl.archive_safety`, the guard the Shapefile reader uses too) before anything
reads it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from etl import archive_safety
from etl.archive_safety import ArchiveError, ArchiveLimits, ChunkWatcher

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
_SNIFF_BYTES = 256 * 1024
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".ods")
#: What an Excel archive may unpack to in all. A 100,000-row ledger's sheet is about 80 MB of XML,
#: read with a peak of about 200 MB; 256 MiB keeps the largest accepted file well inside the
#: dashboard's 2 GB memory cap (deploy/liandong@.service).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Excel's own column limit (XFD). The reader's time grows with the square of a row's width, so one
#: row of a million cells would hold a CPU for hours; a worksheet row wider than this is no ledger.
MAX_CELLS_PER_ROW = 16_384
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


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
    try:
        widths = [len(row) for row in csv.reader(lines[:500])]
    except csv.Error as exc:  # e.g. one line of 50 MB: a cell over the csv module's 128 KB limit
        raise ReadError("CSV 文件格式错误：含有超长的行或单元格（单个单元格超过 13 万字符），不是可导入的台账。"
                        "请确认文件按行分隔、每行一条记录") from exc
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


_UNREADABLE = "无法读取 Excel 文件（文件损坏、加密或不是 Excel 格式）"


class _TooWide(Exception):
    """A worksheet row wider than Excel allows, found while the archive guard inflates it."""


def check_archive(data: bytes) -> None:
    """Refuse an Excel archive that would unpack to more than :data:`MAX_UNPACKED_BYTES` (or at an
    implausible ratio, :mod:`etl.archive_safety`), or whose worksheet has a row wider than Excel allows."""
    limits = ArchiveLimits(MAX_UNPACKED_BYTES, "Excel 文件", "较大的台账请拆分或另存为 CSV", _UNREADABLE)

    def watch(member: str) -> ChunkWatcher | None:
        if not member.startswith("xl/worksheets/"):
            return None
        rows = _RowWidth()

        def feed(chunk: bytes) -> None:
            if rows.feed(chunk) > MAX_CELLS_PER_ROW:
                raise _TooWide

        return feed

    try:
        archive_safety.check_archive(data, limits, watch)
    except ArchiveError as exc:
        raise ReadError(str(exc)) from exc
    except _TooWide:
        raise ReadError(f"Excel 工作表中有一行超过 {MAX_CELLS_PER_ROW} 个单元格（Excel 的列数上限），"
                        "不是可导入的台账，已拒绝读取") from None


class _RowWidth:
    """The widest row seen so far in a worksheet's XML, fed chunk by chunk (tags may straddle two)."""

    def __init__(self) -> None:
        self.cells = 0
        self.widest = 0
        self._carry = b""

    def feed(self, chunk: bytes) -> int:
        data = self._carry + chunk
        cut = data.rfind(b"<", max(0, len(data) - 16))  # a tag cut off at the end waits for the next chunk
        cut = len(data) if cut < 0 else cut
        scanned, self._carry = data[:cut], data[cut:]
        start = 0
        for row in _ROW.finditer(scanned):
            self.cells += len(_CELL.findall(scanned, start, row.start()))
            self.widest, self.cells, start = max(self.widest, self.cells), 0, row.end()
        self.cells += len(_CELL.findall(scanned, start))
        return max(self.widest, self.cells)


def read_excel_grids(data: bytes, suffix: str = ".xlsx") -> list[RawSheet]:
    if suffix in ZIP_SUFFIXES and zipfile.is_zipfile(io.BytesIO(data)):  # an encrypted .xlsx is no zip
        check_archive(data)
    try:
        reader = fastexcel.read_excel(data)
    except Exception as exc:  # noqa: BLE001 — calamine errors are not a stable hierarchy
        raise ReadError(_UNREADABLE) from exc
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
        return read_excel_grids(data, suffix)
    if suffix in CSV_SUFFIXES:
        grid, _ = read_csv_grid(data)
        return [RawSheet(Path(file_name).stem, grid)]
    raise ReadError(f"不支持的文件类型 {suffix or '(无扩展名)'}：请上传 .xlsx、.xls 或 .csv 文件")
