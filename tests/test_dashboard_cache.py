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
