"""Load test: N concurrent viewer sessions walking pages and filters of a running dashboard.

Two clients (``--client``):

- ``ws`` (default): each session speaks Streamlit's websocket protocol itself, as the front-end does
  (``benchmarks/ws_session.py``): GET the page, health and host-config, open ``/_stcore/stream``, send
  ``rerun_script`` with the page and query string, read ForwardMsgs until ``script_finished``. Page-ready =
  script finished with an ``h1`` and no exception element. No browser: the 2 cores go to the server.
- ``browser``: one headless Chromium, N contexts; page-ready = main heading present and the running
  indicator gone. Includes rendering, and on this 2-core machine the renderers take most of the CPU.

Sessions start ``--stagger`` seconds apart, each doing ``--visits`` page visits with URL parameters
(period and, every other visit, a township); every visit is a new Streamlit session, as a page load is.
Reports p50/p95, errors, the server's RSS (sampled every second), and how the 2 cores were shared: CPU
seconds used by the server versus by the client (Chromium and the Playwright driver, or this script),
from /proc, and the load average. Localhost only.

    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none liandong serve --db sqlite:////tmp/province.sqlite --port 8599 &
    python benchmarks/loadtest.py --url http://127.0.0.1:8599 --sessions 5 20 50 --visits 3 --pid <server pid>
    python benchmarks/loadtest.py --url http://127.0.0.1:8501 http://127.0.0.1:8502 --pid <pid1> <pid2> --think 5 …
    python benchmarks/loadtest.py --client browser --url http://127.0.0.1:8599 --sessions 5 20 --visits 3 --pid <pid>

Cold start (``--cold-start DB``): the script starts ``liandong serve --db DB`` itself (the code of
``--root``, default this repository), waits until ``/_stcore/health`` answers, and sends all sessions at
once into the just-started server, which has read nothing yet; RSS and CPU then cover the server and
every process below it (the child that reads the facts of a large database). One sessions count only.

    python benchmarks/loadtest.py --cold-start sqlite:////tmp/province.sqlite --sessions 20 --visits 3 --stagger 0
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ws_session import Client  # noqa: E402

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling"]
# The overview is the default page: Streamlit serves it at the root ("/overview" answers "page not found").
ROUTE = ["?period=2025", "litigation?period=2025H1", "reconsideration?period=2025", "townships?period=2025",
         "disputes?period=2026", "rankings?period=2025", "tasks?period=2025", "?period=2026YTD"]
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
    """RSS of the server and all its descendants (the child process reading the facts of a large
    database counts: a systemd ``MemoryMax`` caps the whole tree)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(proc.name)], rss[int(proc.name)] = int(fields[1]), int(fields[21]) * 4096
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(child for child, parent in parents.items() if parent == current)
    return total / 2**20


def _path(index: int, step: int, towns: list[str]) -> str:
    """The page and query string of a session's ``step``-th visit (a township every other visit)."""
    path = ROUTE[(index + step) % len(ROUTE)]
    if step % 2 and towns:
        path += f"&town={quote(towns[(index + step) % len(towns)])}"
    return path


@dataclass(frozen=True)
class Plan:
    """What every session does: ``visits`` page visits, started ``stagger`` s after the previous session,
    pausing about ``think`` s between visits (uniform 0.5–1.5x, seeded per session: a viewer reading the
    page; 0 = the next page at once). Session ``i`` talks to ``urls[i % len(urls)]`` (sticky, as nginx's
    ``ip_hash`` would pin it)."""

    urls: tuple[str, ...]
    visits: int
    towns: tuple[str, ...]
    stagger: float
    think: float

    async def pause(self, index: int, step: int) -> None:
        if self.think > 0 and step < self.visits - 1:
            await asyncio.sleep(self.think * random.Random(index * 1000 + step).uniform(0.5, 1.5))


async def _ws_session(plan: Plan, index: int, times: list[float], errors: list[str]) -> None:
    await asyncio.sleep(index * plan.stagger)
    client = Client(plan.urls[index % len(plan.urls)])
    for step in range(plan.visits):
        visit = await client.visit(_path(index, step, list(plan.towns)), TIMEOUT_MS[0] / 1000)
        if visit.error:
            errors.append(visit.error)
        else:
            times.append(visit.seconds)
        await plan.pause(index, step)


