"""Indicator results cached across reruns and sessions, keyed by small values only.

The key is (data version, access scope, period, filters, …): never the frames themselves (style.md §8).
A new import bumps the data version, so stale results are simply never asked for again. The functions
mirror ``etl.metrics``; pages call these instead of the originals.

One process-wide least-recently-used store bounded by **bytes** (``LIANDONG_RESULT_CACHE_MB``, default
128 MiB), not by a count of entries: at province scale one grouped-by-agency frame is megabytes while
an indicator result is kilobytes: 512 entries of the ~1.3 MiB average seen there would be ~650 MiB on
top of the facts, and the server's RSS kept rising under varied filters (benchmarks/results/load.md). Each key is computed once even when many sessions ask for
it at the same moment (one lock per key being computed); other keys are not blocked meanwhile.

Period and filters enter the key as flat tuples of their field values (:func:`value_key`): plain tuples
of dates, strings and ints hash in microseconds, where Streamlit's cache hashed each dataclass through
``dataclasses.asdict`` (a deep copy) on every call.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import polars as pl

from dashboard.data import db_url
from etl import metrics
from etl.metrics import Facts, Filters, MetricsResult, Period

CACHE_MB_ENV = "LIANDONG_RESULT_CACHE_MB"
DEFAULT_CACHE_MB = 128
#: What a non-frame result (an indicator set: a few dozen small dataclasses) is counted as.
SMALL_RESULT_BYTES = 64 * 1024


def value_key(value: Period | Filters) -> tuple[Any, ...]:
    """The dataclass's type name and field values as a flat tuple (enums by value): equal values, equal keys."""
    return (type(value).__name__, *(v.value if isinstance(v, enum.Enum) else v
                                    for v in (getattr(value, f.name) for f in fields(value))))


def _scope(facts: Facts) -> tuple[str, int, tuple[int, ...], tuple[int, ...]]:
    """Which database, which version of its data, and which access scope the facts stand for."""
    return db_url(), facts.data_version, facts.scope_unit_ids, facts.scope_township_ids


def result_bytes(value: object) -> int:
    """What one cached result is counted as: a frame's estimated size, else a small fixed amount."""
    if isinstance(value, pl.DataFrame):
        return int(value.estimated_size()) + 1024
    return SMALL_RESULT_BYTES


def budget_bytes(environ: dict[str, str] | None = None) -> int:
    """The store's bound from ``LIANDONG_RESULT_CACHE_MB`` (a positive number), else the default."""
    raw = (os.environ if environ is None else environ).get(CACHE_MB_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_CACHE_MB
    except ValueError:
        mb = DEFAULT_CACHE_MB
    return int((mb if mb > 0 else DEFAULT_CACHE_MB) * 2**20)


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0
    evictions: int = 0


class ResultStore:
    """A thread-safe LRU map bounded by the summed :func:`result_bytes` of its values.

    ``get_or_compute`` computes a missing key once: concurrent callers of the same key wait for the
    first one's result instead of computing it again. A result larger than the whole budget is returned
    but not kept.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
        self._computing: dict[tuple[Any, ...], threading.Lock] = {}
        self.bytes = 0
        self.stats = Stats()

    def __len__(self) -> int:
        return len(self._entries)

    def _lookup(self, key: tuple[Any, ...]) -> tuple[bool, Any]:
        entry = self._entries.get(key)
        if entry is None:
            return False, None
        self._entries.move_to_end(key)
        return True, entry[0]

    def get_or_compute(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        with self._lock:
            found, value = self._lookup(key)
            if found:
                self.stats.hits += 1
                return value
            self.stats.misses += 1
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:  # another session may have computed it while this one waited
                found, value = self._lookup(key)
                if found:
                    return value
            try:
                value = compute()
                self._put(key, value)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def _put(self, key: tuple[Any, ...], value: Any) -> None:
        size = result_bytes(value)
        with self._lock:
            if size > self.max_bytes:
                return
            self._entries[key] = (value, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, (_, old) = self._entries.popitem(last=False)
                self.bytes -= old
                self.stats.evictions += 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


#: The process's store, shared by every session (module state lives as long as the server process).
STORE = ResultStore(budget_bytes())


def clear() -> None:
    """Forget every cached result (benchmarks time the uncached path with this)."""
    STORE.clear()


def _compute(name: str, facts: Facts, period: Period, filters: Filters, extra: tuple[Any, ...]) -> Any:
    if name == "indicators":
        return metrics.compute_indicators(facts, period, filters)
    if name == "grouped":
        return metrics.compute_grouped(facts, period, filters, by=extra[0])
    if name == "warnings":
        return metrics.compute_warnings(facts, period, filters, by=extra[0], as_of=extra[1])
    if name == "rank":
        return metrics.rank(facts, period, by=extra[0], filters=filters)
    if name == "drill":
        return metrics.drill_records(facts, extra[0], period, filters)
    if name == "decision_mix":
        return metrics.decision_mix(facts, period, filters)
    raise ValueError(name)


def _get(name: str, facts: Facts, period: Period, filters: Filters, extra: tuple[Any, ...]) -> Any:
    key = (name, _scope(facts), value_key(period), value_key(filters), extra)
    return STORE.get_or_compute(key, lambda: _compute(name, facts, period, filters, extra))


def indicators(facts: Facts, period: Period, filters: Filters) -> MetricsResult:
    result: MetricsResult = _get("indicators", facts, period, filters, ())
    return result


def grouped(facts: Facts, period: Period, filters: Filters, by: str) -> pl.DataFrame:
    frame: pl.DataFrame = _get("grouped", facts, period, filters, (by,))
    return frame


def warnings(facts: Facts, period: Period, filters: Filters, by: str, as_of: dt.date | None) -> pl.DataFrame:
    frame: pl.DataFrame = _get("warnings", facts, period, filters, (by, as_of))
    return frame


def ranking(facts: Facts, period: Period, by: str, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("rank", facts, period, filters, (by,))
    return frame


def drill(facts: Facts, key: str, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("drill", facts, period, filters, (key,))
    return frame


def decision_mix(facts: Facts, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("decision_mix", facts, period, filters, ())
    return frame
