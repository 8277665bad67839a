"""Per-facts memo: filter options and a liaison's scoped facts computed once per facts object
and scope, never served for another facts object (a reload) or another scope (another officer)."""

from __future__ import annotations

import gc

import polars as pl

from dashboard.facts_memo import FactsMemo
from dashboard.filters import filter_options
from etl.access import ViewerScope, facts_for_viewer
from etl.metrics import facts_from_frames


def _facts(names: tuple[str, ...] = ("甲镇", "乙镇")) -> object:
    townships = pl.DataFrame({"id": list(range(1, len(names) + 1)), "name": list(names)})
    litigation = pl.DataFrame({"id": [1, 2], "unit_id": [1, 2], "township_id": [1, 2]})
    units = pl.DataFrame({"id": [1, 2], "name": ["甲局", "乙局"], "unit_type": ["agency", "agency"]})
    return facts_from_frames(townships=townships, litigation=litigation, units=units)


def test_same_facts_and_key_compute_once_other_key_or_facts_again() -> None:
    memo: FactsMemo[int] = FactsMemo(max_entries=8)
    calls: list[str] = []
    first, second = _facts(), _facts()

    def compute(label: str) -> int:
        calls.append(label)
        return len(calls)

    assert memo.get(first, "a", lambda: compute("first a")) == 1  # type: ignore[arg-type]
    assert memo.get(first, "a", lambda: compute("again")) == 1  # type: ignore[arg-type]
    assert memo.get(first, "b", lambda: compute("first b")) == 2  # type: ignore[arg-type]
    assert memo.get(second, "a", lambda: compute("second a")) == 3  # type: ignore[arg-type]
    assert calls == ["first a", "first b", "second a"]


def test_entries_of_facts_no_longer_alive_are_dropped_and_size_is_bounded() -> None:
    memo: FactsMemo[int] = FactsMemo(max_entries=3)
    facts = _facts()
    memo.get(facts, 0, lambda: 0)  # type: ignore[arg-type]
    del facts
    gc.collect()
    kept = _facts()
    memo.get(kept, 1, lambda: 1)  # type: ignore[arg-type]
    assert len(memo) == 1  # the dead facts' entry went on the next put
    for key in range(2, 8):
        memo.get(kept, key, lambda key=key: key)  # type: ignore[arg-type, misc]
    assert len(memo) == 3
    assert memo.get(kept, 7, lambda: -1) == 7  # type: ignore[arg-type]
    assert memo.get(kept, 2, lambda: -1) == -1  # type: ignore[arg-type]  # evicted, computed anew


def test_scoped_options_never_come_from_another_scope() -> None:
    memo = FactsMemo(max_entries=8)  # type: ignore[var-annotated]
    facts = _facts()
    scopes = {scope: memo.get(facts, scope, lambda scope=scope: facts_for_viewer(facts, ViewerScope(scope)))  # type: ignore[misc]
              for scope in ((1,), (2,))}
    options = {scope: filter_options(f) for scope, f in scopes.items()}
    assert list(options[(1,)].townships) == ["甲镇"] and list(options[(2,)].townships) == ["乙镇"]
    assert memo.get(facts, (1,), lambda: None) is scopes[(1,)]  # type: ignore[arg-type]
