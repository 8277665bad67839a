"""Benchmark: all indicators for one period grouped by unit, on 1,000,000 synthetic cases in memory.

Measures the time per filter change (the data already loaded, as in the dashboard, where Facts is
cached per data version) against two baselines run in the same process, alternately:

- **bare Polars, same sums**: the same numerator and denominator sums of every indicator for the same
  compared periods, grouped by unit, as plain Polars — one ``(in period & mask).sum()`` per output over
  the filtered frames, no flags, no cache (``etl.metrics.engine.aggregate(cache=False)``);
- **floor**: one bare Polars group-by counting the litigation rows of the period (what no indicator
  computation can undercut).

Wall and CPU time (user + system of the process, all threads) are printed for each, with the load
average: on a shared machine the CPU time is the figure to compare. Goal: under 100 ms and within 3x
of the floor.

    python benchmarks/bench_metrics.py [--cases 1000000] [--repeat 7]

Each measured filter change uses a different value of the same kind of filter (township 3, 4, 5 …),
so nothing is answered from a previous identical call; what the engine prepares per period and per
kind of filter is reused, and its cost is shown separately ("first use", and a cold period change).
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
from etl.metrics.engine import FLAG_CACHE, aggregate

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
        "outcome": rng.choice(OUTCOMES, cases), "appearance": np.where(rng.random(cases) < 0.9, "principal", "absent"),
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


def variations(f: Filters, n: int) -> list[Filters]:
    """``n`` filter changes of the same kind as ``f`` with different values, so that no measured call
    repeats the previous one: a reader picking township 3, then 4, then 5 …"""
    out = []
    for i in range(n):
        out.append(Filters(
            township_ids=tuple((t - 1 + i) % TOWNSHIPS + 1 for t in f.township_ids),
            area_ids=tuple((a - 1 + i) % AREAS + 1 for a in f.area_ids),
            courts=(COURTS[(COURTS.index(f.courts[0]) + i) % len(COURTS)],) if f.courts else (),
            instances=INSTANCE_CHOICES[i % len(INSTANCE_CHOICES)] if f.instances else ()))
    return out


#: Instance choices cycled through by the instance filter (each first use re-packs the flags).
INSTANCE_CHOICES = (("first", "second"), ("second",), ("first", "retrial"))


def label(f: Filters) -> str:
    return ", ".join(f"{k}={v}" for k, v in f.to_json_dict().items() if v) or "(none)"


CPU_MS: list[float] = []  # CPU ms of every call timed_each made, in order (the wall ms are returned)


def timed_each(fn: Callable[[Filters], object], filters: list[Filters]) -> list[float]:
    out = []
    for f in filters:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(f)
        out.append((time.perf_counter() - t0) * 1000)
        CPU_MS.append((time.process_time() - c0) * 1000)
    return out


def timed_cpu(fn: Callable[[Filters], object], filters: list[Filters]) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) of each call."""
    start = len(CPU_MS)
    wall = timed_each(fn, filters)
    return wall, CPU_MS[start:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--period", default="2024H1")
    args = parser.parse_args()
    t0 = time.perf_counter()
    facts = synthetic_facts(args.cases)
    build_s = time.perf_counter() - t0
    period = parse_period(args.period)
    lit = facts.litigation
    config = resolve_config(None, period)

    def ours(f: Filters) -> object:
        return compute_grouped(facts, period, f, by="unit")

    def floor(f: Filters) -> object:
        # The floor: one bare group-by over the same frame with the same filter and period.
        return (f.apply(lit, "litigation").filter(pl.col("filed_on").is_between(period.start, period.end))
                .group_by("unit_id").agg(pl.len()).collect())

    def sums(f: Filters) -> object:
        return aggregate(facts, compared_periods(period), f, config, by="unit")

    def bare(f: Filters) -> object:
        return aggregate(facts, compared_periods(period), f, config, by="unit", cache=False)

    def cold(f: Filters) -> object:
        FLAG_CACHE.clear()  # as after a period change or a data reload: nothing prepared
        return ours(f)

    print(f"facts built in {build_s:.1f} s: litigation {lit.height:,} rows, total "
          f"{sum(facts.frame(n).height for n in ('litigation', 'reconsideration', 'disputes', 'recommendations', 'tasks')):,}")
    print(f"polars {pl.__version__}, {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS', 'default')}, loadavg {_loadavg()}")
    cold_ms = statistics.median(timed_each(cold, FILTERS[:1] * 3))
    ours_all, floor_all, sums_all, bare_all, ours_cpu, bare_cpu = [], [], [], [], [], []
    print("| filter (values rotate) | ours median ms (CPU) | bare Polars, same sums ms (CPU) | floor ms | "
          "ours ÷ bare, wall (CPU) | ours ÷ floor | of which sums only ms | first use of this filter kind ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for f in FILTERS:
        changes = variations(f, args.repeat + 1)
        first = timed_each(ours, changes[:1])[0]  # builds what this kind of filter reuses
        timed_each(floor, changes[:1])
        timed_each(bare, changes[:1])
        o, oc, b, bc, fl = [], [], [], [], []
        for change in changes[1:]:  # alternate, so a change in the machine's load hits all three alike
            wall, cpu = timed_cpu(ours, [change])
            o += wall
            oc += cpu
            wall, cpu = timed_cpu(bare, [change])
            b += wall
            bc += cpu
            fl += timed_each(floor, [change])
        s = timed_each(sums, changes[1:])
        ours_all += o
        floor_all += fl
        sums_all += s
        bare_all += b
        ours_cpu += oc
        bare_cpu += bc
        mo, mb, mf = statistics.median(o), statistics.median(b), statistics.median(fl)
        co, cb = statistics.median(oc), statistics.median(bc)
        print(f"| {label(f)} | {mo:.1f} ({co:.0f}) | {mb:.1f} ({cb:.0f}) | {mf:.1f} | {mo / mb:.2f} ({co / cb:.2f}) | "
              f"{mo / mf:.2f} | {statistics.median(s):.1f} | {first:.1f} |")
    mo, mb, mf = statistics.median(ours_all), statistics.median(bare_all), statistics.median(floor_all)
    co, cb = statistics.median(ours_cpu), statistics.median(bare_cpu)
    print(f"| **all filter changes** | **{mo:.1f} ({co:.0f})** | **{mb:.1f} ({cb:.0f})** | **{mf:.1f}** | "
          f"**{mo / mb:.2f} ({co / cb:.2f})** | **{mo / mf:.2f}** | **{statistics.median(sums_all):.1f}** | |")
    mb = mf
    print(f"period change / cold (nothing prepared, no filter): {cold_ms:.1f} ms")
    print(f"goal < 100 ms: {'met' if mo < 100 else 'MISSED'}; within 3x floor: {'met' if mo <= 3 * mb else 'MISSED'}; "
          f"loadavg {_loadavg()}")


def _loadavg() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


if __name__ == "__main__":
    main()
