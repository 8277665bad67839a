"""Where a liaison's report and the ledger disagree, and the office's decision.

A later ledger import never overwrites a report, and never silently wins over it either: whenever the
ledger row and the report say different things (the ledger 未完成, the report 已完成 on 5 June), the
conflict is listed on the office's view and in the import's result until the office decides:

- ``report``: the reported values are written into the ledger as a one-row correction import (its own
  batch: validated, audited, undoable), so the figures follow through the ordinary path;
- ``ledger``: the ledger stands for exactly its current values; if a later import changes them, the
  question is open again.

A conflict whose decision was ``report`` opens again too when a later ledger contradicts the report
once more. A hearing's report and ledger disagree when one says the head appeared and the other does
not, by the definitions' one appearance rule (``IndicatorConfig.head_appearances``: 正职, and 副职 unless
``deputy_counts_as_head`` is false), or when the ledger has not recorded who appeared. Reports change no figure by themselves (docs/decisions/0013-liaison-reports-beside-the-ledger.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from sqlalchemy import Connection

from etl.access import EVERYTHING, ViewerScope
from etl.metrics import Definitions, IndicatorConfig, resolve_config, year_period
from etl.reporting.ledger import LEDGER_OF, ledger_row
from etl.reporting.reads import ledger_json, load_reports
from etl.reporting.terms import APPEARANCES, DONE, ReportRefused, Subject
from etl.wording.labels import vocab_label

CONFLICT_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.Int64(), "subject": pl.String(), "court": pl.String(), "reference": pl.String(),
    "unit_id": pl.Int64(), "township_id": pl.Int64(), "ledger_says": pl.String(), "report_says": pl.String(),
    "reported_by": pl.String(), "reported_at": pl.Datetime()}
_YES_NO = {True: "是", False: "否", None: "空"}


def reported_ledger_values(report: dict[str, Any]) -> dict[str, Any]:
    """The ledger values the report amounts to (what ``report`` writes into the ledger)."""
    subject = report["subject"]
    if subject == Subject.TASK:
        return {"status": report["status"], "completed_on": _iso(report["done_on"])}
    if subject == Subject.RECOMMENDATION:
        return {"answered_on": _iso(report["done_on"]), "rectified": report["status"] == DONE}
    if subject == Subject.HEARING:
        return {"appearance": report["appearance"]}
    return {}


def head_appeared(appearance: str | None, hearing_on: str | dt.date | None,
                  config: IndicatorConfig | Definitions | None = None) -> bool | None:
    """Whether ``appearance`` counts as the head appearing, by the definitions of the hearing's year
    (None: not recorded)."""
    if appearance is None:
        return None
    day = dt.date.fromisoformat(hearing_on) if isinstance(hearing_on, str) else hearing_on or dt.date.today()
    return appearance in resolve_config(config, year_period(day.year)).head_appearances


def disagreement(report: dict[str, Any], ledger: dict[str, Any],
                 config: IndicatorConfig | Definitions | None = None) -> tuple[str, str] | None:
    """(what the ledger says, what the report says) when they differ, in Chinese; None when they agree.
    ``config``: the definitions in force (None: the built-in ones)."""
    wanted = reported_ledger_values(report)
    subject = report["subject"]
    if subject == Subject.TASK:
        ledger_done = ledger["status"] == DONE
        if ledger_done == (wanted["status"] == DONE) and (not ledger_done or ledger["completed_on"] is None
                                                         or ledger["completed_on"] == wanted["completed_on"]):
            return None
        return _task_text(ledger["status"], ledger["completed_on"]), _task_text(wanted["status"],
                                                                                 wanted["completed_on"])
    if subject == Subject.RECOMMENDATION:
        if ledger["answered_on"] == wanted["answered_on"] and bool(ledger["rectified"]) == wanted["rectified"]:
            return None
        return (f"回复日期 {ledger['answered_on'] or '空'}，整改到位 {_YES_NO[ledger['rectified']]}",
                f"回复日期 {wanted['answered_on']}，整改到位 {_YES_NO[wanted['rectified']]}")
    if subject == Subject.HEARING:
        ledger_head = head_appeared(ledger["appearance"], ledger["hearing_on"], config)
        report_head = head_appeared(wanted["appearance"], ledger["hearing_on"], config)
        if ledger_head is not None and ledger_head == report_head:
            return None
        who = APPEARANCES[report["appearance"]][0] + (f"（{report['appeared_name']}）" if report["appeared_name"] else "")
        recorded = vocab_label("appearance", ledger["appearance"]) or "空"
        return (f"出庭情况 {recorded}，负责人出庭 {_YES_NO[ledger_head]}",
                f"{who}，负责人出庭 {_YES_NO[report_head]}")
    return None


def conflicts_note(conn: Connection, kind: str,
                   config: IndicatorConfig | Definitions | None = None) -> tuple[int, str]:
    """How many reports on rows of a ledger kind now disagree with it, and the sentence an import adds."""
    subjects = tuple(s for s, (name, _) in LEDGER_OF.items() if name == kind)
    count = open_conflicts(conn, subjects=subjects, config=config).height if subjects else 0
    return count, (f"；与联络员填报不一致 {count} 条，请在“填报”页处理" if count else "")


def open_conflicts(conn: Connection, scope: ViewerScope = EVERYTHING, subjects: tuple[str, ...] | None = None,
                   config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Reports that disagree with their ledger row and that the office has not settled for the ledger's
    current values. A report whose ledger row is gone (rolled back) is kept and is no conflict.
    ``config``: the definitions in force (None: the built-in ones)."""
    reports = load_reports(conn, scope).filter(pl.col("subject").is_in(list(subjects or LEDGER_OF)))
    rows = []
    for report in reports.iter_rows(named=True):
        try:
            ledger = ledger_row(conn, report["subject"], report["reference"], report["court"]).values
        except ReportRefused:
            continue
        differ = disagreement(report, ledger, config)
        settled = report["resolution"] == "ledger" and report["resolved_ledger"] == ledger_json(ledger)
        if differ is not None and not settled:
            rows.append((report["id"], report["subject"], report["court"], report["reference"], report["unit_id"],
                         report["township_id"], *differ, report["reported_by"], report["reported_at"]))
    return pl.DataFrame(rows, schema=CONFLICT_SCHEMA, orient="row")


def _task_text(status: str | None, completed_on: str | None) -> str:
    if status == DONE:
        return f"已完成（{completed_on or '无完成日期'}）"
    return "已取消" if status == "cancelled" else "未完成"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
