"""Bulk inserts write every row with its types intact, by COPY on PostgreSQL and executemany on SQLite."""

from __future__ import annotations

import datetime as dt

import polars as pl
from sqlalchemy import Engine, select

from etl.db.bulk import insert_frame, reset_sequence
from etl.db.models import ImportBatch, SubjectArea


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
