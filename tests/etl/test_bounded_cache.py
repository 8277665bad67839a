"""The one cache primitive (etl.cache.BoundedCache): single flight, bytes bound, failures not stored,
waits with a timeout, anchors, gates."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

import polars as pl
import pytest

from dashboard.concurrency import Slots
from etl.cache import BoundedCache, StillLoading, estimated_bytes


def frame(rows: int) -> pl.DataFrame:
    return pl.DataFrame({"x": list(range(rows))}, schema={"x": pl.Int64})  # 8 bytes a row


def run_threads(targets: list[Callable[[], object]], timeout: float = 10) -> None:
    """One daemon thread per target, joined; a thread still alive after ``timeout`` is a deadlock,
    reported as a failure instead of a hung test run."""
    threads = [threading.Thread(target=t, daemon=True) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "threads still waiting: deadlock"


def test_concurrent_misses_of_one_key_compute_once_and_share_the_value() -> None:
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 10**9)
    calls: list[int] = []
    start = threading.Barrier(12)

    def slow() -> pl.DataFrame:
        calls.append(1)
        time.sleep(0.2)
        return frame(10)

    results: list[pl.DataFrame] = []

    def session() -> None:
        start.wait()
        results.append(cache.get_or_compute("k", slow))

    run_threads([session] * 12)
    assert len(calls) == 1 and len(results) == 12 and all(r is results[0] for r in results)
    assert cache.stats.misses == 1 and cache.stats.hits + cache.stats.waits == 11


def test_the_bytes_bound_evicts_the_least_recently_used() -> None:
    one = estimated_bytes(frame(1000))
    assert one == 8000 + 1024  # Int64 column of 1,000 rows + the fixed overhead
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 3 * one)
    calls: list[str] = []

    def compute(name: str) -> pl.DataFrame:
        calls.append(name)
        return frame(1000)

    for name in ("a", "b", "c"):
        cache.get_or_compute(name, lambda n=name: compute(n))  # type: ignore[misc]
    assert len(cache) == 3 and cache.bytes == 3 * one
    cache.get_or_compute("a", lambda: compute("a again"))  # a hit: "a" becomes the most recent
    cache.get_or_compute("d", lambda: compute("d"))  # over budget: the least recent ("b") goes
    assert calls == ["a", "b", "c", "d"]
    assert cache.bytes == 3 * one and cache.stats.evictions == 1 and list(cache.keys()) == ["c", "a", "d"]
    cache.get_or_compute("b", lambda: compute("b again"))
    assert calls[-1] == "b again" and "a again" not in calls
    cache.resize(one)  # shrinking evicts down to the new bound, oldest first
    assert list(cache.keys()) == ["b"] and cache.bytes == one


def test_a_value_larger_than_the_budget_reaches_every_waiter_but_is_not_kept() -> None:
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 1000)
    started = threading.Event()
    got: list[int] = []

    def big() -> pl.DataFrame:
        started.set()
        time.sleep(0.1)
        return frame(10_000)

    def first() -> None:
        got.append(cache.get_or_compute("big", big).height)

    def second() -> None:
        started.wait(5)
        got.append(cache.get_or_compute("big", lambda: frame(1)).height)  # joins the flight: 10,000 rows

    run_threads([first, second])
    assert got == [10_000, 10_000] and "big" not in cache and cache.bytes == 0


def test_a_failing_computation_reaches_its_waiters_and_does_not_poison_the_key() -> None:
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 10**6)
    started = threading.Event()
    outcomes: list[str] = []

    def failing() -> pl.DataFrame:
        started.set()
        time.sleep(0.1)
        raise RuntimeError("driver gone")

    def first() -> None:
        try:
            cache.get_or_compute("k", failing)
        except RuntimeError as exc:
            outcomes.append(f"first: {exc}")

    def second() -> None:
        started.wait(5)
        try:  # waited for that computation: its failure, not a second 30-second attempt of its own
            cache.get_or_compute("k", lambda: frame(6))
        except RuntimeError as exc:
            outcomes.append(f"second: {exc}")

    run_threads([first, second])
    assert sorted(outcomes) == ["first: driver gone", "second: driver gone"]
    assert len(cache) == 0 and cache.get_or_compute("k", lambda: frame(6)).height == 6  # the next call computes


def test_a_wait_that_runs_out_raises_still_loading_and_a_later_call_gets_the_value() -> None:
    cache: BoundedCache[pl.DataFrame] = BoundedCache("facts", 10**6)
    release, started = threading.Event(), threading.Event()

    def slow_read() -> pl.DataFrame:
        started.set()
        assert release.wait(5)
        return frame(3)

    reader = threading.Thread(target=lambda: cache.get_or_compute("k", slow_read), daemon=True)
    reader.start()
    assert started.wait(5)
    began = time.perf_counter()
    with pytest.raises(StillLoading) as caught:
        cache.get_or_compute("k", lambda: frame(99), wait=0.2)
    assert 0.15 < time.perf_counter() - began < 3
    assert "数据加载中" in str(caught.value) and cache.stats.timeouts == 1
    release.set()
    reader.join(5)
    assert cache.get_or_compute("k", lambda: frame(99), wait=0.2).height == 3  # the reader's value, no new read


def test_an_anchored_value_holds_only_for_its_anchor_and_goes_with_it() -> None:
    class Anchor:
        pass

    cache: BoundedCache[int] = BoundedCache("t", 10**6, size_of=lambda _v: 100)
    first, second = Anchor(), Anchor()
    assert cache.get_or_compute("options", lambda: 1, anchor=first) == 1
    assert cache.get_or_compute("options", lambda: 2, anchor=first) == 1
    assert cache.get_or_compute("options", lambda: 3, anchor=second) == 3  # another facts object: its own value
    assert cache.peek("options", anchor=first) == 1 and cache.peek("options") is None
    del first
    gc.collect()
    assert cache.peek("options", anchor=second) == 3
    assert len(cache) == 1 and cache.bytes == 100  # the dead anchor's entry was dropped on the next look


def test_discard_drops_the_entries_a_predicate_names() -> None:
    cache: BoundedCache[int] = BoundedCache("t", 10**6, size_of=lambda _v: 10)
    for version in (1, 2, 3):
        cache.get_or_compute(("facts", "db", version), lambda v=version: v)  # type: ignore[misc]
    assert cache.discard(lambda key: isinstance(key, tuple) and key[2] < 3) == 2
    assert list(cache.keys()) == [("facts", "db", 3)] and cache.bytes == 10


# --- The gate: at most K computations at once, no deadlock ---------------------------------------


def test_at_most_k_computations_run_at_once_and_each_result_is_its_own() -> None:
    slots = Slots(2)
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 10**9, gate=slots.slot)
    lock = threading.Lock()
    running, peak = [0], [0]
    results: dict[int, pl.DataFrame] = {}

    def compute(n: int) -> pl.DataFrame:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return frame(n + 1)

    def session(n: int) -> None:
        results[n] = cache.get_or_compute(("grouped", n), lambda: compute(n))

    run_threads([lambda n=n: session(n) for n in range(12)])  # type: ignore[misc]
    assert peak[0] == 2 and slots.peak == 2  # bounded, and the bound was reached (two ran together)
    assert {n: r.height for n, r in results.items()} == {n: n + 1 for n in range(12)}
    assert cache.stats.misses == 12 and slots.running == 0


def test_sessions_waiting_for_a_key_being_computed_hold_no_slot() -> None:
    """Two slots: A computes k and cannot finish until C's computation of another key has run. B waits for
    k meanwhile. If B's wait held a slot, C would get none and A would never finish."""
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 10**9, gate=Slots(2).slot)
    a_started, c_done = threading.Event(), threading.Event()
    got: dict[str, pl.DataFrame] = {}

    def compute_k() -> pl.DataFrame:
        a_started.set()
        assert c_done.wait(5), "the other key never got a slot"
        return frame(3)

    def a() -> None:
        got["a"] = cache.get_or_compute("k", compute_k)

    def b() -> None:
        a_started.wait(5)
        got["b"] = cache.get_or_compute("k", lambda: frame(99))

    def c() -> None:
        a_started.wait(5)  # A holds a slot from here on
        got["c"] = cache.get_or_compute("j", lambda: frame(1))
        c_done.set()

    run_threads([a, b, c])
    assert got["a"] is got["b"] and got["a"].height == 3 and got["c"].height == 1
    assert cache.stats.misses == 2


