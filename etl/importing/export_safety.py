"""Spreadsheet cells that cannot run as formulas (CSV/formula injection, OWASP).

A cell that starts with = + - @ tab or carriage return is prefixed with an apostrophe so Excel and
WPS show it as text. Every xlsx/csv export of user-supplied text should pass through here.
"""

from __future__ import annotations

from typing import Any

import polars as pl

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise one value; non-strings pass unchanged (numbers like -3 are not formulas)."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Neutralise every string column of a frame, vectorised."""
    pattern = r"^[=+\-@\t\r]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(pattern)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c, dtype in frame.schema.items() if dtype == pl.String
    )
