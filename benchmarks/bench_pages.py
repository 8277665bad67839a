"""Benchmark: server-side run time of every page script on a filter change, against the trivial-page floor.

Everything runs in ONE process with Streamlit's AppTest (the script runs in-process exactly as in the
server, minus the WebSocket), so the page, its floor and the bare Polars aggregate see the same machine
load:

- floor: a minimal Streamlit page with one multiselect, changed and re-run the same way (AppTest's own
  per-run overhead, Streamlit's script-run machinery);
- bare aggregate: the bare Polars filter + group-by over the litigation frame (as ``bench_scale.py``);
- page: the dashboard on ``--db``, switched to the page, then the township filter changed and the script
  run timed inside AppTest's script-runner thread (what the server's thread does; AppTest's own parsing
  of the output into its element tree is left out, for the floor too). Two kinds of change:
  * ``miss``: the indicator result cache (``dashboard.metrics_cache``) is cleared before each change, so
    the page computes every figure itself — the first viewer to ask for this selection;
  * ``hit``: the same selections again — every later viewer of that selection (results are shared
    across sessions by data version).
  Facts are loaded once per data version and shared (``dashboard.data.facts_for``); that one-off read
  is reported as "first visit".

Goal: < 300 ms server-side at province scale, within 2x of floor + bare aggregate.

    python benchmarks/bench_pages.py --db sqlite:////tmp/e_city.sqlite --changes 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard" / "app.py")
#: Every page in pages/ with the filter bar; briefing, data_management and screen have none and are
#: timed on a plain rerun (``--plain``).
FILTER_PAGES = ("overview", "litigation", "reconsideration", "disputes", "rankings", "townships", "tasks")
PLAIN_PAGES = ("briefing", "data_management")
FLOOR_PAGE = '''import streamlit as st
st.title("floor")
st.multiselect("乡镇", {names!r}, key="town")
'''


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


#: Duration of the last script run, measured inside AppTest's script-runner thread (see _hook_script_runs).
_SCRIPT_MS: list[float] = []


def _hook_script_runs() -> None:
    """Time each script run where the server runs it (the script-runner thread), without AppTest's own
    work of turning the output messages into its element tree, which a real server does not do."""
    from streamlit.testing.v1 import local_script_runner as lsr

    original = lsr.LocalScriptRunner._run_script_thread

    def timed(self: object) -> None:
        start = time.perf_counter()
        try:
            original(self)  # type: ignore[arg-type]
        finally:
            _SCRIPT_MS.append((time.perf_counter() - start) * 1000)

    lsr.LocalScriptRunner._run_script_thread = timed  # type: ignore[method-assign]


def _timed_runs(step: Callable[[int], None], count: int) -> list[float]:
    """Server-side script-run time (ms) of each step; a step that runs no script counts its wall time."""
    runs = []
    for i in range(count):
        before = len(_SCRIPT_MS)
        start = time.perf_counter()
        step(i)
        wall = (time.perf_counter() - start) * 1000
        runs.append(sum(_SCRIPT_MS[before:]) if len(_SCRIPT_MS) > before else wall)
    return runs


class PageError(RuntimeError):
    """The page raised: reported in its row, the other pages still run."""


def _check(at: object, where: str) -> None:
    errors = [e.message for e in at.exception]  # type: ignore[attr-defined]
    if errors:
        raise PageError(f"{where}: {errors[0][:200]}")


def floor_ms(names: list[str], count: int) -> list[float]:
    from streamlit.testing.v1 import AppTest

    path = Path(tempfile.mkdtemp(prefix="bench_floor_")) / "floor.py"
    path.write_text(FLOOR_PAGE.format(names=names))
    at = AppTest.from_file(str(path), default_timeout=60)
    at.run()
    return _timed_runs(lambda i: at.multiselect(key="town").set_value([names[i % len(names)]]).run(), count)


def bare_ms(period_year: int, count: int) -> list[float]:
    import polars as pl

    from dashboard.data import db_url, facts_for, get_engine
    from etl.db.meta import data_version

    url = db_url()
    with get_engine(url).connect() as conn:
        facts = facts_for(url, data_version(conn))

    def bare(_: int) -> None:
        (facts.litigation.filter(pl.col("filed_on").dt.year() == period_year)
         .group_by("unit_id").agg(pl.len(), pl.col("outcome").is_in(["revoked"]).sum()))

    return _timed_runs(bare, count)


def page_ms(page: str, period: str, names: list[str], count: int, offset: int) -> dict[str, object]:
    """First visit, then ``count`` township changes with the result cache cleared (miss) and repeated (hit)."""
    from streamlit.testing.v1 import AppTest

    from dashboard import metrics_cache

    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params["period"] = period
    start = time.perf_counter()
    at.run()
    if page != "overview":
        at.switch_page(f"../pages/{page}.py").run()
    first = (time.perf_counter() - start) * 1000
    _check(at, page)
    picks = [names[(offset + i) % len(names)] for i in range(count)]

    def change(i: int, clear: bool) -> None:
        if clear:
            metrics_cache.clear()
        at.multiselect(key="town").set_value([picks[i]]).run()

    miss = _timed_runs(lambda i: change(i, True), count)
    _check(at, f"{page} (miss)")
    for i in range(count):  # fill the result cache with every pick, then time the same picks again
        change(i, False)
    hit = _timed_runs(lambda i: change(i, False), count)
    _check(at, f"{page} (hit)")
    return {"first": first, "miss": miss, "hit": hit}


def plain_ms(page: str, count: int) -> dict[str, object]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=600)
    start = time.perf_counter()
    at.run()
    at.switch_page(f"../pages/{page}.py").run()
    first = (time.perf_counter() - start) * 1000
    _check(at, page)
    runs = _timed_runs(lambda i: at.run(), count)
    _check(at, f"{page} (rerun)")
    return {"first": first, "hit": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--changes", type=int, default=10, help="filter changes timed per page and kind")
    parser.add_argument("--period", default=None, help="period of the page (default: the latest full year)")
    parser.add_argument("--pages", nargs="*", default=list(FILTER_PAGES) + list(PLAIN_PAGES))
    args = parser.parse_args()
    os.environ["LIANDONG_DB_URL"] = args.db
    os.environ["LIANDONG_NO_DEMO"] = "1"
    sys.path.insert(0, str(ROOT))
    _hook_script_runs()

    from sqlalchemy import create_engine, text

    engine = create_engine(args.db)
    with engine.connect() as conn:
        names = list(conn.execute(text("SELECT name FROM region WHERE level = 'township' ORDER BY id")).scalars())
        latest = conn.execute(text("SELECT max(filed_on) FROM litigation_case")).scalar()
    engine.dispose()
    latest = dt.date.fromisoformat(str(latest)[:10]) if latest else dt.date.today()
    period = args.period or str(latest.year - 1)
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"# {args.db.split('@')[-1]}: {len(names)} townships, period {period}, {args.changes} changes each, "
          f"load average before {' '.join(load)}", flush=True)

    results: dict[str, dict[str, object]] = {}
    for index, page in enumerate(args.pages):
        t0 = time.perf_counter()
        try:
            results[page] = (plain_ms(page, args.changes) if page in PLAIN_PAGES
                             else page_ms(page, period, names, args.changes, offset=index * args.changes))
        except PageError as exc:
            print(f"#   {page}: ERROR {exc}", flush=True)
            continue
        print(f"#   {page} done in {time.perf_counter() - t0:.0f} s", flush=True)
    # Baselines after the pages (facts are cached by then), then once more to bracket the load.
    floor = floor_ms(names[:50], max(args.changes, 10))
    bare = bare_ms(int(period[:4]), max(args.changes, 10))
    base = statistics.median(floor) + statistics.median(bare)
    load_after = Path("/proc/loadavg").read_text().split()[:3]

    print(f"\nfloor (trivial page, one multiselect change) median {statistics.median(floor):.1f} ms, "
          f"p95 {_pct(floor, .95):.1f} ms; bare Polars aggregate median {statistics.median(bare):.2f} ms; "
          f"floor + bare = {base:.1f} ms; load average after {' '.join(load_after)}\n")
    print("| page | first visit ms | change, cache miss: median / p95 ms | ratio to floor+bare | "
          "change, cache hit: median / p95 ms | ratio to floor+bare |")
    print("|---|---:|---:|---:|---:|---:|")
    for page, r in results.items():
        hit = r["hit"]
        hit_cell = f"{statistics.median(hit):.0f} / {_pct(hit, .95):.0f}"  # type: ignore[arg-type]
        hit_ratio = f"{statistics.median(hit) / base:.1f}x"  # type: ignore[arg-type]
        if "miss" in r:
            miss = r["miss"]
            miss_cell = f"{statistics.median(miss):.0f} / {_pct(miss, .95):.0f}"  # type: ignore[arg-type]
            miss_ratio = f"{statistics.median(miss) / base:.1f}x"  # type: ignore[arg-type]
        else:
            miss_cell, miss_ratio = "— (no filter bar; plain rerun →)", "—"
        print(f"| {page} | {r['first']:.0f} | {miss_cell} | {miss_ratio} | {hit_cell} | {hit_ratio} |")


if __name__ == "__main__":
    main()
