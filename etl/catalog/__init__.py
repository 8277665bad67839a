"""The fact-table catalogue: every ledger kind described once (``FactTable``), in a fixed order.

Readers, the indicator engine, the importer, rollback, the unmatched-names queue and the templates
derive from these entries. To add a ledger kind: a model and an Alembic revision, one module here with
its ``FactTable``, one line in :data:`FACT_TABLES`, header synonyms in ``data/mappings/headers.toml`` —
and its tests (``tests/etl/catalog`` walks every entry).
"""

from __future__ import annotations

from etl.catalog.columns import Column, DateOrder, KindSpec
from etl.catalog.disputes import DISPUTES
from etl.catalog.litigation import LITIGATION
from etl.catalog.recommendations import RECOMMENDATIONS
from etl.catalog.reconsideration import RECONSIDERATION
from etl.catalog.table import FactTable, FrameColumn, NameLink, VocabLink
from etl.catalog.tasks import TASKS

FACT_TABLES: tuple[FactTable, ...] = (LITIGATION, RECONSIDERATION, DISPUTES, RECOMMENDATIONS, TASKS)
#: Fact-table names as used by ``Indicator.table``, ``Facts.frame`` and the importer's kinds.
FACT_NAMES: tuple[str, ...] = tuple(t.name for t in FACT_TABLES)
_BY_NAME = {t.name: t for t in FACT_TABLES}


def fact_table(name: str) -> FactTable:
    """The entry of a fact table by name; ``KeyError`` for anything else."""
    return _BY_NAME[name]


__all__ = ["FACT_NAMES", "FACT_TABLES", "Column", "DateOrder", "FactTable", "FrameColumn", "KindSpec", "NameLink",
           "VocabLink", "fact_table"]
