"""Served instances for end-to-end tests: ``liandong serve`` as deployed, and nginx with the shipped
``deploy/nginx-liandong.conf`` in front (ports and log paths rewritten, nothing else)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser_fixtures import free_port
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONFIG = ROOT / "deploy" / "nginx-liandong.conf"


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_serve(db_url: str, tmp_path: Path, env: dict[str, str], *extra: str,
                log_name: str = "serve.log") -> tuple[subprocess.Popen[bytes], int]:
    """``liandong serve`` on a free port with ``env`` (no file watcher, no demo added), once it answers."""
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


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


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
