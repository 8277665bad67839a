"""What a ledger sheet holds: one column spec shared by the mapper, the validator and the templates.

Header spellings live in ``data/mappings/headers.toml``; a :class:`Column` says what a field *is* (its
type, whether it is required, an example and the explanation shown in the template), a
:class:`KindSpec` what a whole sheet of one kind must satisfy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Field types. Vocabulary types name a section of data/mappings/values.toml.
TEXT, NAME, CASE_NUMBER, DATE, BOOL, UNIT, TOWNSHIP, SUBJECT, INT, NUMBER, ALIASES = (
    "text", "name", "case_number", "date", "bool", "unit", "township", "subject", "int", "number", "aliases")


@dataclass(frozen=True)
class Column:
    field: str
    type: str
    required: bool
    example: str
    help: str


@dataclass(frozen=True)
class DateOrder:
    """Two dates of one record that must come in this order; a later date before the earlier one is an
    error in the ledger and the row is rejected with ``message``."""

    earlier: str
    later: str
    message: str


@dataclass(frozen=True)
class KindSpec:
    kind: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # fields that identify a record across files
    #: Fields every row needs although the column may be absent: a court ledger names its court in the
    #: title, so ``court`` is filled from there and only then required.
    required_per_row: tuple[str, ...] = ()
    date_order: tuple[DateOrder, ...] = ()
    #: Values a blank cell stands for (a dispute without a result is still in progress).
    defaults: Mapping[str, object] = field(default_factory=dict)

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns if c.required)


#: The township and subject-area columns every fact ledger has.
TOWNSHIP_COLUMN = Column("township", TOWNSHIP, False, "柳屯镇", "争议发生地乡镇(街道)，可空；按乡镇维度配置解析")
SUBJECT_COLUMN = Column("subject_area", SUBJECT, False, "土地征收", "领域/案件类型，如 土地征收、社会保障")
