"""``liandong serve`` starts Streamlit with two malloc arenas unless the operator chose otherwise (issue 9:
the server's many script threads otherwise keep freed memory in up to 8 arenas per core)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.serve_factories import start_serve


def _server_environment(sqlite_url: str, tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment of the running server process (serve execs Streamlit in place: same PID)."""
    env = {key: value for key, value in os.environ.items() if key != "MALLOC_ARENA_MAX"}
    proc, _port = start_serve(sqlite_url, tmp_path, {**env, **extra})
    try:
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
