"""The 附件 of a briefing: a list of (title, builder), numbered in order among those that have content.

A builder takes the briefing's gathered figures and returns its tables (none: the annex is left out
and the next one takes its number). Adding an annex is adding one entry to :data:`ANNEXES`, as the
assessment's 考核得分明细 (``etl.briefing.assessment_annex``) is.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from etl.briefing import tables as t
from etl.briefing.assessment_annex import assessment_tables
from etl.briefing.cases import CASE_COLUMNS, case_rows
from etl.briefing.data import BriefingData
from etl.briefing.model import Annex, Table
from etl.metrics import Filters, rank

AnnexBuilder = Callable[[BriefingData], tuple[Table, ...]]

#: The body names this many lost cases and hearings without the head; longer lists go to an annex.
NAMED_IN_BODY = 8


def unit_names(data: BriefingData) -> dict[int, str]:
    """unit id → the short name the database holds (never a name cut by character count)."""
    units = data.facts.units
    return dict(zip(units["id"].to_list(), units.select(pl.coalesce("short_name", "name")).to_series().to_list(),
                    strict=True))


def _league(data: BriefingData, by: str, keys: tuple[str, ...], header: str,
            names: dict[int, str]) -> tuple[Table, ...]:
    grouped = data.units if by == "unit" else data.townships
    only = data.scope.id if data.scope.kind == by else None
    # A single township or unit is ranked among all of them, not among itself.
    ranking = rank(data.facts, data.period, by=by, filters=Filters() if only is not None else data.scope.filters,
                   config=data.definitions)
    rows = t.ranked_rows(grouped, ranking)
    if only is not None:
        rows = rows.filter(pl.col("group_id") == only)
    # Places restart in each assessment category: one table per category, then the members not assessed.
    tables = []
    for category, part in t.by_category(rows):
        named = by == "unit" or category is None
        label = (category or "不参加考核排名的单位") + "，" if named else ""
        tables.append(t.league_table(f"（{label}{data.period.label_zh}）", part, keys, header, names,
                                     data.min_records))
    return tuple(tables)


def unit_league(data: BriefingData) -> tuple[Table, ...]:
    return _league(data, "unit", t.UNIT_COLUMNS, "单位", unit_names(data))


def township_league(data: BriefingData) -> tuple[Table, ...]:
    if data.scope.kind == "unit":
        return ()
    towns = data.facts.townships
    names = dict(zip(towns["id"].to_list(), towns["name"].to_list(), strict=True))
    return _league(data, "township", t.TOWNSHIP_COLUMNS, "乡镇（街道）", names)


def lost_case_list(data: BriefingData) -> tuple[Table, ...]:
    if data.lost.height <= NAMED_IN_BODY:
        return ()
    return (Table(f"（{data.period.label_zh}，共{data.lost.height}件）", CASE_COLUMNS, case_rows(data.lost)),)


def absent_head_list(data: BriefingData) -> tuple[Table, ...]:
    if data.absent.height <= NAMED_IN_BODY:
        return ()
    rows = tuple((r["case_number"] or "", r["defendant"] or "", str(r["hearing_on"]))
                 for r in data.absent.iter_rows(named=True))
    return (Table(f"（{data.period.label_zh}，共{data.absent.height}件）", ("案号", "被告", "开庭日期"), rows),)


def overdue_task_list(data: BriefingData) -> tuple[Table, ...]:
    if not data.tasks.height:
        return ()
    rows = t.overdue_task_rows(data.tasks, unit_names(data))
    return (Table(f"（截至{data.as_of_label}，共{data.tasks.height}项）",
                  ("责任单位", "任务内容", "完成时限", "实际完成", "逾期"), rows, (False, False, False, False, True),
                  "注：按期间最后一天的状态列示；期后完成的任务列出实际完成日期。"),)


def open_recommendation_list(data: BriefingData) -> tuple[Table, ...]:
    if not data.recommendations.height:
        return ()
    rows = t.open_recommendation_rows(data.recommendations, unit_names(data))
    return (Table(f"（截至{data.as_of_label}，共{data.recommendations.height}件）",
                  ("被建议单位", "类别", "文号", "答复期限", "状态"), rows),)


ANNEXES: list[tuple[str, AnnexBuilder]] = [
    ("各单位主要指标及排名", unit_league),
    ("各乡镇（街道）主要指标及排名", township_league),
    ("败诉案件清单", lost_case_list),
    ("负责人未出庭应诉案件清单", absent_head_list),
    ("逾期未完成的双清单任务", overdue_task_list),
    ("未答复的司法建议和检察建议", open_recommendation_list),
    ("考核得分明细", assessment_tables),
]


def build_annexes(data: BriefingData, entries: list[tuple[str, AnnexBuilder]] | None = None) -> tuple[Annex, ...]:
    """Every entry with content, in order; numbering follows from the position in the result."""
    out = []
    for title, builder in entries if entries is not None else ANNEXES:
        tables = builder(data)
        if tables:
            out.append(Annex(title, tables))
    return tuple(out)


def annex_number(annexes: tuple[Annex, ...], title: str) -> int | None:
    for number, annex in enumerate(annexes, 1):
        if annex.title == title:
            return number
    return None
