"""The load test's websocket client (benchmarks/ws_session.py) against a real Streamlit server: a page is
ready only when its script finished with an h1 and no exception; exceptions, unknown pages and timeouts
are errors; a script that reruns itself is waited for; the page name and query string reach the script."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from tests.support.paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from soak_screen import free_port, stop_server, wait_healthy  # noqa: E402
from ws_session import Client, Visit  # noqa: E402

T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: the browser tests' sync Playwright keeps an event loop
    running in the main thread for the whole session, and ``asyncio.run`` refuses to start inside it."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


APP = textwrap.dedent('''
    import time

    import streamlit as st


    def home() -> None:
        q = st.query_params
        if q.get("boom"):
            raise ValueError("boom on purpose")
        if q.get("sleep"):
            time.sleep(float(q["sleep"]))
        if q.get("rerun") and "again" not in st.session_state:
            st.session_state.again = True
            st.write("first run")
            st.rerun()
        if not q.get("untitled"):
            st.title(f"home {q.get('period', '-')}")
        st.write("body")


    def other() -> None:
        st.title("other page")


    st.navigation([st.Page(home, title="Home", default=True), st.Page(other, title="Other", url_path="other")]).run()
''')


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    script = tmp_path_factory.mktemp("wsapp") / "app.py"
    script.write_text(APP, encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false",
         # The project's config hides exception details from browsers; this app checks that the client
         # reports whatever the server sends, so it asks for them.
         "--client.showErrorDetails", "full"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base
    finally:
        stop_server(proc)


def visit(base: str, path: str, timeout: float = 30) -> Visit:
    return run_async(Client(base).visit(path, timeout))


def test_a_page_is_ready_when_its_script_finished_with_a_heading(base_url: str) -> None:
    home = visit(base_url, "?period=2025H1")
    assert home.error is None and home.title == "home 2025H1"  # the query string reached the script
    assert home.elements >= 2 and home.received_bytes > 0 and 0 < home.seconds < 30
    other = visit(base_url, "other?period=2025")
    assert other.error is None and other.title == "other page"  # the page name chose the page


def test_the_xsrf_cookie_is_taken_from_the_health_answer(base_url: str) -> None:
    client = Client(base_url)
    assert run_async(client.visit("", 30)).error is None
    assert client.xsrf and client.xsrf.startswith("2|")


def test_an_exception_element_is_an_error(base_url: str) -> None:
    result = visit(base_url, "?boom=1")
    assert result.error is not None and "ValueError" in result.error and "boom on purpose" in result.error


def test_a_page_without_its_heading_is_an_error(base_url: str) -> None:
    assert visit(base_url, "?untitled=1").error == "no h1 heading on ?untitled=1"


def test_an_unknown_page_is_an_error(base_url: str) -> None:
    assert visit(base_url, "nosuchpage").error == "page not found: nosuchpage"


def test_a_page_slower_than_the_timeout_is_an_error(base_url: str) -> None:
    result = visit(base_url, "?sleep=3", timeout=1)
    assert result.error == "timeout after 1 s" and 1 <= result.seconds < 3


def test_a_script_that_reruns_itself_is_ready_after_the_second_run(base_url: str) -> None:
    result = visit(base_url, "?rerun=1&period=2026")
    assert result.error is None and result.title == "home 2026"


def test_sessions_walk_the_route_with_a_township_every_other_visit() -> None:
    from loadtest import ROUTE, _path

    towns = ["甲镇", "乙乡"]
    assert _path(0, 0, towns) == "?period=2025"  # the overview is the default page: served at the root
    assert _path(0, 1, towns) == "litigation?period=2025H1&town=%E4%B9%99%E4%B9%A1"
    assert _path(3, 0, []) == ROUTE[3] and _path(3, 1, []) == ROUTE[4]  # no townships known: no filter
    assert not any(path.startswith("overview") for path in ROUTE)


def test_think_time_is_seeded_and_skipped_after_the_last_visit() -> None:
    import time

    from loadtest import Plan

    plan = Plan(urls=("http://a",), visits=2, towns=(), stagger=0, think=0.2)
    start = time.perf_counter()
    run_async(plan.pause(0, 1))  # after the last visit: no pause
    assert time.perf_counter() - start < 0.05
    start = time.perf_counter()
    run_async(plan.pause(0, 0))
    assert 0.1 <= time.perf_counter() - start < 0.5  # 0.5-1.5 x think
