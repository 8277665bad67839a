"""How many records wait for a value to be confirmed, and the one sentence every surface says about it.

A held record (docs/decisions/0008-held-values.md) counts in the volume figures but not in the rates
that need its value; pages and the briefing say so rather than exclude it silently.
"""

from __future__ import annotations

import polars as pl

from etl.catalog import FACT_TABLES
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period


def held_records(facts: Facts, period: Period | None = None, filters: Filters | None = None) -> int:
    """Records of every ledger, within the filters, holding at least one value; with a period, only those
    with a date (event or deadline) in it."""
    filters = filters or Filters()
    total = 0
    for table in FACT_TABLES:
        if not table.vocabularies:
            continue
        held = pl.any_horizontal([pl.col(c).fill_null(False) for c in table.held_columns])
        if period is not None:
            held = held & pl.any_horizontal([pl.col(c).is_between(period.start, period.end).fill_null(False)
                                             for c in table.date_columns])
        total += int(filters.apply(facts.frame(table.name), table.name).filter(held).select(pl.len()).collect().item())
    return total


def held_note(count: int, english: bool = False) -> str | None:
    """"3条记录取值待确认" — None when nothing is held."""
    if count <= 0:
        return None
    if english:
        return f"{count} record{'s' if count != 1 else ''} awaiting a value to be confirmed"
    return f"{count}条记录取值待确认"
