"""Load test: N concurrent headless Chromium sessions walking pages and filters of a running dashboard.

One browser, N contexts (each its own Streamlit session), each doing a bounded loop of page visits with
URL parameters; page-ready = main heading present and the running indicator gone. Reports p50/p95,
errors and the server's RSS (sampled every second). Localhost only.

    liandong serve --db sqlite:////tmp/scale_city.sqlite --port 8599 &
    python benchmarks/loadtest.py --url http://127.0.0.1:8599 --sessions 5 20 50 --visits 6 --pid <server pid>
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from playwright.async_api import Browser, async_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
ROUTE = ["overview?period=2025", "litigation?period=2025H1", "reconsideration?period=2025",
         "disputes?period=2026", "rankings?period=2025", "overview?period=2026YTD"]
READY = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def _rss_mib(pid: int) -> float:
    """RSS of the server and its children (streamlit is a child of `liandong serve`)."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text().split()
            if int(proc.name) == pid or int(stat[3]) == pid:
                total += int(stat[23]) * 4096
        except (OSError, IndexError, ValueError):
            continue
    return total / 2**20


async def _session(browser: Browser, url: str, index: int, visits: int, times: list[float], errors: list[str]) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    try:
        for step in range(visits):
            path = ROUTE[(index + step) % len(ROUTE)]
            start = time.perf_counter()
            try:
                await page.goto(f"{url}/{path}", timeout=60_000)
                await page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
                await page.wait_for_function(READY, timeout=60_000)
                if await page.query_selector('[data-testid="stException"]'):
                    errors.append(f"exception on {path}")
                times.append(time.perf_counter() - start)
            except Exception as exc:  # noqa: BLE001 - every failure is a counted error, not a crash
                errors.append(f"{path}: {type(exc).__name__}")
    finally:
        await context.close()


async def _run(url: str, sessions: int, visits: int, pid: int | None) -> dict[str, float]:
    times: list[float] = []
    errors: list[str] = []
    rss: list[float] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        done = asyncio.Event()

        async def sample() -> None:
            while pid and not done.is_set():
                rss.append(_rss_mib(pid))
                await asyncio.sleep(1)

        sampler = asyncio.create_task(sample())
        start = time.perf_counter()
        await asyncio.gather(*(_session(browser, url, i, visits, times, errors) for i in range(sessions)))
        wall = time.perf_counter() - start
        done.set()
        await sampler
        await browser.close()
    ordered = sorted(times) or [float("nan")]
    return {"sessions": sessions, "visits": len(times), "errors": len(errors), "wall_s": wall,
            "p50_s": statistics.median(ordered), "p95_s": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
            "rss_max_mib": max(rss) if rss else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8599")
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 20, 50])
    parser.add_argument("--visits", type=int, default=6)
    parser.add_argument("--pid", type=int, default=None)
    args = parser.parse_args()
    print("| N | page visits | errors | p50 s | p95 s | wall s | server RSS max MiB |\n|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sessions:
        r = asyncio.run(_run(args.url, n, args.visits, args.pid))
        print(f"| {n} | {r['visits']:.0f} | {r['errors']:.0f} | {r['p50_s']:.2f} | {r['p95_s']:.2f} | "
              f"{r['wall_s']:.0f} | {r['rss_max_mib']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
