"""附件：考核得分明细 — the assessment annex of the briefing: the scoring rules, each category's points per
indicator, and every bonus, deduction and veto with its reason. Figures come from ``etl.metrics`` (the
same ranking and breakdown as the 考核排名 page); this module only turns the frames into tables."""

from __future__ import annotations

import polars as pl

from etl.briefing.model import Section, Table
from etl.briefing.tables import SHORT_LABELS, short_name
from etl.metrics import Facts, Period
from etl.metrics.assessment_events import collect_events
from etl.metrics.breakdown import method_table
from etl.metrics.scheme import Scheme
from etl.metrics.score_tables import adjustments, score_matrix

ANNEX_HEADING = "附件：考核得分明细"


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value == value else "—"
    return str(value)


def _table(title: str, frame: pl.DataFrame, region: str | None, note: str = "") -> Table:
    rows = tuple(tuple(short_name(_cell(v), region) if c == "名称" else _cell(v) for c, v in r.items())
                 for r in frame.iter_rows(named=True))
    numeric = tuple(frame.schema[c].is_numeric() for c in frame.columns)
    return Table(title, tuple(frame.columns), rows, numeric, note)


def assessment_annex(facts: Facts, period: Period, ranking: pl.DataFrame, scheme: Scheme, by: str = "unit",
                     min_cases: int = 3) -> Section:
    """The annex for the ranking of units (``etl.metrics.rank``) under ``scheme``."""
    region = facts.region_name
    tables = [_table("考核计分方法", method_table(scheme).with_columns(pl.col("权重").cast(pl.Float64)), region)]
    for category in ranking["category"].unique(maintain_order=True).to_list():
        matrix = score_matrix(ranking, scheme, category, lambda i: SHORT_LABELS.get(i.key, i.slug))
        tables.append(_table(f"{category}考核得分", matrix, region,
                             "注：各指标得分之和为基础得分（不适用的指标不计分，其权重按比例分摊）；得分＝基础得分＋加分－扣分，"
                             "一票否决的计0分；“—”表示不适用或未参评。"))
    events = collect_events(facts, period, tuple(r.kind for r in scheme.events))
    extra = adjustments(ranking, scheme, events, by, min_cases)
    if extra.height:
        tables.append(_table("加分、扣分和一票否决事项", extra, region))
    return Section(ANNEX_HEADING, (f"按{scheme.name}计分，各类别分别排名。",), None, tuple(tables))
