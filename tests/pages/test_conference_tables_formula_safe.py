"""The conference's tables (the meeting register on 督办, key cases on 争议化解) go out through the one
export-safety function: a name that starts like a formula is shown, and downloaded, as text."""

from __future__ import annotations

import csv
import io
from typing import Any

import polars as pl
import pytest
from sqlalchemy import Engine

from dashboard.downloads import to_csv_bytes
from etl.db.engine import make_engine
from tests.conference_factories import KEY_CASES, MEETINGS, conference_dimension, import_sheet
from tests.support.apptest import errors, run_page

#: "+" rather than "=": the sheets are written with openpyxl, which would store "=…" as a formula.
PAYLOAD = '+HYPERLINK("http://evil.example/","点我")'


def dangerous(text: object) -> bool:
    return isinstance(text, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r")


def _with_row(grid: list[list[Any]], header_at: int, row: list[Any]) -> list[list[Any]]:
    return [*grid[: header_at + 1], row, *grid[header_at + 1:]]


@pytest.fixture
def hostile_county(sqlite_url: str, use_db) -> str:  # type: ignore[no-untyped-def]
    engine: Engine = make_engine(sqlite_url)
    conference_dimension(engine)
    meetings = _with_row(MEETINGS, 2, [0, PAYLOAD, "府院联动", "2025-10-10", "@SUM(A1)", "县法院", "司法局"])
    keycases = _with_row(KEY_CASES, 1, ["ZD-2025-09", PAYLOAD, "住建局", "+1+1", "2025-07-01", "2025-12-31",
                                        "-2+3", "化解中", None, None])
    for kind, grid in (("meetings", meetings), ("keycases", keycases)):
        assert import_sheet(engine, kind, grid).status == "imported"
    engine.dispose()
    use_db(sqlite_url)
    return sqlite_url


@pytest.mark.parametrize(("page", "tab", "column"), [
    ("tasks", None, "会议"), ("disputes", ("disp_tab", "重点案件"), "案件名称")])
def test_a_formula_in_a_conference_table_is_shown_and_downloaded_as_text(hostile_county: str, page: str,
                                                                           tab: tuple[str, str] | None,
                                                                           column: str) -> None:
    at = run_page(page, {"period": "2025"}, tab=tab)
    assert not errors(at)
    table = next(pl.from_pandas(d.value) for d in at.dataframe if column in d.value.columns)
    cells = [c for col in table.columns for c in table[col].cast(pl.String).to_list()]
    assert "'" + PAYLOAD in table[column].to_list()
    assert not any(dangerous(c) for c in cells), [c for c in cells if dangerous(c)]
    downloaded = [c for row in csv.reader(io.StringIO(to_csv_bytes(table).decode("utf-8-sig"))) for c in row]
    assert "'" + PAYLOAD in downloaded and not any(dangerous(c) for c in downloaded)
