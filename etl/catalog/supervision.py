"""行政检察监督案件台账: the procuratorate's administrative supervision cases (府检联动), by supervised unit."""

from __future__ import annotations

import polars as pl

from etl.catalog.columns import DATE, NAME, SUBJECT_COLUMN, TOWNSHIP_COLUMN, UNIT, Column, DateOrder, KindSpec
from etl.catalog.table import FactTable, FrameColumn, NameLink, VocabLink
from etl.db.models import SupervisionCase, SupervisionResult

SUPERVISION = FactTable(
    name="supervision",
    model=SupervisionCase,
    unit=NameLink("supervised", "supervised_raw", "supervised_unit_id", "被监督单位", "unit"),
    columns=(
        FrameColumn("reference", pl.String()), FrameColumn("kind", pl.Categorical()),
        FrameColumn("supervised_raw", pl.String()), FrameColumn("received_on", pl.Date()),
        FrameColumn("closed_on", pl.Date()), FrameColumn("result", pl.Categorical())),
    vocabularies=(VocabLink("kind", "kind_raw", "supervision_kind", "supervision_kind"),
                  VocabLink("result", "result_raw", "supervision_result", "supervision_result")),
    event_dates=("received_on", "closed_on"),
    spec=KindSpec("supervision", "行政检察监督案件台账", (
        Column("reference", NAME, True, "河检行监〔2025〕12号", "案件编号"),
        Column("kind", "supervision_kind", True, "行政非诉执行监督",
               "监督类型：行政诉讼监督/行政非诉执行监督/行政违法行为监督"),
        Column("supervised", UNIT, False, "县市场监管局", "被监督单位（行政机关）"),
        Column("received_on", DATE, False, "2025-04-02", "受理日期"),
        Column("closed_on", DATE, False, "2025-06-15", "办结日期"),
        Column("result", "supervision_result", False, "发出检察建议",
               "办理结果：检察建议/抗诉/不支持监督申请/终结审查/其他；空=在办"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("reference",),
        date_order=(DateOrder("received_on", "closed_on", "办结日期早于受理日期"),),
        defaults={"result": str(SupervisionResult.IN_PROGRESS)}),
)
