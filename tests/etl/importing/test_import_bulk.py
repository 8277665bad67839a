"""A large import takes the bulk path (indexes rebuilt once, rows staged through ADBC on SQLite) and
keeps every guarantee of a small one: one transaction, nothing left behind when it fails, re-import
is a no-op and rollback empties the table again. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError

from etl.db import bulk
from etl.db.models import BatchChange, ImportBatch, LitigationCase
from etl.importing import load as import_load
from etl.importing import pipeline
from etl.importing.batches import rollback_batch
from etl.importing.pipeline import ImportOptions, import_file
from etl.regions import set_jurisdiction

ROWS = 3_000
UNITS = ("县自然资源局", "县公安局", "翠湖管委会")


def ledger(rows: int = ROWS) -> bytes:
    lines = ["河清县人民法院行政案件台账", "案号,原告,被告,立案日期,结案日期,结案方式,负责人是否出庭"]
    for i in range(rows):
        closed = f"2024-{i % 12 + 1}-28" if i % 3 else ""
        lines.append(f"（2024）豫0928行初{i + 1}号,原告{i % 97},{UNITS[i % 3]},2024-{i % 12 + 1}-{i % 27 + 1},"
                     f"{closed},{'判决驳回诉讼请求' if closed else ''},{'是' if i % 2 else '否'}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulk paths at test size: index rebuild from 1,000 rows, ADBC staging from 500."""
    monkeypatch.setattr(import_load, "REBUILD_INDEXES_FROM", 1_000)
    monkeypatch.setattr(bulk, "STAGE_FROM_ROWS", 500)


def _indexes(engine: Engine) -> set[str]:
    from sqlalchemy import inspect
    return {ix["name"] for ix in inspect(engine).get_indexes("litigation_case")}


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.mark.usefixtures("small_thresholds")
def test_failed_large_import_leaves_database_and_indexes_unchanged(engine: Engine,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    indexes = _indexes(engine)

    def fail(_conn: object) -> None:  # after every row is written, before the commit
        raise OperationalError("UPDATE app_meta", {}, Exception("disk I/O error"))

    monkeypatch.setattr(pipeline, "bump_data_version", fail)
    result = import_file(engine, "台账.csv", ledger(), ImportOptions())
    assert result.status == "failed" and "已整体回滚" in result.message
    assert _count(engine, LitigationCase) == 0 and _count(engine, ImportBatch) == 0
    assert _count(engine, BatchChange) == 0
    assert _indexes(engine) == indexes and "ix_litigation_case_defendant_unit_id" in indexes
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            attached = [r[1] for r in conn.exec_driver_sql("PRAGMA database_list")]
            assert not [name for name in attached if name.startswith(bulk.STAGING_PREFIX)]


@pytest.mark.usefixtures("small_thresholds")
def test_large_import_reimport_and_rollback(engine: Engine) -> None:
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    indexes = _indexes(engine)
    first = import_file(engine, "台账.csv", ledger(), ImportOptions())
    assert first.status == "imported", first.message
    assert (first.counts.inserted, first.counts.updated, first.prepared.rejected) == (ROWS, 0, 0)
    assert _indexes(engine) == indexes
    with engine.connect() as conn:
        ids = conn.execute(select(LitigationCase.id).order_by(LitigationCase.id)).scalars().all()
        row = conn.execute(select(LitigationCase).where(
            LitigationCase.case_number == "（2024）豫0928行初5号")).one()
        unmatched = conn.execute(select(func.count()).select_from(LitigationCase)
                                 .where(LitigationCase.defendant_unit_id.is_(None))).scalar_one()
    assert ids == list(range(ids[0], ids[0] + ROWS))  # one contiguous range: one batch_change row
    # Row i = 4: filed 2024-5-5, closed 2024-5-28 (4 % 3 ≠ 0), 否 (4 is even), defendant UNITS[4 % 3] = 县公安局.
    assert (str(row.filed_on), str(row.closed_on), row.appearance, row.defendant_raw, row.outcome) == (
        "2024-05-05", "2024-05-28", "absent", "县公安局", "claim_dismissed")
    assert unmatched == ROWS  # no units configured: every row kept, attributed to none
    assert import_file(engine, "台账（副本）.csv", ledger(), ImportOptions()).status == "already_imported"
    again = import_file(engine, "台账（加空行）.csv", ledger() + b",,,,,,\n", ImportOptions())  # same rows
    assert (again.counts.inserted, again.counts.updated, again.counts.unchanged) == (0, 0, ROWS)
    with engine.begin() as conn:
        rollback_batch(conn, again.batch_id or 0)
        rollback_batch(conn, first.batch_id or 0)
    assert _count(engine, LitigationCase) == 0
    assert _indexes(engine) == indexes
