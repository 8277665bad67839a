"""会议台账: the joint conference's meetings; a meeting's decisions are the 双清单 tasks naming it or its 纪要."""

from __future__ import annotations

import polars as pl

from etl.catalog.columns import DATE, NAME, SUBJECT_COLUMN, TEXT, TOWNSHIP_COLUMN, UNIT, Column, KindSpec
from etl.catalog.table import FactTable, FrameColumn, NameLink, VocabLink
from etl.db.models import Meeting

MEETINGS = FactTable(
    name="meetings",
    model=Meeting,
    # The unit that convenes the meeting (usually the justice bureau, where the conference office sits).
    unit=NameLink("host", "host_raw", "host_unit_id", "召集单位", "unit"),
    columns=(
        FrameColumn("name", pl.String()), FrameColumn("kind", pl.Categorical()),
        FrameColumn("held_on", pl.Date()), FrameColumn("minutes_no", pl.String()),
        FrameColumn("attendees", pl.String()), FrameColumn("host_raw", pl.String())),
    vocabularies=(VocabLink("kind", "kind_raw", "meeting_kind", "meeting_kind"),),
    event_dates=("held_on",),
    # Minutes are circulated to every member unit: a liaison sees the whole register, and the tasks of
    # their own unit still find the meeting they came from.
    scoped=False,
    spec=KindSpec("meetings", "联席会议台账", (
        Column("name", NAME, True, "2025年第一次府院联动联席会议", "会议名称；任务台账的“来源会议”写会议名称或纪要文号即可关联"),
        Column("kind", "meeting_kind", True, "府院联动", "会议类型：府院联动/府检联动/联合"),
        Column("held_on", DATE, False, "2025-03-20", "召开日期"),
        Column("minutes_no", NAME, False, "河府院联纪〔2025〕1号", "会议纪要文号"),
        Column("attendees", TEXT, False, "县法院、县检察院、县司法局、县自然资源局", "参会单位，用 、 分隔"),
        Column("host", UNIT, False, "县司法局", "召集（承办）单位，一般为联席会议办公室所在的司法局"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("name",)),
)
