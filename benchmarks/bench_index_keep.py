"""Keep an index during a bulk INSERT … SELECT, or drop it and rebuild it afterwards?

Plain ``sqlite3``, the way ``etl.db.bulk`` loads: 1,000,000 rows copied with one ``INSERT … SELECT``
from an attached scratch file into a WAL database (page cache 256 MiB, in-memory temp store), one
index on an integer column with a given number of distinct random values. Prints the seconds for
the insert and the index (commit excluded) both ways; ``etl.db.bulk.KEEP_INDEX_MAX_VALUES`` is set
from this crossover.

    python benchmarks/bench_index_keep.py --values 1 30 300 3000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path


def make_source(path: Path, rows: int, values: int) -> None:
    source = sqlite3.connect(path)
    source.execute("CREATE TABLE staging (a, b, c, d, e, pad)")
    rng = random.Random(1)
    source.executemany("INSERT INTO staging VALUES (?, ?, ?, ?, ?, ?)", (
        (rng.randrange(values), rng.randrange(values), rng.randrange(30), 1, rng.randrange(3), "x" * 120)
        for _ in range(rows)))
    source.commit()
    source.close()


def load(directory: Path, source: Path, keep: bool) -> float:
    target = directory / f"target_{keep}.sqlite"
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode = WAL", "cache_size = -262144", "temp_store = MEMORY", "threads = 2"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE facts (id INTEGER PRIMARY KEY, a, b, c, d, e, pad)")
    if keep:
        conn.execute("CREATE INDEX ix_a ON facts (a)")
    conn.execute("ATTACH DATABASE ? AS source", (str(source),))
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO facts (a, b, c, d, e, pad) SELECT * FROM source.staging")
    if not keep:
        conn.execute("CREATE INDEX ix_a ON facts (a)")
    elapsed = time.perf_counter() - started
    conn.execute("COMMIT")
    conn.close()
    target.unlink()
    Path(f"{target}-wal").unlink(missing_ok=True)
    Path(f"{target}-shm").unlink(missing_ok=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--values", type=int, nargs="+", default=[1, 30, 300, 3000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for values in args.values:
            source = directory / f"source_{values}.sqlite"
            make_source(source, args.rows, values)
            kept, rebuilt = load(directory, source, keep=True), load(directory, source, keep=False)
            print(f"{values:>9,} distinct values: kept {kept:5.2f} s   dropped and rebuilt {rebuilt:5.2f} s")
            source.unlink()


if __name__ == "__main__":
    main()
