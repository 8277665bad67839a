"""Table downloads as xlsx and CSV, with every text cell protected against formula injection.

CSV is written with a UTF-8 BOM so Excel and WPS on a Chinese desktop open it without mojibake.
"""

from __future__ import annotations

import io

import polars as pl
import streamlit as st

from dashboard.i18n import Lang, t
from etl.importing.export_safety import safe_frame


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    return "\ufeff".encode() + safe_frame(frame).write_csv().encode("utf-8")


def to_xlsx_bytes(frame: pl.DataFrame, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    safe_frame(frame).write_excel(buffer, worksheet=sheet[:31], autofit=True)
    return buffer.getvalue()


def download_buttons(frame: pl.DataFrame, name: str, key: str, lang: Lang) -> None:
    """An xlsx and a CSV button side by side; files are built only when clicked (callable data)."""
    row = st.container(horizontal=True)
    row.download_button(t("download_xlsx", lang), data=lambda: to_xlsx_bytes(frame, name),
                        file_name=f"{name}.xlsx", key=f"{key}_xlsx", icon=":material/download:",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        on_click="ignore", type="tertiary")
    row.download_button(t("download_csv", lang), data=lambda: to_csv_bytes(frame), file_name=f"{name}.csv",
                        key=f"{key}_csv", mime="text/csv", icon=":material/download:", on_click="ignore",
                        type="tertiary")
