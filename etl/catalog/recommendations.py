"""司法建议/检察建议台账: recommendations a court or procuratorate addresses to a unit."""

from __future__ import annotations

import polars as pl

from etl.catalog.columns import (
    BOOL,
    DATE,
    NAME,
    SUBJECT_COLUMN,
    TEXT,
    TOWNSHIP_COLUMN,
    UNIT,
    Column,
    DateOrder,
    KindSpec,
)
from etl.catalog.table import FactTable, FrameColumn, NameLink, VocabLink
from etl.db.models import Recommendation

RECOMMENDATIONS = FactTable(
    name="recommendations",
    model=Recommendation,
    unit=NameLink("addressee", "addressee_raw", "addressee_unit_id", "被建议单位", "unit"),
    columns=(
        FrameColumn("reference", pl.String()), FrameColumn("kind", pl.Categorical()),
        FrameColumn("issuer", pl.String()), FrameColumn("addressee_raw", pl.String()),
        FrameColumn("content", pl.String()), FrameColumn("issued_on", pl.Date()),
        FrameColumn("due_on", pl.Date()), FrameColumn("answered_on", pl.Date()),
        FrameColumn("rectified", pl.Boolean())),
    vocabularies=(VocabLink("kind", "kind_raw", "recommendation_kind"), VocabLink("rectified", "rectified_raw", "yes_no")),
    event_dates=("issued_on", "answered_on"),
    deadlines=("due_on",),
    spec=KindSpec("recommendations", "司法建议/检察建议台账", (
        Column("reference", NAME, True, "河法建〔2025〕2号", "建议文号"),
        Column("kind", "recommendation_kind", True, "司法建议", "建议类型：司法建议/检察建议"),
        Column("issuer", TEXT, False, "河清县人民法院", "发出单位"),
        Column("addressee", UNIT, False, "县住建局", "被建议单位"),
        Column("content", TEXT, False, "规范征收补偿程序", "建议内容"),
        Column("issued_on", DATE, False, "2025-03-01", "发出日期"),
        Column("due_on", DATE, False, "2025-05-01", "回复期限"),
        Column("answered_on", DATE, False, "2025-04-20", "回复日期"),
        Column("rectified", BOOL, False, "是", "是否整改到位"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("reference",),
        date_order=(DateOrder("issued_on", "answered_on", "回复日期早于发出日期"),)),
)
