"""The office's decision where a report and the ledger disagree (``etl.reporting.conflicts``): keep the
ledger for its current values, or write the report into the ledger as a one-row correction import."""

from __future__ import annotations

from typing import Any

import polars as pl
from sqlalchemy import Connection, Select, select

from etl import audit
from etl.access import EVERYTHING
from etl.catalog import fact_table
from etl.db.models import LiaisonReport
from etl.importing.forms import import_correction
from etl.reporting.conflicts import reported_ledger_values
from etl.reporting.ledger import LEDGER_OF, ledger_row
from etl.reporting.reads import load_reports
from etl.reporting.terms import DONE, Reporter, ReportRefused, Subject, require_office
from etl.wording.labels import vocab_label

_TABLE = LiaisonReport.__table__
CHOICES = ("report", "ledger")


def resolve_conflict(conn: Connection, office: Reporter, report_id: int, choice: str) -> str:
    """The office's decision on one open conflict; returns a Chinese sentence saying what was done."""
    require_office(office)
    if choice not in CHOICES:
        raise ReportRefused(f"只能选择以填报为准或以台账为准，而不是 {choice}")
    found = load_reports(conn, EVERYTHING).filter(pl.col("id") == report_id)
    if found.is_empty():
        raise ReportRefused("没有这条填报。")
    report = found.row(0, named=True)
    message = "以台账为准，保留台账现有数据。"
    if choice == "report":
        result = import_correction(conn, LEDGER_OF[report["subject"]][0], _correction(conn, report),
                                   office.username, "填报更正")
        if not result.ok:
            raise ReportRefused(f"按填报更正台账失败：{result.message}")
        message = f"以填报为准，已更正台账（{result.message}）。"
    ledger = ledger_row(conn, report["subject"], report["reference"], report["court"]).values
    conn.execute(_TABLE.update().where(_TABLE.c.id == report_id).values(
        resolution=choice, resolved_ledger=ledger, resolved_by=office.username, resolved_at=audit.utcnow()))
    audit.record(conn, audit.REPORT_RESOLUTION, office.username, report_id=report_id, subject=report["subject"],
                 court=report["court"] or None, reference=report["reference"], choice=choice, ledger=ledger)
    return message


def _correction(conn: Connection, report: dict[str, Any]) -> dict[str, Any]:
    """The one-row ledger that writes the report into the ledger: its key, the required columns as
    they are, and the reported values in the ledger's own wording."""
    subject, reference = report["subject"], report["reference"]
    wanted = reported_ledger_values(report)
    if subject == Subject.TASK:
        content = conn.execute(_select_one("tasks", "content", reference)).scalar_one()
        return {"reference": reference, "content": content, "status": "已完成" if wanted["status"] == DONE else "未完成",
                "completed_on": report["done_on"]}
    if subject == Subject.RECOMMENDATION:
        kind = conn.execute(_select_one("recommendations", "kind", reference)).scalar_one()
        return {"reference": reference, "kind": "检察建议" if kind == "procuratorial" else "司法建议",
                "answered_on": report["done_on"], "rectified": "是" if wanted["rectified"] else "否"}
    return {"court": report["court"], "case_number": reference,
            "appearance": vocab_label("appearance", wanted["appearance"])}


def _select_one(name: str, column: str, reference: str) -> Select[Any]:
    columns = fact_table(name).table.c
    return select(columns[column]).where(columns.reference == reference)
