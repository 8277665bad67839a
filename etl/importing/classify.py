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
