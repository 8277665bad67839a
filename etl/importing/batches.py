"""Import batches: the same-file check, listing, inspection and rollback.

Rollback undoes one batch exactly: rows it inserted are deleted, rows it updated get their previous
values back. A batch whose rows were rewritten by a later active batch cannot be rolled back before
that later batch (the message names it), so history never tangles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import polars as pl
from sqlalchemy import Connection, Table, and_, select

from etl import audit
from etl.catalog import FACT_TABLES, NAME_LINKED
from etl.db.meta import bump_data_version
from etl.db.models import Base, BatchChange, BatchStatus, ImportBatch, ScopeType, Target, UserAccount
from etl.importing.held import release_known
from etl.importing.unmatched import reattribute_unmatched
from etl.importing.vocabulary import effective_mappings

#: The fact-table columns that point at a unit or a township: rolling back a dimension sheet makes them
#: unmatched again.
UNIT_REFERENCES = tuple((t.table_name, t.unit.id_column) for t in FACT_TABLES)
TOWNSHIP_REFERENCES = tuple((table, link.id_column) for table, links in NAME_LINKED for link in links
                            if link.target == "township")


class RollbackError(ValueError):
    """A rollback that cannot be done; the message is for the user, in Chinese."""


def active_batch_for(conn: Connection, sha256: str) -> int | None:
    """The active batch that imported exactly this file, if any (same content → no-op)."""
    return conn.execute(select(ImportBatch.id).where(ImportBatch.sha256 == sha256,
                                                     ImportBatch.status == BatchStatus.ACTIVE)
                        .order_by(ImportBatch.id.desc())).scalar()


def list_batches(conn: Connection) -> pl.DataFrame:
    cols = [ImportBatch.id, ImportBatch.file_name, ImportBatch.kind, ImportBatch.imported_at, ImportBatch.status,
            ImportBatch.rows_read, ImportBatch.accepted, ImportBatch.held, ImportBatch.duplicates, ImportBatch.skipped,
            ImportBatch.rejected, ImportBatch.inserted, ImportBatch.updated, ImportBatch.unchanged,
            ImportBatch.is_demo]
    rows = conn.execute(select(*cols).order_by(ImportBatch.id.desc())).fetchall()
    schema = {"id": pl.Int64, "file_name": pl.String, "kind": pl.String, "imported_at": pl.Datetime,
              "status": pl.String, "rows_read": pl.Int64, "accepted": pl.Int64, "held": pl.Int64, "duplicates": pl.Int64,
              "skipped": pl.Int64, "rejected": pl.Int64, "inserted": pl.Int64, "updated": pl.Int64,
              "unchanged": pl.Int64, "is_demo": pl.Boolean}
    return pl.DataFrame(rows, schema=schema, orient="row")


def batch_report(conn: Connection, batch_id: int) -> dict[str, Any] | None:
    return conn.execute(select(ImportBatch.report).where(ImportBatch.id == batch_id)).scalar()


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _value(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    python_type = table.c[column].type.python_type
    if python_type is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _check_not_overwritten(conn: Connection, batch_id: int, changes: Sequence[Any]) -> None:
    for change in changes:
        table = _table(change.table_name)
        if "batch_id" not in table.c:
            continue
        last = (change.previous or {}).get("through_id", change.row_id) if change.action == "insert" else change.row_id
        later = conn.execute(select(table.c.batch_id).where(
            and_(table.c.id >= change.row_id, table.c.id <= last, table.c.batch_id != batch_id))
            .limit(1)).scalar()
        if later is not None:
            raise RollbackError(f"批次 {batch_id} 的部分数据已被批次 {later} 更新，请先回滚批次 {later}")


def _check_no_dependants(conn: Connection, batch_id: int, changes: Sequence[Any]) -> None:
    """Units or townships this batch created must not be deleted while targets or accounts name them
    (a target's scope has no foreign key and would silently point at nothing; an account would lose its scope)."""
    for change in changes:
        if change.action != "insert" or change.table_name not in ("unit", "region"):
            continue
        last = (change.previous or {}).get("through_id", change.row_id)
        scope = ScopeType.UNIT.value if change.table_name == "unit" else ScopeType.TOWNSHIP.value
        target = conn.execute(select(Target.year, Target.indicator_key, Target.batch_id).where(
            Target.scope_type == scope, Target.scope_id.between(change.row_id, last)).limit(1)).first()
        if target is not None:
            source = f"批次 {target.batch_id}" if target.batch_id else "手工设置"
            raise RollbackError(f"批次 {batch_id} 新建的单位或乡镇仍有 {target.year} 年“{target.indicator_key}”目标值"
                                f"（{source}），请先回滚或删除这些目标")
        column = UserAccount.unit_id if change.table_name == "unit" else UserAccount.township_id
        account = conn.execute(select(UserAccount.username).where(column.between(change.row_id, last)).limit(1)).scalar()
        if account is not None:
            raise RollbackError(f"批次 {batch_id} 新建的单位或乡镇仍有联络员账号“{account}”，请先修改或删除该账号")


def _detach_references(conn: Connection, table: Table, first: int, last: int) -> None:
    """Rows attributed to a unit or township this batch created become unmatched again."""
    refs = UNIT_REFERENCES if table.name == "unit" else TOWNSHIP_REFERENCES if table.name == "region" else ()
    for fact, column in refs:
        fact_table = _table(fact)
        conn.execute(fact_table.update().where(fact_table.c[column].between(first, last)).values({column: None}))


def rollback_batch(conn: Connection, batch_id: int, actor: str | None = None) -> int:
    """Undo one active batch inside the caller's transaction; returns the number of rows touched."""
    batch = conn.execute(select(ImportBatch.status, ImportBatch.file_name, ImportBatch.kind)
                         .where(ImportBatch.id == batch_id)).first()
    if batch is None:
        raise RollbackError(f"批次 {batch_id} 不存在")
    if batch.status != BatchStatus.ACTIVE:
        raise RollbackError(f"批次 {batch_id} 已回滚，无需重复操作")
    changes = conn.execute(select(BatchChange).where(BatchChange.batch_id == batch_id)
                           .order_by(BatchChange.id.desc())).fetchall()
    _check_not_overwritten(conn, batch_id, changes)
    _check_no_dependants(conn, batch_id, changes)
    touched = 0
    for change in changes:
        table = _table(change.table_name)
        if change.action == "insert":
            last = (change.previous or {}).get("through_id", change.row_id)
            _detach_references(conn, table, change.row_id, last)
            touched += conn.execute(table.delete().where(table.c.id.between(change.row_id, last))).rowcount
        else:
            values = {c: _value(table, c, v) for c, v in (change.previous or {}).items() if c in table.c}
            touched += conn.execute(table.update().where(table.c.id == change.row_id).values(values)).rowcount
    conn.execute(ImportBatch.__table__.update().where(ImportBatch.id == batch_id)
                 .values(status=BatchStatus.ROLLED_BACK))
    # Restored values predate any name or value mapping made since the batch; resolve them against
    # today's aliases and vocabulary.
    reattribute_unmatched(conn)
    release_known(conn, effective_mappings(conn))
    bump_data_version(conn)
    audit.record(conn, audit.ROLLBACK, actor, batch_id=batch_id, file_name=batch.file_name, kind=batch.kind,
                 rows=touched)
    return touched
