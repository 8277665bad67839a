"""The result cache is keyed by value: equal periods/filters hit, different ones never collide."""

from __future__ import annotations

import hashlib

from streamlit.runtime.caching.cache_type import CacheType
from streamlit.runtime.caching.hashing import update_hash

from etl.metrics import Filters, parse_period


def key(value: object) -> str:
    digest = hashlib.new("md5")
    update_hash(value, digest, CacheType.RESOURCE)
    return digest.hexdigest()


def test_periods_and_filters_hash_by_value() -> None:
    assert key(parse_period("2025H1")) == key(parse_period("2025H1"))
    assert key(parse_period("2025H1")) != key(parse_period("2025H2"))
    assert key(parse_period("2025-01-01..2025-03-31")) != key(parse_period("2025Q1"))  # same span, other kind
    assert key(Filters(unit_ids=(3,))) == key(Filters(unit_ids=(3,)))
    assert key(Filters(unit_ids=(3,))) != key(Filters(township_ids=(3,)))


def test_result_cache_keys_are_flat_value_tuples() -> None:
    """Period and filters enter the cache key as flat tuples: equal values, equal keys; any differing
    field (also one of the same span) gives another key, so no two selections share a cached result."""
    from dashboard.metrics_cache import value_key

    h1 = parse_period("2025H1")
    assert value_key(h1) == ("Period", h1.start, h1.end, "half", h1.label_zh, h1.label_en)
    assert value_key(parse_period("2025H1")) == value_key(h1)
    assert value_key(parse_period("2025-01-01..2025-06-30")) != value_key(h1)  # same span, other kind
    assert value_key(Filters(unit_ids=(3,))) == value_key(Filters(unit_ids=(3,)))
    assert value_key(Filters(unit_ids=(3,))) != value_key(Filters(township_ids=(3,)))
    assert value_key(Filters()) != value_key(Filters(region_ids=(1,)))
    # The keys hash quickly: no dataclass is left for Streamlit to deep-copy.
    assert all(not hasattr(v, "__dataclass_fields__") for v in value_key(h1))


def _frame(rows: int) -> object:
    import polars as pl

    return pl.DataFrame({"x": list(range(rows))}, schema={"x": pl.Int64})  # 8 bytes a row


def test_result_store_is_bounded_by_bytes_and_evicts_least_recently_used() -> None:
    from dashboard.metrics_cache import ResultStore, result_bytes

    one = result_bytes(_frame(1000))
    assert one == 8000 + 1024  # Int64 column of 1,000 rows + the fixed overhead
    store = ResultStore(max_bytes=3 * one)
    calls: list[str] = []

    def compute(name: str) -> object:
        calls.append(name)
        return _frame(1000)

    for name in ("a", "b", "c"):
        store.get_or_compute((name,), lambda n=name: compute(n))
    assert len(store) == 3 and store.bytes == 3 * one
    store.get_or_compute(("a",), lambda: compute("a again"))  # hit: "a" becomes the most recent
    store.get_or_compute(("d",), lambda: compute("d"))  # over budget: the least recent ("b") goes
    assert calls == ["a", "b", "c", "d"]
    assert store.bytes == 3 * one and store.stats.evictions == 1
    store.get_or_compute(("a",), lambda: compute("a again"))
    store.get_or_compute(("b",), lambda: compute("b again"))
    assert calls[-1] == "b again" and "a again" not in calls
    # A result larger than the whole budget is returned but not kept.
    big = store.get_or_compute(("big",), lambda: _frame(10_000))
    assert big.height == 10_000 and ("big",) not in store._entries and store.bytes <= 3 * one


