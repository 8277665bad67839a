"""Indicator results cached across reruns and sessions, keyed by small values only.

The key is (data version, access scope, period, filters, …): never the frames themselves (hashing a
frame on every rerun would cost more than the computation it saves).
A new import bumps the data version, so stale results are simply never asked for again. The functions
mirror ``etl.metrics``; pages call these instead of the originals.

One process-wide least-recently-used store bounded by **bytes** (``LIANDONG_RESULT_CACHE_MB``, default
128 MiB), not by a count of entries: at province scale one grouped-by-agency frame is megabytes while
an indicator result is kilobytes: 512 entries of the ~1.3 MiB average seen there would be ~650 MiB on
top of the facts, and the server's RSS kept rising under varied filters (benchmarks/results/load.md). Each key is computed once even when many sessions ask for
it at the same moment (one lock per key being computed); other keys are not blocked meanwhile.

At most ``LIANDONG_COMPUTE_SLOTS`` computations (default: the number of CPU cores) run at once, process-wide
(:mod:`dashboard.concurrency`): with 50 viewers asking for 50 new selections at the same moment, the others wait
their turn instead of each holding its temporaries (tens of MiB at province scale) while sharing two
cores — the server's memory went over 1.5 GB that way (benchmarks/results/load.md §4).

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

from dashboard.concurrency import COMPUTE_SLOTS_ENV, Slots, slots_from_env
from dashboard.data import db_url
from etl import metrics
from etl.metrics import Facts, Filters, MetricsResult, Period
from etl.metrics.engine import set_flag_cache_bytes

CACHE_MB_ENV = "LIANDONG_RESULT_CACHE_MB"
DEFAULT_CACHE_MB = 128
#: The indicator engine's per-period flags cache (``etl.metrics.engine.FLAG_CACHE``), in MiB. 128 rather
#: than the engine's own 256: under 50 viewers at province scale the server peaked at 1,412-1,418 MiB
#: instead of 1,492-1,511, for p95 1.3-1.6 s instead of 1.1 s at 20 viewers (load.md §4).
FLAG_CACHE_MB_ENV = "LIANDONG_FLAG_CACHE_MB"
DEFAULT_FLAG_CACHE_MB = 128
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


def budget_bytes(environ: dict[str, str] | None = None, name: str = CACHE_MB_ENV,
                 default_mb: float = DEFAULT_CACHE_MB) -> int:
    """A cache bound from the environment variable ``name`` (a positive number of MiB), else the default."""
    raw = (os.environ if environ is None else environ).get(name, "").strip()
    try:
        mb = float(raw) if raw else default_mb
    except ValueError:
        mb = default_mb
    return int((mb if mb > 0 else default_mb) * 2**20)


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0
    evictions: int = 0


class ResultStore:
    """A thread-safe LRU map bounded by the summed :func:`result_bytes` of its values.

    ``get_or_compute`` computes a missing key once: concurrent callers of the same key wait for the
    first one's result instead of computing it again, and they wait without holding a compute slot. A
    result larger than the whole budget is returned but not kept.

    Lock order, which is what keeps it free of deadlocks: a thread takes a compute slot *before* it marks a
    key as being computed, never the other way round; whoever computes a key therefore holds a slot (or
    runs inside a computation that does), and a thread waiting for someone else's key holds no slot of its
    own unless it is itself computing.
    """

    def __init__(self, max_bytes: int, slots: Slots | None = None) -> None:
        self.max_bytes = max_bytes
        self.slots = slots if slots is not None else Slots(0)
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
        #: Keys being computed: the lock their computing thread holds until the result is stored (or failed).
        self._computing: dict[tuple[Any, ...], tuple[threading.Lock, int]] = {}
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

    def _hit_or_busy(self, key: tuple[Any, ...]) -> tuple[bool, Any, threading.Lock | None]:
        """Under ``self._lock``: (found, value, the lock of whoever is computing the key, or None)."""
        found, value = self._lookup(key)
        if found:
            self.stats.hits += 1
            return True, value, None
        busy = self._computing.get(key)
        if busy is not None and busy[1] == threading.get_ident():
            raise RuntimeError(f"computing {key[:1]} asks for its own result")
        return False, None, busy[0] if busy else None

    def get_or_compute(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        while True:
            with self._lock:
                found, value, busy = self._hit_or_busy(key)
            if found:
                return value
            if busy is not None:  # another session is computing it: wait for the result, holding no slot
                with busy:
                    pass
                continue  # stored (a hit next time round) or failed (then this thread tries)
            with self.slots.slot():
                with self._lock:
                    found, value, busy = self._hit_or_busy(key)
                    if not found and busy is None:
                        mine = threading.Lock()
                        mine.acquire()
                        self._computing[key] = (mine, threading.get_ident())
                        self.stats.misses += 1
                if found:
                    return value
                if busy is not None:
                    continue  # someone started it while this thread waited for a slot: leave the slot, wait
                try:
                    value = compute()
                    self._put(key, value)
                finally:
                    with self._lock:
                        del self._computing[key]
                    mine.release()
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
STORE = ResultStore(budget_bytes(), Slots(slots_from_env(COMPUTE_SLOTS_ENV)))
set_flag_cache_bytes(budget_bytes(name=FLAG_CACHE_MB_ENV, default_mb=DEFAULT_FLAG_CACHE_MB))


def clear() -> None:
    """Forget every cached result (benchmarks time the uncached path with this)."""
    STORE.clear()


def _compute(name: str, facts: Facts, period: Period, filters: Filters, extra: tuple[Any, ...]) -> Any:
    if name == "indicators":
        return metrics.compute_indicators(facts, period, filters)
    if name == "grouped":
        return metrics.compute_grouped(facts, period, filters, by=extra[0])
    # Warnings and the ranking read the grouped table of the same selection: take it from this cache.
    if name == "warnings":
        return metrics.compute_warnings(facts, period, filters, by=extra[0], as_of=extra[1],
                                        grouped=grouped(facts, period, filters, extra[0]))
    if name == "rank":
        return metrics.rank(facts, period, by=extra[0], filters=filters,
                            grouped=grouped(facts, period, filters, extra[0]))
    if name == "drill":
        return metrics.drill_records(facts, extra[0], period, filters)
    if name == "decision_mix":
        return metrics.decision_mix(facts, period, filters)
    if name == "held":
        return metrics.held_records(facts, period, filters)
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


def held(facts: Facts, period: Period, filters: Filters) -> int:
    """Records in the selection holding a value that waits to be confirmed (etl.metrics.held)."""
    count: int = _get("held", facts, period, filters, ())
    return count


def drill(facts: Facts, key: str, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("drill", facts, period, filters, (key,))
    return frame


def decision_mix(facts: Facts, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("decision_mix", facts, period, filters, ())
    return frame
