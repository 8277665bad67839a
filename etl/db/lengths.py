"""The size of a String column, read from the model, so a length limit is stated once (in etl/db/models.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, String


def string_length(column: Column[Any]) -> int:
    """The most characters ``column`` stores; a column without a declared length has no such limit."""
    kind = column.type
    if not isinstance(kind, String) or kind.length is None:
        raise TypeError(f"{column} is not a String column with a length")
    return kind.length
