"""Soak run of the wall screen: does the server's memory grow while a screen rotates for hours?

Starts ``streamlit run dashboard/app.py`` on a free port with a temporary SQLite database holding the
demo county, opens ``/screen?rotate=N`` in headless Chromium, and samples the server's resident set
size (RSS, from /proc) every ``--interval`` seconds for ``--duration`` seconds. Prints the series, the
number of panel changes seen in the browser, and the least-squares slope of RSS over time — over the
whole run and after the warm-up (the first fifth), which is what "no steady growth" is judged on.

    python benchmarks/soak_screen.py --duration 1800 --interval 30 --rotate 3   # the recorded run
    python benchmarks/soak_screen.py --duration 120 --interval 10               # a smoke run
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss_mb: float
    panel: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def slope_mb_per_hour(samples: list[Sample]) -> float | None:
    """Least-squares slope of RSS against time, in MiB per hour; None with fewer than 3 samples."""
    if len(samples) < 3:
        return None
    xs = [s.seconds / 3600 for s in samples]
    ys = [s.rss_mb for s in samples]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return None if var == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var


def prepare_database(directory: Path) -> str:
    from etl.bootstrap import ensure_ready

    url = f"sqlite:///{directory / 'soak.sqlite'}"
    ensure_ready(url, load_demo_if_empty=True)
    return url


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(base: str, proc: subprocess.Popen[bytes], timeout: float = 90, poll: float = 0.5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("streamlit exited before it was ready")
        if healthy(base):
            return
        time.sleep(poll)
    raise SystemExit("streamlit did not become healthy")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def run(duration: float, interval: float, rotate: int, db_url: str | None) -> list[Sample]:
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="soak_screen_"))
    url = db_url or prepare_database(workdir)
    port = free_port()
    log = (workdir / "streamlit.log").open("wb")
    env = dict(os.environ, LIANDONG_DB_URL=url)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         # Edits to the work tree during a run must not reload modules in the measured server.
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    samples: list[Sample] = []
    try:
        wait_healthy(base, proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"{base}/screen?rotate={rotate}")
            page.wait_for_selector(".lds", timeout=90_000)
            start = time.monotonic()
            while True:
                elapsed = time.monotonic() - start
                panel = page.evaluate("() => document.querySelector('.lds')?.dataset.panel || '?'")
                sample = Sample(round(elapsed, 1), round(rss_mb(proc.pid), 1), panel)
                samples.append(sample)
                print(f"{sample.seconds:8.1f} s  {sample.rss_mb:8.1f} MiB  {panel}", flush=True)
                if elapsed >= duration:
                    break
                page.wait_for_timeout(int(min(interval, max(duration - elapsed, 0.1)) * 1000))
            errors = page.locator('[data-testid="stException"]').count()
            browser.close()
        if errors:
            print(f"WARNING: {errors} exception block(s) on the screen", flush=True)
    finally:
        stop_server(proc)
        log.close()
        if db_url is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return samples


def report(samples: list[Sample], rotate: int) -> str:
    warm = samples[len(samples) // 5:]
    changes = sum(1 for a, b in zip(samples, samples[1:], strict=False) if a.panel != b.panel)
    whole, after = slope_mb_per_hour(samples), slope_mb_per_hour(warm)
    fmt = lambda v: "n/a" if v is None else f"{v:+.2f}"  # noqa: E731
    lines = [
        f"samples: {len(samples)} over {samples[-1].seconds:.0f} s, rotate={rotate} s, "
        f"panel changes seen between samples: {changes}",
        f"RSS first / min / max / last: {samples[0].rss_mb:.1f} / {min(s.rss_mb for s in samples):.1f} / "
        f"{max(s.rss_mb for s in samples):.1f} / {samples[-1].rss_mb:.1f} MiB",
        f"slope, whole run: {fmt(whole)} MiB/h; after warm-up (last 4/5): {fmt(after)} MiB/h",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=1800, help="seconds to run (default 1800 = 30 min)")
    parser.add_argument("--interval", type=float, default=30, help="seconds between RSS samples")
    parser.add_argument("--rotate", type=int, default=3, help="screen rotation interval in seconds")
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite with the demo)")
    args = parser.parse_args()
    samples = run(args.duration, args.interval, args.rotate, args.db)
    print(report(samples, args.rotate))


if __name__ == "__main__":
    main()
