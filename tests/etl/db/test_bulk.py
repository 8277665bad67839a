"""Bulk inserts write every row with its types intact, by COPY on PostgreSQL and executemany on SQLite."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError

from etl.db import bulk
from etl.db.bulk import indexes_deferred, insert_frame, reset_sequence, tune_sqlite_for_bulk
from etl.db.engine import make_engine
from etl.db.models import ImportBatch, LitigationCase, SubjectArea, Unit
from tests.factories import add_county


def test_insert_frame_round_trips_nulls_dates_and_booleans(engine: Engine) -> None:
    frame = pl.DataFrame({
        "id": [1, 2],
        "file_name": ["台账.xlsx", "复议,台账\t\"引号\".csv"],
        "sha256": ["a" * 64, "b" * 64],
        "kind": ["litigation", "reconsideration"],
        "rows_read": [3, 0], "accepted": [2, 0], "duplicates": [1, 0], "skipped": [0, 0], "rejected": [0, 0],
        "inserted": [2, 0], "updated": [0, 0], "unchanged": [0, 0],
        "imported_by": [None, "办公室"],
        "imported_at": [dt.datetime(2025, 3, 5, 8, 30), dt.datetime(2025, 3, 6)],
        "status": ["active", "rolled_back"],
        "is_demo": [False, True],
        "not_a_column": ["ignored", "ignored"],
    })
    with engine.begin() as conn:
        assert insert_frame(conn, ImportBatch.__table__, frame) == 2
        reset_sequence(conn, ImportBatch.__table__)
        conn.execute(ImportBatch.__table__.insert().values(
            file_name="next", sha256="c" * 64, kind="tasks", rows_read=0, accepted=0, duplicates=0,
            skipped=0, rejected=0, inserted=0, updated=0, unchanged=0, status="active", is_demo=False))
    with engine.connect() as conn:
        rows = conn.execute(select(ImportBatch).order_by(ImportBatch.id)).all()
    assert [r.id for r in rows] == [1, 2, 3]
    assert rows[1].file_name == "复议,台账\t\"引号\".csv"
    assert rows[0].imported_by is None and rows[1].imported_by == "办公室"
    assert rows[0].imported_at == dt.datetime(2025, 3, 5, 8, 30)
    assert [r.is_demo for r in rows[:2]] == [False, True]


def test_insert_frame_of_empty_frame_writes_nothing(engine: Engine) -> None:
    with engine.begin() as conn:
        assert insert_frame(conn, SubjectArea.__table__, pl.DataFrame({"name": []}, schema={"name": pl.String})) == 0
        assert conn.execute(select(SubjectArea)).first() is None


def _index_sql(engine: Engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return set(conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,)).scalars())


def _case_frame(numbers: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"court": ["示范县人民法院"] * len(numbers), "case_number": numbers,
                         "instance": ["first"] * len(numbers),
                         "filed_on": [dt.date(2025, 3, 5)] * len(numbers)})


def test_sqlite_path_writes_what_sqlalchemy_writes(sqlite_url: str) -> None:
    """Same stored text for dates, datetimes and booleans; scalar defaults of absent columns applied."""
    engine = make_engine(sqlite_url)
    frame = pl.DataFrame({"name": ["甲"], "short_name": [None], "region_id": [None], "sort_order": [3]},
                         schema={"name": pl.String, "short_name": pl.String, "region_id": pl.Int64,
                                 "sort_order": pl.Int64})
    with engine.begin() as conn:
        county = add_county(conn)
        insert_frame(conn, Unit.__table__, frame.with_columns(region_id=pl.lit(county)))
        conn.execute(Unit.__table__.insert().values(name="乙", region_id=county, sort_order=3))
        stamp = dt.datetime(2025, 3, 5, 8, 30, 1, 250)
        insert_frame(conn, ImportBatch.__table__, pl.DataFrame({
            "file_name": ["a"], "sha256": ["a" * 64], "kind": ["litigation"], "imported_at": [stamp]}))
        conn.execute(ImportBatch.__table__.insert().values(file_name="b", sha256="b" * 64, kind="litigation",
                                                            imported_at=stamp))
        insert_frame(conn, LitigationCase.__table__, _case_frame(["(2025)示0928行初1号"]).with_columns(
            appearance=pl.lit("deputy")))
        conn.execute(LitigationCase.__table__.insert().values(
            court="示范县人民法院", case_number="(2025)示0928行初2号", instance="first",
            filed_on=dt.date(2025, 3, 5), appearance="deputy"))
    with engine.connect() as conn:
        units = conn.exec_driver_sql("SELECT unit_type, active, sort_order, short_name FROM unit ORDER BY id").all()
        batches = conn.exec_driver_sql("SELECT imported_at, status, is_demo, rows_read FROM import_batch").all()
        cases = conn.exec_driver_sql("SELECT filed_on, appearance FROM litigation_case ORDER BY id").all()
    engine.dispose()
    assert units[0] == units[1] == ("agency", 1, 3, None)
    assert batches[0] == batches[1] == ("2025-03-05 08:30:01.000250", "active", 0, 0)
    assert cases[0] == cases[1] == ("2025-03-05", "deputy")


def test_deferred_indexes_come_back_identical(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    before = _index_sql(engine, "litigation_case")
    with engine.begin() as conn:
        with indexes_deferred(conn, ["litigation_case"]):
            assert _index_sql_in(conn, "litigation_case") == set()
            insert_frame(conn, LitigationCase.__table__, _case_frame(["(2025)示0928行初1号", "(2025)示0928行初2号"]))
    assert _index_sql(engine, "litigation_case") == before and len(before) == 5
    with engine.connect() as conn:  # committed, and the rebuilt index answers queries
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM litigation_case").scalar() == 2
        plan = " ".join(str(r) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM litigation_case WHERE defendant_unit_id IS NULL"))
        assert "ix_litigation_case_defendant_unit_id" in plan
    engine.dispose()


def test_indexes_of_few_valued_columns_stay_during_the_load(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Given the rows, only indexes whose column takes more than KEEP_INDEX_MAX_VALUES values are rebuilt."""
    monkeypatch.setattr(bulk, "KEEP_INDEX_MAX_VALUES", 1)
    engine = make_engine(sqlite_url)
    before = _index_sql(engine, "litigation_case")
    with engine.begin() as conn:
        county = add_county(conn)
        rows = _case_frame(["(2025)示0928行初1号", "(2025)示0928行初2号"]).with_columns(
            region_id=pl.Series([county, None]), batch_id=pl.lit(None, dtype=pl.Int64))
        with indexes_deferred(conn, ["litigation_case"], rows=rows):
            during = {sql.split()[2] for sql in _index_sql_in(conn, "litigation_case")}
            insert_frame(conn, LitigationCase.__table__, rows)
    # region_id: two values (county, NULL) -> dropped and rebuilt; batch_id: one value; the others are
    # absent from the rows (NULL in every row) -> kept.
    assert during == {"ix_litigation_case_batch_id", "ix_litigation_case_defendant_unit_id",
                      "ix_litigation_case_subject_area_id", "ix_litigation_case_township_id"}
    assert _index_sql(engine, "litigation_case") == before
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM litigation_case WHERE region_id IS NULL").scalar() == 1
    engine.dispose()


