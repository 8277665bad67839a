"""The dashboard's caches: three instances of the one primitive (``etl.cache.BoundedCache``).

- :data:`FACTS` — the whole fact base, one per database and data version. When a new version has been
  read, older versions of that database are dropped (sessions still running on them keep their own
  reference until their run ends). Many sessions asking at once read it once; the others wait and,
  after ``Settings.load_wait_seconds``, see 数据加载中 (``dashboard.data``).
- :data:`RESULTS` — everything derived from the facts for a view: indicator results, grouped tables,
  rankings, a liaison's scoped facts, filter options, briefing previews, screen panels, the unmatched
  names queue, import dry runs. Bounded by ``LIANDONG_RESULT_CACHE_MB``; at most
  ``LIANDONG_COMPUTE_SLOTS`` computations at once (:data:`dashboard.concurrency.COMPUTE`).
- :data:`PLUMBING` — engines, the start-up bootstrap, the data version read every few seconds.

The indicator engine's per-period flags are a fourth instance, in ``etl.metrics.engine`` (the engine
runs in the CLI too); :func:`configure` bounds it with ``LIANDONG_FLAG_CACHE_MB``.

Keys name the database, the data version and, for anything computed from indicator definitions, the
definitions version (``etl.metrics.rules``): an import, a target or scheme edit, or an edited
``data/indicators.toml`` each change the key, so a stale value is never asked for again and ages out.
"""

from __future__ import annotations

from typing import Any

from dashboard.concurrency import COMPUTE, PAGES
from etl.cache import BoundedCache
from etl.config import Settings
from etl.metrics import Facts
from etl.metrics.engine import set_flag_cache_bytes

MIB = 2**20
#: The facts of every database this process serves, newest version each: one province is ~400 MiB of
#: frames; superseded versions are dropped explicitly, so the bound only matters for many databases
#: (the test suite).
FACTS_BYTES = 2048 * MIB

FACTS: BoundedCache[Facts] = BoundedCache("facts", FACTS_BYTES)
RESULTS: BoundedCache[Any] = BoundedCache("results", int(Settings().result_cache_mb * MIB), gate=COMPUTE.slot)
PLUMBING: BoundedCache[Any] = BoundedCache("plumbing", MIB, size_of=lambda _value: 256)


def configure(settings: Settings) -> None:
    """Apply the settings' bounds to the process's caches and slots (at start-up and when they change)."""
    RESULTS.resize(int(settings.result_cache_mb * MIB))
    set_flag_cache_bytes(int(settings.flag_cache_mb * MIB))
    PAGES.resize(settings.page_slots)
    COMPUTE.resize(settings.compute_slots)


def drop_superseded_facts(url: str, version: int) -> None:
    """Forget the facts of ``url`` older than ``version`` (called once the new version is read)."""
    FACTS.discard(lambda key: isinstance(key, tuple) and key[1] == url and key[2] < version)


def clear() -> None:
    """Forget every cached value (tests; benchmarks time the uncached path with this)."""
    for cache in (FACTS, RESULTS, PLUMBING):
        cache.clear()
