"""附件：考核得分明细 — the assessment annex of the briefing: the scoring rules, each category's points per
indicator, and every bonus, deduction and veto with its reason. Figures come from ``etl.metrics`` (the
same ranking and breakdown as the 考核排名 page); this module only turns the frames into tables.

It is one entry of ``etl.briefing.annexes.ANNEXES``; a township's or a unit's briefing leaves it out
(the scheme ranks the whole county's units, not a part of them).
"""

from __future__ import annotations

import polars as pl

from etl.briefing.data import BriefingData
from etl.briefing.model import Table
from etl.metrics import rank
from etl.metrics.assessment_events import collect_events
from etl.metrics.breakdown import method_table
from etl.metrics.scheme import scheme_for_year
from etl.metrics.score_tables import adjustments, score_matrix
from etl.wording.labels import short_label

SCORE_NOTE = ("注：各指标得分之和为基础得分（不适用的指标不计分，其权重按比例分摊）；得分＝基础得分＋加分－扣分，"
              "一票否决的计0分；“—”表示不适用或未参评。")


def _cell(value: object) -> str:
    # Points and weights, not figures: up to two decimals without trailing zeros (12.5, 7.33, 15).
    if value is None:
        return "—"
    if isinstance(value, float):
        # + 0.0 turns -0.0 (a veto's zero points) into 0.0, so no "-0" is printed.
        return f"{value + 0.0:.2f}".rstrip("0").rstrip(".") if value == value else "—"
    return str(value)


def _table(title: str, frame: pl.DataFrame, names: dict[str, str], note: str = "") -> Table:
    rows = tuple(tuple(names.get(_cell(v), _cell(v)) if c == "名称" else _cell(v) for c, v in r.items())
                 for r in frame.iter_rows(named=True))
    numeric = tuple(frame.schema[c].is_numeric() for c in frame.columns)
    return Table(title, tuple(frame.columns), rows, numeric, note)


def assessment_tables(data: BriefingData) -> tuple[Table, ...]:
    """The annex's tables for the county's ranking of units under the year's scheme; none below the county."""
    if data.scope.kind != "region":
        return ()
    facts, period = data.facts, data.period
    scheme = scheme_for_year(facts, period.end.year, data.default_scheme)
    ranking = rank(facts, period, by="unit", filters=data.scope.filters, config=data.definitions,
                   default_scheme=data.default_scheme)
    # The short names the database holds, as in the league tables (never a name cut by character count).
    units = facts.units
    names = dict(zip(units["name"].to_list(), units.select(pl.coalesce("short_name", "name")).to_series().to_list(),
                     strict=True))
    methods = method_table(scheme).with_columns(pl.col("权重").cast(pl.Float64))
    tables = [_table(f"考核计分方法（{scheme.name}，各类别分别排名）", methods, names)]
    for category in ranking["category"].drop_nulls().unique(maintain_order=True).to_list():
        matrix = score_matrix(ranking, scheme, category, lambda item: short_label(item.key))
        tables.append(_table(f"{category}考核得分", matrix, names, SCORE_NOTE))
    events = collect_events(facts, period, tuple(r.kind for r in scheme.events), data.definitions)
    extra = adjustments(ranking, scheme, events, "unit", scheme.min_cases or data.config.ranking_min_cases)
    if extra.height:
        tables.append(_table("加分、扣分和一票否决事项", extra, names))
    return tuple(tables)
