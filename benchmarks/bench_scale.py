"""Benchmark: reading a city/province database into Polars and filter changes, next to baselines.

Each figure is measured in the same run as its baseline so the ratio survives a noisy machine:
- cold read: ``load_facts(engine, reader=…)`` for each reader (ADBC, ConnectorX, SQLAlchemy rows, and
  ``auto``, what the dashboard uses) vs pandas ``read_sql`` of the 5 fact tables (ETL baseline);
- filter change: what the overview page computes — ``compute_indicators`` + ``compute_grouped(by="unit")``
  — with the data in memory, for a sequence of different filter values (county, township, none), vs a
  bare Polars filter + group-by count over the litigation frame with the same filter (query baseline);
  the first use of a kind of filter and a period change (nothing prepared) are reported separately;
- memory: a fresh process that loads the facts (``auto``) and runs every filter change; its RSS.

    python benchmarks/bench_scale.py --db sqlite:////tmp/province.sqlite [--repeat 7] [--reads 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import pandas as pd
import polars as pl
from sqlalchemy import create_engine, select

from etl.db.models import DisputeCase, JointTask, LitigationCase, Recommendation, ReconsiderationCase
from etl.metrics import Facts, Filters, compute_grouped, compute_indicators, load_facts, parse_period
from etl.metrics.engine import FLAG_CACHE
from etl.metrics.facts import FACT_NAMES

FACT_TABLES = tuple(model.__table__ for model in (LitigationCase, ReconsiderationCase, DisputeCase, Recommendation,
                                                  JointTask))
READERS = ("adbc", "connectorx", "sqlalchemy", "auto")


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _median(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in ms: the median, not the minimum, because the machine is shared."""
    return statistics.median(_ms(fn) for _ in range(repeat))


def _loadavg() -> str:
    with open("/proc/loadavg", encoding="ascii") as fh:
        return " ".join(fh.read().split()[:3])


def filter_changes(facts: Facts, repeat: int) -> list[tuple[str, list[Filters]]]:
    """Kinds of filter change a reader makes on the overview, each with ``repeat`` different values."""
    counties = facts.counties["id"].to_list() or [None]
    towns = facts.townships["id"].to_list()
    kinds = [("(none)", [Filters()] * repeat)]
    if counties[0] is not None:
        kinds.append(("county", [Filters(region_ids=(counties[i % len(counties)],)) for i in range(repeat)]))
    if towns:
        step = max(1, len(towns) // repeat)
        kinds.append(("township", [Filters(township_ids=(towns[(i * step) % len(towns)],)) for i in range(repeat)]))
    return kinds


def page(facts: Facts, period_text: str, f: Filters) -> None:
    period = parse_period(period_text)
    compute_indicators(facts, period, f)
    compute_grouped(facts, period, f, by="unit")


def bare(facts: Facts, period_text: str, f: Filters) -> None:
    period = parse_period(period_text)
    (f.apply(facts.litigation, "litigation").filter(pl.col("filed_on").is_between(period.start, period.end))
     .group_by("unit_id").agg(pl.len()).collect())


def memory(url: str, repeat: int) -> None:
    """Child process: load, run every filter change, print RSS now and at its peak (MiB)."""
    facts = load_facts(create_engine(url))
    period = str(facts.as_of.year if facts.as_of else 2025)
    for _ in range(3):
        for _, changes in filter_changes(facts, repeat):
            for f in changes:
                page(facts, period, f)
    status = dict(line.split(":", 1) for line in open("/proc/self/status", encoding="ascii") if ":" in line)
    rss, peak = (int(status[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))
    print(f"{rss:.0f} {peak:.0f}")


def run(url: str, repeat: int, reads: int) -> None:
    engine = create_engine(url)
    where = url.split("@")[-1]
    print(f"## {where} — loadavg {_loadavg()}, polars {pl.__version__}")
    print("| figure | value | baseline (same run) | baseline value | ratio |\n|---|---:|---|---:|---:|")
    with engine.connect() as conn:
        pandas_ms = _median(lambda: [pd.read_sql(select(t), conn) for t in FACT_TABLES], reads)
    facts = None
    for reader in READERS:
        read_ms = _median(lambda r=reader: load_facts(engine, reader=r), reads)
        print(f"| cold read `load_facts(reader=\"{reader}\")` | {read_ms:,.0f} ms | pandas `read_sql`, SELECT * of the "
              f"5 fact tables | {pandas_ms:,.0f} ms | {read_ms / pandas_ms:.2f}x |")
    facts = load_facts(engine)
    rows = sum(facts.frame(n).height for n in FACT_NAMES)
    period = str(facts.as_of.year if facts.as_of else 2025)
    FLAG_CACHE.clear()
    cold = _ms(lambda: page(facts, period, Filters()))
    cold_bare = _ms(lambda: bare(facts, period, Filters()))
    print(f"| period change, nothing prepared (overview: indicators + by unit, {period}) | {cold:.1f} ms | bare "
          f"Polars filter + group-by | {cold_bare:.1f} ms | {cold / cold_bare:.1f}x |")
    ours_all, bare_all = [], []
    for kind, changes in filter_changes(facts, repeat + 1):
        first = _ms(lambda f=changes[0]: page(facts, period, f))
        ours = [_ms(lambda f=f: page(facts, period, f)) for f in changes[1:]]
        base = [_ms(lambda f=f: bare(facts, period, f)) for f in changes[1:]]
        ours_all += ours
        bare_all += base
        mo, mb = statistics.median(ours), statistics.median(base)
        print(f"| filter change, {kind} ({repeat} values; first use {first:.1f} ms) | {mo:.1f} ms | bare Polars "
              f"filter + group-by | {mb:.1f} ms | {mo / mb:.1f}x |")
    mo, mb = statistics.median(ours_all), statistics.median(bare_all)
    print(f"| **filter change, all** | **{mo:.1f} ms** | bare Polars filter + group-by | {mb:.1f} ms | "
          f"**{mo / mb:.1f}x** |")
    child = subprocess.run([sys.executable, __file__, "--db", url, "--memory", "--repeat", str(repeat)],
                           capture_output=True, text=True, check=True, env=os.environ)
    rss, peak = child.stdout.split()
    print(f"| server-like process RSS after load + all filter changes (peak) | {rss} MiB ({peak} MiB) | — | — | — |")
    print(f"\n{rows:,} fact rows, litigation {facts.litigation.height:,}, units {facts.units.height:,}; "
          f"loadavg after: {_loadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=7, help="filter changes per kind")
    parser.add_argument("--reads", type=int, default=2, help="cold reads per reader")
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        memory(args.db, args.repeat)
    else:
        run(args.db, args.repeat, args.reads)


if __name__ == "__main__":
    main()
