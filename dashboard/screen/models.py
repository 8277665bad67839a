"""What each wall-screen panel shows, as small frozen values built from the indicator layer.

No figure is computed here: every number comes from ``etl.metrics`` (compute_indicators,
compute_grouped, rank, overdue_tasks); this module only picks at most about six items per panel,
formats them the Chinese way and attaches a status symbol, so a panel is readable from 5 metres.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from dashboard.components.kpi import Tile
from dashboard.formatting import change_is_good, fmt_count, fmt_rate
from dashboard.i18n import Lang
from dashboard.screen.text import s
from dashboard.views import (
    double_decline_tile,
    label,
    monthly_comparison,
    tile,
    unfinished_note,
    with_display_names,
)
from etl.access import EVERYTHING, ViewerScope, ranking_for_viewer
from etl.metrics import (
    Facts,
    Filters,
    MetricsResult,
    Period,
    compute_grouped,
    open_recommendations,
    overdue_tasks,
    rank,
    resolve_config,
)
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.rules import Rules
from etl.wording import changes

#: Headline indicators of the KPI panel; the 双下降 verdict is the sixth tile.
KPI_KEYS = ("litigation_cases", "loss_rate", "head_appearance_rate", "substantive_resolution_rate",
            "task_on_time_rate")
MAX_ROWS = 6
RANK_EACH_END = 3
OVERDUE_ROWS = 4

#: Status by symbol as well as colour, for colour-blind viewers and black-and-white photos.
STATUS_SYMBOLS = {"met": "✓", "close": "●", "missed": "✗", "n/a": "—"}


def status_symbol(status: str | None) -> str:
    return STATUS_SYMBOLS.get(status or "n/a", "—")


change_symbol = changes.change_symbol  # ▲ ▼ ●, by the same rule as the words


@dataclass(frozen=True)
class KpiPanel:
    tiles: tuple[Tile, ...]
    change_symbols: tuple[str, ...]


@dataclass(frozen=True)
class MonthBars:
    """One month of the trend panel: its label, this year's and last year's count, and whether it is
    the unfinished month (compared with the same days last year, drawn dashed)."""

    label: str
    this_year: int
    last_year: int
    partial: bool = False


@dataclass(frozen=True)
class TrendPanel:
    months: tuple[MonthBars, ...]
    #: The value axis: tick values from 0 up to the axis top (which is the last tick).
    ticks: tuple[int, ...]
    total: str
    previous: str
    change: str
    change_symbol: str
    change_good: bool | None
    #: Under the chart when the last month is unfinished (``views.unfinished_note``).
    note: str = ""


@dataclass(frozen=True)
class BarRow:
    """One row of a bar list: name, bar share of the longest, main figure, and a secondary status."""

    name: str
    share: float
    value: str
    note: str = ""
    status: str = "n/a"
    symbol: str = ""
    highlight: bool = False


@dataclass(frozen=True)
class ListPanel:
    rows: tuple[BarRow, ...]
    footnote: str = ""
    headline: tuple[tuple[str, str, str], ...] = ()  # (label, value, status) big figures above the list
    rows_title: str | None = None  # what the rows under a headline are (default: the oldest overdue tasks)
    wide_names: bool = False  # names that are case numbers or case titles get more room than the bars


@dataclass(frozen=True)
class RankSection:
    """One assessment category (县直部门, 乡镇(街道) …): its first and last places."""

    category: str
    top: tuple[BarRow, ...]
    bottom: tuple[BarRow, ...]


@dataclass(frozen=True)
class RankPanel:
    sections: tuple[RankSection, ...]
    by: str
    own: tuple[BarRow, ...] = ()  # the screen's own scope when it is neither top nor bottom

    @property
    def top(self) -> tuple[BarRow, ...]:
        return tuple(r for s in self.sections for r in s.top)

    @property
    def bottom(self) -> tuple[BarRow, ...]:
        return tuple(r for s in self.sections for r in s.bottom)


def kpi_panel(result: MetricsResult, lang: Lang) -> KpiPanel:
    tiles = tuple(tile(result, key, lang) for key in KPI_KEYS) + (double_decline_tile(result, lang),)
    symbols = tuple(change_symbol(result[key].change) for key in KPI_KEYS) + ("",)
    return KpiPanel(tiles, symbols)


def axis_ticks(top: int, most: int = 5) -> tuple[int, ...]:
    """Whole-number ticks 0, step, 2·step … reaching ``top``, with a step of 1, 2 or 5 × 10ⁿ and at most
    ``most`` intervals: an axis a reader can take a bar's height from at a glance."""
    top = max(int(top), 1)
    step, scale = 1, 1
    while True:
        for base in (1, 2, 5):
            step = base * scale
            if -(-top // step) <= most:
                return tuple(range(0, step * -(-top // step) + 1, step))
        scale *= 10


def trend_panel(result: MetricsResult, months: pl.DataFrame, lang: Lang, span: Period | None = None,
                config: IndicatorConfig | Definitions | None = None) -> TrendPanel:
    """Monthly filings this year against the same months last year, with the period's totals; ``config``:
    the definitions in force (None: the built-in ones).

    ``result`` and ``months`` are computed over ``span``, the period cut at the data date
    (``views.through_data_date``): the unfinished month and the totals are compared with the same
    days a year earlier."""
    v = result["litigation_cases"]
    rows = monthly_comparison(months, span).fill_null(0)
    labels = [f"{m}月" if lang == "zh" else str(m) for m in rows["month"].to_list()]
    bars = tuple(MonthBars(label, int(a), int(b), bool(part)) for label, a, b, part in zip(
        labels, rows["this_year"].to_list(), rows["last_year"].to_list(), rows["partial"].to_list(), strict=True))
    return TrendPanel(
        months=bars,
        ticks=axis_ticks(max([max(b.this_year, b.last_year) for b in bars] + [0])),
        total=fmt_count(v.value, lang), previous=fmt_count(v.previous, lang),
        change=changes.count_change(v.value, v.previous, lang,
                                    min_records=resolve_config(config, result.period).rate_min_records),
        change_symbol=change_symbol(v.change),
        change_good=change_is_good(v.change, "lower"),
        note=(unfinished_note(span, lang) or "") if span else "",
    )


def _share(value: float, top: float) -> float:
    return 0.0 if top <= 0 else max(0.0, min(1.0, value / top))


def agencies_panel(facts: Facts, grouped_units: pl.DataFrame, lang: Lang) -> ListPanel:
    """The agencies with the most lawsuits in the period, with their loss rate against target."""
    named = with_display_names(grouped_units, facts, "unit")
    busiest = (named.filter(pl.col("litigation_cases") > 0)
               .sort(["litigation_cases", "label"], descending=[True, False]).head(MAX_ROWS))
    top = float(busiest["litigation_cases"].max() or 0) if busiest.height else 0.0  # type: ignore[arg-type]  # polars types max()/min()/sum() as any Python literal; this column is an integer count
    rows = []
    for r in busiest.iter_rows(named=True):
        den = r["loss_rate__den"] or 0
        note = (f"{s('loss_rate_short', lang)} {fmt_rate(r['loss_rate'], lang)}" if den
                else f"{s('loss_rate_short', lang)} {s('no_closures', lang)}")
        rows.append(BarRow(name=r["label"], share=_share(r["litigation_cases"], top),
                           value=fmt_count(r["litigation_cases"], lang), note=note,
                           status=r["loss_rate__status"], symbol=status_symbol(r["loss_rate__status"])))
    total = named.filter(pl.col("litigation_cases") > 0).height
    footnote = s("agencies_footnote", lang, shown=len(rows), total=total) if total > len(rows) else ""
    return ListPanel(tuple(rows), footnote)


def _rank_row(r: dict[str, Any], names: dict[int, str], highlight: tuple[int, ...]) -> BarRow:
    """Rank, short name, score, and the move since the previous period (▲ up, ▼ down, ● same). A row
    whose name the viewer may not see has no id and keeps its stand-in (第3名单位)."""
    change: int | None = None if r["rank_change"] is None else int(r["rank_change"])
    score = float(r["score"])
    gid = None if r["group_id"] is None else int(r["group_id"])
    if change is None:
        symbol, note, status = "●", "—", "n/a"
    elif change > 0:
        symbol, note, status = "▲", str(change), "met"
    elif change < 0:
        symbol, note, status = "▼", str(-change), "missed"
    else:
        symbol, note, status = "●", "0", "n/a"
    name = str(r["group_name"]) if gid is None else names.get(gid, str(r["group_name"]))
    return BarRow(name=f"{r['rank']}. {name}", share=score / 100.0, value=f"{score:.1f}", note=note, status=status,
                  symbol=symbol, highlight=gid is not None and gid in highlight)


def ranking_panel(facts: Facts, period: Period, by: str, highlight: tuple[int, ...] = (),
                  viewer: ViewerScope = EVERYTHING, names_visible: bool = True, lang: Lang = "zh",
                  rules: Rules | None = None) -> RankPanel:
    """The top and bottom of the league table (比学赶超), with each unit's move since the last period.

    ``facts`` are the whole county's: a place only means something among all units. A limited viewer
    sees the other names masked unless the administrator shows them (``etl.access``)."""
    ranking = rank(facts, period, by=by, config=rules.definitions if rules else None,
                   default_scheme=rules.default_scheme if rules else None)
    table, _ = ranking_for_viewer(ranking, viewer, by, names_visible, lang)
    if by == "unit":
        short = facts.units.select(pl.col("id"), pl.coalesce("short_name", "name").alias("n"))
    else:
        short = facts.townships.select(pl.col("id"), pl.col("name").alias("n"))
    names = dict(zip(short["id"].to_list(), short["n"].to_list(), strict=True))
    ranked = table.filter(pl.col("rank").is_not_null())  # 未参评 take no place
    categories = ranked["category"].unique(maintain_order=True).to_list()
    # At most six rows in all, readable from 5 metres: one category shows its top and bottom three, two
    # categories their top two and last one each.
    each_top = RANK_EACH_END if len(categories) <= 1 else max(1, MAX_ROWS // len(categories) - 1)
    each_bottom = RANK_EACH_END if len(categories) <= 1 else max(0, MAX_ROWS // len(categories) - each_top)
    sections, shown, every = [], set(), []
    for category in categories:
        rows = list(ranked.filter(pl.col("category") == category).iter_rows(named=True))
        top = rows[:each_top]
        bottom = rows[max(each_top, len(rows) - each_bottom):] if each_bottom else []
        shown |= {int(r["group_id"]) for r in top + bottom if r["group_id"] is not None}
        every += rows
        sections.append(RankSection(category, tuple(_rank_row(r, names, highlight) for r in top),
                                    tuple(_rank_row(r, names, highlight) for r in bottom)))
    own = [r for r in every  # masked rows (another unit's, for a liaison) carry no id
           if r["group_id"] is not None and int(r["group_id"]) in highlight and int(r["group_id"]) not in shown][:1]
    return RankPanel(tuple(sections), by, tuple(_rank_row(r, names, highlight) for r in own))


def townships_panel(grouped_towns: pl.DataFrame, lang: Lang, highlight: tuple[int, ...] = (),
                    min_records: int = changes.DEFAULT_MIN_RECORDS) -> ListPanel:
    """Townships with the most lawsuits, each with its change on the same span a year earlier."""
    ordered = grouped_towns.sort(["litigation_cases", "group_name"], descending=[True, False])
    shown = ordered.head(MAX_ROWS)
    top = float(shown["litigation_cases"].max() or 0) if shown.height else 0.0  # type: ignore[arg-type]  # polars types max()/min()/sum() as any Python literal; this column is an integer count
    rows = []
    for r in shown.iter_rows(named=True):
        change = r["litigation_cases__change"]
        good = change_is_good(change, "lower")
        rows.append(BarRow(name=r["group_name"], share=_share(r["litigation_cases"], top),
                           value=fmt_count(r["litigation_cases"], lang),
                           note=f"{s('yoy', lang)} " + changes.count_change(
                               r["litigation_cases"], r["litigation_cases__previous"], lang, min_records=min_records),
                           status="n/a" if good is None else "met" if good else "missed",
                           symbol=change_symbol(change), highlight=r["group_id"] in highlight))
    rest = ordered.slice(MAX_ROWS)
    footnote = ""
    if rest.height:
        footnote = s("towns_footnote", lang, n=rest.height, cases=fmt_count(rest["litigation_cases"].sum(), lang))  # type: ignore[arg-type]  # polars types max()/min()/sum() as any Python literal; this column is an integer count
    return ListPanel(tuple(rows), footnote)


def overdue_panel(facts: Facts, filters: Filters, lang: Lang) -> ListPanel:
    """Open 双清单 tasks past their deadline (oldest first) and overdue recommendations, by lead unit."""
    tasks = overdue_tasks(facts, filters=filters)
    recs = open_recommendations(facts, filters=filters).filter(pl.col("overdue"))
    short = facts.units.select(pl.col("id").alias("unit_id"), pl.coalesce("short_name", "name").alias("short"))
    shown = tasks.head(OVERDUE_ROWS).join(short, on="unit_id", how="left", maintain_order="left")
    oldest = float(shown["days_overdue"].max() or 0) if shown.height else 0.0  # type: ignore[arg-type]  # polars types max()/min()/sum() as any Python literal; this column is an integer count
    rows = []
    for r in shown.iter_rows(named=True):
        who = r["short"] or r["lead_unit_raw"] or "—"
        content = str(r["content"] or "")
        content = content if len(content) <= 16 else content[:15] + "…"
        rows.append(BarRow(name=f"{who}：{content}", share=_share(r["days_overdue"], oldest),
                           value=s("days", lang, n=r["days_overdue"]), note=s("late", lang), status="missed",
                           symbol="✗"))
    headline = (
        (s("overdue_tasks", lang), fmt_count(tasks.height, lang, unit=False) + s("items", lang),
         "missed" if tasks.height else "met"),
        (s("overdue_recs", lang), fmt_count(recs.height, lang), "missed" if recs.height else "met"),
    )
    return ListPanel(tuple(rows), headline=headline)


def grouped(facts: Facts, period: Period, filters: Filters, by: str, rules: Rules | None = None) -> pl.DataFrame:
    return compute_grouped(facts, period, filters, by=by, config=rules.definitions if rules else None)


__all__ = ["KPI_KEYS", "STATUS_SYMBOLS", "BarRow", "KpiPanel", "ListPanel", "MonthBars", "RankPanel", "RankSection", "TrendPanel",
           "agencies_panel", "axis_ticks", "change_symbol", "grouped", "kpi_panel", "label", "overdue_panel", "ranking_panel",
           "status_symbol", "townships_panel", "trend_panel"]
