"""Indicator values with 同比/环比 comparisons, targets and status, for a scope or per group.

One code path (:func:`derive`) turns the engine's sums into values for the region row and for
grouped rows alike, so the tile on the screen, the table row and the CLI JSON cannot disagree.

Grouped column naming (``compute_grouped``): ``group_id``, ``group_name``, then per indicator KEY:
``KEY`` (value), ``KEY__num``, ``KEY__den``, ``KEY__previous`` (same span a year earlier),
``KEY__change``, ``KEY__target``, ``KEY__status``; counts also ``KEY__sequential`` (环比 value) and
``KEY__sequential_change``; and ``double_decline``. Rates are fractions and their changes are in
percentage points as a fraction (0.018 − 0.024 = −0.006); counts' changes are relative (−0.125).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from etl.metrics.definitions import Definitions, IndicatorConfig, load_definitions
from etl.metrics.engine import aggregate
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import DOUBLE_DECLINE_KEY, INDICATORS
from etl.metrics.targets import group_targets, scope_target, status_expr

GROUPINGS = ("unit", "township", "area", "month")
NO_FILTERS = Filters()
CHANGE_POINTS = "points"  # rates: value − previous, a fraction of 100 percentage points
CHANGE_RELATIVE = "relative"  # counts: (value − previous) ÷ previous


def resolve_config(config: IndicatorConfig | Definitions | None, period: Period) -> IndicatorConfig:
    """The rules of the period's (end) year; comparison periods are computed with the same rules."""
    if isinstance(config, IndicatorConfig):
        return config
    return (config or load_definitions()).for_year(period.end.year)


def _rate(num: pl.Expr, den: pl.Expr) -> pl.Expr:
    return pl.when(den > 0).then(num.cast(pl.Float64) / den).otherwise(None)


def _relative(cur: pl.Expr, prev: pl.Expr) -> pl.Expr:
    return pl.when(prev > 0).then((cur - prev).cast(pl.Float64) / prev).otherwise(None)


def derive(sums: pl.DataFrame, targets: dict[str, pl.Series | float | None], config: IndicatorConfig,
           keep: Sequence[str] = ()) -> pl.DataFrame:
    """Values, comparisons, targets and status from the engine's sums (see module doc for columns)."""
    exprs: list[pl.Expr] = [pl.col(c) for c in keep]
    for ind in INDICATORS:
        k = ind.key
        num, den = pl.col(f"{k}__num__cur"), pl.col(f"{k}__den__cur")
        pnum, pden = pl.col(f"{k}__num__yoy"), pl.col(f"{k}__den__yoy")
        target = targets.get(k)
        t = pl.lit(target, dtype=pl.Float64) if not isinstance(target, pl.Series) else pl.lit(target)
        if ind.is_rate:
            value, previous = _rate(num, den), _rate(pnum, pden)
            change = value - previous
            exprs += [value.alias(k), num.alias(f"{k}__num"), den.alias(f"{k}__den"),
                      previous.alias(f"{k}__previous"), change.alias(f"{k}__change")]
        else:
            snum = pl.col(f"{k}__num__seq")
            exprs += [num.alias(k), num.alias(f"{k}__num"), pl.lit(None, pl.Int64).alias(f"{k}__den"),
                      pnum.alias(f"{k}__previous"), _relative(num, pnum).alias(f"{k}__change"),
                      snum.alias(f"{k}__sequential"), _relative(num, snum).alias(f"{k}__sequential_change")]
            value = num.cast(pl.Float64)
        exprs += [t.alias(f"{k}__target"), status_expr(value, t, ind, config).alias(f"{k}__status")]
    out = sums.select(exprs)
    lit_cur, lit_prev = pl.col("litigation_cases"), pl.col("litigation_cases__previous")
    loss, loss_prev = pl.col("loss_rate"), pl.col("loss_rate__previous")
    # 双下降: both strictly lower than a year earlier; unknown when either loss rate is not applicable.
    double = (pl.when(loss.is_null() | loss_prev.is_null()).then(None)
              .otherwise((lit_cur < lit_prev) & (loss < loss_prev)))
    return out.with_columns(double.alias(DOUBLE_DECLINE_KEY))


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator's figure for one scope and period, with its comparisons and target status."""

    key: str
    value: float | int | None
    numerator: int
    denominator: int | None  # None for counts
    previous: float | int | None  # the same span a year earlier (同比)
    change: float | None
    change_kind: str  # "points" (rates) or "relative" (counts)
    target: float | None
    status: str
    sequential: int | None = None  # counts only: the preceding period (环比)
    sequential_change: float | None = None

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value, "numerator": self.numerator, "denominator": self.denominator,
            "previous": self.previous, "change": self.change, "change_kind": self.change_kind,
            "target": self.target, "status": self.status}
        if self.change_kind == CHANGE_RELATIVE:
            out["sequential"] = self.sequential
            out["sequential_change"] = self.sequential_change
        return out


