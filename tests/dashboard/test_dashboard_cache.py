"""The results cache is keyed by value (equal periods/filters hit, different ones never collide), gives the
same figures as the engine under concurrency, and is bounded by the settings."""

from __future__ import annotations

import polars as pl

from etl.metrics import Filters, parse_period


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
    from etl.cache import BoundedCache

    one_slot = Slots(1)
    monkeypatch.setattr(metrics_cache, "RESULTS", BoundedCache("results", 10**9, gate=one_slot.slot))
    selections = [(parse_period(p), Filters()) for p in ("2024", "2025", "2025H1", "2025Q3")]
    got: dict[tuple[int, int], tuple[object, object]] = {}

    def session(n: int) -> None:
        period, filters = selections[n % 4]
        got[(n % 4, n)] = (metrics_cache.indicators(facts, period, filters).to_json_dict(),
                           metrics_cache.grouped(facts, period, filters, by="unit"))

    _run_threads([lambda n=n: session(n) for n in range(12)], timeout=120)
    assert len(got) == 12 and one_slot.peak == 1
    for (i, _n), (indicators, grouped) in got.items():
        period, filters = selections[i]
        assert indicators == compute_indicators(facts, period, filters).to_json_dict()
        polars.testing.assert_frame_equal(grouped, compute_grouped(facts, period, filters, by="unit"))
    assert metrics_cache.RESULTS.stats.misses == 8  # 4 selections x 2 kinds, each computed once


def test_a_page_waits_for_a_slot_at_most_its_wait_then_runs_without_one() -> None:
    """Page slots: the second page waits while the first holds the only slot, but not past ``wait``: a long
    page (an import) never stalls everyone else."""
    import threading
    import time

    from dashboard.concurrency import Slots

    pages = Slots(1, wait=0.2)
    release, started, order, waited = threading.Event(), threading.Event(), [], []

    def long_page() -> None:
        with pages.slot():
            order.append("long starts")
            started.set()
            release.wait(5)
        order.append("long ends")

    def short_page() -> None:
        started.wait(5)
        start = time.perf_counter()
        with pages.slot():
            waited.append(time.perf_counter() - start)
            order.append("short runs")
        release.set()

    _run_threads([long_page, short_page])
    assert order == ["long starts", "short runs", "long ends"]
    assert 0.19 <= waited[0] < 3  # the wait, not the long page's 5 s (a busy machine may add some)
    assert pages.overflows == 1 and pages.peak == 2 and pages.running == 0
    with pages.slot():  # the slot the long page held was given back
        assert pages.running == 1
    assert pages.overflows == 1


def test_settings_bound_the_caches_and_slots_of_the_process() -> None:
    """``dashboard.caches.configure`` applies the settings: results and flags caches shrink (evicting the
    oldest entries), page and compute slots take the new limits."""
    from dashboard import caches
    from dashboard.concurrency import COMPUTE, PAGES
    from etl.config import Settings
    from etl.metrics import engine

    before = Settings()
    try:
        caches.RESULTS.clear()
        for key in range(3):
            caches.RESULTS.put(("test", key), pl.DataFrame({"x": list(range(1000))}))  # ~9 KiB each
        caches.configure(Settings(result_cache_mb=20_000 / 2**20, flag_cache_mb=64, page_slots=3, compute_slots=0))
        assert list(caches.RESULTS.keys()) == [("test", 1), ("test", 2)]  # the oldest went
        assert engine.FLAG_CACHE.max_bytes == 64 * 2**20
        assert PAGES.limit == 3 and COMPUTE.limit == 0
    finally:
        caches.RESULTS.clear()
        caches.configure(before)
    assert caches.RESULTS.max_bytes == 128 * 2**20 and engine.FLAG_CACHE.max_bytes == 128 * 2**20
