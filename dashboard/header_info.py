"""What the header says about the data beside 数据截至: the latest import (``最近导入 …（批次N）``) and
what still waits for review (``待核：2 个名称未匹配…``), for every reader — figures that rest on rows no
unit has claimed are read differently once one knows — with a link to 数据管理 for administrators.

Both come from the importer's own records (``etl.importing``: the batch list and the unmatched-names
queue), read once per data version: an import, a rollback and a name mapping all bump it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from dashboard.data import get_engine
from dashboard.i18n import Lang
from etl.importing.batches import list_batches
from etl.importing.unmatched import unmatched_names
from etl.localtime import local_text


@dataclass(frozen=True)
class DataNotes:
    """The latest active import batch and the size of the unmatched-names queue."""

    batch_id: int | None = None
    imported_at: dt.datetime | None = None
    is_demo: bool = False
    unmatched_names: int = 0
    unmatched_rows: int = 0


@st.cache_data(max_entries=8, show_spinner=False)
def data_notes(url: str, version: int) -> DataNotes:
    """Read once per database and data version (the queue scans every fact table)."""
    with get_engine(url).connect() as conn:
        batches = list_batches(conn).filter(status="active")
        queue = unmatched_names(conn)
    latest = batches.row(0, named=True) if batches.height else None
    return DataNotes(
        batch_id=None if latest is None else int(latest["id"]),
        imported_at=None if latest is None else latest["imported_at"],
        is_demo=bool(latest and latest["is_demo"]),
        unmatched_names=queue.height,
        unmatched_rows=int(queue["rows"].sum()) if queue.height else 0,
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
    """``待核：2 个名称未匹配（5 行计入全县、未归属单位）``, or None when nothing waits."""
    if not notes.unmatched_names:
        return None
    if lang == "zh":
        return f"待核：{notes.unmatched_names} 个名称未匹配（{notes.unmatched_rows} 行计入全县、未归属单位或乡镇）"
    names = "name" if notes.unmatched_names == 1 else "names"
    rows = "row" if notes.unmatched_rows == 1 else "rows"
    return (f"To review: {notes.unmatched_names} unmatched {names} ({notes.unmatched_rows} {rows} counted "
            "county-wide only)")
