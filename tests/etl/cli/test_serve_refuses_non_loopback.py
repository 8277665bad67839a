"""``liandong serve`` beyond loopback refuses while no account exists, and "127.foo" is not loopback
(it is a host name that any DNS may point anywhere)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.support.paths import ROOT
from tests.support.serve import free_port


@pytest.mark.parametrize("address", ["0.0.0.0", "127.foo", "::"])
def test_serve_refuses_addresses_beyond_loopback_without_an_account(sqlite_url: str, address: str) -> None:
    done = subprocess.run(["liandong", "serve", "--db", sqlite_url, "--address", address, "--port", str(free_port())],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"拒绝在 {address} 上启动" in done.stdout + done.stderr
