"""Record lists (drill-through, 督办 ledgers) with Chinese headers, vocabulary labels and downloads.

One place decides how a cell reads on screen and in a download: dates as dates (never ``00:00:00``),
yes/no as 是/否, and an empty cell blank rather than ``None``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import polars as pl
import streamlit as st

from dashboard.downloads import download_buttons
from dashboard.i18n import Lang, t
from etl.export_safety import safe_frame
from etl.wording import labels as wording_labels
from etl.wording import numbers as wording_numbers
from etl.wording.labels import VOCAB_ZH

if TYPE_CHECKING:
    from streamlit.elements.lib.column_types import ColumnConfig

#: Column → (中文, English) header; only these columns are shown, in this order.
HEADERS: dict[str, tuple[str, str]] = {
    "case_number": ("案号", "Case no."),
    "reference": ("编号", "Reference"),
    "court": ("法院", "Court"),
    "unit_name": ("单位", "Unit"),
    "township_name": ("乡镇", "Township"),
    "area_name": ("领域", "Subject area"),
    "plaintiff": ("原告", "Plaintiff"),
    "applicant": ("申请人", "Applicant"),
    "channel": ("化解渠道", "Channel"),
    "kind": ("类型", "Kind"),
    "issuer": ("发出机关", "Issuer"),
    "meeting": ("来源会议", "Meeting"),
    "content": ("内容", "Content"),
    "partner_units": ("配合单位", "Partner units"),
    "leader": ("责任领导", "Leader in charge"),
    "filed_on": ("立案日期", "Filed"),
    "received_on": ("受理日期", "Received"),
    "hearing_on": ("开庭日期", "Hearing"),
    "issued_on": ("发出日期", "Issued"),
    "assigned_on": ("交办日期", "Assigned"),
    "closed_on": ("结案日期", "Closed"),
    "decided_on": ("决定日期", "Decided"),
    "concluded_on": ("办结日期", "Concluded"),
    "due_on": ("回复期限", "Due"),
    "deadline": ("完成时限", "Deadline"),
    "answered_on": ("回复日期", "Answered"),
    "completed_on": ("完成日期", "Completed"),
    "outcome": ("结案方式", "Outcome"),
    "decision": ("复议决定", "Decision"),
    "result": ("化解结果", "Result"),
    "status": ("状态", "Status"),
    "appearance": ("出庭情况", "Appearance"),
    "is_key": ("重点案件", "Key case"),
    "rectified": ("已整改", "Rectified"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "in_numerator": ("计入分子", "In numerator"),
}

#: Wide text columns that a table should give room to (and wrap) rather than cut.
WIDE_COLUMNS = {"content", "内容", "Content", "说明", "Detail", "详情"}


def vocab_label(column: str, key: str | None, lang: Lang) -> str | None:
    return wording_labels.vocab_label(column, key, lang)


def readable_cells(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Cells as a reader expects them: a date-time at midnight becomes a date, a boolean 是/否, an
    empty text cell blank. Numbers and dates stay typed, so the grid sorts them and Excel sees dates."""
    # A clerk's ledger says 是/否, not TRUE/FALSE: the wording layer's flag words.
    yes, no = wording_numbers.flag(True, lang), wording_numbers.flag(False, lang)
    exprs = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.Boolean:
            exprs.append(pl.when(column).then(pl.lit(yes)).when(~column).then(pl.lit(no)).otherwise(pl.lit(""))
                         .alias(name))
        elif isinstance(dtype, pl.Datetime) and _all_midnight(frame[name]):
            exprs.append(column.dt.date().alias(name))
        elif dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
            exprs.append(column.cast(pl.String).fill_null("").alias(name))
        else:
            exprs.append(column)
    return frame.select(exprs)


def _all_midnight(values: pl.Series) -> bool:
    """Every value is a whole day: a date read back as a date-time, whose 00:00:00 says nothing."""
    times = values.drop_nulls()
    return times.is_empty() or bool((times.dt.truncate("1d") == times).all())


def display_frame(records: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Known columns only, in a fixed order, vocabulary translated, headers in the reader's language."""
    # Columns with no value at all (e.g. township on a task ledger) are noise on a wall screen.
    columns = [c for c in HEADERS if c in records.columns and records[c].null_count() < records.height]
    exprs = []
    for column in columns:
        expr = pl.col(column)
        if column in VOCAB_ZH and lang == "zh":
            expr = expr.replace_strict(VOCAB_ZH[column], default=expr, return_dtype=pl.String)
        exprs.append(expr.alias(HEADERS[column][0 if lang == "zh" else 1]))
    return readable_cells(records.select(exprs), lang)


def column_config(frame: pl.DataFrame) -> dict[str, ColumnConfig]:
    """Dates shown as dates, wide text columns given room: the grid's own defaults cut both."""
    config: dict[str, ColumnConfig] = {}
    for name, dtype in frame.schema.items():
        if dtype == pl.Date:
            config[name] = st.column_config.DateColumn(name, format="YYYY-MM-DD")
        elif isinstance(dtype, pl.Datetime):
            config[name] = st.column_config.DatetimeColumn(name, format="YYYY-MM-DD HH:mm")
        elif name in WIDE_COLUMNS:
            config[name] = st.column_config.TextColumn(name, width="large")
    return config


def show_records(records: pl.DataFrame, name: str, key: str, lang: Lang, height: int | Literal["auto"] = "auto",
                 raw: bool = False) -> None:
    """A sortable table with xlsx/CSV downloads; an empty list is a sentence.

    ``raw`` shows an already-shaped table as it is (its headers are final).
    """
    if records.is_empty():
        st.info(t("empty", lang), icon=":material/info:")
        return
    shown = safe_frame(readable_cells(records, lang) if raw else display_frame(records, lang))
    st.dataframe(shown, hide_index=True, height=height, key=f"{key}_table", placeholder="",
                 column_config=column_config(shown))
    download_buttons(shown, name, key, lang)


def show_table(frame: pl.DataFrame, key: str, height: int | Literal["auto"] = "auto", lang: Lang = "zh") -> None:
    """A small shaped table; cells are made formula-safe because the grid's own CSV export is not."""
    shown = safe_frame(readable_cells(frame, lang))
    st.dataframe(shown, hide_index=True, height=height, key=key, placeholder="", column_config=column_config(shown))
