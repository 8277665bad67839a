"""``liandong serve`` is the server process itself, so stopping it stops the dashboard (no orphan)."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

from tests.serve_factories import answers as _answers
from tests.serve_factories import start_serve

ROOT = Path(__file__).resolve().parents[1]


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
