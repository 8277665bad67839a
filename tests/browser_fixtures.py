"""Browser-test fixtures shared by every module: ONE Streamlit server and ONE Playwright browser per
session. They live here (loaded by conftest) because a fixture imported into two test modules is
instantiated twice, and two sync Playwright instances cannot run in one process.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from etl.demo import load_demo
from tests.support.serve import free_port, start_dashboard, stop_dashboard

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, chromium_path: Path) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    load_demo(url)
    port = free_port()
    proc = start_dashboard(port, url, tmp_path_factory.getbasetemp() / "streamlit.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_dashboard(proc)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[object]:
    # Retrying assertions wait on the page, not on the clock; a shared 2-core machine needs more than 5 s.
    expect.set_options(timeout=30_000)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


