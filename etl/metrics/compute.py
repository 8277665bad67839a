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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from etl.db.models import ScopeType
from etl.metrics.daily import sums_for_periods
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.engine import compute_sums
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import DOUBLE_DECLINE_KEY, INDICATORS, INDICATORS_BY_KEY, Direction, Indicator
from etl.metrics.targets import Status, YearTargets, close_margin

GROUPINGS = ("unit", "township", "area", "month", "county")
NO_FILTERS = Filters()
CHANGE_POINTS = "points"  # rates: value − previous, a fraction of 100 percentage points
CHANGE_RELATIVE = "relative"  # counts: (value − previous) ÷ previous


BUILT_IN = Definitions()


def resolve_config(config: IndicatorConfig | Definitions | None, period: Period) -> IndicatorConfig:
    """The rules of the period's (end) year; comparison periods are computed with the same rules.

    ``None`` means the built-in defaults (docs/indicators.md): compute functions never read
    data/indicators.toml themselves — the entry points load it (``etl.metrics.rules``) and pass it in,
    so that what was computed and what the cache key says can never differ."""
    if isinstance(config, IndicatorConfig):
        return config
    return (config or BUILT_IN).for_year(period.end.year)


_STATUS_TEXT = pl.Series([s.value for s in (Status.MET, Status.CLOSE, Status.MISSED, Status.NA)], dtype=pl.String)
_EPS = 1e-12  # as in targets.target_status