def _index_sql_in(conn: Connection, table: str) -> set[str]:
    return set(conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,)).scalars())


def test_failed_bulk_load_leaves_rows_and_indexes_unchanged(sqlite_url: str) -> None:
    """A duplicate key half-way through a load with indexes dropped: the rollback restores everything."""
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        insert_frame(conn, LitigationCase.__table__, _case_frame(["(2025)示0928行初1号"]))
    before = _index_sql(engine, "litigation_case")
    with pytest.raises(IntegrityError), engine.begin() as conn:
        tune_sqlite_for_bulk(conn)
        with indexes_deferred(conn, ["litigation_case"]):
            numbers = [f"(2025)示0928行初{n}号" for n in range(2, 30_000)] + ["(2025)示0928行初1号"]
            insert_frame(conn, LitigationCase.__table__, _case_frame(numbers))
    assert _index_sql(engine, "litigation_case") == before
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT case_number FROM litigation_case").scalars().all() == [
            "(2025)示0928行初1号"]
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()


def test_indexes_deferred_does_nothing_on_postgresql(db_url: str, engine: Engine) -> None:
    with engine.begin() as conn:
        with indexes_deferred(conn, ["litigation_case"]):
            names = {ix["name"] for ix in inspect(conn).get_indexes("litigation_case")}
            assert ("ix_litigation_case_batch_id" in names) == (conn.dialect.name == "postgresql")


def _mixed_cases(rows: int) -> pl.DataFrame:
    n = pl.int_range(0, rows, eager=True)
    return pl.DataFrame({
        "court": ["示范县人民法院"] * rows,
        "case_number": [f"(2025)示0928行初{i}号" for i in range(rows)],
        "instance": ["first"] * rows,
        "case_year": n % 3 + 2023,
        "filed_on": [dt.date(2025, 3, 5) + dt.timedelta(days=i % 400) for i in range(rows)],
        "closed_on": [None if i % 4 else dt.date(2026, 1, 1) for i in range(rows)],
        "appearance": [None if i % 3 == 0 else ("principal" if i % 3 == 1 else "absent") for i in range(rows)],
        "plaintiff": [None if i % 5 == 0 else f"原告{i % 97}" for i in range(rows)],
        "outcome_raw": [None] * rows,
    })


