"""Rows below the header that are not records: blank rows, 合计/小计 rows and 注/说明 rows.

They are skipped, counted and reported with the reason, never silently dropped.
"""

from __future__ import annotations

import polars as pl

SKIP_BLANK = "空行"
SKIP_TOTAL = "合计/小计行"
SKIP_NOTE = "注释/说明行"

_TOTAL = r"^(合计|小计|总计|共计)"
_NOTE = r"^(注|说明|备注|填表说明)([:：\d]|$)"


def skip_reason(grid_columns: list[str], mapped_columns: list[str]) -> pl.Expr:
    """Why a data row is skipped, or null for a row to process.

    A row is blank when every mapped cell is empty (a lone 序号 does not make a record); a total or
    note row is recognised by its first non-empty cell, where ledgers put 合计 and 注：.
    """
    blank = pl.all_horizontal([pl.col(m).str.strip_chars().fill_null("") == "" for m in mapped_columns])
    first = pl.coalesce([pl.when(pl.col(c).str.strip_chars() != "").then(pl.col(c)) for c in grid_columns])
    first = first.str.replace_all(r"\s+", "")
    total = first.str.contains(_TOTAL).fill_null(False)
    note = first.str.contains(_NOTE).fill_null(False)
    return (pl.when(total).then(pl.lit(SKIP_TOTAL))
            .when(note).then(pl.lit(SKIP_NOTE))
            .when(blank).then(pl.lit(SKIP_BLANK))
            .otherwise(pl.lit(None, dtype=pl.String)))


def _maybe_skipped(grid_columns: list[str], mapped_columns: list[str]) -> pl.Expr:
    """True for every row :func:`skip_reason` could skip (and for a few more); cheap to evaluate.

    A blank row's first mapped cell is empty or starts with whitespace; a total or note row's first
    non-empty cell starts, after any whitespace, with 合/小/总/共/注/说/备/填 — and if that is not the
    first grid cell, the first grid cell is empty or starts with whitespace.
    """
    def empty_or_space_first(column: str) -> pl.Expr:
        return pl.col(column).is_null() | ~pl.col(column).str.contains(r"^\S")

    first = grid_columns[0]
    return (empty_or_space_first(mapped_columns[0]) | empty_or_space_first(first)
            | pl.col(first).str.contains(r"^\s*[合小总共注说备填]").fill_null(False))


def skip_reasons(frame: pl.DataFrame, grid_columns: list[str], mapped_columns: list[str]) -> pl.Series:
    """:func:`skip_reason` of every row of ``frame``, evaluated in full only where it can be non-null.

    Nearly every row of a large ledger is a record, and the full test (every cell trimmed, whitespace
    removed, two patterns) was a fifth of the time spent reading one.
    """
    if not grid_columns or not mapped_columns:
        return frame.select(skip_reason(grid_columns, mapped_columns)).to_series()
    candidates = frame.select(pl.arg_where(_maybe_skipped(grid_columns, mapped_columns))).to_series()
    reasons = pl.repeat(None, frame.height, dtype=pl.String, eager=True)
    if candidates.len():
        found = frame[candidates].select(skip_reason(grid_columns, mapped_columns)).to_series()
        reasons = reasons.scatter(candidates, found)
    return reasons
