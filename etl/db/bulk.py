"""Bulk writes of Polars frames: COPY on PostgreSQL; on SQLite an ADBC-written scratch file or tuples.

``DataFrame.write_database`` goes through pandas; these paths do not (a pandas round trip copies
every column and turns nullable integers into floats). On SQLite,
SQLAlchemy's ``insert()`` with a list of dicts builds and processes a dict per row, which costs more
than SQLite's own work. Large frames are written by ADBC (Arrow columns bound in C) to a scratch file
that is attached and copied with one ``INSERT … SELECT`` inside the caller's transaction; small
frames, or without ADBC, go to sqlite3's executemany as plain tuples. Either way dates and times are
written as the text SQLAlchemy's SQLite ``Date``/``DateTime`` types store and read back.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import Any

import polars as pl
from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Text,
    event,
    insert,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.schema import ScalarElementColumnDefault

CHUNK_ROWS = 50_000
#: From this many rows, SQLite loads go through an ADBC-written scratch file (see ``_copy_staged``).
STAGE_FROM_ROWS = 20_000
STAGING_PREFIX = "liandong_staging_"
MAX_STAGED = 6  # scratch files per transaction; later writes in the same transaction use executemany
PIPELINE_FROM_ROWS = 200_000  # from here two scratch files: the second is written while the first is copied
#: Column types whose values sqlite3 stores as SQLAlchemy would, once dates are ISO text.
_PLAIN_TYPES = (Boolean, Date, DateTime, Float, Integer, String, Text)
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S%.6f"  # SQLAlchemy's SQLite DATETIME storage format
#: A single-column index whose column takes at most this many distinct values among the rows of a bulk
#: load stays in place during the load (see :func:`indexes_deferred`).
KEEP_INDEX_MAX_VALUES = 1_000


def insert_frame(conn: Connection, table: Table, frame: pl.DataFrame) -> int:
    """Insert every row of ``frame`` (columns named as the table's) and return the count."""
    if frame.is_empty():
        return 0
    columns = [c for c in frame.columns if c in table.c]
    frame = frame.select(columns)
    if conn.dialect.name == "postgresql":
        _copy_postgres(conn, table, frame)
    elif all(isinstance(table.c[c].type, _PLAIN_TYPES) for c in columns):
        _insert_sqlite(conn, table, frame)
    else:  # e.g. JSON columns: SQLAlchemy serialises them
        for chunk in frame.iter_slices(CHUNK_ROWS):
            conn.execute(insert(table), chunk.to_dicts())
    return frame.height


def _sqlite_values(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as SQLite stores it through SQLAlchemy: defaults applied, dates and times as text."""
    # Scalar Python-side defaults of absent columns, as SQLAlchemy's insert() would apply them.
    defaults = {c.name: c.default.arg for c in table.c if c.name not in frame.columns
                and isinstance(c.default, ScalarElementColumnDefault)}
    frame = frame.with_columns(pl.lit(str(value) if isinstance(value, str) else value).alias(name)
                               for name, value in defaults.items())  # str(): StrEnum members to their value
    # A column with no value in any row and no server default is NULL anyway: one value less per row.
    frame = frame.select([c for c in frame.columns
                          if table.c[c].server_default is not None or frame[c].null_count() < frame.height])
    if frame.width == 0:
        frame = frame.with_columns(pl.lit(None).alias(table.primary_key.columns.keys()[0]))
    return frame.with_columns(
        [pl.col(c).cast(pl.String) for c, t in frame.schema.items()
         if t == pl.Date or isinstance(t, pl.Enum | pl.Categorical | pl.Null)]
        + [pl.col(c).dt.strftime(SQLITE_DATETIME) for c, t in frame.schema.items() if isinstance(t, pl.Datetime)]
        + [pl.col(c).cast(pl.Int8) for c, t in frame.schema.items() if t == pl.Boolean])


def _insert_sqlite(conn: Connection, table: Table, frame: pl.DataFrame) -> None:
    frame = _sqlite_values(table, frame)
    quoted = ", ".join(f'"{c}"' for c in frame.columns)  # names from our own schema
    dbapi_error = conn.dialect.loaded_dbapi.Error
    cursor = _sqlite_cursor(conn)
    statement = ""
    try:
        parts = _staged_parts(conn, frame) if frame.height >= STAGE_FROM_ROWS else []
        if parts:
            statement = f'INSERT INTO "{table.name}" ({quoted}) SELECT {quoted} FROM "{{}}".staging'  # noqa: S608
            _copy_staged(conn, cursor, statement, parts)
        else:
            statement = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * frame.width)})'  # noqa: S608
            for chunk in frame.iter_slices(CHUNK_ROWS):
                cursor.executemany(statement, chunk.iter_rows())
    except dbapi_error as exc:  # as SQLAlchemy's own errors, which callers catch (IntegrityError …)
        raise DBAPIError.instance(statement, None, exc, dbapi_error) from exc
    finally:
        cursor.close()


def _staged_parts(conn: Connection, frame: pl.DataFrame) -> list[pl.DataFrame]:
    """The slices of ``frame`` to stage through scratch files (see :func:`_copy_staged`); none when
    ADBC is unavailable or this transaction has already attached ``MAX_STAGED`` scratch files."""
    if importlib.util.find_spec("adbc_driver_sqlite") is None:
        return []
    attached = [row[1] for row in conn.exec_driver_sql("PRAGMA database_list")]
    room = MAX_STAGED - sum(str(name).startswith(STAGING_PREFIX) for name in attached)
    if room <= 0:
        return []  # SQLite attaches at most 10 databases, and none can be detached before the commit
    count = min(room, 2 if frame.height >= PIPELINE_FROM_ROWS else 1)
    size = -(-frame.height // count)
    return [frame.slice(offset, size) for offset in range(0, frame.height, size)]


def _copy_staged(conn: Connection, cursor: Any, statement: str, parts: list[pl.DataFrame]) -> None:
    """Write each part to a scratch SQLite file with ADBC, attach it and ``INSERT … SELECT`` from it.

    sqlite3's executemany needs a Python tuple per row and converts every value back; ADBC binds Arrow
    columns in C. The scratch files are not the database: they are written outside the caller's
    transaction (no journal, no sync), and the caller's ``INSERT … SELECT`` is inside, so a failed
    import still leaves the database unchanged. A second part is written by a worker thread while the
    first is copied (both run in C without the GIL). SQLite cannot detach a database inside the
    transaction that read it, so each scratch file is deleted once attached (it stays readable) and
    detached when the connection goes back to the pool.
    """
    pool = conn.engine.pool
    if not event.contains(pool, "checkin", _detach_staging):
        event.listen(pool, "checkin", _detach_staging)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="liandong-bulk") as writer:
        pending = [writer.submit(_write_scratch, part) for part in parts]
        try:
            for future in pending:
                try:
                    path = future.result()
                except Exception as exc:  # e.g. a full disk: reported like the database's own errors
                    raise conn.dialect.loaded_dbapi.OperationalError(f"scratch file for a bulk load: {exc}") from exc
                name = f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
                try:
                    cursor.execute(f'ATTACH DATABASE ? AS "{name}"', (path,))
                finally:
                    _remove(path)
                cursor.execute(statement.format(name))
        finally:
            for future in pending:  # parts not copied because of an error: delete their files
                if not future.cancel() and future.exception() is None:
                    _remove(future.result())


def _write_scratch(frame: pl.DataFrame) -> str:
    import adbc_driver_sqlite.dbapi as adbc  # noqa: PLC0415 — optional fast path, checked by _staged_parts

    handle, path = tempfile.mkstemp(prefix="liandong-bulk-", suffix=".sqlite")
    os.close(handle)
    try:
        with adbc.connect(path, autocommit=True) as scratch, scratch.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode = OFF")
            cursor.execute("PRAGMA synchronous = OFF")
            # Newest Arrow layout: string views go to ADBC as they are, without a conversion copy.
            cursor.adbc_ingest("staging", frame.to_arrow(compat_level=pl.CompatLevel.newest()), mode="create")
    except BaseException:
        _remove(path)
        raise
    return path


def _remove(path: str) -> None:
    with suppress(OSError):
        os.remove(path)


def _detach_staging(dbapi_connection: Any, _record: Any) -> None:
    """Pool check-in (the transaction is over): detach the scratch databases of bulk loads."""
    cursor = dbapi_connection.cursor()
    try:
        for row in cursor.execute("PRAGMA database_list").fetchall():
            if str(row[1]).startswith(STAGING_PREFIX):
                cursor.execute(f'DETACH DATABASE "{row[1]}"')
    finally:
        cursor.close()


def _sqlite_cursor(conn: Connection) -> Any:
    raw = conn.connection.driver_connection
    assert raw is not None
    return raw.cursor()


def tune_sqlite_for_bulk(conn: Connection) -> None:
    """A large page cache and in-memory temporary B-trees for this connection (SQLite only).

    Neither touches durability: the journal and ``synchronous`` stay as they are, so a failed load
    still rolls back completely.
    """
    if conn.dialect.name != "sqlite":
        return
    cursor = _sqlite_cursor(conn)
    try:
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB: index pages stay in memory
        cursor.execute("PRAGMA temp_store = MEMORY")  # index builds sort in memory, not in temp files
        cursor.execute(f"PRAGMA threads = {min(os.cpu_count() or 1, 4)}")  # sorter helper threads for CREATE INDEX
    finally:
        cursor.close()


def secondary_indexes(conn: Connection, table_name: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of each explicit index of a SQLite table (not UNIQUE constraints)."""
    cursor = _sqlite_cursor(conn)
    try:
        return [(row[0], row[1]) for row in cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table_name,))]
    finally:
        cursor.close()


