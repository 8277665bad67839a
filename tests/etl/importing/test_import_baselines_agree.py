"""The import benchmark compares like with like: the project's importer, the lean pandas baseline and the
Polars/ADBC floor store the same rows from the same messy GB18030 ledger (benchmarks/bench_import.py)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from etl.db.engine import make_engine
from etl.importing.pipeline import ImportOptions, import_file
from tests.support.paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_import import fresh_db, make_csv  # noqa: E402
from pandas_baseline import _resolvers, import_with_pandas_lean  # noqa: E402
from polars_floor import import_floor  # noqa: E402

COLUMNS = ("case_number, case_number_raw, instance, case_year, court, plaintiff, cause, filed_on, hearing_on, "
           "closed_on, outcome, outcome_raw, appearance, appearance_raw, defendant_raw, defendant_unit_id, township_raw, "
           "township_id, region_id")


def rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {COLUMNS} FROM litigation_case ORDER BY court, case_number").fetchall()  # noqa: S608


def test_ours_the_lean_pandas_baseline_and_the_floor_store_the_same_rows(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    make_csv(ledger, 3_000)
    ours_url = fresh_db(tmp_path, "ours.sqlite")
    fresh_db(tmp_path, "pandas.sqlite")  # the same migrated schema, written by the pandas baseline
    engine = make_engine(ours_url)
    result = import_file(engine, ledger.name, ledger.read_bytes(), ImportOptions())
    engine.dispose()
    assert result.status == "imported" and result.counts.inserted > 2_000
    assert import_with_pandas_lean(tmp_path / "pandas.sqlite", ledger) == result.counts.inserted
    assert import_floor(tmp_path / "floor.sqlite", ledger, _resolvers(ours_url)) == result.counts.inserted
    ours = rows(tmp_path / "ours.sqlite")
    assert rows(tmp_path / "pandas.sqlite") == ours
    assert rows(tmp_path / "floor.sqlite") == ours
    assert any(r[15] is None for r in ours) and any(r[9] is None for r in ours)  # unmatched names, open cases
    # Held values (a wording no vocabulary knows: stored raw, code null) in both vocabulary columns.
    assert any(r[10] is None and r[11] for r in ours) and any(r[12] is None and r[13] for r in ours)