async def _browser_visit(page: Page, url: str, path: str) -> tuple[float, str | None]:
    """Seconds until ``path`` is ready in the browser page, and the error if it failed."""
    start = time.perf_counter()
    try:
        await page.goto(f"{url}/{path}", timeout=TIMEOUT_MS[0])
        await page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=TIMEOUT_MS[0])
        await page.wait_for_function(READY, timeout=TIMEOUT_MS[0])
        if await page.query_selector('[data-testid="stException"]'):
            return time.perf_counter() - start, f"exception on {path}"
    except Exception as exc:  # noqa: BLE001 - every failure is a counted error, not a crash
        return time.perf_counter() - start, f"{path}: {type(exc).__name__}"
    return time.perf_counter() - start, None


async def _browser_session(browser: Browser, plan: Plan, index: int, times: list[float], errors: list[str]) -> None:
    await asyncio.sleep(index * plan.stagger)
    context = await browser.new_context(viewport={"width": 1600, "height": 900})
    page = await context.new_page()
    try:
        for step in range(plan.visits):
            seconds, error = await _browser_visit(page, plan.urls[index % len(plan.urls)],
                                                  _path(index, step, list(plan.towns)))
            if error:
                errors.append(error)
            else:
                times.append(seconds)
            await plan.pause(index, step)
    finally:
        await context.close()


async def _compare(url: str, towns: list[str], rounds: int) -> None:
    """One viewer, no concurrency: each route visited ``rounds`` times by each client, alternately (ws first,
    then the browser, so both see the same warm result cache). Prints the per-page medians side by side."""
    from playwright.async_api import async_playwright

    client = Client(url)
    print("| page | ws median s | browser median s | browser − ws s | errors ws / browser |\n|---|---:|---:|---:|---|")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = await browser.new_context(viewport={"width": 1600, "height": 900})
        page = await context.new_page()
        await _browser_visit(page, url, ROUTE[0])  # the context downloads the front-end once, as a returning viewer
        for step in range(len(ROUTE)):
            path = _path(0, step, towns)
            ws_times, browser_times, errors = [], [], [0, 0]
            for _ in range(rounds):
                visit = await client.visit(path, TIMEOUT_MS[0] / 1000)
                ws_times.append(visit.seconds)
                errors[0] += visit.error is not None
                seconds, error = await _browser_visit(page, url, path)
                browser_times.append(seconds)
                errors[1] += error is not None
            ws, br = statistics.median(ws_times), statistics.median(browser_times)
            print(f"| `{path}` | {ws:.2f} | {br:.2f} | {br - ws:+.2f} | {errors[0]} / {errors[1]} |", flush=True)
        await browser.close()


async def _run(client: str, plan: Plan, sessions: int, pids: list[int]) -> dict[str, float]:
    times: list[float] = []
    errors: list[str] = []
    rss: list[list[float]] = []  # one sample: the RSS of each server
    loads: list[float] = []
    before = _tree_stats()
    me = os.getpid()
    async with contextlib.AsyncExitStack() as stack:
        if client == "browser":
            from playwright.async_api import async_playwright

            p = await stack.enter_async_context(async_playwright())
            browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            stack.push_async_callback(browser.close)
            runs = [_browser_session(browser, plan, i, times, errors) for i in range(sessions)]
        else:
            runs = [_ws_session(plan, i, times, errors) for i in range(sessions)]
        done = asyncio.Event()

        async def sample() -> None:
            while not done.is_set():
                if pids:
                    rss.append([_rss_mib(pid) for pid in pids])
                loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
                await asyncio.sleep(1)

        sampler = asyncio.create_task(sample())
        start = time.perf_counter()
        await asyncio.gather(*runs)
        wall = time.perf_counter() - start
        done.set()
        await sampler
        # CPU of the browsers (descendants of this script: the Playwright driver and Chromium) before they exit.
        after = _tree_stats()
        browsers_cpu = _cpu_of_tree(me, after) - _cpu_of_tree(me, before) - (after[me][1] - before[me][1])
        script_cpu = after[me][1] - before[me][1]
        server_cpu = sum(_cpu_of_tree(pid, after) - _cpu_of_tree(pid, before) for pid in pids) if pids else float("nan")
    for error in errors[:5]:
        print(f"#   error: {error}", flush=True)
    ordered = sorted(times) or [float("nan")]
    nan = float("nan")
    return {"sessions": sessions, "visits": len(times), "errors": len(errors), "wall_s": wall,
            "p50_s": statistics.median(ordered), "p95_s": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
            "max_s": ordered[-1], "rss_max_mib": max((max(r) for r in rss), default=nan),
            "rss_sum_max_mib": max((sum(r) for r in rss), default=nan), "server_cpu_s": server_cpu,
            "browsers_cpu_s": browsers_cpu, "script_cpu_s": script_cpu, "load_max": max(loads, default=nan)}


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


