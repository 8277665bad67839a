"""Benchmark: all indicators for one period grouped by unit, on 1,000,000 synthetic cases in memory.

Measures the time per filter change (the data already loaded, as in the dashboard, where Facts is
cached per data version) against a floor: a bare Polars group-by over the same litigation frame.
Goal (issue 4): under 100 ms and within 3x of the floor.

    python benchmarks/bench_metrics.py [--cases 1000000] [--repeat 5] [--markdown]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable

import numpy as np
import polars as pl

from etl.metrics import Facts, Filters, compute_grouped, facts_from_frames, parse_period
from etl.metrics.compute import compared_periods, resolve_config
from etl.metrics.engine import aggregate

START = dt.date(2020, 1, 1)
DAYS = 6 * 365
UNITS, TOWNSHIPS, AREAS = 60, 20, 10
OUTCOMES = ["revoked", "partially_revoked", "confirmed_illegal", "claim_dismissed", "suit_dismissed", "withdrawn",
            "mediated", "ordered_to_perform"]
INSTANCES = ["first", "first", "first", "second", "retrial", "non_litigation"]
COURTS = ["示范县人民法院", "邻县人民法院", "市中级人民法院"]


def _day(days: np.ndarray) -> pl.Series:
    return pl.Series(np.datetime64(START, "D") + days.astype("timedelta64[D]")).cast(pl.Date)


def _dates(rng: np.random.Generator, n: int, base: np.ndarray | None = None, null_share: float = 0.0) -> pl.Series:
    """Dates in 2020–2025 (or ``base`` days plus a delay of 10–200 days), some null."""
    days = rng.integers(0, DAYS, n) if base is None else base + rng.integers(10, 200, n)
    dates = _day(days)
    if null_share:
        dates = dates.set(pl.Series(rng.random(n) < null_share), None)  # type: ignore[arg-type]
    return dates


def _ids(rng: np.random.Generator, n: int, k: int, null_share: float = 0.03) -> pl.Series:
    values = rng.integers(1, k + 1, n)
    return pl.Series(values).set(pl.Series(rng.random(n) < null_share), None)  # type: ignore[arg-type]


def synthetic_facts(cases: int, seed: int = 7) -> Facts:
    """A county scaled up: ``cases`` lawsuits, 30% as many reconsiderations and disputes, 5% the rest."""
    rng = np.random.default_rng(seed)
    filed_days = rng.integers(0, DAYS, cases)
    litigation = pl.DataFrame({
        "id": np.arange(cases), "unit_id": _ids(rng, cases, UNITS), "township_id": _ids(rng, cases, TOWNSHIPS),
        "area_id": _ids(rng, cases, AREAS), "court": rng.choice(COURTS, cases),
        "instance": rng.choice(INSTANCES, cases), "case_number": pl.Series([None] * cases, dtype=pl.String),
        "filed_on": _day(filed_days),
        "hearing_on": _dates(rng, cases, filed_days, 0.3), "closed_on": _dates(rng, cases, filed_days + 60, 0.1),
        "outcome": rng.choice(OUTCOMES, cases), "head_appeared": rng.random(cases) < 0.9,
    })
    n = int(cases * 0.3)
    recv = rng.integers(0, DAYS, n)
    reconsideration = pl.DataFrame({
        "id": np.arange(n), "unit_id": _ids(rng, n, UNITS), "township_id": _ids(rng, n, TOWNSHIPS),
        "area_id": _ids(rng, n, AREAS), "received_on": _day(recv),
        "decided_on": _dates(rng, n, recv, 0.1),
        "decision": rng.choice(["revoked", "upheld", "dismissed", "mediated", "settled", "withdrawn"], n)})
    disputes = pl.DataFrame({
        "id": np.arange(n), "unit_id": _ids(rng, n, UNITS), "township_id": _ids(rng, n, TOWNSHIPS),
        "area_id": _ids(rng, n, AREAS),
        "channel": rng.choice(["pre_litigation_mediation", "pre_enforcement_settlement", "coordination"], n),
        "concluded_on": _dates(rng, n, null_share=0.2),
        "result": rng.choice(["success", "failure", "in_progress"], n)})
    m = int(cases * 0.05)
    due = rng.integers(0, DAYS, m)
    recommendations = pl.DataFrame({
        "id": np.arange(m), "unit_id": _ids(rng, m, UNITS), "township_id": _ids(rng, m, TOWNSHIPS),
        "area_id": _ids(rng, m, AREAS), "due_on": _day(due),
        "answered_on": _dates(rng, m, due - 100, 0.2), "rectified": rng.random(m) < 0.8})
    tasks = pl.DataFrame({
        "id": np.arange(m), "unit_id": _ids(rng, m, UNITS), "township_id": _ids(rng, m, TOWNSHIPS),
        "area_id": _ids(rng, m, AREAS), "deadline": _dates(rng, m),
        "status": rng.choice(["open", "done", "done", "cancelled"], m), "completed_on": _dates(rng, m, null_share=0.3)})
    units = pl.DataFrame({"id": range(1, UNITS + 1), "name": [f"单位{i}" for i in range(1, UNITS + 1)],
                          "unit_type": ["agency"] * UNITS})
    townships = pl.DataFrame({"id": range(1, TOWNSHIPS + 1), "name": [f"乡镇{i}" for i in range(1, TOWNSHIPS + 1)]})
    areas = pl.DataFrame({"id": range(1, AREAS + 1), "name": [f"领域{i}" for i in range(1, AREAS + 1)]})
    return facts_from_frames(litigation=litigation, reconsideration=reconsideration, disputes=disputes,
                             recommendations=recommendations, tasks=tasks, units=units, townships=townships,
                             areas=areas)


FILTERS = [Filters(), Filters(township_ids=(3,)), Filters(area_ids=(2, 5)), Filters(courts=("邻县人民法院",)),
           Filters(township_ids=(1, 2, 3, 4), area_ids=(1,)), Filters(instances=("first", "second"))]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--period", default="2024H1")
    args = parser.parse_args()
    t0 = time.perf_counter()
    facts = synthetic_facts(args.cases)
    build_s = time.perf_counter() - t0
    period = parse_period(args.period)
    lit = facts.litigation

    def floor(f: Filters) -> Callable[[], object]:
        # The floor: one bare group-by over the same frame with the same filter and period.
        return lambda: (f.apply(lit, "litigation").filter(pl.col("filed_on").is_between(period.start, period.end))
                        .group_by("unit_id").agg(pl.len()).collect())

    config = resolve_config(None, period)
    ours_all, floor_all, sums_all = [], [], []
    print(f"facts built in {build_s:.1f} s: litigation {lit.height:,} rows, total "
          f"{sum(facts.frame(n).height for n in ('litigation', 'reconsideration', 'disputes', 'recommendations', 'tasks')):,}")
    print(f"polars {pl.__version__}, {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS', 'default')}")
    print("| filter | ours median ms | floor median ms | ratio | of which sums only ms |")
    print("|---|---:|---:|---:|---:|")
    for f in FILTERS:
        ours = timed(lambda f=f: compute_grouped(facts, period, f, by="unit"), args.repeat)
        base = timed(floor(f), args.repeat)
        sums = timed(lambda f=f: aggregate(facts, compared_periods(period), f, config, by="unit"), args.repeat)
        ours_all += ours
        floor_all += base
        sums_all += sums
        m_ours, m_base = statistics.median(ours), statistics.median(base)
        label = ", ".join(f"{k}={v}" for k, v in f.to_json_dict().items() if v) or "(none)"
        print(f"| {label} | {m_ours:.1f} | {m_base:.1f} | {m_ours / m_base:.2f} | {statistics.median(sums):.1f} |")
    mo, mb = statistics.median(ours_all), statistics.median(floor_all)
    print(f"| **all filter changes** | **{mo:.1f}** | **{mb:.1f}** | **{mo / mb:.2f}** | "
          f"**{statistics.median(sums_all):.1f}** |")
    print(f"goal < 100 ms: {'met' if mo < 100 else 'MISSED'}; within 3x floor: {'met' if mo <= 3 * mb else 'MISSED'}")


if __name__ == "__main__":
    main()