def values_from_row(row: dict[str, Any]) -> dict[str, IndicatorValue]:
    """IndicatorValues from one row of :func:`derive`'s output (region row or one group)."""
    values: dict[str, IndicatorValue] = {}
    for ind in INDICATORS:
        k = ind.key
        values[k] = IndicatorValue(
            key=k, value=row[k], numerator=int(row[f"{k}__num"]), denominator=row[f"{k}__den"],
            previous=row[f"{k}__previous"], change=row[f"{k}__change"],
            change_kind=CHANGE_POINTS if ind.is_rate else CHANGE_RELATIVE, target=row[f"{k}__target"],
            status=row[f"{k}__status"], sequential=row.get(f"{k}__sequential"),
            sequential_change=row.get(f"{k}__sequential_change"))
    return values


@dataclass(frozen=True)
class MetricsResult:
    """Every indicator for one scope and period; ``to_json_dict`` is the CLI's JSON contract."""

    period: Period
    previous_period: Period  # 同比: the span that ``previous`` values refer to
    sequential_period: Period  # 环比: the span that counts' ``sequential`` values refer to
    filters: Filters
    values: dict[str, IndicatorValue]
    double_decline: bool | None
    config_version: int = 1

    def __getitem__(self, key: str) -> IndicatorValue:
        return self.values[key]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.to_json_dict(),
            "previous_period": self.previous_period.to_json_dict(),
            "sequential_period": self.sequential_period.to_json_dict(),
            "filters": self.filters.to_json_dict(),
            "definitions_version": self.config_version,
            "indicators": {k: v.to_json_dict() for k, v in self.values.items()},
            "double_decline": self.double_decline,
        }


def compared_periods(period: Period) -> dict[str, Period]:
    return {"cur": period, "yoy": period.year_earlier(), "seq": period.previous()}


def _scope_of(filters: Filters) -> tuple[str | None, int | None]:
    """A single selected unit (or else township, or else county) has its own targets; anything
    else is measured against the whole jurisdiction's."""
    if len(filters.unit_ids) == 1:
        return "unit", filters.unit_ids[0]
    if len(filters.township_ids) == 1 and not filters.unit_ids:
        return "township", filters.township_ids[0]
    if len(filters.region_ids) == 1 and not filters.unit_ids and not filters.township_ids:
        return "region", filters.region_ids[0]
    return None, None


def compute_indicators(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
                       config: IndicatorConfig | Definitions | None = None) -> MetricsResult:
    """All indicators for one scope (the filters) and period, with 同比, 环比, target and status."""
    cfg = resolve_config(config, period)
    sums = aggregate(facts, compared_periods(period), filters, cfg)
    scope_type, scope_id = _scope_of(filters)
    targets: dict[str, pl.Series | float | None] = {
        i.key: scope_target(facts.targets, period.end.year, i, scope_type, scope_id) for i in INDICATORS}
    row = derive(sums, targets, cfg).row(0, named=True)
    return MetricsResult(period, period.year_earlier(), period.previous(), filters, values_from_row(row),
                         row[DOUBLE_DECLINE_KEY], cfg.version)