def test_result_store_computes_a_key_once_for_concurrent_sessions() -> None:
    import threading
    import time

    from dashboard.metrics_cache import ResultStore

    store = ResultStore(max_bytes=10**9)
    calls: list[int] = []

    def slow() -> object:
        calls.append(1)
        time.sleep(0.2)
        return _frame(10)

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(store.get_or_compute(("k",), slow)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len(results) == 8 and all(r is results[0] for r in results)
    assert store.stats.misses + store.stats.hits == 8 and store.stats.misses >= 1


def test_a_failed_computation_is_not_cached() -> None:
    from dashboard.metrics_cache import ResultStore

    store = ResultStore(max_bytes=10**6)

    def boom() -> object:
        raise RuntimeError("driver gone")

    try:
        store.get_or_compute(("k",), boom)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the error must reach the caller")
    assert len(store) == 0 and store.get_or_compute(("k",), lambda: _frame(1)).height == 1


def test_cache_budget_comes_from_the_environment() -> None:
    from dashboard.metrics_cache import DEFAULT_CACHE_MB, budget_bytes

    assert budget_bytes({}) == DEFAULT_CACHE_MB * 2**20
    assert budget_bytes({"LIANDONG_RESULT_CACHE_MB": "64"}) == 64 * 2**20
    assert budget_bytes({"LIANDONG_RESULT_CACHE_MB": "lots"}) == DEFAULT_CACHE_MB * 2**20
    assert budget_bytes({"LIANDONG_RESULT_CACHE_MB": "-5"}) == DEFAULT_CACHE_MB * 2**20


# --- Bounded concurrency: at most K computations at once, no deadlock (benchmarks/results/load.md §4) ---


def _run_threads(targets: list[object], timeout: float = 10) -> None:
    """Start one daemon thread per target and join them; a thread still alive after ``timeout`` is a
    deadlock, reported as a failure instead of a hung test run."""
    import threading

    threads = [threading.Thread(target=t, daemon=True) for t in targets]  # type: ignore[arg-type]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "threads still waiting: deadlock"


def test_slot_limits_come_from_the_environment_and_default_to_the_cores() -> None:
    import os

    from dashboard.concurrency import slots_from_env

    name = "LIANDONG_COMPUTE_SLOTS"
    assert slots_from_env(name, {name: "3"}) == 3
    assert slots_from_env(name, {name: " 0 "}) == 0  # no limit
    cores = len(os.sched_getaffinity(0))
    assert slots_from_env(name, {}) == cores
    assert slots_from_env(name, {name: "-1"}) == cores
    assert slots_from_env(name, {name: "many"}) == cores
    assert slots_from_env(name, {"LIANDONG_PAGE_SLOTS": "5"}) == cores  # each limit reads its own variable


def test_at_most_k_computations_run_at_once_and_each_result_is_its_own() -> None:
    import threading
    import time

    from dashboard.concurrency import Slots
    from dashboard.metrics_cache import ResultStore

    store = ResultStore(max_bytes=10**9, slots=Slots(2))
    lock = threading.Lock()
    running, peak = [0], [0]
    results: dict[int, object] = {}

    def compute(n: int) -> object:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return _frame(n + 1)

    def session(n: int) -> None:
        results[n] = store.get_or_compute(("grouped", n), lambda: compute(n))

    _run_threads([lambda n=n: session(n) for n in range(12)])
    assert peak[0] == 2 and store.slots.peak == 2  # bounded, and the bound was reached (two ran together)
    assert {n: r.height for n, r in results.items()} == {n: n + 1 for n in range(12)}  # type: ignore[attr-defined]
    assert store.stats.misses == 12 and store.slots.running == 0


def test_sessions_waiting_for_a_key_being_computed_hold_no_slot() -> None:
    """Two slots: A computes k and cannot finish until C's computation of another key has run. B waits for
    k meanwhile. If B's wait held a slot, C would get none and A would never finish."""
    import threading

    from dashboard.concurrency import Slots
    from dashboard.metrics_cache import ResultStore

    store = ResultStore(max_bytes=10**9, slots=Slots(2))
    a_started, c_done = threading.Event(), threading.Event()
    got: dict[str, object] = {}

    def compute_k() -> object:
        a_started.set()
        assert c_done.wait(5), "the other key never got a slot"
        return _frame(3)

    def a() -> None:
        got["a"] = store.get_or_compute(("k",), compute_k)

    def b() -> None:
        a_started.wait(5)
        got["b"] = store.get_or_compute(("k",), lambda: _frame(99))

    def c() -> None:
        a_started.wait(5)  # A holds a slot from here on
        got["c"] = store.get_or_compute(("j",), lambda: _frame(1))
        c_done.set()

    _run_threads([a, b, c])
    assert got["a"] is got["b"] and got["a"].height == 3 and got["c"].height == 1  # type: ignore[attr-defined]
    assert store.stats.misses == 2


def test_a_computation_that_needs_another_cached_result_does_not_deadlock_with_one_slot() -> None:
    """Re-entrancy: with a single slot, computing "outer" asks the store for "inner" (computed in the slot
    it already holds), while other threads ask for "inner" and "outer" directly at the same time."""
    from dashboard.concurrency import Slots
    from dashboard.metrics_cache import ResultStore

    store = ResultStore(max_bytes=10**9, slots=Slots(1))
    calls: list[str] = []

    def inner() -> object:
        calls.append("inner")
        return _frame(2)

    def outer() -> object:
        calls.append("outer")
        nested = store.get_or_compute(("inner",), inner)
        return _frame(nested.height + 5)  # type: ignore[attr-defined]

    got: list[int] = []
    targets = [lambda: got.append(store.get_or_compute(("outer",), outer).height),
               lambda: got.append(store.get_or_compute(("inner",), inner).height)] * 4
    _run_threads(targets)
    assert sorted(got) == [2] * 4 + [7] * 4
    assert sorted(calls) == ["inner", "outer"]  # each computed once
    assert store.slots.peak == 1 and store.slots.running == 0


def test_a_computation_asking_for_its_own_result_fails_instead_of_hanging() -> None:
    from dashboard.concurrency import Slots
    from dashboard.metrics_cache import ResultStore

    store = ResultStore(max_bytes=10**9, slots=Slots(1))

    def loop() -> object:
        return store.get_or_compute(("self",), loop)

    try:
        store.get_or_compute(("self",), loop)
    except RuntimeError as exc:
        assert "its own result" in str(exc)
    else:
        raise AssertionError("a self-referencing computation must raise")
    # The slot and the key were given back: the next computation runs.
    assert store.get_or_compute(("self",), lambda: _frame(4)).height == 4 and store.slots.running == 0


def test_a_failed_computation_gives_its_slot_back_and_its_waiters_retry() -> None:
    import threading
    import time

    from dashboard.concurrency import Slots
    from dashboard.metrics_cache import ResultStore

    store = ResultStore(max_bytes=10**9, slots=Slots(1))
    started = threading.Event()
    outcomes: list[object] = []

    def failing() -> object:
        started.set()
        time.sleep(0.1)
        raise RuntimeError("driver gone")

    def first() -> None:
        try:
            store.get_or_compute(("k",), failing)
        except RuntimeError as exc:
            outcomes.append(str(exc))

    def second() -> None:
        started.wait(5)
        outcomes.append(store.get_or_compute(("k",), lambda: _frame(6)).height)  # waited, then computed

    _run_threads([first, second])
    assert sorted(map(str, outcomes)) == ["6", "driver gone"]
    assert store.slots.running == 0 and len(store) == 1


def test_indicator_results_are_the_same_through_a_one_slot_store_under_concurrency(tmp_path, monkeypatch) -> None:
    """The real indicator functions, 12 threads over 4 selections through a one-slot store, against the
    engine called directly: identical figures."""
    import polars.testing

    from dashboard import metrics_cache
    from dashboard.concurrency import Slots
    from etl.db.engine import make_engine
    from etl.db.migrate import upgrade
    from etl.demo import load_demo
    from etl.metrics import compute_grouped, compute_indicators, load_facts

    url = f"sqlite:///{tmp_path / 'county.sqlite'}"
    upgrade(url)
    load_demo(url)
    engine = make_engine(url)
    facts = load_facts(engine)
    engine.dispose()
    monkeypatch.setattr(metrics_cache, "STORE", metrics_cache.ResultStore(10**9, Slots(1)))
    selections = [(parse_period(p), Filters()) for p in ("2024", "2025", "2025H1", "2025Q3")]
    got: dict[tuple[int, int], tuple[object, object]] = {}

    def session(n: int) -> None:
        period, filters = selections[n % 4]
        got[(n % 4, n)] = (metrics_cache.indicators(facts, period, filters).to_json_dict(),
                           metrics_cache.grouped(facts, period, filters, by="unit"))

    _run_threads([lambda n=n: session(n) for n in range(12)], timeout=120)
    assert len(got) == 12 and metrics_cache.STORE.slots.peak == 1
    for (i, _n), (indicators, grouped) in got.items():
        period, filters = selections[i]
        assert indicators == compute_indicators(facts, period, filters).to_json_dict()
        polars.testing.assert_frame_equal(grouped, compute_grouped(facts, period, filters, by="unit"))
    assert metrics_cache.STORE.stats.misses == 8  # 4 selections x 2 kinds, each computed once


def test_a_page_waits_for_a_slot_at_most_its_wait_then_runs_without_one() -> None:
    """Page slots: the second page waits while the first holds the only slot, but not past ``wait``: a long
    page (an import) never stalls everyone else."""
    import threading
    import time

    from dashboard.concurrency import Slots

    pages = Slots(1, wait=0.2)
    release, order = threading.Event(), []

    def long_page() -> None:
        with pages.slot():
            order.append("long starts")
            release.wait(5)
        order.append("long ends")

    def short_page() -> None:
        time.sleep(0.05)
        start = time.perf_counter()
        with pages.slot():
            order.append(f"short runs after {time.perf_counter() - start:.1f} s")
        release.set()

    _run_threads([long_page, short_page])
    assert order == ["long starts", "short runs after 0.2 s", "long ends"]
    assert pages.overflows == 1 and pages.peak == 2 and pages.running == 0
    with pages.slot():  # the slot the long page held was given back
        assert pages.running == 1
    assert pages.overflows == 1


def test_flag_cache_bound_comes_from_the_environment_and_shrinking_it_evicts() -> None:
    import weakref

    import polars as pl

    from dashboard.metrics_cache import DEFAULT_FLAG_CACHE_MB, FLAG_CACHE_MB_ENV, budget_bytes
    from etl.metrics import engine

    assert budget_bytes({}, FLAG_CACHE_MB_ENV, DEFAULT_FLAG_CACHE_MB) == DEFAULT_FLAG_CACHE_MB * 2**20
    assert budget_bytes({FLAG_CACHE_MB_ENV: "64"}, FLAG_CACHE_MB_ENV, DEFAULT_FLAG_CACHE_MB) == 64 * 2**20
    assert engine.FLAG_CACHE.max_bytes == budget_bytes(name=FLAG_CACHE_MB_ENV, default_mb=DEFAULT_FLAG_CACHE_MB)
    previous = engine.FLAG_CACHE.max_bytes
    frame = pl.DataFrame({"a": [1]})
    try:
        engine.FLAG_CACHE.clear()
        for key in range(3):
            engine.FLAG_CACHE.put(("test", key), engine._Entry(weakref.ref(frame), None, frame, 1000))  # type: ignore[arg-type]
        engine.set_flag_cache_bytes(2500)
        assert len(engine.FLAG_CACHE) == 2 and engine.FLAG_CACHE.get(("test", 0), frame) is None  # oldest left
        assert engine.FLAG_CACHE.get(("test", 2), frame) is not None
    finally:
        engine.FLAG_CACHE.clear()
        engine.set_flag_cache_bytes(previous)
