"""Table downloads as xlsx and CSV, with every text cell protected against formula injection.

CSV is written with a UTF-8 BOM so Excel and WPS on a Chinese desktop open it without mojibake.
Every download is written to the audit log when the file is built: who, what, which filters.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from dashboard.auth import actor_name
from dashboard.data import db_url, get_engine
from dashboard.i18n import Lang, t
from etl import audit
from etl.export_safety import safe_frame


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    return "\ufeff".encode() + safe_frame(frame).write_csv().encode("utf-8")


def to_xlsx_bytes(frame: pl.DataFrame, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    safe_frame(frame).write_excel(buffer, worksheet=sheet[:31], autofit=True)
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
    row.download_button(t("download_xlsx", lang),
                        data=audited(lambda: to_xlsx_bytes(frame, name), what=name, format="xlsx", rows=frame.height),
                        file_name=f"{name}.xlsx", key=f"{key}_xlsx", icon=":material/download:",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        on_click="ignore", type="tertiary")
    row.download_button(t("download_csv", lang),
                        data=audited(lambda: to_csv_bytes(frame), what=name, format="csv", rows=frame.height),
                        file_name=f"{name}.csv", key=f"{key}_csv", mime="text/csv", icon=":material/download:",
                        on_click="ignore", type="tertiary")
