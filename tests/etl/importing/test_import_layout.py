"""Layout: one-column lists, brackets of any width or style, hints in brackets, a workbook whose best
sheet is not the first, and the court code of a 案号 (pure, no database)."""

from __future__ import annotations

import polars as pl
import pytest

from etl.importing import normalise as nz
from etl.importing.header import find_header
from etl.importing.prepare import prepare_sheets
from etl.importing.read import RawSheet
from etl.importing.transform import Resolvers, court_from_case_numbers
from etl.mappings import default_mappings, header_key

MAPS = default_mappings()


def grid(*rows: list[str | None]) -> pl.DataFrame:
    width = max(len(r) for r in rows)
    padded = [list(r) + [None] * (width - len(r)) for r in rows]
    return pl.DataFrame(padded, schema={f"c{i}": pl.String for i in range(width)}, orient="row")


@pytest.mark.parametrize(("header", "kind"), [
    ("乡镇（街道）", "townships"), ("乡镇(街道)", "townships"), ("乡镇【街道】", "townships"), ("乡镇名称", "townships"),
    ("单位名称", "units"), ("法院名称", "courts"),
])
def test_a_one_column_list_is_recognised_by_its_one_header(header: str, kind: str) -> None:
    match = find_header(grid(["名录"], [header], ["柳屯镇"], ["城关镇"]), MAPS)
    assert match is not None and (match.kind, match.row_index) == (kind, 1)


def test_a_lone_cell_of_another_column_is_no_header_unless_the_kind_is_given() -> None:
    sheet = grid(["案号"], ["（2025）豫0928行初1号"])
    assert find_header(sheet, MAPS) is None
    match = find_header(sheet, MAPS, kind="litigation")
    assert match is not None and match.columns == {"c0": "case_number"}


@pytest.mark.parametrize(("left", "right"), [("乡镇（街道）", "乡镇(街道)"), ("乡镇[街道]", "乡镇(街道)"),
                                             ("乡镇〔街道〕", "乡镇（街道）"), (" 审理法院： ", "审理法院")])
def test_brackets_of_any_width_or_style_are_the_same_header(left: str, right: str) -> None:
    assert header_key(left) == header_key(right)


def test_a_trailing_hint_in_brackets_is_ignored_but_a_bracketed_synonym_wins() -> None:
    match = find_header(grid(["案号", "负责人出庭（是/否）", "开庭日期（如有）", "被告（被上诉人）"]), MAPS)
    assert match is not None
    assert match.columns == {"c0": "case_number", "c1": "appearance", "c2": "hearing_on", "c3": "defendant"}


def test_the_best_sheet_fixes_the_kind_and_the_others_are_reported() -> None:
    notes = RawSheet("填表说明", grid(["填表说明"], ["单位名称"], ["1. 案号必填"]))  # a stray one-column "header"
    data = RawSheet("数据", grid(["标题"], ["案号", "被告", "立案日期"], ["（2025）豫0928行初1号", "自然资源局", "2025-03-01"]))
    prepared = prepare_sheets([notes, data], MAPS, Resolvers())
    assert prepared.kind == "litigation" and prepared.accepted == 1
    assert [(s.sheet, s.note) for s in prepared.sheets] == [
        ("填表说明", "此表为“单位名录”，与本文件导入的台账类型不同，未导入"), ("数据", None)]


@pytest.mark.parametrize(("case_number", "code"), [
    ("（2025）豫0926行初12号", "豫0926"), ("（2025）豫09行终3号", "豫09"), ("（2025）豫行终1号", "豫"),
    ("（2025）最高法行申5号", "最高法"), ("（2024）京0105行审复2号", "京0105"), ("行初12号", None), (None, None),
])
def test_the_court_code_of_a_case_number(case_number: str | None, code: str | None) -> None:
    frame = pl.DataFrame({"v": [case_number]}, schema={"v": pl.String})
    assert frame.select(nz.court_code(pl.col("v"))).item() == code


def test_a_row_without_a_court_takes_its_case_numbers_court_named_from_the_list() -> None:
    frame = pl.DataFrame({"court": [None, None, "豫09", "河清县人民法院", None],
                          "case_number": ["（2025）豫0928行初1号", "（2025）豫0926行初2号", "（2025）豫09行终3号",
                                          "（2025）豫09行终4号", "行初5号"]})
    courts = {"豫0928": "河清县人民法院", "豫09": "清河市中级人民法院"}
    got = court_from_case_numbers(frame, courts)["court"].to_list()
    # A registered code is named, an unregistered one kept, a written court kept, a code written as the
    # court named like the 案号's; no code at all stays null (and is rejected for its court).
    assert got == ["河清县人民法院", "豫0926", "清河市中级人民法院", "河清县人民法院", None]
