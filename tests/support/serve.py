"""Starting and stopping real dashboard processes for the served tests: ``streamlit run`` directly
(the browser tests) or through ``liandong serve`` (the process tests), each returned once it answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.paths import ROOT


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
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
    while not answers(port):
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail(f"streamlit did not start: see {log}")
        time.sleep(0.3)
    return proc


def stop_dashboard(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the server; kill it if it has not ended within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def answers(port: int) -> bool:
    """The dashboard on ``port`` answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_serve(sqlite_url: str, tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """``liandong serve`` on a free port with ``env`` (no file watcher, no demo added), once it answers."""
    port = free_port()
    env = {**env, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none", "LIANDONG_NO_DEMO": "1"}
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(["liandong", "serve", "--db", sqlite_url, "--port", str(port)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not answers(port):
            assert proc.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
            assert time.monotonic() < deadline, "the dashboard did not answer within 60 s"
            time.sleep(0.3)
    except BaseException:
        proc.kill()
        raise
    return proc, port
