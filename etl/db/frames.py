"""Query results as Polars frames, matched to their schema by column name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
from sqlalchemy import Connection, Select


def read_frame(conn: Connection, query: Select[*tuple[Any, ...]], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """The rows of ``query`` in ``schema``; the query's column names must be the schema's, in order, so
    names (not positions) decide which value lands in which column."""
    result = conn.execute(query)
    if list(result.keys()) != list(schema):
        raise ValueError(f"expected columns {list(schema)}, got {list(result.keys())}")
    # Row tuples straight into Polars: no pandas, and SQLite's ISO date strings become dates via
    # SQLAlchemy's Date type processing, so both engines yield identical frames.
    return pl.DataFrame(result.all(), schema=dict(schema), orient="row")
