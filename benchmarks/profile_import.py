"""Where the import's time goes: the project's import of the benchmark ledger, phase by phase.

    python benchmarks/profile_import.py [--rows 1000000] [--cprofile 25]

Runs ``etl.importing.import_file`` once on the same generated GB18030 ledger as ``bench_import.py``
and prints, per phase, the wall time and the CPU time of the thread doing it (``time.thread_time``;
the scratch file of the bulk load is written by a worker thread while the main thread copies, so the
phases' CPU can add up to more than the wall time), with the load average. Phases are timed by wrapping
the pipeline's own functions (nothing in ``etl`` changes): decode (GB18030 → UTF-8), CSV parse, prepare
(header, mapping, skip rules, normalise, names, validation, duplicates), scratch file written by ADBC,
the ``INSERT … SELECT`` into the table, rebuilding the deferred indexes, and the commit (WAL).
``--cprofile N`` also prints the N most expensive functions by own time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_import import fresh_db, make_csv  # noqa: E402

from etl.db import bulk  # noqa: E402
from etl.db.engine import make_engine  # noqa: E402
from etl.importing import load, pipeline, read  # noqa: E402
from etl.importing.pipeline import ImportOptions, import_file  # noqa: E402

PHASES: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # name -> [wall, thread CPU]
_lock = threading.Lock()


@contextlib.contextmanager
def phase(name: str, clock: Callable[[], float] = time.process_time) -> Iterator[None]:
    """Wall and CPU time of a phase: the process's CPU (Polars' own threads count) unless ``clock`` is
    ``time.thread_time`` (for the two SQLite phases that overlap each other)."""
    wall, cpu = time.perf_counter(), clock()
    try:
        yield
    finally:
        with _lock:
            PHASES[name][0] += time.perf_counter() - wall
            PHASES[name][1] += clock() - cpu


def timed(module: Any, attribute: str, name: str, clock: Callable[[], float] = time.process_time) -> None:
    original: Callable[..., Any] = getattr(module, attribute)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with phase(name, clock):
            return original(*args, **kwargs)

    setattr(module, attribute, wrapper)


def instrument() -> None:
    timed(read, "decode_csv_bytes", "decode GB18030 → UTF-8")
    timed(read.pl, "read_csv", "CSV parse (Polars)")
    timed(pipeline, "prepare_sheets", "prepare: header, mapping, skip, normalise, names, validate")
    timed(bulk, "_write_scratch", "write scratch file (ADBC, worker thread; thread CPU)", time.thread_time)
    timed(bulk, "_sqlite_values", "frame as SQLite stores it (dates as text)")
    timed(load, "existing_rows", "merge: read the stored rows of the same keys")
    original_deferred = bulk.indexes_deferred

    @contextlib.contextmanager
    def deferred(*args: Any, **kwargs: Any) -> Iterator[None]:
        with original_deferred(*args, **kwargs):
            yield
            PHASES["_rebuild_start"][0] = time.perf_counter()
            PHASES["_rebuild_start"][1] = time.thread_time()
        with _lock:  # the context manager's exit rebuilt the dropped indexes
            PHASES["rebuild deferred indexes"][0] += time.perf_counter() - PHASES["_rebuild_start"][0]
            PHASES["rebuild deferred indexes"][1] += time.thread_time() - PHASES["_rebuild_start"][1]

    load.indexes_deferred = deferred  # type: ignore[assignment]
    original_copy = bulk._copy_staged

    def copy(conn: Any, cursor: Any, statement: str, parts: list[Any]) -> None:
        class Timed:
            def __init__(self, inner: Any) -> None:
                self.inner = inner

            def execute(self, sql: str, *args: Any) -> Any:
                label = ("INSERT … SELECT into the table (thread CPU)" if sql.startswith("INSERT")
                         else "attach scratch file")
                with phase(label, time.thread_time):
                    return self.inner.execute(sql, *args)

        original_copy(conn, Timed(cursor), statement, parts)

    bulk._copy_staged = copy  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        ledger = directory / "ledger.csv"
        make_csv(ledger, args.rows)
        url = fresh_db(directory, "ours.sqlite")
        engine = make_engine(url)
        data = ledger.read_bytes()
        instrument()
        load_before = os.getloadavg()[0]
        profiler = cProfile.Profile() if args.cprofile else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        commit_start: list[float] = []

        original_load = pipeline.load_prepared

        def load_and_mark(*a: Any, **k: Any) -> Any:
            out = original_load(*a, **k)
            commit_start.extend([time.perf_counter(), time.thread_time()])
            return out

        pipeline.load_prepared = load_and_mark  # type: ignore[assignment]
        result = import_file(engine, ledger.name, data, ImportOptions())
        end_wall, end_thread = time.perf_counter(), time.thread_time()
        if profiler:
            profiler.disable()
        wall, cpu = end_wall - wall, time.process_time() - cpu
        PHASES["commit (WAL)"] = [end_wall - commit_start[0], end_thread - commit_start[1]]
        engine.dispose()
    assert result.status == "imported", result.message
    PHASES.pop("_rebuild_start", None)
    print(f"# {args.rows:,} rows, {result.message}")
    print(f"# total: wall {wall:.2f} s, process CPU {cpu:.2f} s; load average {load_before:.2f} → "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print("| phase | wall s | CPU s | share of wall |\n|---|---:|---:|---:|")
    for name, (w, c) in PHASES.items():
        print(f"| {name} | {w:.2f} | {c:.2f} | {w / wall:.0%} |")
    accounted = sum(w for n, (w, _) in PHASES.items() if "worker" not in n)
    print(f"| other (main thread: waiting for the first scratch file, resolvers, batch rows, report) | "
          f"{wall - accounted:.2f} | | "
          f"{(wall - accounted) / wall:.0%} |")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.cprofile)


if __name__ == "__main__":
    main()
