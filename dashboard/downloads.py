"""Table downloads as xlsx and CSV, with every text cell protected against formula injection.

CSV is written with a UTF-8 BOM so Excel and WPS on a Chinese desktop open it without mojibake.
An xlsx opens with a title line naming the page, the period and the filters (a file forwarded by
e-mail must say what it holds) and a frozen header row. Every download is written to the audit log
when the file is built: who, what, which filters.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

import polars as pl
import streamlit as st
import xlsxwriter

from dashboard.auth import actor_name
from dashboard.data import db_url, get_engine
from dashboard.i18n import Lang, t
from etl import audit
from etl.export_safety import safe_cell, safe_frame


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    return "\ufeff".encode() + safe_frame(frame).write_csv().encode("utf-8")


#: The title line of this script run's downloads (page, period, filters), set by the page frame
#: (``dashboard.layout.page_context``). A context variable: each session's script run has its own.
EXPORT_HEADING: ContextVar[str | None] = ContextVar("export_heading", default=None)
#: Rows above the table in an xlsx: the title line, then one blank row.
TITLE_ROWS = 2
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def export_heading(page: str, period: str, filters: list[str], as_of: str | None, lang: Lang) -> str:
    """``示范县 联动看板 · 行政诉讼 · 期间 2026年1月1日至11月20日 · 单位：… · 数据截至 2026-11-20``."""
    parts = [page, f"{t('period', lang)} {period}", *filters]
    if as_of:
        parts.append(f"{t('as_of', lang)} {as_of}")
    return " · ".join(p for p in parts if p)


def to_xlsx_bytes(frame: pl.DataFrame, sheet: str = "数据", title: str | None = None) -> bytes:
    """One sheet: the title line (when given), then the table with its header row frozen. The title holds
    the region's and the filters' names, so it is formula-safe like every cell."""
    buffer = io.BytesIO()
    name = sheet.translate(_SHEET_FORBIDDEN)[:31] or "数据"
    top = TITLE_ROWS if title else 0
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        safe_frame(frame).write_excel(book, worksheet=name, position=(top, 0), autofit=True,
                                      freeze_panes=(top + 1, 0))
        if title:
            book.get_worksheet_by_name(name).write_string(0, 0, safe_cell(title),
                                                          book.add_format({"bold": True, "font_size": 13}))
    return buffer.getvalue()


def audited(build: Callable[[], bytes], action: str = audit.EXPORT, **what: Any) -> Callable[[], bytes]:
    """``build`` wrapped so that running it (the click on a deferred download) records one audit event.

    Who is looking and the page's filters (the URL parameters) are read now, in the script run: the
    deferred callable runs outside it, when the browser asks for the file.
    """
    engine = get_engine(db_url())
    actor = actor_name()
    filters = {k: st.query_params.get_all(k) for k in st.query_params}

    def build_and_record() -> bytes:
        content = build()
        with engine.begin() as conn:
            audit.record(conn, action, actor, **what, filters=filters)
        return content

    return build_and_record


def download_buttons(frame: pl.DataFrame, name: str, key: str, lang: Lang) -> None:
    """An xlsx and a CSV button side by side; files are built only when clicked (callable data)."""
    row = st.container(horizontal=True)
    heading = EXPORT_HEADING.get()
    title = f"{heading} · {name}" if heading else name
    row.download_button(t("download_xlsx", lang),
                        data=audited(lambda: to_xlsx_bytes(frame, name, title), what=name, format="xlsx",
                                     rows=frame.height),
                        file_name=f"{name}.xlsx", key=f"{key}_xlsx", icon=":material/download:",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        on_click="ignore", type="tertiary")
    row.download_button(t("download_csv", lang),
                        data=audited(lambda: to_csv_bytes(frame), what=name, format="csv", rows=frame.height),
                        file_name=f"{name}.csv", key=f"{key}_csv", mime="text/csv", icon=":material/download:",
                        on_click="ignore", type="tertiary")
