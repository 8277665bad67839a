"""Typed, frozen settings, built once at the entry points (CLI, app) and handed down.

Transforms never read the environment; only :func:`load_settings` does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
MAPPINGS_DIR = DATA_DIR / "mappings"
DEFAULT_SQLITE_PATH = DATA_DIR / "liandong.sqlite"
DEFAULT_DB_URL = f"sqlite:///{DEFAULT_SQLITE_PATH}"

DB_URL_ENV = "LIANDONG_DB_URL"
#: The zone times are shown in (audit log, imports): the office's wall clock, whatever the server's is.
TIMEZONE_ENV = "LIANDONG_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class Settings:
    """Where the data lives and whose jurisdiction it is."""

    db_url: str = DEFAULT_DB_URL
    data_dir: Path = DATA_DIR
    #: IANA zone name for displayed times (``LIANDONG_TIMEZONE``); stored times are UTC.
    timezone: str = DEFAULT_TIMEZONE

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")


def resolve_db_url(explicit: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The ``--db`` option wins over ``LIANDONG_DB_URL``, which wins over the bundled SQLite file."""
    env = os.environ if environ is None else environ
    return explicit or env.get(DB_URL_ENV) or DEFAULT_DB_URL


def load_settings(db_url: str | None = None, environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    return Settings(db_url=resolve_db_url(db_url, env), timezone=env.get(TIMEZONE_ENV, "").strip() or DEFAULT_TIMEZONE)
