"""Reports as a frame, limited to what a viewer may see (the access rule over the row's unit and
township, copied onto each report when it was made)."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
from sqlalchemy import Connection, select

from etl.access import ViewerScope, rows_for_viewer
from etl.db.models import LiaisonReport

_TABLE = LiaisonReport.__table__
REPORT_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(), "subject": pl.String(), "court": pl.String(), "reference": pl.String(),
    "unit_id": pl.Int64(), "township_id": pl.Int64(), "note": pl.String(), "status": pl.String(),
    "done_on": pl.Date(), "appearance": pl.String(), "appeared_name": pl.String(), "reported_by": pl.String(),
    "reported_at": pl.Datetime(), "resolution": pl.String(), "resolved_ledger": pl.String(),
    "resolved_by": pl.String(), "resolved_at": pl.Datetime()}


def load_reports(conn: Connection, scope: ViewerScope) -> pl.DataFrame:
    """Every report the viewer may see, newest first."""
    rows = conn.execute(select(*(_TABLE.c[c] for c in REPORT_SCHEMA)).order_by(_TABLE.c.reported_at.desc(),
                                                                              _TABLE.c.id.desc())).all()
    frame = pl.DataFrame([tuple(_row(r._mapping)) for r in rows], schema=REPORT_SCHEMA, orient="row")
    return rows_for_viewer(frame, scope)


def ledger_json(values: dict[str, Any] | None) -> str | None:
    """The ledger values a decision was made on, as comparable text."""
    return None if values is None else json.dumps(values, sort_keys=True, ensure_ascii=False)


def _row(mapping: Any) -> list[Any]:
    return [ledger_json(mapping[c]) if c == "resolved_ledger" else mapping[c] for c in REPORT_SCHEMA]
