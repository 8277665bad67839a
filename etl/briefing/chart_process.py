"""Vega-Lite → PNG in a child process, so that the renderer's native code cannot take the server down.

vl-convert is Rust: on some input (a control character in a label reached its SVG text parser) it
panics inside a function that cannot unwind and the whole process aborts (exit 134). In the dashboard
that process is the server of every viewer. Here the renderer lives in one long-lived worker process
(``python -m etl.briefing.chart_process``, started on first use, restarted after a crash); a crash, a
hang or an error there is a :class:`ChartRenderError` with a Chinese message in the caller, never a
dead server.

A plain subprocess rather than ``multiprocessing``: spawn re-imports the parent's main script in the
child, which a script without a ``__main__`` guard does not survive. Requests and answers are
length-prefixed frames on the worker's stdin/stdout: a JSON request; ``b"+"`` and PNG bytes, or
``b"-"`` and an error message.
"""

from __future__ import annotations

import json
import os
import selectors
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

#: Seconds one chart may take; the largest briefing chart renders in well under a second.
RENDER_TIMEOUT = 60.0
_ROOT = Path(__file__).resolve().parents[2]  # the directory holding the ``etl`` package
_HEADER = struct.Struct(">I")


class ChartRenderError(RuntimeError):
    """A chart could not be drawn; the message is Chinese first, for the CLI and the 简报 page."""


CRASHED = "图表渲染进程异常退出，本张图表未能生成（可能是名称中含有无法绘制的字符）。(the chart renderer crashed)"


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(_ROOT), os.environ.get("PYTHONPATH")))))
        self.process = subprocess.Popen([sys.executable, "-m", "etl.briefing.chart_process"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env, cwd=_ROOT)
        self.dead = False  # its pipe broke: it is gone (or going) even if not yet reaped

    def render(self, request: bytes, timeout: float) -> bytes:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            _write_frame(self.process.stdin, request)
        except OSError:  # BrokenPipeError included
            self.dead = True
            raise ChartRenderError(CRASHED) from None
        answer = _read_frame(self.process.stdout, time.monotonic() + timeout)
        if answer is None:
            self.dead = True
            raise ChartRenderError(CRASHED)
        if answer[:1] == b"+":
            return answer[1:]
        message = answer[1:].decode("utf-8", errors="replace")
        raise ChartRenderError(f"图表无法生成：{message} (the chart could not be drawn)")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class _Timeout(Exception):
    pass


_lock = threading.Lock()
_worker: _Worker | None = None


def render_vegalite_png(spec: dict[str, Any], font_dir: str | None = None, scale: float = 2.0) -> bytes:
    """PNG bytes of a Vega-Lite spec, drawn in the worker process (one chart at a time)."""
    global _worker
    request = json.dumps({"spec": spec, "font_dir": font_dir, "scale": scale}, ensure_ascii=False).encode("utf-8")
    with _lock:
        if _worker is None or _worker.dead or _worker.process.poll() is not None:
            if _worker is not None:
                _worker.stop()
            _worker = _Worker()
        worker = _worker
        try:
            return worker.render(request, RENDER_TIMEOUT)
        except _Timeout:
            worker.stop()
            _worker = None
            raise ChartRenderError(f"图表渲染超过 {RENDER_TIMEOUT:.0f} 秒未完成，已中止。(chart rendering timed out)") \
                from None
        except ChartRenderError:
            if worker.dead:  # it died: the next chart starts a fresh one
                worker.stop()
                _worker = None
            raise


def shutdown() -> None:
    """End the worker (tests, and a clean exit of a long-lived process)."""
    global _worker
    with _lock:
        if _worker is not None:
            _worker.stop()
            _worker = None


def worker_pid() -> int | None:
    """The running worker's process id, if any (tests check that it restarts after a crash)."""
    worker = _worker
    return worker.process.pid if worker is not None and not worker.dead and worker.process.poll() is None else None


def _write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _read_frame(stream: IO[bytes], deadline: float) -> bytes | None:
    """One frame, or None at end of file (the worker is gone); raises ``_Timeout`` after ``deadline``."""
    header = _read_exactly(stream, _HEADER.size, deadline)
    if header is None:
        return None
    return _read_exactly(stream, _HEADER.unpack(header)[0], deadline)


def _read_exactly(stream: IO[bytes], size: int, deadline: float) -> bytes | None:
    chunks, left = [], size
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while left:
            wait = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
            if not selector.select(wait):
                raise _Timeout
            chunk = os.read(stream.fileno(), min(left, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            left -= len(chunk)
    return b"".join(chunks)


def _serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The worker's loop: one request in, one answer out, until the parent closes the pipe."""
    import vl_convert as vlc

    registered: set[str] = set()  # vl-convert only knows fonts it has been shown
    while True:
        request = _read_frame(stdin, float("inf"))
        if request is None:
            return
        try:
            job = json.loads(request)
            if job["font_dir"] and job["font_dir"] not in registered:
                vlc.register_font_directory(job["font_dir"])
                registered.add(job["font_dir"])
            answer = b"+" + bytes(vlc.vegalite_to_png(job["spec"], scale=job["scale"]))
        except Exception as exc:  # noqa: BLE001 — reported to the parent, which raises ChartRenderError
            answer = b"-" + (str(exc).splitlines() or [type(exc).__name__])[0][:200].encode("utf-8")
        _write_frame(stdout, answer)


if __name__ == "__main__":
    # The answers get their own copy of stdout; anything the renderer prints goes to stderr instead.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, answers)
