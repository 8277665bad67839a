"""Held values: rows stored with a wording no vocabulary knows, and how a mapping releases them.

A held cell is its raw spelling with a null code (docs/decisions/0011-held-values.md): the row counts
in every volume figure, the rates that need the value leave it out, and the spelling waits in the
review queue beside the unmatched names. Mapping the spelling sets the code of exactly the rows that
spell it (compared as :func:`etl.mappings.vocabulary_key` does); removing the mapping
recomputes them from the remaining vocabulary, which holds them again.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from sqlalchemy import Connection, Table, func, or_, select

from etl.catalog import FACT_TABLES, FactTable, VocabLink
from etl.db.meta import bump_data_version
from etl.mappings import APPEARANCE, YES_NO, Mappings, default_mappings, vocabulary_key

#: Every vocabulary column of every fact table, in catalogue order.
VOCAB_LINKS: tuple[tuple[FactTable, VocabLink], ...] = tuple((t, v) for t in FACT_TABLES for v in t.vocabularies)
#: Column key (``outcome``, ``result``, ``key_case_status`` …, ``VocabLink.key``) → its table and link; the
#: keys are unique across ledgers.
VOCAB_FIELDS: dict[str, tuple[FactTable, VocabLink]] = {v.key: (t, v) for t, v in VOCAB_LINKS}
assert len(VOCAB_FIELDS) == len(VOCAB_LINKS), "vocabulary column keys must be unique across fact tables"

HELD_SCHEMA = {"name": pl.String, "column": pl.String, "field": pl.String, "vocabulary": pl.String,
               "rows": pl.Int64}


def column_label(key: str) -> str:
    """What a vocabulary column is called in the ledgers' own words (结案方式, 化解结果 …)."""
    table, link = VOCAB_FIELDS[key]
    return default_mappings().label(table.name, link.field)


def held_values(conn: Connection) -> pl.DataFrame:
    """Held spellings per column: the most common spelling of each matching key, the column key, its
    label, the vocabulary and the number of rows it holds; most rows first."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for table, link in VOCAB_LINKS:
        raw, code = table.table.c[link.raw_column], table.table.c[link.column]
        query = select(raw, func.count()).where(raw.is_not(None), code.is_(None)).group_by(raw)
        for spelling, rows in conn.execute(query):
            key = vocabulary_key(spelling) or spelling
            by_spelling = counts.setdefault((link.key, key), {})
            by_spelling[spelling] = by_spelling.get(spelling, 0) + int(rows)
    # The spelling shown is the most common one; on a tie the first in code-point order (half-width first).
    records = [(min(spellings, key=lambda s: (-spellings[s], s)), column, column_label(column),
                VOCAB_FIELDS[column][1].vocabulary, sum(spellings.values()))
               for (column, _key), spellings in counts.items()]
    frame = pl.DataFrame(records, schema=HELD_SCHEMA, orient="row")
    return frame.sort(["rows", "column", "name"], descending=[True, False, False])


def held_row_count(conn: Connection) -> int:
    """Rows of every ledger holding at least one value (a row held in two columns counts once)."""
    total = 0
    for table in FACT_TABLES:
        if not table.vocabularies:
            continue
        t = table.table
        held = [t.c[v.raw_column].is_not(None) & t.c[v.column].is_(None) for v in table.vocabularies]
        condition = held[0]
        for more in held[1:]:
            condition = condition | more
        total += int(conn.execute(select(func.count()).select_from(t).where(condition)).scalar_one())
    return total


def _stored(link: VocabLink, code: str | None) -> str | bool | None:
    """A code as its column stores it: yes/no columns are booleans."""
    if code is None or link.vocabulary != YES_NO:
        return code
    return code == "true"


def _links_of(vocabulary: str) -> Iterable[tuple[FactTable, VocabLink]]:
    # The appearance vocabulary understands every yes/no spelling, so a yes/no mapping reaches it too.
    wanted = {vocabulary, APPEARANCE} if vocabulary == YES_NO else {vocabulary}
    return [(t, v) for t, v in VOCAB_LINKS if v.vocabulary in wanted]


def reapply_spelling(conn: Connection, mappings: Mappings, vocabulary: str, key: str) -> int:
    """Recompute the code of every row whose spelling matches ``key`` in the columns of ``vocabulary``;
    returns the rows changed. Other rows are never touched (their codes may come from elsewhere, such
    as the demo county's generator)."""
    changed = 0
    for table, link in _links_of(vocabulary):
        t: Table = table.table
        raw, code = t.c[link.raw_column], t.c[link.column]
        spellings = [s for s in conn.execute(select(raw).where(raw.is_not(None)).distinct()).scalars()
                     if vocabulary_key(s) == key]
        for spelling in spellings:
            wanted = _stored(link, mappings.code_of(link.vocabulary, spelling))
            # A row is stale when its code differs from the wanted one (null-safe in both directions).
            stale = or_(code.is_(None), code != wanted) if wanted is not None else code.is_not(None)
            changed += conn.execute(t.update().where(raw == spelling, stale).values({link.column: wanted})).rowcount
    if changed:
        bump_data_version(conn)
    return changed


def release_known(conn: Connection, mappings: Mappings) -> int:
    """Set the code of every held row whose spelling the vocabulary now knows; returns rows released.

    Rolling back a batch restores values as they were written, possibly before a mapping was made:
    like names (``reattribute_unmatched``), held values are then resolved against today's vocabulary.
    Rows with a code are never touched.
    """
    released = 0
    for table, link in VOCAB_LINKS:
        t: Table = table.table
        raw, code = t.c[link.raw_column], t.c[link.column]
        for spelling in conn.execute(select(raw).where(raw.is_not(None), code.is_(None)).distinct()).scalars():
            wanted = _stored(link, mappings.code_of(link.vocabulary, spelling))
            if wanted is not None:
                released += conn.execute(t.update().where(raw == spelling, code.is_(None))
                                         .values({link.column: wanted})).rowcount
    if released:
        bump_data_version(conn)
    return released
