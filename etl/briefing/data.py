"""Everything a briefing says, computed once from the indicator layer: the period's figures,
groupings, the cases named, and the follow-up lists as they stood on the period's last day.

Nothing here computes an indicator: values, comparisons, statuses, ranks and warnings all come from
``etl.metrics``; this module only gathers them so the body, the findings and the annexes read the
same frames.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import polars as pl

from etl.briefing.cases import NO_DETAILS, CaseDetails, absent_heads, lost_cases
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
    decisions_by_meeting,
    held_records,
    open_recommendations,
    overdue_tasks,
    resolve_config,
)

ScopeKind = Literal["region", "township", "unit"]


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


@dataclass(frozen=True)
class BriefingData:
    facts: Facts
    period: Period
    scope: BriefScope
    config: IndicatorConfig
    definitions: IndicatorConfig | Definitions | None
    #: The scheme of a year without a stored one (``etl.metrics.rules``; None: the shipped file).
    default_scheme: Scheme | None
    result: MetricsResult
    units: pl.DataFrame  # compute_grouped by unit
    townships: pl.DataFrame  # compute_grouped by township
    areas: pl.DataFrame  # compute_grouped by subject area
    lost: pl.DataFrame  # etl.briefing.cases.lost_cases
    absent: pl.DataFrame  # etl.briefing.cases.absent_heads
    tasks: pl.DataFrame  # overdue_tasks on as_of
    recommendations: pl.DataFrame  # open_recommendations on as_of
    meetings: pl.DataFrame  # decisions_by_meeting on as_of: held in the period, or with decisions overdue
    warnings: pl.DataFrame  # compute_warnings by unit
    held: int  # records in scope and period whose value waits to be confirmed (etl.metrics.held_records)
    as_of: dt.date  # the day the follow-up lists are judged on: the period's last day
    details: CaseDetails

    @property
    def min_records(self) -> int:
        return self.config.rate_min_records

    @property
    def as_of_label(self) -> str:
        return f"{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日"

    @property
    def has_sequential(self) -> bool:
        """环比 only where it differs from 同比 (a year's preceding span is the year before)."""
        return self.result.sequential_period != self.result.previous_period


def gather(facts: Facts, period: Period, scope: BriefScope, config: IndicatorConfig | Definitions | None = None,
           details: CaseDetails = NO_DETAILS, default_scheme: Scheme | None = None) -> BriefingData:
    filters = scope.filters
    cfg = resolve_config(config, period)
    # Follow-up items are judged on the period's last day (or the latest data, if earlier).
    as_of = min(period.end, facts.as_of) if facts.as_of else period.end
    units = compute_grouped(facts, period, filters, by="unit", config=cfg)
    return BriefingData(
        facts=facts, period=period, scope=scope, config=cfg, definitions=config, default_scheme=default_scheme,
        result=compute_indicators(facts, period, filters, cfg), units=units,
        townships=compute_grouped(facts, period, filters, by="township", config=cfg),
        areas=compute_grouped(facts, period, filters, by="area", config=cfg),
        lost=lost_cases(facts, period, filters, cfg, details), absent=absent_heads(facts, period, filters, cfg, details),
        tasks=overdue_tasks(facts, as_of=as_of, filters=filters),
        recommendations=open_recommendations(facts, as_of=as_of, filters=filters),
        meetings=decisions_by_meeting(facts, as_of, filters, period, with_earlier_overdue=True),
        warnings=compute_warnings(facts, period, filters, by="unit", config=cfg, as_of=as_of, grouped=units),
        held=held_records(facts, period, filters),
        as_of=as_of, details=details)
