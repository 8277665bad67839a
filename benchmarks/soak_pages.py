"""Soak run of the dashboard pages: is the server's memory bounded and flat over an hour?

Starts ``streamlit run dashboard/app.py`` (no file watcher) on a free port against ``--db``, then one
headless Chromium walks the pages in a loop, each visit with another period and, every other visit,
a township / agency filter taken from the database (URL parameters, so each visit is a new Streamlit
session and a different cache key). Every ``--interval`` seconds the server's resident set size (RSS,
from /proc) is sampled. Prints the series, the page-ready times, errors, and the least-squares slope of
RSS over the whole run and after the warm-up (the first fifth), which is what "flat" is judged on.

    nohup python benchmarks/soak_pages.py --db sqlite:////tmp/province.sqlite --duration 3600 > soak.log &
    python benchmarks/soak_pages.py --db sqlite:////tmp/e_city.sqlite --duration 120 --interval 10   # smoke
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak_screen import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Sample,
    free_port,
    rss_mb,
    slope_mb_per_hour,
    stop_server,
    wait_healthy,
)

PAGES = ("overview", "litigation", "reconsideration", "disputes", "rankings", "townships", "tasks")
PERIODS = ("2025", "2025H1", "2025H2", "2026YTD", "2024", "2025Q3", "2026H1")
READY = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def filter_values(url: str, limit: int = 6) -> list[tuple[str, str]]:
    """A few (URL parameter, name) pairs that exist in the database: townships and agencies."""
    engine = create_engine(url)
    with engine.connect() as conn:
        towns = conn.execute(text("SELECT name FROM region WHERE level = 'township' ORDER BY id LIMIT :n"),
                             {"n": limit}).scalars().all()
        units = conn.execute(text("SELECT name FROM unit WHERE unit_type = 'agency' ORDER BY id LIMIT :n"),
                             {"n": limit}).scalars().all()
    engine.dispose()
    return [("town", n) for n in towns] + [("unit", n) for n in units]


def visit_path(step: int, filters: list[tuple[str, str]]) -> str:
    page = PAGES[step % len(PAGES)]
    period = PERIODS[(step // len(PAGES)) % len(PERIODS)]
    path = f"{page}?period={period}"
    if step % 2 and filters:
        key, name = filters[(step // 2) % len(filters)]
        path += f"&{key}={quote(name)}"
    return path


def run(db_url: str, duration: float, interval: float, pause: float) -> tuple[list[Sample], list[float], list[str], int]:
    from playwright.sync_api import sync_playwright

    filters = filter_values(db_url)
    workdir = Path(tempfile.mkdtemp(prefix="soak_pages_"))
    port = free_port()
    log = (workdir / "streamlit.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=dict(os.environ, LIANDONG_DB_URL=db_url), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    samples: list[Sample] = []
    ready: list[float] = []
    errors: list[str] = []
    steps = 0
    try:
        wait_healthy(base, proc, timeout=300)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            start = time.monotonic()
            next_sample = 0.0
            while True:
                elapsed = time.monotonic() - start
                if elapsed >= next_sample:
                    sample = Sample(round(elapsed, 1), round(rss_mb(proc.pid), 1), f"step {steps}")
                    samples.append(sample)
                    recent = ready[-20:]
                    print(f"{sample.seconds:8.1f} s  {sample.rss_mb:8.1f} MiB  visits {steps}  "
                          f"median ready (last 20) {statistics.median(recent) if recent else float('nan'):.2f} s  "
                          f"errors {len(errors)}  load {Path('/proc/loadavg').read_text().split()[0]}", flush=True)
                    next_sample += interval
                if elapsed >= duration:
                    break
                path = visit_path(steps, filters)
                t0 = time.perf_counter()
                try:
                    page.goto(f"{base}/{path}", timeout=120_000)
                    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=120_000)
                    page.wait_for_function(READY, timeout=120_000)
                    if page.query_selector('[data-testid="stException"]'):
                        errors.append(f"exception on {path}")
                    ready.append(time.perf_counter() - t0)
                except Exception as exc:  # noqa: BLE001 - a failed visit is a counted error
                    errors.append(f"{path}: {type(exc).__name__}")
                steps += 1
                page.wait_for_timeout(int(pause * 1000))
            browser.close()
    finally:
        stop_server(proc)
        log.close()
    return samples, ready, errors, steps


def report(samples: list[Sample], ready: list[float], errors: list[str], steps: int) -> str:
    warm = samples[len(samples) // 5:]
    whole, after = slope_mb_per_hour(samples), slope_mb_per_hour(warm)
    fmt = lambda v: "n/a" if v is None else f"{v:+.2f}"  # noqa: E731
    ordered = sorted(ready) or [float("nan")]
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return "\n".join([
        f"samples: {len(samples)} over {samples[-1].seconds:.0f} s; page visits: {steps}; errors: {len(errors)} "
        f"{errors[:5] if errors else ''}",
        f"page ready p50 / p95: {statistics.median(ordered):.2f} / {p95:.2f} s",
        f"RSS first / min / max / last: {samples[0].rss_mb:.1f} / {min(s.rss_mb for s in samples):.1f} / "
        f"{max(s.rss_mb for s in samples):.1f} / {samples[-1].rss_mb:.1f} MiB",
        f"RSS after warm-up min / max: {min(s.rss_mb for s in warm):.1f} / {max(s.rss_mb for s in warm):.1f} MiB",
        f"slope, whole run: {fmt(whole)} MiB/h; after warm-up (last 4/5): {fmt(after)} MiB/h",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database URL")
    parser.add_argument("--duration", type=float, default=3600, help="seconds to run (default one hour)")
    parser.add_argument("--interval", type=float, default=30, help="seconds between RSS samples")
    parser.add_argument("--pause", type=float, default=2, help="seconds a reader looks at a page before the next")
    args = parser.parse_args()
    print(report(*run(args.db, args.duration, args.interval, args.pause)), flush=True)


if __name__ == "__main__":
    main()
