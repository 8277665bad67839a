"""``liandong serve`` starts Streamlit with two malloc arenas unless the operator chose otherwise (issue 9:
the server's many script threads otherwise keep freed memory in up to 8 arenas per core)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.browser_fixtures import free_port
from tests.test_cli_serve import _answers

ROOT = Path(__file__).resolve().parents[1]


def _server_environment(sqlite_url: str, tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment of the running server process (serve execs Streamlit in place: same PID)."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "MALLOC_ARENA_MAX"}
    env.update({"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none", "LIANDONG_NO_DEMO": "1", **extra})
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(["liandong", "serve", "--db", sqlite_url, "--port", str(port)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert proc.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
            assert time.monotonic() < deadline, "the dashboard did not answer within 60 s"
            time.sleep(0.3)
        raw = Path(f"/proc/{proc.pid}/environ").read_bytes()
        return dict(item.split("=", 1) for item in raw.decode().split("\0") if "=" in item)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.parametrize(("given", "expected"), [(None, "2"), ("4", "4")])
def test_serve_limits_malloc_arenas_unless_set(sqlite_url: str, tmp_path: Path, given: str | None,
                                               expected: str) -> None:
    extra = {} if given is None else {"MALLOC_ARENA_MAX": given}
    environment = _server_environment(sqlite_url, tmp_path, extra)
    assert environment["MALLOC_ARENA_MAX"] == expected
    assert environment["LIANDONG_DB_URL"] == sqlite_url  # the process read is the server itself