def _dump(url: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, court, case_number, instance, case_year, filed_on, closed_on, appearance, plaintiff, "
            "outcome_raw, typeof(case_year), typeof(filed_on), typeof(appearance) FROM litigation_case "
            "ORDER BY id").all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_staged_and_row_by_row_sqlite_writes_store_identical_values(
        sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _mixed_cases(bulk.STAGE_FROM_ROWS + 5)
    urls = []
    for name, threshold in (("staged", bulk.STAGE_FROM_ROWS), ("tuples", 10**9)):
        monkeypatch.setattr(bulk, "STAGE_FROM_ROWS", threshold)
        path = tmp_path / f"{name}.sqlite"
        shutil.copy(sqlite_template, path)
        urls.append(f"sqlite:///{path}")
        engine = make_engine(urls[-1])
        with engine.begin() as conn:
            assert insert_frame(conn, LitigationCase.__table__, frame) == frame.height
        engine.dispose()
    staged, tuples = (_dump(url) for url in urls)
    assert staged == tuples
    assert staged[1][4:10] == (2024, "2025-03-06", None, "principal", "原告1", None)
    assert staged[0][10:] == ("integer", "text", "null") and staged[1][10:] == ("integer", "text", "text")


def test_scratch_file_is_deleted_and_detached_after_the_transaction(
        sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    monkeypatch.setattr(bulk, "STAGE_FROM_ROWS", 10)
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        insert_frame(conn, LitigationCase.__table__, _mixed_cases(50))
        attached = [r[1] for r in conn.exec_driver_sql("PRAGMA database_list")]
        assert any(name.startswith(bulk.STAGING_PREFIX) for name in attached)  # the staged path was taken
        assert list((tmp_path / "scratch").iterdir()) == []  # deleted at once, still readable while attached
    with engine.connect() as conn:
        attached = [r[1] for r in conn.exec_driver_sql("PRAGMA database_list")]
        assert not [name for name in attached if name.startswith(bulk.STAGING_PREFIX)] and "main" in attached
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM litigation_case").scalar() == 50
    engine.dispose()


def test_many_large_writes_in_one_transaction_stay_within_sqlites_attach_limit(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite attaches at most 10 databases; a demo load makes dozens of large writes in one transaction."""
    monkeypatch.setattr(bulk, "STAGE_FROM_ROWS", 10)
    engine = make_engine(sqlite_url)
    frame = _mixed_cases(12 * 20)
    with engine.begin() as conn:
        for part in frame.iter_slices(20):
            assert insert_frame(conn, LitigationCase.__table__, part) == 20
        attached = [r[1] for r in conn.exec_driver_sql("PRAGMA database_list")]
        assert sum(name.startswith(bulk.STAGING_PREFIX) for name in attached) == bulk.MAX_STAGED
    assert _dump(sqlite_url)[-1][2] == "(2025)示0928行初239号" and len(_dump(sqlite_url)) == 240
    engine.dispose()


def test_two_part_staged_load_copies_every_row_once_in_order(
        sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(bulk, "STAGE_FROM_ROWS", 10)
    monkeypatch.setattr(bulk, "PIPELINE_FROM_ROWS", 50)
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        assert insert_frame(conn, LitigationCase.__table__, _mixed_cases(101)) == 101
        attached = [r[1] for r in conn.exec_driver_sql("PRAGMA database_list")]
        assert sum(name.startswith(bulk.STAGING_PREFIX) for name in attached) == 2
    rows = _dump(sqlite_url)
    assert [r[2] for r in rows] == [f"(2025)示0928行初{i}号" for i in range(101)]
    assert not list(tmp_path.glob("liandong-bulk-*"))
    engine.dispose()


def test_failing_scratch_write_is_a_database_error_and_leaves_no_files(
        sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(bulk, "STAGE_FROM_ROWS", 10)
    monkeypatch.setattr(bulk, "PIPELINE_FROM_ROWS", 50)
    real = bulk._write_scratch
    calls: list[int] = []

    def second_fails(frame: pl.DataFrame) -> str:
        calls.append(frame.height)
        if len(calls) == 2:
            raise OSError("No space left on device")
        return real(frame)

    monkeypatch.setattr(bulk, "_write_scratch", second_fails)
    engine = make_engine(sqlite_url)
    with pytest.raises(OperationalError, match="No space left"), engine.begin() as conn:
        insert_frame(conn, LitigationCase.__table__, _mixed_cases(100))
    assert calls == [50, 50]
    assert _dump(sqlite_url) == [] and not list(tmp_path.glob("liandong-bulk-*"))
    engine.dispose()
