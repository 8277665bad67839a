"""Writing one import: upsert by business key, recording what changed for rollback.

Inserted rows get explicit, contiguous ids (max(id)+1 …), so one ``batch_change`` row records a
whole range: ``action='insert'``, ``row_id`` = first id, ``previous = {"through_id": last id}``.
An updated row gets one ``batch_change`` row with ``previous`` = its column values before the
update (dates as ISO strings), which is what :func:`etl.importing.batches.rollback_batch` restores.
Rows whose values did not change are counted as unchanged and not touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl
from sqlalchemy import Connection, Table, bindparam, func, select

from etl.db.bulk import indexes_deferred, insert_frame, reset_sequence, tune_sqlite_for_bulk
from etl.db.models import BatchChange

if TYPE_CHECKING:
    from polars._typing import PolarsDataType  # a dtype class (pl.Int64) or instance (pl.Datetime("ms"))

IGNORED_IN_COMPARISON = ("id", "batch_id", "source_row")
REBUILD_INDEXES_FROM = 50_000


@dataclass(frozen=True)
class LoadCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: LoadCounts) -> LoadCounts:
        return LoadCounts(self.inserted + other.inserted, self.updated + other.updated,
                          self.unchanged + other.unchanged)


def _polars_type(column: Any) -> PolarsDataType:
    python_type = column.type.python_type
    return {int: pl.Int64, float: pl.Float64, bool: pl.Boolean, dt.date: pl.Date,
            dt.datetime: pl.Datetime}.get(python_type, pl.String)


def table_schema(table: Table) -> dict[str, PolarsDataType]:
    return {c.name: _polars_type(c) for c in table.c if c.name not in ("report", "previous")}


def existing_rows(conn: Connection, table: Table, columns: list[str]) -> pl.DataFrame:
    """The table's current rows (only the compared columns); empty tables cost one query."""
    schema = {name: dtype for name, dtype in table_schema(table).items() if name in columns}
    result = conn.execute(select(*(table.c[c] for c in schema)))
    return pl.DataFrame(result.fetchall(), schema=schema, orient="row")


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def upsert(conn: Connection, table: Table, rows: pl.DataFrame, key: list[str], batch_id: int,
           supplied: list[str] | None = None) -> LoadCounts:
    """Insert new keys, update changed rows, leave identical ones alone; record changes.

    Only ``supplied`` columns (default: all) are compared and updated, so a ledger without, say, a
    开庭日期 column does not erase hearing dates imported from another file.
    """
    if rows.is_empty():
        return LoadCounts()
    schema = table_schema(table)
    rows = rows.cast({c: schema[c] for c in rows.columns if c in schema})
    supplied = rows.columns if supplied is None else [c for c in rows.columns if c in supplied or c in key]
    compared = [c for c in supplied if c not in IGNORED_IN_COMPARISON]
    old = existing_rows(conn, table, ["id", "batch_id", "source_row", *compared])
    if "source_row" not in old.columns:
        old = old.with_columns(pl.lit(None, dtype=pl.Int64).alias("source_row"))
    joined = rows.join(old.rename({c: f"{c}__old" for c in old.columns if c not in key}), on=key,
                       how="left", nulls_equal=True, maintain_order="left")
    is_new = pl.col("id__old").is_null()
    same = pl.all_horizontal([pl.col(c).eq_missing(pl.col(f"{c}__old")) for c in compared if c not in key])
    new_rows = joined.filter(is_new).select(rows.columns)
    changed = joined.filter(~is_new & ~same)
    unchanged = joined.height - new_rows.height - changed.height
    _insert_new(conn, table, new_rows, key, batch_id)
    _update_changed(conn, table, changed, supplied, key, batch_id)
    return LoadCounts(new_rows.height, changed.height, unchanged)


def _insert_new(conn: Connection, table: Table, new_rows: pl.DataFrame, key: list[str], batch_id: int) -> None:
    if new_rows.is_empty():
        return
    if conn.dialect.name == "postgresql":  # two imports at once must not pick the same ids
        conn.exec_driver_sql(f'LOCK TABLE "{table.name}" IN SHARE ROW EXCLUSIVE MODE')
    first = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
    # In key order, the unique index grows at its right edge instead of splitting pages everywhere.
    frame = new_rows.sort(key, nulls_last=True, maintain_order=True).with_columns(pl.int_range(first, first + new_rows.height, dtype=pl.Int64).alias("id"),
                                  pl.lit(batch_id, dtype=pl.Int64).alias("batch_id"))
    insert_rows(conn, table, frame)
    reset_sequence(conn, table)
    conn.execute(BatchChange.__table__.insert().values(
        batch_id=batch_id, table_name=table.name, row_id=first, action="insert",
        previous={"through_id": first + new_rows.height - 1}))


def insert_rows(conn: Connection, table: Table, frame: pl.DataFrame) -> None:
    """COPY on PostgreSQL, the bulk SQLite path otherwise (``insert_frame``).

    A bulk load into a (nearly) empty SQLite table drops the secondary indexes whose column takes many
    values in the frame and builds each once, sorted, afterwards: cheaper than updating a scattered
    B-tree row by row (indexes of few-valued columns are cheaper to keep: ``indexes_deferred``).
    SQLite's DDL is transactional, so a failed import restores them with everything else.
    """
    if conn.dialect.name != "sqlite":
        insert_frame(conn, table, frame)
        return
    tune_sqlite_for_bulk(conn)
    existing = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    rebuild = frame.height >= REBUILD_INDEXES_FROM and frame.height > existing
    with indexes_deferred(conn, [table.name] if rebuild else [], rows=frame):
        insert_frame(conn, table, frame)


def _update_changed(conn: Connection, table: Table, changed: pl.DataFrame, columns: list[str],
                    key: list[str], batch_id: int) -> None:
    if changed.is_empty():
        return
    written = [c for c in columns if c not in key and c != "id"]
    restore = [c for c in [*written, "batch_id"] if c in table.c]
    changes: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row in changed.iter_rows(named=True):
        previous = {c: _jsonable(row[f"{c}__old"]) for c in restore}
        changes.append({"batch_id": batch_id, "table_name": table.name, "row_id": row["id__old"],
                        "action": "update", "previous": previous})
        updates.append({"row_id": row["id__old"], "new_batch_id": batch_id,
                        **{f"v_{c}": row[c] for c in written}})
    statement = (table.update().where(table.c.id == bindparam("row_id"))
                 .values(batch_id=bindparam("new_batch_id"), **{c: bindparam(f"v_{c}") for c in written}))
    conn.execute(statement, updates)
    conn.execute(BatchChange.__table__.insert(), changes)
