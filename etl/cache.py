"""The one cache primitive of the process: least-recently-used, bounded by bytes, single-flight.

Every cache of Liandong is an instance of :class:`BoundedCache` — the facts of a data version, the
indicator results, the engine's per-period flags, a liaison's scoped facts, briefing previews, screen
panels. One primitive, so that the three properties a shared server needs hold everywhere:

- **bounded by bytes**, not by a count of entries: at province scale one grouped-by-agency frame is
  megabytes while an indicator set is kilobytes, so a count says nothing about memory;
- **single flight**: when many sessions miss the same key at once (twenty viewers opening the overview
  of a server that has just started), one computes and the others wait for its value — with a
  timeout, after which :class:`StillLoading` lets a page say 数据加载中 instead of blocking silently;
- **a failure is not stored**: the computing thread and the threads that waited for that computation
  get its exception; the next call computes again.

Entries may be tied to an *anchor* object (a ``Facts`` or a fact frame): a hit needs that very object
alive (checked through a weak reference), so values derived from the facts of an older data version
are never served for newer ones, and they are dropped once their facts are gone.

Lock order, which keeps it free of deadlocks: a computing thread enters its *gate* (a compute slot,
:class:`dashboard.concurrency.Slots`) before it claims a key, never the other way round; a thread
that waits for someone else's key holds no gate of its own unless it is itself computing.

No Streamlit here: the indicator engine (``etl.metrics``) uses the same primitive.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

import polars as pl

V = TypeVar("V")

#: What a value of unknown size counts as (an indicator set: a few dozen small dataclasses).
SMALL_VALUE_BYTES = 64 * 1024
#: How deep :func:`estimated_bytes` looks into containers and dataclasses.
_SIZE_DEPTH = 4

Gate = Callable[[], AbstractContextManager[None]]


class StillLoading(TimeoutError):
    """Another session is computing this value and did not finish within the wait; ask again later."""

    def __init__(self, cache: str, waited: float) -> None:
        super().__init__(f"数据加载中：{cache} 仍在计算（已等待 {waited:.1f} 秒）")
        self.cache = cache
        self.waited = waited


def estimated_bytes(value: object, depth: int = _SIZE_DEPTH) -> int:
    """What a cached value is counted as: frames by Polars' estimate, bytes and text by length,
    containers and dataclasses by their parts; anything else a small fixed amount."""
    if isinstance(value, pl.DataFrame | pl.Series):
        return int(value.estimated_size()) + 1024
    if isinstance(value, bytes | bytearray):
        return len(value) + 64
    if isinstance(value, str):
        return len(value.encode("utf-8")) + 64
    if depth > 0:
        parts: list[object] | None = None
        if isinstance(value, list | tuple | frozenset | set):
            parts = list(value)
        elif isinstance(value, dict):
            parts = [*value.keys(), *value.values()]
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = [getattr(value, f.name) for f in dataclasses.fields(value)]
        if parts is not None and any(isinstance(p, pl.DataFrame | pl.Series | bytes | str | list | tuple | dict)
                                     or dataclasses.is_dataclass(p) for p in parts):
            return 256 + sum(estimated_bytes(p, depth - 1) for p in parts)
    return SMALL_VALUE_BYTES


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0  # computations started
    evictions: int = 0
    waits: int = 0  # calls that waited for another thread's computation
    timeouts: int = 0  # waits that ended in StillLoading


@dataclass
class _Entry(Generic[V]):
    value: V
    size: int
    anchor: weakref.ref[object] | None


class _Flight(Generic[V]):
    """One computation in progress: its owner, and what it produced once ``done`` is set."""

    def __init__(self) -> None:
        self.owner = threading.get_ident()
        self.done = threading.Event()
        self.value: V | None = None
        self.error: BaseException | None = None


_MISSING = object()


def _no_gate() -> AbstractContextManager[None]:
    return contextlib.nullcontext()


class BoundedCache(Generic[V]):
    """A thread-safe LRU map from hashable keys to values, bounded by the summed ``size_of`` of its values.

    :meth:`get_or_compute` is the way in. A value larger than the whole budget is returned (also to the
    threads that waited for it) but not kept.
    """

    def __init__(self, name: str, max_bytes: int, *, size_of: Callable[[V], int] = estimated_bytes,
                 gate: Gate | None = None) -> None:
        self.name = name
        self.max_bytes = max_bytes
        self.size_of = size_of
        self.gate: Gate = gate or _no_gate
        self.bytes = 0
        self.stats = CacheStats()
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, _Entry[V]] = OrderedDict()
        self._flights: dict[Hashable, _Flight[V]] = {}
        self._dead_anchors: list[int] = []  # ids of anchors collected since the last purge

    # -- reading -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        """Whether an entry of ``key`` is stored (anchored or not); no hit is counted."""
        with self._lock:
            return any(self._user_key(k) == key for k in self._entries)

    def peek(self, key: Hashable, anchor: object | None = None) -> V | None:
        """The cached value (counted as a hit and made most recent), or None; never computes or waits."""
        with self._lock:
            found = self._hit(self._slot_key(key, anchor), anchor)
        return None if found is _MISSING else found  # type: ignore[return-value]

    def get_or_compute(self, key: Hashable, compute: Callable[[], V], *, anchor: object | None = None,
                       wait: float | None = None) -> V:
        """The value of ``key``: cached, or computed once however many threads ask at the same moment.

        ``anchor``: the value holds only while this object lives (and is this object).
        ``wait``: the longest this call waits for *another* thread's computation of the key before it
        raises :class:`StillLoading` (None: as long as it takes). Its own computation is never cut short.
        """
        slot_key = self._slot_key(key, anchor)
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            with self._lock:
                found, flight = self._hit_or_flight(slot_key, anchor)
            if found is not _MISSING:
                return found  # type: ignore[return-value]
            if flight is not None:  # someone else computes it: wait holding no gate
                return self._await(flight, deadline, wait)
            with self.gate():
                with self._lock:
                    found, flight = self._hit_or_flight(slot_key, anchor)
                    mine: _Flight[V] | None = None
                    if found is _MISSING and flight is None:
                        mine = _Flight()
                        self._flights[slot_key] = mine
                        self.stats.misses += 1
                if found is not _MISSING:
                    return found  # type: ignore[return-value]
                if mine is None:
                    continue  # someone started it while this thread entered the gate: leave it, wait
                return self._compute(slot_key, mine, compute, anchor)

    # -- writing -----------------------------------------------------------------------------------

    def put(self, key: Hashable, value: V, *, anchor: object | None = None) -> None:
        self._store(self._slot_key(key, anchor), value, anchor, self.size_of(value))

    def discard(self, predicate: Callable[[Hashable], bool]) -> int:
        """Drop every entry whose key (as given, without its anchor) satisfies ``predicate``."""
        with self._lock:
            doomed = [k for k in self._entries if predicate(self._user_key(k))]
            for k in doomed:
                self.bytes -= self._entries.pop(k).size
        return len(doomed)

    def resize(self, max_bytes: int) -> None:
        with self._lock:
            self.max_bytes = max_bytes
            self._evict_over_budget()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def keys(self) -> Iterator[Hashable]:
        """The keys (as given, without anchors), least recently used first."""
        with self._lock:
            keys = [self._user_key(k) for k in self._entries]
        return iter(keys)

    # -- internals (``self._lock`` held where noted) ----------------------------------------------

    @staticmethod
    def _slot_key(key: Hashable, anchor: object | None) -> Hashable:
        return key if anchor is None else (_Anchored(id(anchor)), key)

    @staticmethod
    def _anchored(slot_key: Hashable) -> bool:
        return isinstance(slot_key, tuple) and len(slot_key) == 2 and isinstance(slot_key[0], _Anchored)

    @classmethod
    def _user_key(cls, slot_key: Hashable) -> Hashable:
        """The key as the caller gave it (without the anchor's id)."""
        if cls._anchored(slot_key):
            return cast(tuple[object, Hashable], slot_key)[1]
        return slot_key

    def _hit(self, slot_key: Hashable, anchor: object | None) -> object:
        """Under the lock: the live value of the key, made most recent, or ``_MISSING``."""
        self._purge_dead()
        entry = self._entries.get(slot_key)
        if entry is None or (entry.anchor is not None and entry.anchor() is not anchor):
            return _MISSING
        self._entries.move_to_end(slot_key)
        self.stats.hits += 1
        return entry.value

    def _hit_or_flight(self, slot_key: Hashable, anchor: object | None) -> tuple[object, _Flight[V] | None]:
        found = self._hit(slot_key, anchor)
        if found is not _MISSING:
            return found, None
        flight = self._flights.get(slot_key)
        if flight is not None and flight.owner == threading.get_ident():
            raise RuntimeError(f"{self.name}: computing a value asks for its own result")
        return _MISSING, flight

    def _await(self, flight: _Flight[V], deadline: float | None, wait: float | None) -> V:
        with self._lock:
            self.stats.waits += 1
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not flight.done.wait(timeout):
            with self._lock:
                self.stats.timeouts += 1
            raise StillLoading(self.name, wait or 0.0)
        if flight.error is not None:
            raise flight.error
        return flight.value  # type: ignore[return-value]  # set before done

    def _compute(self, slot_key: Hashable, mine: _Flight[V], compute: Callable[[], V], anchor: object | None) -> V:
        try:
            value = compute()
            mine.value = value
            self._store(slot_key, value, anchor, self.size_of(value))
            return value
        except BaseException as exc:
            mine.error = exc
            raise
        finally:
            with self._lock:
                del self._flights[slot_key]
            mine.done.set()

    def _store(self, slot_key: Hashable, value: V, anchor: object | None, size: int) -> None:
        ref = None if anchor is None else weakref.ref(anchor, self._on_anchor_gone)
        with self._lock:
            old = self._entries.pop(slot_key, None)
            if old is not None:
                self.bytes -= old.size
            if size > self.max_bytes:
                return
            self._entries[slot_key] = _Entry(value, size, ref)
            self.bytes += size
            self._evict_over_budget()

    def _evict_over_budget(self) -> None:
        while self.bytes > self.max_bytes and self._entries:
            _, dropped = self._entries.popitem(last=False)
            self.bytes -= dropped.size
            self.stats.evictions += 1

    def _on_anchor_gone(self, ref: weakref.ref[object]) -> None:
        # Called by the garbage collector, possibly while this thread holds the lock: only note it.
        self._dead_anchors.append(1)

    def _purge_dead(self) -> None:
        """Under the lock: drop entries whose anchor is gone (their facts were replaced by a reload)."""
        if not self._dead_anchors:
            return
        self._dead_anchors.clear()
        for k in [k for k, e in self._entries.items() if e.anchor is not None and e.anchor() is None]:
            self.bytes -= self._entries.pop(k).size


@dataclass(frozen=True)
class _Anchored:
    """The id of an anchor object inside a key (its own type, so it never equals a user key's part)."""

    object_id: int


__all__ = ["BoundedCache", "CacheStats", "Gate", "SMALL_VALUE_BYTES", "StillLoading", "estimated_bytes"]