def _index_columns(conn: Connection, index_name: str) -> list[str]:
    cursor = _sqlite_cursor(conn)
    try:
        return [str(row[2]) for row in cursor.execute(f'PRAGMA index_info("{index_name}")')]  # name from sqlite_master
    finally:
        cursor.close()


def _few_values(conn: Connection, index_name: str, rows: pl.DataFrame) -> bool:
    """Whether the index has one column that takes few distinct values in ``rows`` (absent: all NULL)."""
    columns = _index_columns(conn, index_name)
    if len(columns) != 1:
        return False
    column = columns[0]
    return column not in rows.columns or rows[column].n_unique() <= KEEP_INDEX_MAX_VALUES


@contextmanager
def indexes_deferred(conn: Connection, table_names: Iterable[str], rows: pl.DataFrame | None = None) -> Iterator[None]:
    """On SQLite, drop the tables' secondary indexes and build them again when the block ends.

    Building an index once, sorted, after a bulk load is cheaper than updating it row by row when the
    new entries scatter over the index. When ``rows`` (the one frame the block loads) gives an index's
    column only a few distinct values, that index is kept: each new entry then lands at the right edge
    of one of a few key ranges (new rowids are the largest), which costs less than scanning the whole
    table again to rebuild it. Measured on a million rows: kept 0.1–0.6 s against rebuilt 0.2–0.95 s
    per index up to 300 values; about even at 3,000 (``KEEP_INDEX_MAX_VALUES`` is 1,000).

    SQLite's DDL is transactional, so if the block raises, the caller's rollback restores the indexes
    with everything else. Unique constraints stay in place (they are autoindexes, not dropped), so
    duplicate keys are still refused during the load. Elsewhere this does nothing.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    dropped = [index for name in table_names for index in secondary_indexes(conn, name)
               if rows is None or not _few_values(conn, index[0], rows)]
    cursor = _sqlite_cursor(conn)
    try:
        # sqlite3 opens its transaction only at the first INSERT/UPDATE/DELETE; DDL before that
        # would run in autocommit mode, and a failed load would leave the indexes dropped.
        if dropped and not conn.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
            cursor.execute("BEGIN")
        for name, _ in dropped:
            cursor.execute(f'DROP INDEX "{name}"')  # names from sqlite_master
        yield
        for _, ddl in dropped:
            cursor.execute(ddl)
    finally:
        cursor.close()


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
