"""Bulk writes of Polars frames: COPY on PostgreSQL, executemany on SQLite.

``DataFrame.write_database`` goes through pandas; these paths do not (style.md §9).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl
from sqlalchemy import Connection, Table, insert, text

CHUNK_ROWS = 50_000


def insert_frame(conn: Connection, table: Table, frame: pl.DataFrame) -> int:
    """Insert every row of ``frame`` (columns named as the table's) and return the count."""
    if frame.is_empty():
        return 0
    columns = [c for c in frame.columns if c in table.c]
    frame = frame.select(columns)
    if conn.dialect.name == "postgresql":
        _copy_postgres(conn, table, frame)
    else:
        for chunk in frame.iter_slices(CHUNK_ROWS):
            conn.execute(insert(table), chunk.to_dicts())
    return frame.height


def _copy_postgres(conn: Connection, table: Table, frame: pl.DataFrame) -> None:
    preparer = conn.dialect.identifier_preparer
    quoted = ", ".join(preparer.quote(c) for c in frame.columns)
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {preparer.quote(table.name)} ({quoted}) FROM STDIN") as copy:  # names from our own schema
            for row in frame.iter_rows():
                copy.write_row(row)


def reset_sequence(conn: Connection, table: Table) -> None:
    """After inserting explicit ids on PostgreSQL, move the id sequence past them."""
    if conn.dialect.name != "postgresql":
        return
    quoted = conn.dialect.identifier_preparer.quote(table.name)
    conn.execute(
        text(f"SELECT setval(pg_get_serial_sequence(:name, 'id'), "  # noqa: S608 — name quoted, from our schema
             f"COALESCE((SELECT MAX(id) FROM {quoted}), 0) + 1, false)"),
        {"name": table.name},
    )


def rows_as_dicts(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True)) for row in rows]
