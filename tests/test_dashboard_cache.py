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
