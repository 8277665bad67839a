"""How many records wait for a value to be confirmed (held, docs/decisions/0011-held-values.md).

A held record counts in the volume figures but not in the rates that need its value; pages and the
briefing say so (``etl.wording.sentences.held_note``) rather than exclude it silently.
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
