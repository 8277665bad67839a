"""The settings of this dashboard process, built at its entry point and applied to its caches.

``dashboard/app.py`` (every page run starts there) and ``/screen`` call :func:`settings` first; the
pages get them from ``dashboard.data.load()``. Building them reads the environment (a few dozen
microseconds), so a test that points ``LIANDONG_DB_URL`` at another database is followed at once;
the caches and slots are re-bounded only when the settings actually change.

What the pages need is imported before this module is (:mod:`dashboard.preload`, first thing in
``dashboard/app.py``).
"""

from __future__ import annotations

import threading

from dashboard import caches
from etl.config import Settings, load_settings

_lock = threading.Lock()
_applied: list[Settings] = []


def settings() -> Settings:
    """This process's settings (raises ``etl.config.SettingsError`` with a Chinese message on a bad value)."""
    current = load_settings()
    if not _applied or _applied[0] != current:
        with _lock:
            if not _applied or _applied[0] != current:
                caches.configure(current)
                _applied[:] = [current]
    return current