def test_a_computation_that_needs_another_cached_value_does_not_deadlock_with_one_slot() -> None:
    slots = Slots(1)
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 10**9, gate=slots.slot)
    calls: list[str] = []

    def inner() -> pl.DataFrame:
        calls.append("inner")
        return frame(2)

    def outer() -> pl.DataFrame:
        calls.append("outer")
        return frame(cache.get_or_compute("inner", inner).height + 5)

    got: list[int] = []
    targets: list[Callable[[], object]] = [lambda: got.append(cache.get_or_compute("outer", outer).height),
                                           lambda: got.append(cache.get_or_compute("inner", inner).height)] * 4
    run_threads(targets)
    assert sorted(got) == [2] * 4 + [7] * 4
    assert sorted(calls) == ["inner", "outer"]  # each computed once
    assert slots.peak == 1 and slots.running == 0


def test_a_computation_asking_for_its_own_value_fails_instead_of_hanging() -> None:
    slots = Slots(1)
    cache: BoundedCache[pl.DataFrame] = BoundedCache("t", 10**9, gate=slots.slot)

    def loop() -> pl.DataFrame:
        return cache.get_or_compute("self", loop)

    with pytest.raises(RuntimeError, match="its own result"):
        cache.get_or_compute("self", loop)
    # The slot and the key were given back: the next computation runs.
    assert cache.get_or_compute("self", lambda: frame(4)).height == 4 and slots.running == 0
