"""Assemble the 工作简报 from the indicator layer: a short 正文 and its 附件.

正文 (at most four A4 pages for a county): headline; one section per area with the cases that
matter named; the analysis by 领域 with one chart; 存在问题 and 下步工作 written by rules; 提醒督促
naming responsible units with their own problems; the 附件 list. Then the annexes (league tables
and lists, each on its own page) and the 报/送/发 block. Scope is the whole region, one township or
one unit; any period kind. Nothing here computes an indicator (see ``etl.briefing.data``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from etl.briefing import findings as f
from etl.briefing import sections as s
from etl.briefing.annexes import (
    ANNEXES,
    TASKS_ANNEX,
    AnnexBuilder,
    annex_title,
    build_annexes,
    township_league,
    unit_names,
)
from etl.briefing.cases import NO_DETAILS, CaseDetails
from etl.briefing.charts import build_paired_bars, render_chart
from etl.briefing.data import BriefingData, BriefScope, gather
from etl.briefing.fonts import ChartFont, FontSet
from etl.briefing.letterhead import distribution, office_name
from etl.briefing.map_figure import township_map_figure
from etl.briefing.model import Annex, Chart, Document, Section
from etl.metrics import Definitions, Facts, IndicatorConfig, Period, Scheme
from etl.wording.numbers import count, percent

NUMERALS = "一二三四五六七八九十"
PREVIEW_LINE = "预览稿（未编期号）"
PREVIEW_STEM = "预览稿"
TITLE_TAIL = "府院府检联动工作情况通报"

__all__ = ["PREVIEW_LINE", "TITLE_TAIL", "BriefScope", "assemble_briefing", "scope_label", "with_issue_number"]


def scope_label(facts: Facts, scope: BriefScope) -> str:
    region = facts.region_name or "全县"
    if scope.kind == "region" or not scope.name:
        return region
    return scope.name if scope.name.startswith(region) else f"{region}{scope.name}"


def area_chart(data: BriefingData, fonts: FontSet | ChartFont) -> Chart | None:
    items = [(r["group_name"], float(r["litigation_cases"] or 0), float(r["litigation_cases__previous"] or 0))
             for r in data.areas.iter_rows(named=True)
             if (r["litigation_cases"] or 0) + (r["litigation_cases__previous"] or 0) > 0]
    if not items:
        return None
    title = "各领域行政诉讼发案量（本期与去年同期）"
    return render_chart(build_paired_bars(items, title=title), title, fonts)


def body_sections(data: BriefingData, annexes: tuple[Annex, ...], fonts: FontSet | ChartFont) -> tuple[Section, ...]:
    names = unit_names(data)
    found = f.findings(data)
    parts: list[tuple[str, tuple[str, ...], Chart | None]] = [
        ("行政诉讼应诉情况", s.litigation_paragraphs(data, annexes), None),
        ("行政争议化解和行政复议情况", s.resolution_paragraphs(data), None),
        ("司法建议和检察建议落实、双清单任务完成情况", s.follow_up_paragraphs(data, annexes), None),
        ("分领域分析", (s.area_paragraph(data),), area_chart(data, fonts)),
        ("存在问题", f.problem_paragraphs(found), None),
        ("下步工作", f.action_paragraphs(found), None),
        ("提醒督促", f.reminder_paragraphs(f.reminders(data, names),
                                      f.task_reminder(data, s.see(annexes, TASKS_ANNEX))), None),
    ]
    return tuple(Section(f"{NUMERALS[i]}、{title}", paragraphs, chart)
                 for i, (title, paragraphs, chart) in enumerate(parts))


def with_township_map(annexes: tuple[Annex, ...], data: BriefingData,
                      fonts: FontSet | ChartFont) -> tuple[Annex, ...]:
    """The townships' league table opens with their map, where outlines are stored (the 正文 stays at
    four pages; the map is read beside the table it illustrates)."""
    title = annex_title(township_league)
    if data.scope.kind == "unit" or not any(a.title == title for a in annexes):
        return annexes
    chart = township_map_figure(data.facts, data.period, data.scope.filters, fonts, data.definitions)
    return tuple(replace(a, chart=chart) if a.title == title and chart is not None else a for a in annexes)


def assemble_briefing(facts: Facts, period: Period, scope: BriefScope, fonts: FontSet | ChartFont, *,
                      issue_number: int | None = None, issued_on: dt.date | None = None, office: str | None = None,
                      config: IndicatorConfig | Definitions | None = None, details: CaseDetails = NO_DETAILS,
                      annex_entries: list[tuple[str, AnnexBuilder]] | None = None,
                      default_scheme: Scheme | None = None) -> Document:
    """The briefing; ``issue_number`` None is a preview (预览稿, no 期号 taken). ``fonts``: what its charts
    are drawn in (a PDF's :class:`FontSet`, or a DOCX/PPTX's :class:`ChartFont`). ``config`` and
    ``default_scheme`` are the definitions in force (``etl.metrics.rules``; None: the built-in
    definitions and the shipped scheme file)."""
    data = gather(facts, period, scope, config, details, default_scheme)
    label = scope_label(facts, scope)
    region = facts.region_name or "本县"
    annexes = with_township_map(build_annexes(data, annex_entries if annex_entries is not None else ANNEXES),
                                data, fonts)
    r = data.result
    loss = r["loss_rate"]
    figures = {"litigation_cases": count(r["litigation_cases"].value),
               "loss_rate": percent(None if loss.value is None else float(loss.value)),
               "head_appearance_rate": percent(None if r["head_appearance_rate"].value is None
                                               else float(r["head_appearance_rate"].value)),
               "lost_cases": "、".join(data.lost["case_number"].to_list()),
               "overdue_tasks": "、".join(data.tasks["content"].fill_null("").to_list())}
    reminded = tuple(name for name, _ in f.reminders(data, unit_names(data)))
    preview = Document(
        masthead=f"{region}府院府检联动工作简报", issue_line=PREVIEW_LINE,
        office=office or office_name(region), issued_on=issued_on or dt.date.today(),
        title_parts=(f"{label}{period.label_zh}", TITLE_TAIL),
        headline=s.headline(data, label), sections=body_sections(data, annexes, fonts), annexes=annexes,
        distribution=distribution(region), file_stem=f"工作简报_{label}_{period.label_zh}_{PREVIEW_STEM}",
        is_demo=facts.is_demo, figures=figures, reminders=reminded)
    return preview if issue_number is None else with_issue_number(preview, issue_number)


def with_issue_number(briefing: Document, number: int) -> Document:
    """The same briefing issued as 第N期 (the preview's content, numbered; nothing is recomputed)."""
    return replace(briefing, issue_line=f"第{number}期",
                   file_stem=briefing.file_stem.replace(PREVIEW_STEM, f"第{number}期"))
