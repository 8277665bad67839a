"""双清单任务台账: tasks agreed at a joint conference, each with a lead unit and a deadline."""

from __future__ import annotations

import polars as pl

from etl.catalog.columns import (
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
from etl.db.models import JointTask, TaskStatus

TASKS = FactTable(
    name="tasks",
    model=JointTask,
    unit=NameLink("lead_unit", "lead_unit_raw", "lead_unit_id", "牵头单位", "unit"),
    columns=(
        FrameColumn("reference", pl.String()), FrameColumn("meeting", pl.String()),
        FrameColumn("content", pl.String()), FrameColumn("lead_unit_raw", pl.String()),
        FrameColumn("assigned_on", pl.Date()), FrameColumn("deadline", pl.Date()),
        FrameColumn("status", pl.Categorical()), FrameColumn("completed_on", pl.Date()),
        FrameColumn("partner_units", pl.String()), FrameColumn("leader", pl.String())),
    vocabularies=(VocabLink("status", "status_raw", "task_status"),),
    event_dates=("assigned_on", "completed_on"),
    deadlines=("deadline",),
    spec=KindSpec("tasks", "双清单任务台账", (
        Column("reference", NAME, True, "2025-01", "任务编号"),
        Column("meeting", TEXT, False, "2025年第一次府院联动联席会议", "来源会议：会议名称或会议纪要文号（据此关联会议台账）"),
        Column("content", TEXT, True, "开展征收补偿专项排查", "任务内容"),
        Column("lead_unit", UNIT, False, "县自然资源局", "牵头(责任)单位"),
        Column("partner_units", TEXT, False, "县住建局、柳屯镇人民政府", "配合单位，用 、 分隔"),
        Column("leader", TEXT, False, "李某某（副县长）", "责任领导"),
        Column("assigned_on", DATE, False, "2025-01-15", "交办日期"),
        Column("deadline", DATE, False, "2025-06-30", "完成时限"),
        Column("status", "task_status", False, "已完成", "完成情况：已完成/未完成/取消；空=未完成"),
        Column("completed_on", DATE, False, "2025-06-01", "完成日期"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("reference",),
        date_order=(DateOrder("assigned_on", "completed_on", "完成日期早于交办日期"),),
        defaults={"status": str(TaskStatus.OPEN)}),
)
