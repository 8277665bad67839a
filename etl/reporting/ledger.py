"""The ledger row a report is about, read by its business key: who it belongs to (for the scope check)
and the values a report may disagree with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from sqlalchemy import Connection, select

from etl.catalog import fact_table
from etl.reporting.terms import ReportRefused, Subject

#: Per subject: the fact table and the ledger columns a report can contradict.
LEDGER_OF: dict[str, tuple[str, tuple[str, ...]]] = {
    Subject.TASK: ("tasks", ("status", "completed_on")),
    Subject.RECOMMENDATION: ("recommendations", ("answered_on", "rectified")),
    Subject.HEARING: ("litigation", ("hearing_on", "appearance")),
}
WARNING_GROUPS = ("unit", "township")


@dataclass(frozen=True)
class LedgerRow:
    """Whose row it is and the values a report is compared with (JSON-safe: dates as ISO text)."""

    unit_id: int | None
    township_id: int | None
    values: dict[str, Any]

    def owner_frame(self) -> pl.DataFrame:
        """The row as the access rule reads it (``etl.access.rows_for_viewer``)."""
        return pl.DataFrame({"unit_id": [self.unit_id], "township_id": [self.township_id]},
                            schema={"unit_id": pl.Int64, "township_id": pl.Int64})


def ledger_row(conn: Connection, subject: str, reference: str, court: str = "") -> LedgerRow:
    """The ledger row behind a report; :class:`ReportRefused` when there is none."""
    if subject == Subject.WARNING:
        return warning_owner(reference)
    if subject not in LEDGER_OF:
        raise ReportRefused(f"未知的填报类型：{subject}")
    name, compared = LEDGER_OF[subject]
    table = fact_table(name)
    columns = table.table.c  # the fact models share no class, so their columns are read by name
    key_column = columns.case_number if subject == Subject.HEARING else columns.reference
    query = select(columns[table.unit.id_column].label("unit_id"), columns.township_id,
                   *(columns[c] for c in compared)).where(key_column == reference)
    if subject == Subject.HEARING:
        query = query.where(columns.court == court)
    row = conn.execute(query).first()
    if row is None:
        raise ReportRefused(f"台账中没有这条记录：{court}{reference}")
    mapping = row._mapping
    return LedgerRow(mapping["unit_id"], mapping["township_id"], {c: _json(mapping[c]) for c in compared})


def warning_key(by: str, group_id: int, kind: str, period: str) -> str:
    """A 预警's business key: the group it is about (unit or township), its kind and the period."""
    return f"{by}:{group_id}:{kind}:{period}"


def warning_owner(reference: str) -> LedgerRow:
    parts = reference.split(":")
    if len(parts) != 4 or parts[0] not in WARNING_GROUPS or not parts[1].isdigit():
        raise ReportRefused(f"预警编号无效：{reference}")
    group = int(parts[1])
    return LedgerRow(group if parts[0] == "unit" else None, group if parts[0] == "township" else None, {})


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
