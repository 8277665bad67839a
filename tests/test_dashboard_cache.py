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
