"""The fact-table catalogue: every ledger kind described once (``FactTable``), in a fixed order.

Readers, the indicator engine, the importer, rollback, the unmatched-names queue and the templates
derive from these entries. To add a ledger kind: a model and an Alembic revision, one module here with
its ``FactTable``, one line in :data:`FACT_TABLES`, header synonyms in ``data/mappings/headers.toml`` —
and its tests (``tests/etl/catalog`` walks every entry). A kind whose file holds features rather than rows
(outlines) is a :class:`GeometryKind` in :data:`GEOMETRY_KINDS`; :data:`NAME_LINKED` lists the name links
of both, for the unmatched-names queue, re-attribution and rollback.
"""

from __future__ import annotations

from etl.catalog.boundaries import BOUNDARIES, GeometryKind
from etl.catalog.columns import Column, DateOrder, KindSpec
from etl.catalog.disputes import DISPUTES
from etl.catalog.key_cases import KEY_CASES
from etl.catalog.litigation import LITIGATION
from etl.catalog.meetings import MEETINGS
from etl.catalog.recommendations import RECOMMENDATIONS
from etl.catalog.reconsideration import RECONSIDERATION
from etl.catalog.supervision import SUPERVISION
from etl.catalog.table import FactTable, FrameColumn, NameLink, VocabLink
from etl.catalog.tasks import TASKS

FACT_TABLES: tuple[FactTable, ...] = (LITIGATION, RECONSIDERATION, DISPUTES, RECOMMENDATIONS, TASKS, MEETINGS,
                                      KEY_CASES, SUPERVISION)
#: Fact-table names as used by ``Indicator.table``, ``Facts.frame`` and the importer's kinds.
FACT_NAMES: tuple[str, ...] = tuple(t.name for t in FACT_TABLES)
_BY_NAME = {t.name: t for t in FACT_TABLES}
GEOMETRY_KINDS: tuple[GeometryKind, ...] = (BOUNDARIES,)
#: Every table a name resolves into, with its name links: the ledgers', then the outlines'.
NAME_LINKED: tuple[tuple[str, tuple[NameLink, ...]], ...] = (
    *((t.table_name, t.name_links) for t in FACT_TABLES), *((k.table_name, (k.link,)) for k in GEOMETRY_KINDS))


def fact_table(name: str) -> FactTable:
    """The entry of a fact table by name; ``KeyError`` for anything else."""
    return _BY_NAME[name]


__all__ = ["BOUNDARIES", "FACT_NAMES", "FACT_TABLES", "GEOMETRY_KINDS", "NAME_LINKED", "Column", "DateOrder",
           "FactTable", "FrameColumn", "GeometryKind", "KindSpec", "NameLink", "VocabLink", "fact_table"]
