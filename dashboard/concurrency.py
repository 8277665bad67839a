"""How much work one dashboard process does at once: bounded slots for page runs and for computations.

A Streamlit server runs every session's script in its own thread. Under a conference-day crowd (50
viewers opening pages within seconds) that means dozens of page runs and indicator computations at once,
each holding its temporaries (frames, figures, serialized tables) while they share two cores — and the
interpreter runs Python code on one core at a time anyway. The server's memory went over 1.5 GB that way
(benchmarks/results/load.md §4). Bounding the runs to a few at a time keeps the memory bounded and serves
viewers in turn instead of all slowly at once.

- ``LIANDONG_PAGE_SLOTS``: page scripts running at once (default: the CPU cores). A page waits at most
  :data:`PAGE_WAIT_SECONDS` for a slot, then runs anyway, so one long page (an import of a large ledger on
  the data-management page) never stalls everyone else.
- ``LIANDONG_COMPUTE_SLOTS``: indicator computations of the result cache running at once (default: the
  CPU cores); see :mod:`dashboard.metrics_cache`.

``0`` lifts a limit. No Streamlit here: the bounds are plain threading.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

PAGE_SLOTS_ENV = "LIANDONG_PAGE_SLOTS"
COMPUTE_SLOTS_ENV = "LIANDONG_COMPUTE_SLOTS"
#: The longest a page waits for a slot before it runs without one.
PAGE_WAIT_SECONDS = 30.0

_log = logging.getLogger(__name__)


def cores() -> int:
    """The CPU cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def slots_from_env(name: str, environ: dict[str, str] | None = None) -> int:
    """The limit in the environment variable ``name`` (a whole number ≥ 0, 0 = no limit), else the cores."""
    raw = (os.environ if environ is None else environ).get(name, "").strip()
    return int(raw) if raw.isdigit() else cores()


class Slots:
    """At most ``limit`` holders at once, process-wide (``limit`` 0: unbounded).

    Re-entrant per thread: a holder that asks for a slot again (a computation that needs another cached
    result) keeps the one it has, so a thread never waits for a second slot while holding one (with one
    slot, that wait would never end). ``wait`` bounds how long a thread waits; after it, the thread
    proceeds without a slot (``overflows`` counts those).
    """

    def __init__(self, limit: int, wait: float | None = None) -> None:
        self.limit = limit
        self.wait = wait
        self._semaphore = threading.BoundedSemaphore(limit) if limit > 0 else None
        self._held = threading.local()
        self._lock = threading.Lock()
        self.running = 0
        self.peak = 0
        self.overflows = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        depth: int = getattr(self._held, "depth", 0)
        acquired = False
        if depth == 0 and self._semaphore is not None:
            acquired = self._semaphore.acquire(timeout=self.wait)
            if not acquired:
                with self._lock:
                    self.overflows += 1
                _log.warning("no free slot after %.0f s (limit %d): running without one", self.wait, self.limit)
        self._held.depth = depth + 1
        if depth == 0:
            with self._lock:
                self.running += 1
                self.peak = max(self.peak, self.running)
        try:
            yield
        finally:
            self._held.depth = depth
            if depth == 0:
                with self._lock:
                    self.running -= 1
                if acquired:
                    self._semaphore.release()  # type: ignore[union-attr]  # acquired implies a semaphore


#: Page scripts of this process (all sessions) running at once.
PAGES = Slots(slots_from_env(PAGE_SLOTS_ENV), wait=PAGE_WAIT_SECONDS)


@contextmanager
def page_slot() -> Iterator[None]:
    """Run one page script in a slot of :data:`PAGES` (``dashboard/app.py`` wraps ``nav.run()``)."""
    with PAGES.slot():
        yield
