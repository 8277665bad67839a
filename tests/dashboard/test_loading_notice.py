"""A page that needs data another session is still reading waits for that one read and, after the
configured wait, says 数据加载中 instead of starting its own read or showing nothing."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any

import polars as pl
import pytest

from dashboard import data
from etl.cache import BoundedCache


class Screen:
    """A stand-in for ``streamlit`` that records what the page would show, in order."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    @contextmanager
    def spinner(self, text: str) -> Any:
        self.shown.append(f"spinner: {text}")
        yield

    def empty(self) -> Screen:
        return self

    def info(self, text: str, icon: str = "") -> None:
        self.shown.append(f"info: {text}")


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> Screen:
    fake = Screen()
    monkeypatch.setattr(data, "st", fake)
    return fake


def test_a_second_session_shows_the_loading_notice_then_gets_the_first_sessions_facts(screen: Screen) -> None:
    cache: BoundedCache[pl.DataFrame] = BoundedCache("facts", 10**9)
    started, release = threading.Event(), threading.Event()
    reads: list[str] = []

    def slow_read() -> pl.DataFrame:
        reads.append("read")
        started.set()
        assert release.wait(10)
        return pl.DataFrame({"x": [1, 2, 3]})

    first = threading.Thread(target=lambda: cache.get_or_compute(("facts", "db", 7), slow_read), daemon=True)
    first.start()
    assert started.wait(5)
    threading.Timer(0.5, release.set).start()  # the read ends while the second session waits
    got = data.waiting(cache, ("facts", "db", 7), lambda: pl.DataFrame({"x": [0]}), "正在读取数据……", wait=0.1)
    first.join(5)
    assert got.height == 3 and reads == ["read"]  # the first session's facts; no second read
    assert screen.shown[0] == "spinner: 正在读取数据……"
    assert screen.shown[1].startswith("info: 数据加载中") and "Loading data" in screen.shown[1]
    assert cache.stats.timeouts == 1


def test_a_hit_shows_nothing_and_a_quick_read_only_the_spinner(screen: Screen) -> None:
    cache: BoundedCache[int] = BoundedCache("facts", 10**6, size_of=lambda _v: 1)
    assert data.waiting(cache, ("k",), lambda: 5, "正在读取数据……", wait=0.1) == 5
    assert screen.shown == ["spinner: 正在读取数据……"]
    assert data.waiting(cache, ("k",), lambda: 6, "正在读取数据……", wait=0.1) == 5
    assert screen.shown == ["spinner: 正在读取数据……"]  # cached: no spinner, no notice
