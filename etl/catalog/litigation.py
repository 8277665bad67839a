"""行政诉讼台账: administrative lawsuits, one row per court and 案号 (an appeal has its own 案号)."""

from __future__ import annotations

import polars as pl

from etl.catalog.columns import (
    CASE_NUMBER,
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
from etl.db.models import LitigationCase

#: Vocabulary columns are categorical: ``is_in`` on them is ~50x faster than on strings (benchmark).
LITIGATION = FactTable(
    name="litigation",
    model=LitigationCase,
    unit=NameLink("defendant", "defendant_raw", "defendant_unit_id", "被告", "unit"),
    columns=(
        FrameColumn("court", pl.Categorical()), FrameColumn("instance", pl.Categorical()),
        FrameColumn("case_number", pl.String()), FrameColumn("plaintiff", pl.String()),
        FrameColumn("defendant_raw", pl.String()), FrameColumn("filed_on", pl.Date()),
        FrameColumn("hearing_on", pl.Date()), FrameColumn("closed_on", pl.Date()),
        FrameColumn("outcome", pl.Categorical()), FrameColumn("appearance", pl.Categorical())),
    vocabularies=(VocabLink("outcome", "outcome_raw", "litigation_outcome"),
                  VocabLink("appearance", "appearance_raw", "appearance")),
    event_dates=("filed_on", "hearing_on", "closed_on"),
    spec=KindSpec("litigation", "行政诉讼台账", (
        Column("case_number", CASE_NUMBER, True, "（2025）豫0928行初15号",
               "案号；括号统一为（），审级由类型代字推出：行初=一审，行终=二审，行再/行申=再审，行审=非诉审查"),
        Column("court", NAME, False, "河清县人民法院",
               "审理法院；空时取导入时指定的法院、表头“填报单位”，再空则按案号中的法院代字（如 豫0928）确定"),
        Column("plaintiff", TEXT, False, "张某", "原告"),
        Column("defendant", UNIT, False, "县自然资源局", "被告行政机关；可带或不带县名前缀，可用简称"),
        Column("cause", TEXT, False, "土地行政登记", "案由"),
        Column("filed_on", DATE, False, "2025-03-05", "立案日期：日期单元格、2025/3/5、2025.03.05、2025年3月5日、20250305 均可"),
        Column("hearing_on", DATE, False, "2025-04-10", "开庭日期"),
        Column("closed_on", DATE, False, "2025-06-20", "结案日期，不得早于立案日期"),
        Column("outcome", "litigation_outcome", False, "判决驳回诉讼请求",
               "结案方式：一审如 判决驳回诉讼请求、判决撤销；二审如 驳回上诉，维持原判；非诉审查如 裁定准予执行"),
        Column("appearance", "appearance", False, "正职出庭",
               "出庭情况：正职出庭、副职出庭、委托代理人出庭、未出庭；也可写 是/否、√/×"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("court", "case_number"),
        required_per_row=("court",),
        date_order=(DateOrder("filed_on", "closed_on", "结案日期早于立案日期"),
                    DateOrder("filed_on", "hearing_on", "开庭日期早于立案日期"))),
)
