"""Hostile inputs shared by the hardening tests: ledgers with control characters and over-long names,
and a zip-bomb workbook. Built from code, nothing downloaded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import xlsxwriter

BEL = "\x07"
#: A unit whose name hides a BEL (Excel does not even show it) and its clean spelling.
BEL_UNIT = f"示范县自然{BEL}资源局"
CLEAN_UNIT = "示范县自然资源局"
BEL_TOWNSHIP = f"东关{BEL}街道"
CLEAN_TOWNSHIP = "东关街道"
HUGE_NAME = "长" * 10_000


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A one-sheet workbook; xlsxwriter writes control characters as Excel does (escaped in the XML)."""
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, header)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row)
    return path


def hostile_units_sheet(path: Path) -> Path:
    """A unit with a BEL, a unit whose only name is 10,000 characters, an over-long alias, a normal unit."""
    return write_xlsx(path, ["单位名称", "别名", "单位类型"], [
        [BEL_UNIT, "自然资源局、" + "长" * 150, "部门"],
        [HUGE_NAME, "", "部门"],
        ["示范县住房和城乡建设局", "住建局", "部门"],
    ])


def hostile_townships_sheet(path: Path) -> Path:
    return write_xlsx(path, ["乡镇名称", "别名"], [[BEL_TOWNSHIP, ""], ["柳河镇", ""]])


def litigation_sheet(path: Path) -> Path:
    """Three 2025H1 lawsuits against the BEL unit (one in the BEL township), one against 住建局."""
    header = ["案号", "审理法院", "被告", "立案日期", "结案日期", "结案方式", "负责人是否出庭", "乡镇"]
    rows = [[f"（2025）豫0928行初{n}号", "示范县人民法院", BEL_UNIT, "2025-03-05", "2025-05-20", "判决驳回诉讼请求", "是",
             BEL_TOWNSHIP if n == 1 else "柳河镇"] for n in (1, 2, 3)]
    rows.append(["（2025）豫0928行初4号", "示范县人民法院", "住建局", "2025-04-01", "2025-06-01", "判决撤销", "否", "柳河镇"])
    return write_xlsx(path, header, rows)


_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
               'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
               '<c r="A1" t="inlineStr"><is><t>单位名称</t></is></c></row><row r="2">')
_SHEET_TAIL = "</row></sheetData></worksheet>"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def zip_bomb_xlsx(path: Path, unpacked_mb: int, compresslevel: int = 1, cells_per_row: int | None = None) -> Path:
    """A valid workbook whose one sheet unpacks to ``unpacked_mb`` MB of identical cells (a few MB packed),
    in one row or in rows of ``cells_per_row``; level 9 packs about 1000:1, level 1 about 150:1.

    Written in streamed blocks, so building it never holds the unpacked sheet in memory.
    """
    cell = '<c t="inlineStr"><is><t>长长长长长长长长</t></is></c>'
    row = cell * cells_per_row + '</row><row>' if cells_per_row else cell
    block = (row * (20_000 // (cells_per_row or 1))).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD.encode("utf-8"))
            for _ in range(-(-unpacked_mb * 1024 * 1024 // len(block))):  # at least unpacked_mb
                sheet.write(block)
            sheet.write(_SHEET_TAIL.encode("utf-8"))
    return path
