"""The example nginx config in deploy/ really fronts two dashboard processes (a tested example),
and sends the security headers on every response.

Starts two ``liandong serve`` processes and nginx with ``deploy/nginx-liandong.conf`` (ports and the log
path rewritten to free ones) and checks the page, the health endpoint, the WebSocket upgrade and the
headers go through the proxy.
"""

from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.serve import shipped_nginx, start_serve, stop_dashboard

#: What the proxy adds to every answer: no framing (clickjacking), no MIME sniffing, no Referer (which
#: carried a screen's display token to every asset request), no powerful browser features.
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@pytest.fixture()
def proxied(tmp_path: Path, sqlite_url: str) -> Iterator[int]:
    apps = [start_serve(sqlite_url, tmp_path, dict(os.environ), log_name=f"serve{n}.log") for n in (1, 2)]
    try:
        with shipped_nginx(tmp_path, [port for _proc, port in apps]) as (proxy_port, _log):
            yield proxy_port
    finally:
        for proc, _port in apps:
            stop_dashboard(proc)


def _get(url: str) -> tuple[bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return bytes(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:  # an error page must carry the headers too
        return bytes(error.read()), dict(error.headers)


def test_page_and_health_load_through_the_example_nginx_config(proxied: int) -> None:
    assert _get(f"http://127.0.0.1:{proxied}/_stcore/health")[0] == b"ok"
    page = _get(f"http://127.0.0.1:{proxied}/")[0]
    assert b"<noscript>" in page or b"streamlit" in page.lower()


@pytest.mark.parametrize("path", ["/", "/screen?token=x", "/_stcore/health", "/no-such-file.js"])
def test_every_answer_carries_the_security_headers(proxied: int, path: str) -> None:
    _body, headers = _get(f"http://127.0.0.1:{proxied}{path}")
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (path, name, headers.get(name))


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
