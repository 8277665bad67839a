"""Values derived from one ``Facts`` object, kept as long as that object lives.

The facts of a data version are one shared object (``dashboard.data.facts_for``); what the filter bar
offers and a liaison officer's scoped facts follow from it and the viewer's scope alone, so they are
computed once per (facts, scope) instead of on every rerun. A scoped ``Facts`` that stays the same
object also lets the engine reuse its per-period flags for that officer. Entries are checked by
identity through a weak reference: after an import the new facts never meet the old values.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from etl.metrics import Facts

T = TypeVar("T")


class FactsMemo(Generic[T]):
    """A small thread-safe LRU of values keyed by a ``Facts`` object's identity and a small key."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[int, Hashable], tuple[weakref.ref[Facts], T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, facts: Facts, key: Hashable, compute: Callable[[], T]) -> T:
        slot = (id(facts), key)
        with self._lock:
            entry = self._entries.get(slot)
            if entry is not None and entry[0]() is facts:
                self._entries.move_to_end(slot)
                return entry[1]
        value = compute()  # outside the lock: another session may compute the same value meanwhile
        with self._lock:
            for stale in [s for s, (ref, _) in self._entries.items() if ref() is None]:
                del self._entries[stale]
            self._entries[slot] = (weakref.ref(facts), value)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
