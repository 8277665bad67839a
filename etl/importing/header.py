"""Finding the header row below title rows, mapping its cells to fields, and detecting the kind.

A header is the row, among the first rows of a sheet, whose cells match the most synonyms of one
kind while covering that kind's required fields. Rows above it are title rows; a "填报单位：…" line
among them names the reporting unit (for a court ledger, the court).

A header needs two recognised columns, except a one-column list: a row whose only cell is the name
column of a dimension list (乡镇名称, 单位名称, 法院名称 …), or any single required column when the
kind was given (``--kind``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from etl.importing.spec import SPECS
from etl.mappings import Mappings, header_key

HEADER_SCAN_ROWS = 30
MIN_MATCHED = 2
#: Lists that may come as one column of names.
NAME_LISTS = ("units", "townships", "courts")
_REPORTER = re.compile(r"填报单位\s*[:：]\s*(\S+?)(?:\s|填报日期|填报人|$)")


@dataclass(frozen=True)
class HeaderMatch:
    row_index: int  # 0-based index of the header row in the grid
    kind: str
    columns: dict[str, str]  # grid column → field (first column wins when a field repeats)
    headers: dict[str, str]  # grid column → header text as written
    reporter: str | None  # 填报单位 from the title rows, if any
    score: int = 0  # recognised columns: the sheet with the most fixes a workbook's kind

    @property
    def unmapped(self) -> list[str]:
        return [text for col, text in self.headers.items() if col not in self.columns]


def _row_cells(grid: pl.DataFrame, index: int) -> dict[str, str]:
    row = grid.row(index, named=True)
    return {col: str(value).strip() for col, value in row.items() if value is not None and str(value).strip()}


_HINT = re.compile(r"\([^()]*\)$")


def _field_of(text: str, lookup: dict[str, str]) -> str | None:
    """The field a header cell names: its spelling, or its spelling without a trailing hint in brackets
    (负责人出庭【是/否】, 开庭日期（如有）), since ledgers annotate headers that way."""
    key = header_key(text) or ""
    return lookup.get(key) or lookup.get(_HINT.sub("", key))


def _match_row(cells: dict[str, str], lookup: dict[str, str]) -> dict[str, str]:
    matched: dict[str, str] = {}
    seen: set[str] = set()
    for col, text in cells.items():
        field = _field_of(text, lookup)
        if field is not None and field not in seen:
            matched[col] = field
            seen.add(field)
    return matched


def _enough(kind: str, fields: set[str], cells: dict[str, str], explicit: bool) -> bool:
    spec = SPECS[kind]
    if not set(spec.required) <= fields or not fields:
        return False
    if len(fields) >= min(MIN_MATCHED, len(spec.columns)) or explicit:
        return True
    return kind in NAME_LISTS and len(cells) == 1 and fields == {"name"}


def find_header(grid: pl.DataFrame, mappings: Mappings, kind: str | None = None) -> HeaderMatch | None:
    """The best (row, kind) among the first rows, or None when no row looks like a header."""
    kinds = [kind] if kind else list(SPECS)
    lookups = {k: mappings.header_lookup(k) for k in kinds}
    best: tuple[int, int, HeaderMatch] | None = None
    for index in range(min(HEADER_SCAN_ROWS, grid.height)):
        cells = _row_cells(grid, index)
        if not cells:
            continue
        for rank, k in enumerate(kinds):
            matched = _match_row(cells, lookups[k])
            fields = set(matched.values())
            if not _enough(k, fields, cells, explicit=kind is not None):
                continue
            score = len(fields)
            if best is None or (score, -rank) > (best[0], best[1]):
                best = (score, -rank, HeaderMatch(index, k, matched, cells, None, score))
    if best is None:
        return None
    match = best[2]
    return HeaderMatch(match.row_index, match.kind, match.columns, match.headers,
                       reporter_above(grid, match.row_index), match.score)


def reporter_above(grid: pl.DataFrame, header_index: int) -> str | None:
    for index in range(header_index):
        for text in _row_cells(grid, index).values():
            found = _REPORTER.search(text)
            if found:
                return found.group(1)
    return None
