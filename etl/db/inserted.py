"""The id of a row that a single-row ``insert()`` just wrote."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult


def inserted_id(result: CursorResult[Any]) -> int:
    # SQLAlchemy returns None when the statement wrote no row; a single-row insert that succeeded always
    # has one, so None here means a broken statement, not a missing id to paper over.
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("insert() wrote no row, so there is no new id")
    return int(key[0])
