"""The 败诉案件通报: every lost case of a period, grouped by unit, with the office's review of each.

The cases are the loss rate's numerator (``etl.briefing.cases.lost_cases``), so the notice and the
loss rate on every screen count the same cases. For each case the table gives 案号, 被告, 案由, 领域,
判项 and 结案日期, and under it what the office recorded (败诉原因, 整改措施, 责任追究) or that it is
still awaited; the requirements at the end name the units whose review is outstanding.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import polars as pl

from etl.briefing.cases import NO_DETAILS, CaseDetails, case_rows, lost_cases, outcome_label
from etl.briefing.model import Document, Section, Table
from etl.briefing.sections import OTHER_AREA
from etl.db.models import UnitType
from etl.metrics import Definitions, Facts, IndicatorConfig, Period, compute_indicators, resolve_config
from etl.notices.layout import notice
from etl.wording.numbers import count, percent
from etl.wording.sentences import join, rests_on_enough
from etl.wording.status import target_clause

COLUMNS = ("序号", "案号", "案由", "领域", "判项", "结案日期")
NUMERALS = "一二三四五六七八九十"
REPORT_DAYS = 15


def _sub(n: int) -> str:
    return f"（{NUMERALS[n]}）" if n < len(NUMERALS) else f"（{n + 1}）"


def opening(facts: Facts, period: Period, config: IndicatorConfig, lost: pl.DataFrame) -> str:
    region = facts.region_name or "全县"
    loss = compute_indicators(facts, period, config=config)["loss_rate"]
    closed = loss.denominator or 0
    if not closed:
        return f"{period.label_zh}，{region}无审结的一审行政诉讼案件。"
    parts = [f"{period.label_zh}，{region}审结一审行政诉讼案件{closed}件"]
    if not lost.height:
        parts.append("无败诉案件" + ("，败诉率保持为零" if loss.previous == 0 else ""))
        return join(*parts)
    parts.append(f"其中败诉{count(lost.height)}")
    if rests_on_enough(closed, config.rate_min_records) and loss.value is not None:
        status = target_clause(float(loss.value), loss.target, "lower", loss.status)
        parts.append(f"败诉率{percent(float(loss.value))}" + (f"，{status}" if status else ""))
    return join(*parts) + "现将败诉案件情况通报如下："


def _tally(values: list[str | None]) -> str:
    counts = Counter(v or "—" for v in values)
    return "、".join(f"{name}{n}件" for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summary(lost: pl.DataFrame) -> str:
    """By unit, by 领域 and by 判项, as counts: what the cases have in common."""
    return "；".join((f"按被诉单位：{_tally(lost['defendant'].to_list())}", f"按领域：{_tally(lost['area'].to_list())}",
                     f"按判项：{_tally([outcome_label(o) for o in lost['outcome'].to_list()])}")) + "。"


def review_lines(rows: pl.DataFrame, details: CaseDetails) -> tuple[str, ...]:
    out = []
    for row in rows.iter_rows(named=True):
        review = details.review(row["court"], row["case_number"])
        if review.is_empty:
            out.append(f"{row['case_number']}：败诉原因、整改措施和责任追究情况尚未报送。")
            continue
        parts = [f"败诉原因：{review.cause_analysis or '尚未报送'}", f"整改措施：{review.rectification or '尚未报送'}",
                 f"责任追究：{review.accountability or '尚未报送'}"]
        out.append(f"{row['case_number']}：" + "；".join(parts) + "。")
    return tuple(out)


def unit_sections(lost: pl.DataFrame, details: CaseDetails) -> tuple[Section, ...]:
    sections = []
    groups = lost.group_by("defendant_full", maintain_order=True).agg(pl.len().alias("n"))
    for n, (unit, size) in enumerate(groups.iter_rows()):
        rows = lost.filter(pl.col("defendant_full") == unit)
        cells = tuple((str(i), *cells) for i, cells in enumerate(
            ((c[0], c[2], c[3], c[4], c[5]) for c in case_rows(rows)), 1))
        table = Table("", COLUMNS, cells, (True, False, False, False, False, False))
        sections.append(Section(f"{_sub(n)}{unit}（败诉{size}件）", (), None, (table,), review_lines(rows, details)))
    return tuple(sections)


def requirements(lost: pl.DataFrame, details: CaseDetails) -> tuple[str, ...]:
    """Who reports what: units whose review is outstanding, units following up, the lesson by 领域.

    A case against the county government, which convenes the conference, is reported by the unit
    that handled it, not by the government itself: it is named apart.
    """
    def outstanding(unit: str) -> bool:
        return any(details.review(r["court"], r["case_number"]).is_empty
                   for r in lost.filter(pl.col("defendant_full") == unit).iter_rows(named=True))

    by_unit = lost.select("defendant_full", "unit_type").unique(maintain_order=True)
    government = [u for u, kind in by_unit.iter_rows() if kind == UnitType.GOVERNMENT.value]
    units = [u for u, kind in by_unit.iter_rows() if kind != UnitType.GOVERNMENT.value]
    awaited = [u for u in units if outstanding(u)]
    out = []
    if awaited:
        out.append(f"请{'、'.join(awaited)}于收到本通报之日起{REPORT_DAYS}个工作日内，将败诉原因分析、整改措施和"
                   "责任追究情况书面报送联席会议办公室。")
    for name in government:
        if outstanding(name):
            out.append(f"以{name}为被告的败诉案件，请具体承办单位于同一期限内报送上述情况。")
    following = [u for u in units if u not in awaited]
    if following:
        out.append(f"请{'、'.join(following)}按所报整改措施抓好落实，联席会议办公室将跟踪督办。")
    areas = [a for a in dict.fromkeys(lost["area"].to_list()) if a and a != OTHER_AREA]
    if areas:
        out.append(f"涉及{'、'.join(areas)}领域执法的单位要以案为鉴，对照败诉判项查找执法程序和证据方面的问题，"
                   "防止同类案件再次败诉。")
    return tuple(out)


def assemble_losses_notice(facts: Facts, period: Period, *, config: IndicatorConfig | Definitions | None = None,
                           details: CaseDetails = NO_DETAILS, issued_on: dt.date | None = None) -> Document:
    cfg = resolve_config(config, period)
    region = facts.region_name or "本县"
    lost = lost_cases(facts, period, config=cfg, details=details)
    if lost.height:
        sections = (Section("一、败诉案件情况", (summary(lost),)), *unit_sections(lost, details),
                    Section("二、工作要求", requirements(lost, details)))
    else:
        sections = (Section("一、工作要求", ("请各单位继续严格规范公正文明执法，巩固行政应诉工作成效。",)),)
    return notice(region, f"{region}{period.label_zh}行政诉讼", "败诉案件情况", sections,
                  opening=opening(facts, period, cfg, lost), issued_on=issued_on, is_demo=facts.is_demo,
                  file_stem=f"败诉案件通报_{region}_{period.label_zh}",
                  figures={"lost_cases": "、".join(lost["case_number"].to_list())},
                  reminders=tuple(dict.fromkeys(lost["defendant_full"].to_list())))
