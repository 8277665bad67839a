"""Cold start: from ``liandong serve`` process start to the first page fully ready in headless Chromium.

The browser is launched first (its own start-up is not counted). Then the clock starts with the server
process; the script polls ``/_stcore/health`` and, once it answers, opens the overview and waits until
the page heading and the KPI tiles are there and Streamlit's running indicator is gone. Reported:
time to health, time to first page ready, and a second page load in a fresh browser context right after
(warm process: facts and results cached). Baseline in the same run: the same measurement for a trivial
Streamlit page (``streamlit run`` of a one-widget script), i.e. the Streamlit/browser floor.

    python benchmarks/bench_cold_start.py --db sqlite:////tmp/province.sqlite [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak_screen import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    free_port,
    rss_mb,
    stop_server,
    wait_healthy,
)

READY = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
TRIVIAL = 'import streamlit as st\nst.title("floor")\nst.multiselect("x", ["a", "b"])\n'


def one_start(browser: object, cmd: list[str], env: dict[str, str], port: int, path: str,
              ready_selector: str) -> dict[str, float]:
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix="cold_start_", suffix=".log")[1])
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(base, proc, timeout=600, poll=0.05)
        health = time.perf_counter() - start
        times = []
        for _ in range(2):  # first page (cold), then a new session in a fresh context (warm)
            context = browser.new_context(viewport={"width": 1920, "height": 1080})  # type: ignore[attr-defined]
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(f"{base}/{path}", timeout=600_000)
            page.wait_for_selector(ready_selector, timeout=600_000)
            page.wait_for_function(READY, timeout=600_000)
            if page.query_selector('[data-testid="stException"]'):
                raise SystemExit(f"exception on the page, see {log}")
            times.append(time.perf_counter() - (start if not times else t0))
            context.close()
        return {"health": health, "first": times[0], "warm": times[1], "rss": rss_mb(proc.pid)}
    finally:
        stop_server(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--path", default="overview", help="first page to open (default: the overview)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    trivial = Path(tempfile.mkdtemp(prefix="cold_floor_")) / "trivial.py"
    trivial.write_text(TRIVIAL)
    env = dict(os.environ, LIANDONG_DB_URL=args.db, LIANDONG_NO_DEMO="1", STREAMLIT_SERVER_FILE_WATCHER_TYPE="none")
    common = ["--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    rows: dict[str, list[dict[str, float]]] = {"dashboard": [], "trivial": []}
    loads = [Path("/proc/loadavg").read_text().split()[0]]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.repeat):
            port = free_port()
            rows["trivial"].append(one_start(
                browser, [sys.executable, "-m", "streamlit", "run", str(trivial), "--server.port", str(port), *common],
                env, port, "", '[data-testid="stMainBlockContainer"] h1'))
            port = free_port()
            rows["dashboard"].append(one_start(
                browser, [shutil.which("liandong") or "liandong", "serve", "--db", args.db, "--port", str(port)],
                env, port, args.path, "[data-kpi]"))
            loads.append(Path("/proc/loadavg").read_text().split()[0])
        browser.close()
    print(f"# {args.db.split('@')[-1]}, {args.repeat} start(s) each, load average (1 min) during: {', '.join(loads)}")
    print("| server | to health s | to first page ready s | second session, warm s | RSS after MiB |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in rows.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"| {name} (median of {len(runs)}) | {med['health']:.1f} | {med['first']:.1f} | {med['warm']:.1f} | "
              f"{med['rss']:.0f} |")


if __name__ == "__main__":
    main()
