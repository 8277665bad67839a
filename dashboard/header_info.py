"""What the header says about the data beside 数据截至: the latest import (``最近导入 …（批次N）``) and
what still waits for review (``待核：2 个名称未匹配…；3条记录取值待确认…``), for every reader — figures that rest on rows no
unit has claimed are read differently once one knows — with a link to 数据管理 for administrators.

Both come from the importer's own records (``etl.importing``: the batch list, the unmatched-names
queue and the held values), read once per data version into the one results cache: an import, a
rollback, a name mapping and a confirmed value all bump it. This chip is the one place the header says
what waits; the held part is worded by ``etl.wording.sentences.held_note`` (counted in volumes, not
in the rates that need the value).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.caches import RESULTS
from dashboard.data import get_engine
from dashboard.i18n import Lang
from etl.importing.batches import list_batches
from etl.importing.held import held_row_count
from etl.importing.unmatched import unmatched_names
from etl.localtime import local_text
from etl.wording.sentences import held_note


@dataclass(frozen=True)
class DataNotes:
    """The latest active import batch, the size of the unmatched-names queue and the rows holding a
    value the office has not confirmed."""

    batch_id: int | None = None
    imported_at: dt.datetime | None = None
    is_demo: bool = False
    unmatched_names: int = 0
    unmatched_rows: int = 0
    held_rows: int = 0


def data_notes(url: str, version: int) -> DataNotes:
    """Read once per database and data version (the queue scans every fact table)."""
    notes: DataNotes = RESULTS.get_or_compute(("data notes", url, version), lambda: _read_notes(url))
    return notes


def _read_notes(url: str) -> DataNotes:
    with get_engine(url).connect() as conn:
        batches = list_batches(conn).filter(status="active")
        queue = unmatched_names(conn)
        held = held_row_count(conn)
    latest = batches.row(0, named=True) if batches.height else None
    return DataNotes(
        batch_id=None if latest is None else int(latest["id"]),
        imported_at=None if latest is None else latest["imported_at"],
        is_demo=bool(latest and latest["is_demo"]),
        unmatched_names=queue.height,
        unmatched_rows=int(queue["rows"].sum()) if queue.height else 0,
        held_rows=held,
    )


def latest_import_text(notes: DataNotes, timezone: str, lang: Lang) -> str | None:
    """``最近导入 2026-12-06 16:27（批次3）``; the demo load says so; no batch, nothing."""
    if notes.batch_id is None:
        return None
    when = local_text(notes.imported_at, timezone, seconds=False)
    if lang == "zh":
        return f"最近导入 {when}（批次{notes.batch_id}{'，演示数据' if notes.is_demo else ''}）"
    return f"Last import {when} (batch {notes.batch_id}{', demo data' if notes.is_demo else ''})"


def quality_text(notes: DataNotes, lang: Lang) -> str | None:
    """``待核：2 个名称未匹配（5 行计入全县、未归属单位）；3条记录取值待确认（…）``, or None when nothing waits."""
    parts = [part for part in (_unmatched_text(notes, lang), held_note(notes.held_rows, lang)) if part]
    if not parts:
        return None
    return ("待核：" + "；".join(parts)) if lang == "zh" else "To review: " + "; ".join(parts)


def _unmatched_text(notes: DataNotes, lang: Lang) -> str | None:
    if not notes.unmatched_names:
        return None
    if lang == "zh":
        return f"{notes.unmatched_names} 个名称未匹配（{notes.unmatched_rows} 行计入全县、未归属单位或乡镇）"
    names = "name" if notes.unmatched_names == 1 else "names"
    rows = "row" if notes.unmatched_rows == 1 else "rows"
    return f"{notes.unmatched_names} unmatched {names} ({notes.unmatched_rows} {rows} counted county-wide only)"
