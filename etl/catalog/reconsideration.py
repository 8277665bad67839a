"""行政复议台账: applications for administrative reconsideration."""

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
from etl.db.models import ReconsiderationCase

RECONSIDERATION = FactTable(
    name="reconsideration",
    model=ReconsiderationCase,
    unit=NameLink("respondent", "respondent_raw", "respondent_unit_id", "被申请人", "unit"),
    columns=(
        FrameColumn("case_number", pl.String()), FrameColumn("applicant", pl.String()),
        FrameColumn("respondent_raw", pl.String()), FrameColumn("received_on", pl.Date()),
        FrameColumn("decided_on", pl.Date()), FrameColumn("decision", pl.Categorical())),
    vocabularies=(VocabLink("decision", "decision_raw", "reconsideration_decision"),),
    event_dates=("received_on", "decided_on"),
    spec=KindSpec("reconsideration", "行政复议台账", (
        Column("case_number", CASE_NUMBER, True, "河清复决字〔2025〕3号", "复议案号"),
        Column("applicant", TEXT, False, "李某", "申请人"),
        Column("respondent", UNIT, False, "县市场监管局", "被申请人"),
        Column("cause", TEXT, False, "行政处罚", "复议事项"),
        Column("received_on", DATE, False, "2025-02-01", "申请(受理)日期"),
        Column("decided_on", DATE, False, "2025-03-20", "决定日期，不得早于申请日期"),
        Column("decision", "reconsideration_decision", False, "维持",
               "复议决定：维持、驳回行政复议请求、撤销、变更、确认违法、责令限期履行、调解、和解、终止行政复议…"),
        TOWNSHIP_COLUMN, SUBJECT_COLUMN),
        key=("case_number",),
        date_order=(DateOrder("received_on", "decided_on", "决定日期早于申请日期"),)),
)
