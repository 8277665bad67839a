"""``liandong serve`` is the server process itself, so stopping it stops the dashboard (no orphan)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.browser_fixtures import free_port
from tests.support.paths import ROOT


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _port_free(port: int) -> bool:
    """No process listens on the port. SO_REUSEADDR, as servers set it, so that connections of the ended
    server still in TIME_WAIT do not count; a live listener still makes the bind fail."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def start_serve(sqlite_url: str, tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """``liandong serve`` on a free port with ``env`` (no file watcher, no demo added), once it answers."""
    port = free_port()
    env = {**env, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none", "LIANDONG_NO_DEMO": "1"}
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(["liandong", "serve", "--db", sqlite_url, "--port", str(port)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert proc.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
            assert time.monotonic() < deadline, "the dashboard did not answer within 60 s"
            time.sleep(0.3)
    except BaseException:
        proc.kill()
        raise
    return proc, port


def test_terminating_serve_stops_the_dashboard_and_frees_the_port(sqlite_url: str, tmp_path: Path) -> None:
    proc, port = start_serve(sqlite_url, tmp_path, dict(os.environ))
    try:
        proc.terminate()  # SIGTERM to the PID the supervisor knows, not to a process group
        assert proc.wait(timeout=20) is not None
        deadline = time.monotonic() + 10
        while not _port_free(port):
            assert time.monotonic() < deadline, "a server process still holds the port after serve ended"
            time.sleep(0.2)
        assert not _answers(port)
    finally:
        if proc.poll() is None:
            proc.kill()
