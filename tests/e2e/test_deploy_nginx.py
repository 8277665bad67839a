"""The example nginx config in deploy/ really fronts two dashboard processes (a tested example).

Starts two ``liandong serve`` processes and nginx with ``deploy/nginx-liandong.conf`` (ports rewritten
to free ones) and checks the page, the health endpoint and the WebSocket upgrade go through the proxy.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require
from tests.support.paths import ROOT

CONFIG = ROOT / "deploy" / "nginx-liandong.conf"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_http(url: str, timeout: float = 60.0) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bytes(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture()
def proxied(tmp_path: Path, sqlite_url: str) -> Iterator[int]:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    require(nginx is not None, "nginx is not installed")
    assert nginx is not None
    app_ports, proxy_port = [_free_port(), _free_port()], _free_port()
    env = {**os.environ, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none", "STREAMLIT_SERVER_HEADLESS": "true"}
    apps = [subprocess.Popen(["liandong", "serve", "--db", sqlite_url, "--port", str(port)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            for port in app_ports]
    site = CONFIG.read_text(encoding="utf-8")
    site = site.replace("127.0.0.1:8501", f"127.0.0.1:{app_ports[0]}").replace("127.0.0.1:8502",
                                                                                 f"127.0.0.1:{app_ports[1]}")
    site = re.sub(r"listen 8080;", f"listen 127.0.0.1:{proxy_port};", site)
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\nevents {{}}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"include {tmp_path}/site.conf; }}\n", encoding="utf-8")
    proxy = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"])
    try:
        for port in app_ports:
            _wait_http(f"http://127.0.0.1:{port}/_stcore/health")
        yield proxy_port
    finally:
        # `liandong serve` runs streamlit as a child: end the whole process group, or the child lingers.
        proxy.terminate()
        for process in apps:
            os.killpg(process.pid, signal.SIGTERM)
        for process in [proxy, *apps]:
            process.wait(timeout=20)


def test_page_and_health_load_through_the_example_nginx_config(proxied: int) -> None:
    assert _wait_http(f"http://127.0.0.1:{proxied}/_stcore/health", timeout=20) == b"ok"
    page = _wait_http(f"http://127.0.0.1:{proxied}/", timeout=20)
    assert b"<noscript>" in page or b"streamlit" in page.lower()


def test_websocket_upgrade_passes_through_the_proxy(proxied: int) -> None:
    """Streamlit's session lives on /_stcore/stream; without the upgrade headers the page never renders."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{proxied}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
               "Sec-WebSocket-Protocol: streamlit\r\n\r\n")
    with socket.create_connection(("127.0.0.1", proxied), timeout=10) as sock:
        sock.sendall(request.encode())
        status = sock.recv(4096).split(b"\r\n", 1)[0]
    assert b" 101 " in status, status
