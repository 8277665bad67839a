"""Query results as Polars frames, matched to their schema by column name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
from sqlalchemy import Connection, Select

#: Rows turned into a frame at a time. Row tuples cost ~100 bytes a value as Python objects: reading a
#: province's 1.2 million lawsuits in one go peaked at 1.9 GB for 375 MiB of frames, in batches of this
#: size the Python rows never exceed a few tens of MiB.
BATCH_ROWS = 50_000


def read_frame(conn: Connection, query: Select[*tuple[Any, ...]], schema: Mapping[str, pl.DataType],
               batch_rows: int = BATCH_ROWS) -> pl.DataFrame:
    """The rows of ``query`` in ``schema``; the query's column names must be the schema's, in order, so
    names (not positions) decide which value lands in which column."""
    # On the statement, not the connection: Connection.execution_options changes the caller's connection
    # in place, and every later statement on it (an INSERT on PostgreSQL) would become a server cursor.
    result = conn.execute(query.execution_options(yield_per=batch_rows))
    if list(result.keys()) != list(schema):
        result.close()
        raise ValueError(f"expected columns {list(schema)}, got {list(result.keys())}")
    # Row tuples straight into Polars: no pandas, and SQLite's ISO date strings become dates via
    # SQLAlchemy's Date type processing, so both engines yield identical frames.
    parts = [pl.DataFrame(rows, schema=dict(schema), orient="row") for rows in result.partitions()]
    if not parts:
        return pl.DataFrame(schema=dict(schema))
    return pl.concat(parts, rechunk=True) if len(parts) > 1 else parts[0]
