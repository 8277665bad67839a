"""What a fact table is, described once: its model, the name links that make a row belong to a unit,
township and subject area, its frame schema by name, its dates and its import spec.

The readers (``etl.metrics.facts``), the indicator engine, the importer, the unmatched-names queue,
rollback and the templates all derive from this description, so adding a ledger kind is one entry in
``etl.catalog`` plus its tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from sqlalchemy import Boolean, ColumnElement, Select, Table, and_, select, type_coerce

from etl.catalog.columns import KindSpec
from etl.db.models import Base

#: Unit, township and subject-area ids are what every filter and group-by reads.
UNIT_ID, TOWNSHIP_ID, AREA_ID, REGION_ID = "unit_id", "township_id", "area_id", "region_id"


@dataclass(frozen=True)
class NameLink:
    """A name a ledger row resolves against a dimension. The spelling as written is kept beside the
    resolved id, so a name that matched nothing is never lost and can be re-attributed later."""

    field: str  # the import field ("defendant")
    raw_column: str  # model column holding the spelling as written ("defendant_raw")
    id_column: str  # model column holding the resolved id ("defendant_unit_id")
    label: str  # what the name is, for the unmatched-names queue ("被告")
    target: str  # the dimension that resolves it: unit | township | subject


@dataclass(frozen=True)
class VocabLink:
    """A column whose code comes from a vocabulary (``data/mappings/values.toml`` plus the office's own).

    A spelling the vocabulary does not know keeps its row: the raw spelling is stored, the code stays
    null and the row is *held* until the office maps the spelling (docs/decisions/0011-held-values.md).
    The frame carries ``<field>_held`` so the rates that need the value leave the row out.
    """

    field: str  # the import field and the frame column of the code ("outcome")
    raw_column: str  # model column holding the spelling as written ("outcome_raw")
    vocabulary: str  # the vocabulary ("litigation_outcome"); yes/no columns share "yes_no"
    #: The column's key in the review queue and ``map-value --column``, unique across ledgers: the field
    #: itself unless another ledger's column already has that name (a key case's "status" is
    #: "key_case_status", as the tasks' "status" came first).
    queue_key: str = ""

    @property
    def key(self) -> str:
        return self.queue_key or self.field

    @property
    def column(self) -> str:
        """The model column holding the code (named like the field)."""
        return self.field

    @property
    def held_column(self) -> str:
        return f"{self.field}_held"


@dataclass(frozen=True)
class FrameColumn:
    """One column of the Polars frame the indicators read, and the model column it is read from."""

    name: str
    dtype: pl.DataType
    source: str = ""  # model column; empty = the same name
    #: For a ``<field>_held`` flag: the vocabulary column it is derived from (raw present, code null).
    held_of: VocabLink | None = None

    @property
    def model_column(self) -> str:
        return self.held_of.raw_column if self.held_of else (self.source or self.name)

    def expression(self, table: Table) -> ColumnElement[Any]:
        if self.held_of is None:
            return table.c[self.model_column].label(self.name)
        held = and_(table.c[self.held_of.raw_column].is_not(None), table.c[self.held_of.column].is_(None))
        return type_coerce(held, Boolean).label(self.name)


TOWNSHIP_LINK = NameLink("township", "township_raw", "township_id", "乡镇", "township")
AREA_LINK = NameLink("subject_area", "subject_area_raw", "subject_area_id", "领域", "subject")


@dataclass(frozen=True)
class FactTable:
    """One ledger kind: everything the code needs to know about its table, in one place."""

    name: str  # Indicator.table, the Facts frame name and the import kind ("litigation")
    model: type[Base]
    spec: KindSpec  # the sheet: columns, key, validation, defaults
    unit: NameLink  # the responsible unit (defendant, respondent, addressee, lead unit …)
    columns: tuple[FrameColumn, ...]  # the table's own frame columns, after the shared ones
    #: Dates on which something happened (the latest of them dates the data); deadlines are excluded,
    #: as they lie in the future.
    event_dates: tuple[str, ...]
    deadlines: tuple[str, ...] = ()
    #: Columns whose values come from a vocabulary and can be held (review queue, map-value).
    vocabularies: tuple[VocabLink, ...] = ()
    township: NameLink = TOWNSHIP_LINK
    area: NameLink = AREA_LINK
    region_column: str = "region_id"  # the jurisdiction (a county of a city or province database)
    #: Whether a liaison officer sees only the rows of their unit or township (``etl.access``). False for
    #: a register that is the conference's own and circulated to every member unit (the meetings): its
    #: rows are nobody's records, and a liaison's tasks must still find the meeting they came from.
    scoped: bool = True

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def table(self) -> Table:
        table: Table = self.model.__table__
        return table

    @property
    def table_name(self) -> str:
        return self.table.name

    @property
    def name_links(self) -> tuple[NameLink, ...]:
        return (self.unit, self.township, self.area)

    @property
    def frame_columns(self) -> tuple[FrameColumn, ...]:
        """Every frame column: id, the unit, township, area and region ids — named alike in every
        table, so one filter and one group-by serve them all — then the table's own columns."""
        return (FrameColumn("id", pl.Int64()), FrameColumn(UNIT_ID, pl.Int64(), self.unit.id_column),
                FrameColumn(TOWNSHIP_ID, pl.Int64(), self.township.id_column),
                FrameColumn(AREA_ID, pl.Int64(), self.area.id_column),
                FrameColumn(REGION_ID, pl.Int64(), self.region_column), *self.columns,
                *(FrameColumn(v.held_column, pl.Boolean(), held_of=v) for v in self.vocabularies))

    @property
    def schema(self) -> dict[str, pl.DataType]:
        """The frame schema, by name and in column order."""
        return {c.name: c.dtype for c in self.frame_columns}

    @property
    def date_columns(self) -> tuple[str, ...]:
        return self.event_dates + self.deadlines

    def select(self) -> Select[*tuple[Any, ...]]:
        """The query behind the frame: each model column labelled with its frame name, so a reader can
        match columns by name and a reordering of either list cannot shift values into another column."""
        return select(*(c.expression(self.table) for c in self.frame_columns))

    @property
    def held_columns(self) -> tuple[str, ...]:
        """The frame's ``<field>_held`` flags: a row is held while any of them is true."""
        return tuple(v.held_column for v in self.vocabularies)

    def vocabulary_link(self, field: str) -> VocabLink:
        return next(v for v in self.vocabularies if v.field == field)
