"""Browser-test fixtures shared by every module: ONE Streamlit server and ONE Playwright browser per
session. They live here (loaded by conftest) because a fixture imported into two test modules is
instantiated twice, and two sync Playwright instances cannot run in one process.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from etl.demo import load_demo

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_dashboard(port: int, db_url: str, log: Path, **env: str) -> subprocess.Popen[bytes]:
    """``streamlit run dashboard/app.py`` on localhost, returned once its health check answers."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=dict(os.environ, LIANDONG_DB_URL=db_url, **env), stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc
        except OSError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail(f"streamlit did not start: see {log}")
        time.sleep(0.3)


def stop_dashboard(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


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
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


