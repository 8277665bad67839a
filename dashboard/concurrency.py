"""How much work one dashboard process does at once: bounded slots for page runs and for computations.

A Streamlit server runs every session's script in its own thread. Under a conference-day crowd (50
viewers opening pages within seconds) that means dozens of page runs and indicator computations at once,
each holding its temporaries (frames, figures, serialized tables) while they share two cores — and the
interpreter runs Python code on one core at a time anyway. The server's memory went over 1.5 GB that way
(benchmarks/results/load.md §4). Bounding the runs to a few at a time keeps the memory bounded and serves
viewers in turn instead of all slowly at once.

- page scripts running at once (``Settings.page_slots``, ``LIANDONG_PAGE_SLOTS``; default: the CPU
  cores). A page waits at most :data:`PAGE_WAIT_SECONDS` for a slot, then runs anyway, so one long page
  (an import of a large ledger on the data-management page) never stalls everyone else.
- computations of the results cache running at once (``Settings.compute_slots``,
  ``LIANDONG_COMPUTE_SLOTS``; default: the CPU cores); see :mod:`dashboard.caches`.

``0`` lifts a limit. The limits are set from the process's settings (:func:`dashboard.runtime.settings`)
and may change while threads hold slots. No Streamlit here: the bounds are plain threading.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from etl.config import cores

#: The longest a page waits for a slot before it runs without one.
PAGE_WAIT_SECONDS = 30.0

_log = logging.getLogger(__name__)


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
        self._held = threading.local()
        self._free = threading.Condition()
        self._holders = 0  # threads holding a counted slot (not the overflows)
        self.running = 0
        self.peak = 0
        self.overflows = 0

    def resize(self, limit: int) -> None:
        """A new limit; threads already holding a slot keep it."""
        with self._free:
            self.limit = limit
            self._free.notify_all()

    def _acquire(self) -> bool:
        """Wait for a slot (at most ``self.wait``); False when the wait ran out."""
        deadline = None if self.wait is None else time.monotonic() + self.wait
        with self._free:
            while self.limit > 0 and self._holders >= self.limit:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._free.wait(remaining)
            self._holders += 1
            return True

    def _release(self) -> None:
        with self._free:
            self._holders -= 1
            self._free.notify()

    @contextmanager
    def slot(self) -> Iterator[None]:
        depth: int = getattr(self._held, "depth", 0)
        acquired = False
        if depth == 0:
            acquired = self._acquire()
            if not acquired:
                with self._free:
                    self.overflows += 1
                _log.warning("no free slot after %.0f s (limit %d): running without one", self.wait, self.limit)
        self._held.depth = depth + 1
        if depth == 0:
            with self._free:
                self.running += 1
                self.peak = max(self.peak, self.running)
        try:
            yield
        finally:
            self._held.depth = depth
            if depth == 0:
                with self._free:
                    self.running -= 1
                if acquired:
                    self._release()


#: Page scripts of this process (all sessions) running at once.
PAGES = Slots(cores(), wait=PAGE_WAIT_SECONDS)
#: Computations of the results cache (all sessions) running at once.
COMPUTE = Slots(cores())


@contextmanager
def page_slot() -> Iterator[None]:
    """Run one page script in a slot of :data:`PAGES` (``dashboard/app.py`` wraps ``nav.run()``)."""
    with PAGES.slot():
        yield