def group_names(facts: Facts, by: str, members_only: bool = True) -> pl.DataFrame:
    """``group_id``, ``group_name`` of a dimension.

    ``members_only`` leaves out courts, procuratorates and inactive units: they are listed only
    when they have records in the period.
    """
    if by == "unit":
        units = facts.units
        if members_only:
            units = units.filter(~pl.col("unit_type").is_in(["court", "procuratorate"])
                                 & pl.col("active").fill_null(True))
        return units.select(pl.col("id").alias("group_id"), pl.col("name").alias("group_name"))
    frame = facts.townships if by == "township" else facts.areas
    return frame.select(pl.col("id").alias("group_id"), pl.col("name").alias("group_name"))


def compute_grouped(facts: Facts, period: Period, filters: Filters = NO_FILTERS, by: str = "unit",
                    config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """One row per unit / township / subject area / month; see the module doc for column names.

    Rows with a null group id count in region totals only. Every member of the dimension appears
    (with zero counts and not-applicable rates) unless the filters name specific members.
    """
    if by not in GROUPINGS:
        raise ValueError(f"无效的分组 {by!r}，可用：{', '.join(GROUPINGS)}")
    cfg = resolve_config(config, period)
    if by == "month":
        return _compute_months(facts, period, filters, cfg)
    sums = aggregate(facts, compared_periods(period), filters, cfg, by=by)
    names = group_names(facts, by)
    chosen = {"unit": filters.unit_ids, "township": filters.township_ids, "area": filters.area_ids}[by]
    if chosen:
        names = names.filter(pl.col("group_id").is_in(list(chosen)))
    sums = names.join(sums, on="group_id", how="full", coalesce=True)
    every = group_names(facts, by, members_only=False).rename({"group_name": "_name"})
    sum_cols = [c for c in sums.columns if "__" in c]
    sums = (sums.join(every, on="group_id", how="left")
            .with_columns(pl.col(sum_cols).fill_null(0),
                          pl.coalesce("group_name", "_name", pl.format("#{}", pl.col("group_id"))).alias("group_name"))
            .drop("_name"))
    targets: dict[str, pl.Series | float | None] = {
        i.key: group_targets(facts.targets, period.end.year, i, by, sums["group_id"]) for i in INDICATORS}
    return derive(sums, targets, cfg, keep=("group_id", "group_name"))


def _compute_months(facts: Facts, period: Period, filters: Filters, cfg: IndicatorConfig) -> pl.DataFrame:
    rows: list[pl.DataFrame] = []
    for month in period.months():
        sums = aggregate(facts, compared_periods(month), filters, cfg)
        scope_type, scope_id = _scope_of(filters)
        targets: dict[str, pl.Series | float | None] = {
            i.key: scope_target(facts.targets, month.end.year, i, scope_type, scope_id) for i in INDICATORS}
        labelled = sums.with_columns(pl.lit(month.label_en).alias("group_id"),
                                     pl.lit(month.label_zh).alias("group_name"))
        rows.append(derive(labelled, targets, cfg, keep=("group_id", "group_name")))
    return pl.concat(rows, how="vertical_relaxed")


def grouped_values(frame: pl.DataFrame) -> list[tuple[Any, str, dict[str, IndicatorValue], bool | None]]:
    """(group id, name, values, double decline) per row of a grouped frame, for JSON and documents."""
    return [(r["group_id"], r["group_name"], values_from_row(r), r[DOUBLE_DECLINE_KEY])
            for r in frame.iter_rows(named=True)]


__all__ = ["GROUPINGS", "IndicatorValue", "MetricsResult", "compute_grouped", "compute_indicators",
           "derive", "grouped_values"]
