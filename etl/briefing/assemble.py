"""Assemble a Briefing from the indicator layer: figures, paragraphs, charts, league tables.

Scope is the whole region, one township or one unit (agency); any period kind. Nothing here
computes an indicator: values, comparisons, target status, ranks and warnings all come from
``etl.metrics``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import altair as alt
import polars as pl

from etl.briefing import sections as s
from etl.briefing import tables as t
from etl.briefing.charts import build_comparison_bars, build_ranking_bars, render_png
from etl.briefing.fonts import FontSet
from etl.briefing.model import Briefing, Chart, Section, Table
from etl.briefing.phrasing import format_percent
from etl.metrics import (
    Definitions,
    Facts,
    Filters,
    IndicatorConfig,
    MetricsResult,
    Period,
    Scheme,
    compute_grouped,
    compute_indicators,
    compute_warnings,
    open_recommendations,
    overdue_tasks,
    rank,
)

ScopeKind = Literal["region", "township", "unit"]
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class BriefScope:
    """Whole region, one township (where disputes arose) or one unit (as defendant/respondent)."""

    kind: ScopeKind = "region"
    id: int | None = None
    name: str | None = None

    @property
    def filters(self) -> Filters:
        if self.kind == "unit" and self.id is not None:
            return Filters(unit_ids=(self.id,))
        if self.kind == "township" and self.id is not None:
            return Filters(township_ids=(self.id,))
        return Filters()


def scope_label(facts: Facts, scope: BriefScope) -> str:
    region = facts.region_name or "全县"
    if scope.kind == "region" or not scope.name:
        return region
    return scope.name if scope.name.startswith(region) else f"{region}{scope.name}"


def _chart(chart: alt.Chart, title: str, fonts: FontSet) -> Chart:
    return render_png(chart, title, fonts.chart_family, fonts.heading.path.parent)


def _comparison(result: MetricsResult, keys: tuple[str, ...], title: str, fonts: FontSet) -> Chart | None:
    items = [(t.SHORT_LABELS.get(k, s.label(k)), s.as_rate(result[k].value), s.as_rate(result[k].previous))
             for k in keys]
    if all(cur is None and prev is None for _, cur, prev in items):
        return None
    return _chart(build_comparison_bars(items, rate=True, title=title), title, fonts)


def _indicator_sections(result: MetricsResult, units: pl.DataFrame, scope: BriefScope,
                        fonts: FontSet) -> list[tuple[str, tuple[str, ...], Chart | None]]:
    if scope.kind == "unit":
        lit_chart = _comparison(result, s.LITIGATION_RATES, "败诉率与负责人出庭应诉率", fonts)
    else:
        counts = [(r["group_name"], float(r["litigation_cases"])) for r in units.iter_rows(named=True)
                  if r["litigation_cases"]]
        title = "各单位行政诉讼发案量（前10位）"
        lit_chart = _chart(build_ranking_bars(counts, rate=False, title=title), title, fonts) if counts else None
    return [("行政诉讼应诉情况", s.litigation_paragraphs(result), lit_chart),
            ("行政争议化解情况", s.rate_paragraphs(result, s.RESOLUTION_RATES),
             _comparison(result, s.RESOLUTION_RATES, "行政争议化解成效", fonts)),
            ("行政复议情况", s.reconsideration_paragraphs(result),
             _comparison(result, s.RECONSIDERATION_RATES, "行政复议纠错率与调解和解率", fonts)),
            ("司法建议、检察建议落实和双清单任务完成情况", s.rate_paragraphs(result, s.FOLLOW_UP_RATES),
             _comparison(result, s.FOLLOW_UP_RATES, "建议落实率与任务按期完成率", fonts))]


def _league(facts: Facts, period: Period, filters: Filters, by: str, keys: tuple[str, ...], title: str,
            name_header: str, config: IndicatorConfig | Definitions | None,
            only_id: int | None = None, default_scheme: Scheme | None = None) -> tuple[Table, pl.DataFrame]:
    grouped = compute_grouped(facts, period, filters, by=by, config=config)
    # A single township or unit is ranked among all of them, not among itself.
    rank_filters = Filters() if only_id is not None else filters
    rows = t.ranked_rows(grouped, rank(facts, period, by=by, filters=rank_filters, config=config,
                                              default_scheme=default_scheme))
    if only_id is not None:
        rows = rows.filter(pl.col("group_id") == only_id)
    columns, numeric = t.league_columns(keys, name_header)
    return Table(title, columns, t.league_rows(rows, keys, facts.region_name), numeric, t.RATE_NOTE), grouped


def assemble_briefing(facts: Facts, period: Period, scope: BriefScope, fonts: FontSet, *,
                      issue_number: int = 1, issued_on: dt.date | None = None, office: str | None = None,
                      config: IndicatorConfig | Definitions | None = None,
                      default_scheme: Scheme | None = None) -> Briefing:
    """The briefing for a period and scope; ``config`` and ``default_scheme`` are the definitions in
    force (``etl.metrics.rules``; None: the built-in definitions and the shipped scheme file)."""
    filters = scope.filters
    result = compute_indicators(facts, period, filters, config)
    label = scope_label(facts, scope)
    region = facts.region_name or "本县"
    # Follow-up items are judged on the period's last day (or the latest data, if earlier).
    as_of = min(period.end, facts.as_of) if facts.as_of else period.end

    unit_only = scope.id if scope.kind == "unit" else None
    unit_title = "本单位主要指标及在全部单位中的排名" if unit_only is not None else "各单位主要指标及排名"
    unit_table, units = _league(facts, period, filters, "unit", t.UNIT_COLUMNS, unit_title, "单位", config,
                                only_id=unit_only, default_scheme=default_scheme)
    sections = [Section(f"{NUMERALS[i]}、{title}", paragraphs, chart)
                for i, (title, paragraphs, chart) in enumerate(_indicator_sections(result, units, scope, fonts))]

    tables = [unit_table]
    warnings = [compute_warnings(facts, period, filters, by="unit", config=config, as_of=as_of)]
    if scope.kind != "unit":
        only = scope.id if scope.kind == "township" else None
        town_table, _ = _league(facts, period, filters, "township", t.TOWNSHIP_COLUMNS, "各乡镇（街道）主要指标及排名",
                                "乡镇（街道）", config, only_id=only, default_scheme=default_scheme)
        tables.append(town_table)
        town_warnings = compute_warnings(facts, period, filters, by="township", config=config, as_of=as_of)
        warnings.append(town_warnings.filter(pl.col("group_id") == only) if only is not None else town_warnings)
    heading = "排名情况" if scope.kind == "unit" else "各单位、各乡镇（街道）排名情况"
    sections.append(Section(f"{NUMERALS[len(sections)]}、{heading}",
                            ("按年度考核方案得分由高到低排列；未达到最低案件数的比率不计分，无排名的单位按名称排列。",),
                            None, tuple(tables)))

    warning_rows = pl.concat(warnings, how="vertical_relaxed")
    lines = tuple(f"{r['group_name']}：{r['message_zh']}。" for r in warning_rows.iter_rows(named=True))
    sections.append(Section(f"{NUMERALS[len(sections)]}、预警情况",
                            lines or ("本期未触发预警。",)))

    tasks = overdue_tasks(facts, as_of=as_of, filters=filters)
    recs = open_recommendations(facts, as_of=as_of, filters=filters)
    follow = (f"截至{as_of.year}年{as_of.month}月{as_of.day}日，逾期未完成的双清单任务{tasks.height}项，"
              f"未答复的司法建议、检察建议{recs.height}件（其中已逾期{int(recs['overdue'].sum())}件）。",)
    follow_tables = []
    if tasks.height:
        follow_tables.append(Table("逾期未完成的双清单任务", ("责任单位", "任务内容", "完成时限", "逾期"),
                                   t.overdue_task_rows(tasks), (False, False, False, True)))
    if recs.height:
        follow_tables.append(Table("未答复的司法建议、检察建议", ("被建议单位", "类别", "文号", "答复期限", "状态"),
                                   t.open_recommendation_rows(recs)))
    sections.append(Section(f"{NUMERALS[len(sections)]}、逾期任务和未答复建议", follow, None,
                            tuple(follow_tables)))

    names = [r["group_name"] for r in warning_rows.iter_rows(named=True)]
    names += [r[0] for r in t.overdue_task_rows(tasks)] + [r[0] for r in t.open_recommendation_rows(recs)]
    reminders = tuple(dict.fromkeys(names))
    closing = (f"请以下单位对照本简报查找问题、落实整改，并于下次联席会议前报送整改情况：{'、'.join(reminders)}。"
               if reminders else "本期无需专门提醒督促的单位，请各单位继续保持。",)
    sections.append(Section(f"{NUMERALS[len(sections)]}、提醒督促", closing))

    cases = result["litigation_cases"]
    figures = {"litigation_cases": f"{cases.value}件",
               "loss_rate": format_percent(s.as_rate(result["loss_rate"].value)),
               "head_appearance_rate": format_percent(s.as_rate(result["head_appearance_rate"].value))}
    return Briefing(region=region, scope_label=label, issue_number=issue_number, period_label=period.label_zh,
                    office=office or f"{region}府院府检联动联席会议办公室（{_bureau(region)}司法局）",
                    issued_on=issued_on or dt.date.today(), headline=s.headline(result, label),
                    sections=tuple(sections), reminders=reminders, headline_figures=figures,
                    is_demo=facts.is_demo)


def _bureau(region: str) -> str:
    """县司法局 / 区司法局 / 市司法局, from the jurisdiction's own suffix."""
    return region[-1] if region and region[-1] in "县区市旗" else "县"
