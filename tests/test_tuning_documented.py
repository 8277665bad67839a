"""Every environment variable that tunes one dashboard process is documented in the deployment guide."""

from __future__ import annotations

from pathlib import Path

from dashboard import concurrency, facts_loader, metrics_cache

ROOT = Path(__file__).resolve().parents[1]


def test_every_tuning_variable_is_in_the_deployment_guide() -> None:
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    names = [concurrency.PAGE_SLOTS_ENV, concurrency.COMPUTE_SLOTS_ENV, metrics_cache.CACHE_MB_ENV, metrics_cache.FLAG_CACHE_MB_ENV,
             facts_loader.LOADER_ENV, "MALLOC_ARENA_MAX"]
    assert all(name.isupper() for name in names)
    missing = [name for name in names if f"`{name}`" not in guide]
    assert missing == []