def _rate(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num ÷ den, NaN (→ null) where the denominator is zero: not applicable."""
    return np.where(den > 0, num.astype(np.float64) / np.where(den > 0, den, 1), np.nan)


def _relative(cur: np.ndarray, prev: np.ndarray) -> np.ndarray:
    return np.where(prev > 0, (cur - prev).astype(np.float64) / np.where(prev > 0, prev, 1), np.nan)


def _status(value: np.ndarray, target: np.ndarray, ind: Indicator, config: IndicatorConfig) -> pl.Series:
    """Vectorised :func:`etl.metrics.targets.target_status` (same rules, same floating-point steps)."""
    if ind.direction is None:
        return _STATUS_TEXT.gather(np.full(len(value), 3, dtype=np.uint32))
    margin = close_margin(target, ind.is_rate, config)
    with np.errstate(invalid="ignore"):
        if ind.direction == Direction.LOWER:
            met, close = value <= target + _EPS, value <= target + margin + _EPS
        else:
            met, close = value >= target - _EPS, value >= target - margin - _EPS
    codes = np.where(np.isnan(value) | np.isnan(target), 3, np.where(met, 0, np.where(close, 1, 2)))
    return _STATUS_TEXT.gather(codes.astype(np.uint32))  # a lookup: 4x faster than object strings


def derive(sums: Mapping[str, np.ndarray], targets: Mapping[str, np.ndarray], config: IndicatorConfig,
           keep: Sequence[pl.Series] = ()) -> pl.DataFrame:
    """Values, comparisons, targets and status from the engine's sums (see module doc for columns).

    ``sums``: the engine's int64 arrays by name (``{key}__num__{tag}`` …, no nulls); ``targets``: one
    float array per indicator key (NaN = no target; missing key = none); ``keep``: leading columns.
    NumPy on a few hundred rows: a Polars select of ~250 small expressions costs several times more.
    """
    n = len(next(iter(sums.values()))) if sums else (len(keep[0]) if keep else 0)
    none = np.full(n, np.nan)

    def ints(name: str, values: np.ndarray) -> pl.Series:
        return pl.Series(name, values, dtype=pl.Int64)

    def floats(name: str, values: np.ndarray) -> pl.Series:
        return pl.Series(name, values, dtype=pl.Float64, nan_to_null=True)

    out: list[pl.Series] = list(keep)
    for ind in INDICATORS:
        k = ind.key
        num, pnum = sums[f"{k}__num__cur"], sums[f"{k}__num__yoy"]
        target = targets.get(k, none)
        if ind.is_rate:
            den, pden = sums[f"{k}__den__cur"], sums[f"{k}__den__yoy"]
            value, previous = _rate(num, den), _rate(pnum, pden)
            out += [floats(k, value), ints(f"{k}__num", num), ints(f"{k}__den", den),
                    floats(f"{k}__previous", previous), floats(f"{k}__change", value - previous)]
        else:
            snum = sums[f"{k}__num__seq"]
            out += [ints(k, num), ints(f"{k}__num", num), pl.Series(f"{k}__den", [None] * n, dtype=pl.Int64),
                    ints(f"{k}__previous", pnum), floats(f"{k}__change", _relative(num, pnum)),
                    ints(f"{k}__sequential", snum), floats(f"{k}__sequential_change", _relative(num, snum))]
            value = num.astype(np.float64)
        out += [floats(f"{k}__target", target),
                _status(value, target, ind, config).alias(f"{k}__status")]
    lit_cur, lit_prev = sums["litigation_cases__num__cur"], sums["litigation_cases__num__yoy"]
    loss = _rate(sums["loss_rate__num__cur"], sums["loss_rate__den__cur"])
    loss_prev = _rate(sums["loss_rate__num__yoy"], sums["loss_rate__den__yoy"])
    # 双下降: both strictly lower than a year earlier; unknown when either loss rate is not applicable.
    double = np.where(np.isnan(loss) | np.isnan(loss_prev), None,  # type: ignore[call-overload]  # numpy's stubs reject a None branch, numpy makes it an object array
                      (lit_cur < lit_prev) & (loss < loss_prev))
    out.append(pl.Series(DOUBLE_DECLINE_KEY, double.tolist(), dtype=pl.Boolean))
    return pl.DataFrame(out)


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


def value_from_row(row: dict[str, Any], k: str) -> IndicatorValue:
    """One indicator's IndicatorValue from a row of :func:`derive`'s output."""
    return IndicatorValue(
        key=k, value=row[k], numerator=int(row[f"{k}__num"]), denominator=row[f"{k}__den"],
        previous=row[f"{k}__previous"], change=row[f"{k}__change"],
        change_kind=CHANGE_POINTS if INDICATORS_BY_KEY[k].is_rate else CHANGE_RELATIVE,
        target=row[f"{k}__target"], status=row[f"{k}__status"], sequential=row.get(f"{k}__sequential"),
        sequential_change=row.get(f"{k}__sequential_change"))


def values_from_row(row: dict[str, Any]) -> dict[str, IndicatorValue]:
    """IndicatorValues from one row of :func:`derive`'s output (region row or one group)."""
    return {ind.key: value_from_row(row, ind.key) for ind in INDICATORS}


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
    sums = compute_sums(facts, compared_periods(period), filters, cfg)
    scope_type, scope_id = _scope_of(filters)
    year = YearTargets(facts.targets, period.end.year)
    targets = {i.key: _one(year.scope(i, scope_type, scope_id)) for i in INDICATORS}
    row = derive(sums.columns(), targets, cfg).row(0, named=True)
    return MetricsResult(period, period.year_earlier(), period.previous(), filters, values_from_row(row),
                         row[DOUBLE_DECLINE_KEY], cfg.version)


def _one(target: float | None) -> np.ndarray:
    return np.array([np.nan if target is None else target], dtype=np.float64)


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
    frame = {"township": facts.townships, "county": facts.counties}.get(by, facts.areas)
    return frame.select(pl.col("id").alias("group_id"), pl.col("name").alias("group_name"))


def compute_grouped(facts: Facts, period: Period, filters: Filters = NO_FILTERS, by: str = "unit",
                    config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """One row per unit / township / subject area / month; see the module doc for column names.

    Rows with a null group id count in region totals only. Every member of the dimension appears
    (with zero counts and not-applicable rates) unless the filters name specific members; members
    come in the dimension's order, then other groups with records (courts, inactive units) by id.
    """
    if by not in GROUPINGS:
        raise ValueError(f"无效的分组 {by!r}，可用：{', '.join(GROUPINGS)}")
    cfg = resolve_config(config, period)
    if by == "month":
        return _compute_months(facts, period, filters, cfg)
    sums = compute_sums(facts, compared_periods(period), filters, cfg, by=by)
    members = group_names(facts, by)
    chosen = {"unit": filters.unit_ids, "township": filters.township_ids, "area": filters.area_ids,
              "county": filters.region_ids}[by]
    if chosen:
        members = members.filter(pl.col("group_id").is_in(list(chosen)))
    members = members.select(pl.col("group_id").cast(pl.Int64), pl.col("group_name").cast(pl.String))
    found = sums.ids if sums.ids is not None else np.zeros(0, dtype=np.int64)  # ascending
    others = np.setdiff1d(found, members.get_column("group_id").to_numpy())
    if len(others):
        # Courts, inactive units … with records: their own name, else "#id".
        every = group_names(facts, by, members_only=False).select(
            pl.col("group_id").cast(pl.Int64), pl.col("group_name").cast(pl.String))
        extra = pl.DataFrame({"group_id": others}, schema={"group_id": pl.Int64}).join(
            every.unique("group_id", keep="first", maintain_order=True), on="group_id", how="left",
            maintain_order="left")
        extra = extra.with_columns(pl.when(pl.col("group_name").is_null() | (pl.col("group_name") == ""))
                                   .then(pl.format("#{}", pl.col("group_id"))).otherwise(pl.col("group_name"))
                                   .alias("group_name"))
        members = pl.concat([members, extra])
    members = members.with_columns(pl.col("group_name").fill_null(pl.format("#{}", pl.col("group_id"))))
    ids = members.get_column("group_id")
    # Members without records get zero sums: each id's row in the engine's matrix, found by binary search.
    wanted = ids.to_numpy()
    at = np.minimum(np.searchsorted(found, wanted), max(len(found) - 1, 0))
    hit = (found[at] == wanted) if len(found) else np.zeros(len(wanted), dtype=bool)
    columns = np.zeros((len(sums.names), len(wanted)), dtype=np.int64)  # one contiguous row per output
    columns[:, hit] = sums.matrix[at[hit]].T
    year = YearTargets(facts.targets, period.end.year)
    id_list: list[Any] = ids.to_list()
    # A county's own target is stored with the region scope (etl.metrics.targets).
    scope_type = ScopeType.REGION.value if by == "county" else by
    targets = {i.key: year.groups(i, scope_type, id_list) for i in INDICATORS}
    keep = [ids, members.get_column("group_name")]
    return derive({n: columns[j] for j, n in enumerate(sums.names)}, targets, cfg, keep=keep)


def _compute_months(facts: Facts, period: Period, filters: Filters, cfg: IndicatorConfig) -> pl.DataFrame:
    """One row per month of the period, each with its own 同比/环比 and its year's targets: every
    month's sums from one grouped pass (:func:`etl.metrics.daily.sums_for_periods`), derived at once."""
    months = period.months()
    sums = sums_for_periods(facts, [compared_periods(m) for m in months], filters, cfg)
    scope_type, scope_id = _scope_of(filters)
    years = {y: YearTargets(facts.targets, y) for y in {m.end.year for m in months}}
    targets = {i.key: np.array([_one(years[m.end.year].scope(i, scope_type, scope_id))[0] for m in months],
                               dtype=np.float64) for i in INDICATORS}
    matrix = np.vstack([s.matrix for s in sums])
    keep = [pl.Series("group_id", [m.label_en for m in months], dtype=pl.String),
            pl.Series("group_name", [m.label_zh for m in months], dtype=pl.String)]
    return derive({n: matrix[:, j] for j, n in enumerate(sums[0].names)}, targets, cfg, keep=keep)


def grouped_values(frame: pl.DataFrame) -> list[tuple[Any, str, dict[str, IndicatorValue], bool | None]]:
    """(group id, name, values, double decline) per row of a grouped frame, for JSON and documents."""
    return [(r["group_id"], r["group_name"], values_from_row(r), r[DOUBLE_DECLINE_KEY])
            for r in frame.iter_rows(named=True)]


__all__ = ["GROUPINGS", "IndicatorValue", "MetricsResult", "compute_grouped", "compute_indicators",
           "derive", "grouped_values"]
