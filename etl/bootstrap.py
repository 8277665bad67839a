"""Bring a database to a usable state: migrate it, and fill an empty one with the demo county."""

from __future__ import annotations

from dataclasses import dataclass

from etl.db.engine import make_engine
from etl.db.migrate import upgrade


@dataclass(frozen=True)
class Bootstrap:
    loaded_demo: bool


def database_is_empty(db_url: str) -> bool:
    """Empty by the demo loader's own rule, so first start never trips over its refusal."""
    from etl.demo import existing_data

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return not existing_data(conn)
    finally:
        engine.dispose()


def ensure_ready(db_url: str, load_demo_if_empty: bool = True) -> Bootstrap:
    """Idempotent: migrations to head; the demo county only when nothing has ever been loaded."""
    upgrade(db_url)
    if load_demo_if_empty and database_is_empty(db_url):
        from etl.demo import load_demo

        load_demo(db_url)
        return Bootstrap(loaded_demo=True)
    return Bootstrap(loaded_demo=False)
