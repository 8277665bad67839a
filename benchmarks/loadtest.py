"""Load test: N concurrent headless Chromium sessions walking pages and filters of a running dashboard.

One browser process, N contexts (each its own Streamlit session), started ``--stagger`` seconds apart,
each doing a bounded loop of page visits with URL parameters (period and, every other visit, a
township); page-ready = main heading present and the running indicator gone. Reports p50/p95, errors,
the server's RSS (sampled every second), and how the 2 cores were shared: CPU seconds used by the
server versus by this script's browsers (Chromium and the Playwright driver, from /proc), and the load
average. Localhost only.

    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none liandong serve --db sqlite:////tmp/province.sqlite --port 8599 &
    python benchmarks/loadtest.py --url http://127.0.0.1:8599 --sessions 5 20 50 --visits 3 --pid <server pid>
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path
from urllib.parse import quote

from playwright.async_api import Browser, async_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling"]
ROUTE = ["overview?period=2025", "litigation?period=2025H1", "reconsideration?period=2025", "townships?period=2025",
         "disputes?period=2026", "rankings?period=2025", "tasks?period=2025", "overview?period=2026YTD"]
TIMEOUT_MS = [60_000]  # per wait; --timeout
READY = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def _tree_stats() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds: user + system, plus that of its exited, reaped children —
    so closed Chromium renderers still count) for every process."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                stats[int(proc.name)] = (int(fields[1]), sum(int(v) for v in fields[11:15]) / tick)
            except (OSError, IndexError, ValueError):
                continue
    return stats


def _cpu_of_tree(root: int, stats: dict[int, tuple[int, float]]) -> float:
    """CPU seconds of a process and all its live descendants."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0.0))[1]
        todo.extend(children.get(pid, []))
    return total


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


async def _session(browser: Browser, url: str, index: int, visits: int, times: list[float], errors: list[str],
                   towns: list[str], delay: float) -> None:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1600, "height": 900})
    page = await context.new_page()
    try:
        for step in range(visits):
            path = ROUTE[(index + step) % len(ROUTE)]
            if step % 2 and towns:
                path += f"&town={quote(towns[(index + step) % len(towns)])}"
            start = time.perf_counter()
            try:
                await page.goto(f"{url}/{path}", timeout=TIMEOUT_MS[0])
                await page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=TIMEOUT_MS[0])
                await page.wait_for_function(READY, timeout=TIMEOUT_MS[0])
                if await page.query_selector('[data-testid="stException"]'):
                    errors.append(f"exception on {path}")
                times.append(time.perf_counter() - start)
            except Exception as exc:  # noqa: BLE001 - every failure is a counted error, not a crash
                errors.append(f"{path}: {type(exc).__name__}")
    finally:
        await context.close()


async def _run(url: str, sessions: int, visits: int, pid: int | None, towns: list[str],
               stagger: float) -> dict[str, float]:
    times: list[float] = []
    errors: list[str] = []
    rss: list[float] = []
    loads: list[float] = []
    before = _tree_stats()
    me = os.getpid()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        done = asyncio.Event()

        async def sample() -> None:
            while not done.is_set():
                if pid:
                    rss.append(_rss_mib(pid))
                loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
                await asyncio.sleep(1)

        sampler = asyncio.create_task(sample())
        start = time.perf_counter()
        await asyncio.gather(*(_session(browser, url, i, visits, times, errors, towns, i * stagger)
                               for i in range(sessions)))
        wall = time.perf_counter() - start
        done.set()
        await sampler
        # CPU of the browsers (descendants of this script: the Playwright driver and Chromium) before they exit.
        after = _tree_stats()
        browsers_cpu = _cpu_of_tree(me, after) - _cpu_of_tree(me, before) - (after[me][1] - before[me][1])
        script_cpu = after[me][1] - before[me][1]
        server_cpu = (_cpu_of_tree(pid, after) - _cpu_of_tree(pid, before)) if pid else float("nan")
        await browser.close()
    for error in errors[:5]:
        print(f"#   error: {error}", flush=True)
    ordered = sorted(times) or [float("nan")]
    return {"sessions": sessions, "visits": len(times), "errors": len(errors), "wall_s": wall,
            "p50_s": statistics.median(ordered), "p95_s": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
            "rss_max_mib": max(rss) if rss else float("nan"), "server_cpu_s": server_cpu,
            "browsers_cpu_s": browsers_cpu, "script_cpu_s": script_cpu,
            "load_max": max(loads) if loads else float("nan")}


def _towns(db: str | None, limit: int = 20) -> list[str]:
    if not db:
        return []
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM region WHERE level = 'township' ORDER BY id LIMIT :n"),
                             {"n": limit}).scalars().all()
    engine.dispose()
    return list(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8599")
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 20, 50])
    parser.add_argument("--visits", type=int, default=6)
    parser.add_argument("--pid", type=int, default=None)
    parser.add_argument("--stagger", type=float, default=0.5, help="seconds between session starts")
    parser.add_argument("--db", default=None, help="database URL, to pick township names for filter visits")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a page may take before it counts as an error")
    args = parser.parse_args()
    TIMEOUT_MS[0] = int(args.timeout * 1000)
    towns = _towns(args.db)
    print("| N | page visits | errors | p50 s | p95 s | wall s | server RSS max MiB | CPU s server / browsers / "
          "driver script | load avg (1 min) max |\n|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for n in args.sessions:
        r = asyncio.run(_run(args.url, n, args.visits, args.pid, towns, args.stagger))
        print(f"| {n} | {r['visits']:.0f} | {r['errors']:.0f} | {r['p50_s']:.2f} | {r['p95_s']:.2f} | "
              f"{r['wall_s']:.0f} | {r['rss_max_mib']:.0f} | {r['server_cpu_s']:.0f} / {r['browsers_cpu_s']:.0f} / "
              f"{r['script_cpu_s']:.0f} | {r['load_max']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
