"""Starting and stopping real dashboard processes for the served tests: ``streamlit run`` directly
(the browser tests) or through ``liandong serve`` (the process tests), each returned once it answers;
and nginx with the shipped ``deploy/nginx-liandong.conf`` in front of them (ports and log paths
rewritten, nothing else)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import require
from tests.support.paths import ROOT

NGINX_CONFIG = ROOT / "deploy" / "nginx-liandong.conf"


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
    """Terminate the server (``streamlit run`` or ``liandong serve``); kill it if it has not ended within 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def answers(port: int) -> bool:
    """The dashboard on ``port`` answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_serve(db_url: str, tmp_path: Path, env: dict[str, str], *extra: str,
                log_name: str = "serve.log") -> tuple[subprocess.Popen[bytes], int]:
    """``liandong serve`` on a free port with ``env`` (no file watcher, no demo added) and ``extra``
    arguments, once it answers; its output goes to ``tmp_path / log_name``."""
    port = free_port()
    env = {**env, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none", "LIANDONG_NO_DEMO": "1"}
    log = tmp_path / log_name
    with log.open("wb") as out:
        proc = subprocess.Popen(["liandong", "serve", "--db", db_url, "--port", str(port), *extra], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not answers(port):
            assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            assert time.monotonic() < deadline, "the dashboard did not answer within 60 s"
            time.sleep(0.3)
    except BaseException:
        proc.kill()
        raise
    return proc, port


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    require(found is not None, "nginx is not installed")
    assert found is not None
    return found


@contextmanager
def shipped_nginx(tmp_path: Path, app_ports: list[int]) -> Iterator[tuple[int, Path]]:
    """nginx with the shipped site config in front of ``app_ports``: (proxy port, access log path)."""
    nginx = nginx_binary()
    proxy_port = free_port()
    site = NGINX_CONFIG.read_text(encoding="utf-8")
    upstreams = re.findall(r"server 127\.0\.0\.1:\d+;", site)
    for line, port in zip(upstreams, app_ports * len(upstreams), strict=False):
        site = site.replace(line, f"server 127.0.0.1:{port};", 1)
    site = re.sub(r"listen 8080;", f"listen 127.0.0.1:{proxy_port};", site)
    access_log = tmp_path / "logs" / "access.log"
    site = re.sub(r"access_log \S+ liandong;", f"access_log {access_log} liandong;", site)
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "logs").mkdir(exist_ok=True)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\nevents {{}}\n"
        f"http {{ client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"include {tmp_path}/site.conf; }}\n", encoding="utf-8")
    proxy = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 30
        while not answers(proxy_port):
            assert proxy.poll() is None, (tmp_path / "logs" / "error.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "nginx did not answer within 30 s"
            time.sleep(0.2)
        yield proxy_port, access_log
    finally:
        proxy.terminate()
        proxy.wait(timeout=20)