def _start_server(db: str, root: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    """``liandong serve`` of the code in ``root`` on a free port: (process, base URL, seconds to health)."""
    from soak_screen import free_port, wait_healthy

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(root), STREAMLIT_SERVER_FILE_WATCHER_TYPE="none", LIANDONG_NO_DEMO="1")
    log = open(Path(tempfile.gettempdir()) / f"loadtest_server_{port}.log", "wb")  # noqa: SIM115 - the server's life
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", "from etl.cli import main; main()", "serve", "--db", db,
                             "--port", str(port)], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, proc, timeout=300, poll=0.1)
    print(f"# cold start: server {proc.pid} ({root}) healthy after {time.perf_counter() - start:.1f} s, "
          f"log {log.name}", flush=True)
    return proc, base, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--client", choices=["ws", "browser"], default="ws",
                        help="ws: Streamlit's websocket protocol, no browser (measures the server); "
                             "browser: headless Chromium contexts (includes rendering)")
    parser.add_argument("--url", nargs="+", default=["http://127.0.0.1:8599"],
                        help="one or more dashboard processes; session i uses URL i mod their number")
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 20, 50])
    parser.add_argument("--visits", type=int, default=6)
    parser.add_argument("--pid", type=int, nargs="*", default=[], help="the server process(es), for RSS and CPU")
    parser.add_argument("--stagger", type=float, default=0.5, help="seconds between session starts")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a viewer spends on a page before the next visit (0: none)")
    parser.add_argument("--db", default=None, help="database URL, to pick township names for filter visits")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a page may take before it counts as an error")
    parser.add_argument("--compare", type=int, default=0, metavar="ROUNDS",
                        help="instead of the load test: one viewer, every route ROUNDS times with each client")
    parser.add_argument("--cold-start", metavar="DB", default=None,
                        help="start `liandong serve --db DB` first and send the sessions as soon as it answers")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1],
                        help="with --cold-start: the code to serve (default: this repository)")
    args = parser.parse_args()
    server = None
    if args.cold_start:
        if len(args.sessions) != 1:
            parser.error("--cold-start measures one start: give one --sessions count")
        server, base, _health = _start_server(args.cold_start, args.root)
        args.url, args.pid, args.db = [base], [server.pid], args.db or args.cold_start
    try:
        _measure(args)
    finally:
        if server is not None:
            from soak_screen import stop_server

            stop_server(server)


def _measure(args: argparse.Namespace) -> None:
    TIMEOUT_MS[0] = int(args.timeout * 1000)
    towns = _towns(args.db)
    if args.compare:
        asyncio.run(_compare(args.url[0], towns, args.compare))
        return
    plan = Plan(tuple(args.url), args.visits, tuple(towns), args.stagger, args.think)
    cores = os.cpu_count() or 1
    print(f"# {args.client} client, {len(args.url)} server process(es), {args.visits} visits per session, "
          f"stagger {args.stagger} s, think {args.think} s, {cores} cores", flush=True)
    print("| client | N | pages ready | errors | p50 s | p95 s | max s | wall s | server RSS start / max MiB "
          "(per process) | CPU s server / client | share of the cores server / client | "
          "load avg (1 min) start / max |\n|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|", flush=True)
    for n in args.sessions:
        rss_start = max((_rss_mib(pid) for pid in args.pid), default=float("nan"))
        load_start = float(Path("/proc/loadavg").read_text().split()[0])
        r = asyncio.run(_run(args.client, plan, n, args.pid))
        client_cpu = r["browsers_cpu_s"] + r["script_cpu_s"]
        share = cores * r["wall_s"]
        total = f" (sum {r['rss_sum_max_mib']:.0f})" if len(args.pid) > 1 else ""
        print(f"| {args.client} | {n} | {r['visits']:.0f} | {r['errors']:.0f} | {r['p50_s']:.2f} | {r['p95_s']:.2f} | "
              f"{r['max_s']:.2f} | {r['wall_s']:.0f} | {rss_start:.0f} / {r['rss_max_mib']:.0f}{total} | "
              f"{r['server_cpu_s']:.0f} / {client_cpu:.0f} | {r['server_cpu_s'] / share:.0%} / "
              f"{client_cpu / share:.0%} | {load_start:.1f} / {r['load_max']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
