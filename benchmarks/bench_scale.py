"""Benchmark: reading a city/province database into Polars and one filter change, next to baselines.

Each figure is measured in the same run as its baseline so the ratio survives a noisy machine:
- cold read: ``load_facts(engine)`` vs pandas ``read_sql`` of the same litigation columns (ETL baseline);
- filter change: ``compute_indicators`` + ``compute_grouped(by="unit")`` (what the overview page calls)
  vs a bare Polars group-by count over the litigation frame (query baseline);
- process RSS after loading.

    python benchmarks/bench_scale.py --db sqlite:////tmp/scale_city.sqlite [--repeat 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable

import pandas as pd
import polars as pl
from sqlalchemy import create_engine, select

from etl.db.models import DisputeCase, JointTask, LitigationCase, Recommendation, ReconsiderationCase
from etl.metrics import Filters, compute_grouped, compute_indicators, load_facts, parse_period
from etl.metrics.facts import latest_record_date

FACT_TABLES = tuple(model.__table__ for model in (LitigationCase, ReconsiderationCase, DisputeCase, Recommendation,
                                                  JointTask))


def _timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in ms: the median, not the minimum, because the machine is shared."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def run(url: str, repeat: int) -> list[tuple[str, float, str, float]]:
    engine = create_engine(url)
    read_ms = _timed(lambda: load_facts(engine), max(1, repeat // 2))
    with engine.connect() as conn:
        pandas_ms = _timed(lambda: [pd.read_sql(select(t), conn) for t in FACT_TABLES],
                           max(1, repeat // 2))
    facts = load_facts(engine)
    as_of = latest_record_date(facts)
    period = parse_period(str(as_of.year if as_of else 2025))
    filters = Filters()

    def page() -> None:
        compute_indicators(facts, period, filters)
        compute_grouped(facts, period, filters, by="unit")

    def bare() -> None:
        (facts.litigation.filter(pl.col("filed_on").dt.year() == period.start.year)
         .group_by("unit_id").agg(pl.len(), pl.col("outcome").is_in(["revoked"]).sum()))

    page()
    page_ms, bare_ms = _timed(page, repeat), _timed(bare, repeat)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = sum(facts.frame(n).height for n in ("litigation", "reconsideration", "disputes", "recommendations", "tasks"))
    print(f"# {url.split('@')[-1]}: {rows:,} fact rows, litigation {facts.litigation.height:,}")
    return [("load_facts (cold read, all tables)", read_ms, "pandas read_sql, SELECT * of the 5 fact tables", pandas_ms),
            ("filter change: indicators + by unit", page_ms, "bare Polars group-by", bare_ms),
            ("peak RSS MiB after load", rss_mib, "-", float("nan"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| figure | value | baseline | baseline value | ratio |\n|---|---:|---|---:|---:|")
    for name, value, base_name, base in run(args.db, args.repeat):
        ratio = f"{value / base:.1f}x" if base == base and base > 0 else "-"
        print(f"| {name} | {value:,.1f} | {base_name} | {base:,.1f} | {ratio} |")


if __name__ == "__main__":
    main()
