"""Time the demo load at a given scale: wall time, fact rows per second, peak memory.

    python benchmarks/bench_demo.py --scale province            # temporary SQLite file
    python benchmarks/bench_demo.py --scale city --db postgresql://postgres@127.0.0.1:54330/bench

Prints one Markdown table row for ``benchmarks/results/demo.md``. A PostgreSQL URL must name an
existing database; it is migrated and its data replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from etl.db.migrate import upgrade
from etl.demo import DEFAULT_SEED, load_demo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import cpu_seconds, load_average  # noqa: E402


def peak_rss_mib() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="county", choices=("county", "city", "province"))
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.date(2026, 11, 22))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        upgrade(db_url)
        load_before = load_average()
        started, cpu = time.perf_counter(), cpu_seconds()
        last = [started]

        def progress(done: int, total: int) -> None:
            if time.perf_counter() - last[0] > 10 or done == total:
                last[0] = time.perf_counter()
                print(f"  {done}/{total} counties, {last[0] - started:.0f} s", file=sys.stderr)

        summary = load_demo(db_url, seed=args.seed, scale=args.scale, replace=True, end=args.end,
                            progress=progress)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        size = f"{Path(tmp, 'bench.sqlite').stat().st_size / 2**20:.0f}" if not args.db else "—"
    backend = "SQLite" if db_url.startswith("sqlite") else "PostgreSQL"
    print("| scale | backend | counties | litigation cases | all fact rows | seconds | CPU s | fact rows/s |"
          " peak RSS MiB | file MiB | load avg |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {args.scale} | {backend} | {summary.counties} | {summary.rows.get('litigation_case', 0):,} | "
          f"{summary.fact_rows:,} | {seconds:.1f} | {cpu:.1f} | {summary.fact_rows / seconds:,.0f} | "
          f"{peak_rss_mib():.0f} | {size} | {load_before} → {load_average()} |")
    print(f"\n(seed {args.seed}, end {args.end}, Python {platform.python_version()}, {platform.machine()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
