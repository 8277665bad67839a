"""Spreadsheet cells that cannot run as formulas (CSV/formula injection, OWASP).

A cell that starts with = + - @ tab or carriage return is prefixed with an apostrophe so Excel and
WPS show it as text. Every xlsx/csv export of user-supplied text passes through :func:`safe_frame`:
the importer's validation report and every download of the dashboard alike.

Text hides in more than String columns: a Categorical or Enum column (the court, a township) writes
its categories as cells, an Object column whatever ``str()`` gives, a List or Struct its items; and
column headers are cells too (the 乡镇 download has township names as headers). All of them are
covered; nested values are written as one JSON text cell, which is also the only way a CSV holds them.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PATTERN = r"^[=+\-@\t\r]"


def safe_cell(value: Any) -> Any:
    """Neutralise one value; non-strings pass unchanged (numbers like -3 are not formulas)."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Neutralise every text-bearing column and every header of a frame."""
    columns = [_safe_column(name, dtype) for name, dtype in frame.schema.items()]
    safe = frame.with_columns(c for c in columns if c is not None)
    return safe.rename({name: safe_cell(name) for name in safe.columns if safe_cell(name) != name})


def _safe_column(name: str, dtype: pl.DataType) -> pl.Expr | None:
    """The expression that makes one column safe, or None for numbers, dates and booleans."""
    column = pl.col(name)
    if dtype == pl.String:
        return _neutralised(column).alias(name)
    if isinstance(dtype, pl.Categorical | pl.Enum):
        return _neutralised(column.cast(pl.String)).alias(name)
    if isinstance(dtype, pl.Object):
        return column.map_elements(lambda v: safe_cell(str(v)), return_dtype=pl.String).alias(name)
    if dtype.is_nested():
        return column.map_elements(lambda v: safe_cell(_json_text(v)), return_dtype=pl.String,
                                   skip_nulls=True).alias(name)
    return None


def _neutralised(text: pl.Expr) -> pl.Expr:
    return pl.when(text.str.contains(_PATTERN)).then(pl.lit("'") + text).otherwise(text)


def _json_text(value: Any) -> str:
    if hasattr(value, "to_list"):  # an Array or List element arrives as a Series
        value = value.to_list()
    return json.dumps(value, ensure_ascii=False, default=str)
