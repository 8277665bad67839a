"""争议化解台账: disputes handled through a resolution channel (诉前调解, 执前和解, 府院联动协调, 复议调解)."""

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
from etl.db.models import DisputeCase, DisputeResult

DISPUTES = FactTable(
    name="disputes",
    model=DisputeCase,
    unit=NameLink("unit", "unit_raw", "unit_id", "涉及单位", "unit"),
    columns=(
        FrameColumn("reference", pl.String()), FrameColumn("channel", pl.Categorical()),
        FrameColumn("parties", pl.String()), FrameColumn("unit_raw", pl.String()),
        FrameColumn("received_on", pl.Date()), FrameColumn("concluded_on", pl.Date()),
        FrameColumn("result", pl.Categorical()), FrameColumn("is_major", pl.Boolean())),
    vocabularies=(VocabLink("channel", "channel_raw", "dispute_channel"),
                  VocabLink("result", "result_raw", "dispute_result"),
                  VocabLink("is_major", "is_major_raw", "yes_no")),
    event_dates=("received_on", "concluded_on"),
    spec=KindSpec("disputes", "争议化解台账", (
        Column("reference", NAME, True, "SQ-2025-001", "台账编号"),
        Column("channel", "dispute_channel", True, "诉前调解", "化解渠道：诉前调解、执前和解、府院联动协调、复议调解"),
        Column("unit", UNIT, False, "县人社局", "涉及单位"),
        Column("parties", TEXT, False, "王某与县人社局", "当事人"),
        Column("received_on", DATE, False, "2025-01-10", "受理日期"),
        Column("concluded_on", DATE, False, "2025-02-10", "办结日期"),
        Column("result", "dispute_result", False, "化解成功", "化解结果：调解成功/未成功/正在调解等；空=办理中"),
        Column("is_major", BOOL, False, "否", "是否重大争议"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("reference",),
        date_order=(DateOrder("received_on", "concluded_on", "办结日期早于受理日期"),),
        defaults={"result": str(DisputeResult.IN_PROGRESS), "is_major": False}),
)
