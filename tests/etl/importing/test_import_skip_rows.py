"""Finding skipped rows on candidates only gives exactly the reasons of the full test on every row."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.importing.classify import SKIP_BLANK, SKIP_NOTE, SKIP_TOTAL, skip_reason, skip_reasons

GRID = ["c0", "c1", "c2", "c3"]
MAPPED = ["c1", "c2", "c3"]
CELLS = st.one_of(st.none(), st.sampled_from(["", " ", "\u3000", "\t", "5", " 5", "合计", " 合 计", "小计：", "注：见附件",
                                              "注", "注意事项", "说明", "备注1", "填表说明", "（2024）豫0928行初1号",
                                              "共计 3 件", "总计", "合", "x"]), st.text(max_size=4))


def _full(frame: pl.DataFrame) -> list[str | None]:
    return frame.select(skip_reason(GRID, MAPPED)).to_series().to_list()


def test_hand_made_rows() -> None:
    frame = pl.DataFrame({"c0": ["1", "", None, "合计", " 注：本表", "2", None],
                          "c1": ["案号", None, " ", "10", None, "", "  小 计"],
                          "c2": ["a", None, None, None, None, None, None],
                          "c3": [None, None, None, None, None, " ", None]}, schema=dict.fromkeys(GRID, pl.String))
    expected = [None, SKIP_BLANK, SKIP_BLANK, SKIP_TOTAL, SKIP_NOTE, SKIP_BLANK, SKIP_TOTAL]
    assert skip_reasons(frame, GRID, MAPPED).to_list() == expected == _full(frame)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS, CELLS), max_size=25))
def test_candidates_only_equals_full_test(rows: list[tuple[str | None, ...]]) -> None:
    frame = pl.DataFrame(rows, schema=dict.fromkeys(GRID, pl.String), orient="row")
    assert skip_reasons(frame, GRID, MAPPED).to_list() == _full(frame)
