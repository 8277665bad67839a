"""重点案件台账: cases a unit's head studies and coordinates in person, one plan per case (一案一策).

A key case's 编号 may be the 案号 of a lawsuit or the 编号 of a dispute: that is what marks the lawsuit
or dispute as key (``etl.metrics.key_cases``).
"""

from __future__ import annotations

import polars as pl

from etl.catalog.columns import (
    CASE_NUMBER,
    DATE,
    SUBJECT_COLUMN,
    TEXT,
    TOWNSHIP_COLUMN,
    UNIT,
    Column,
    DateOrder,
    KindSpec,
)
from etl.catalog.table import FactTable, FrameColumn, NameLink, VocabLink
from etl.db.models import KeyCase, KeyCaseStatus

KEY_CASES = FactTable(
    name="keycases",
    model=KeyCase,
    unit=NameLink("unit", "unit_raw", "unit_id", "责任单位", "unit"),
    columns=(
        FrameColumn("reference", pl.String()), FrameColumn("name", pl.String()),
        FrameColumn("unit_raw", pl.String()), FrameColumn("leader", pl.String()),
        FrameColumn("listed_on", pl.Date()), FrameColumn("due_on", pl.Date()),
        FrameColumn("progress", pl.String()), FrameColumn("status", pl.Categorical()),
        FrameColumn("resolved_on", pl.Date())),
    vocabularies=(VocabLink("status", "status_raw", "key_case_status", "key_case_status"),),
    event_dates=("listed_on", "resolved_on"),
    deadlines=("due_on",),
    spec=KindSpec("keycases", "重点案件台账", (
        Column("reference", CASE_NUMBER, True, "（2025）豫0928行初15号",
               "编号或案号；填写诉讼案号或争议台账编号时，该诉讼、争议即标为重点案件"),
        Column("name", TEXT, True, "王某诉县自然资源局土地征收补偿案", "案件名称"),
        Column("unit", UNIT, False, "县自然资源局", "责任单位"),
        Column("leader", TEXT, False, "张某某（副县长）", "包案领导"),
        Column("listed_on", DATE, False, "2025-03-01", "列入重点案件的日期"),
        Column("due_on", DATE, False, "2025-09-30", "化解期限"),
        Column("progress", TEXT, False, "已召开两次协调会，达成补偿协议", "化解进展"),
        Column("status", "key_case_status", False, "已化解", "状态：化解中/已化解/未化解；空=化解中"),
        Column("resolved_on", DATE, False, "2025-08-20", "化解（办结）日期"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("reference",),
        date_order=(DateOrder("listed_on", "due_on", "化解期限早于列入日期"),
                    DateOrder("listed_on", "resolved_on", "化解日期早于列入日期")),
        defaults={"status": str(KeyCaseStatus.OPEN)}),
)
