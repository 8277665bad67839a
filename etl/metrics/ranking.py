"""Scores and rankings of units and townships under an assessment scheme (比学赶超), per category.

Each scheme item scores points by its method (``etl.metrics.scoring``); items that do not apply are
left out and the others' weights scaled to 100 (or score full marks, if the scheme says so). The shown
item points are rounded to 2 decimals first and the base score is their sum, so a breakdown adds up.
Score = base + bonus − event deductions; a veto scores 0 and ranks last in its category.

Units are ranked within their category (县直部门, 乡镇(街道) …, from the units sheet's type); a unit whose
type is in no category (the county government, the court, the procuratorate) is not ranked at all.
Ties share a place and the next place is skipped (1, 2, 2, 4); tied units are listed by name.
"""

from __future__ import annotations

import polars as pl

from etl.metrics.assessment_events import EVENT_SOURCES, collect_events
from etl.metrics.compute import NO_FILTERS, compute_grouped, resolve_config
from etl.metrics.definitions import Definitions, IndicatorConfig
from etl.metrics.facts import Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import INDICATORS_BY_KEY, Direction
from etl.metrics.scheme import MEASURED_WEIGHT, Scheme, scheme_for_year
from etl.metrics.scoring import full_marks_at, has_records, measured, points, score_fraction, zero_at

__all__ = ["category_frame", "event_counts", "rank", "rank_changes", "score_fraction", "score_frame"]


def _basis_columns(scheme: Scheme, columns: set[str]) -> list[str]:
    """The grouped figures a breakdown cites (value, numerator, denominator, a year earlier)."""
    keys = dict.fromkeys([*(i.key for i in scheme.items), *(b.key for b in scheme.bonuses if b.key),
                          *(t.removesuffix("__num") for t in scheme.tie_break if t != MEASURED_WEIGHT)])
    wanted = [f"{k}{s}" for k in keys for s in ("", "__num", "__den", "__previous")]
    return [c for c in [*wanted, "double_decline"] if c in columns]


def _bonus_points(scheme: Scheme, columns: set[str]) -> list[pl.Expr]:
    out = []
    for b in scheme.bonuses:
        if b.when is not None:
            hit = pl.col(b.when).fill_null(False) if b.when in columns else pl.lit(False)
            out.append(pl.when(hit).then(pl.lit(b.points)).otherwise(0.0).alias(f"{b.slug}__bonus"))
        else:
            key = str(b.key)
            count = pl.col(f"{key}__num" if INDICATORS_BY_KEY[key].is_rate else key).cast(pl.Float64).fill_null(0)
            out.append(pl.min_horizontal(pl.lit(float(b.cap or 0.0)), b.per * count).alias(f"{b.slug}__bonus"))
    return out


def score_frame(grouped: pl.DataFrame, scheme: Scheme, min_cases: int,
                events: pl.DataFrame | None = None) -> pl.DataFrame:
    """Score every group's figures at once.

    ``events``: ``group_id`` and one count column per event kind (:func:`event_counts`). Columns out:
    ``group_id``, ``group_name``; per item SLUG ``SLUG__score`` (points, scaled so that they add up to
    the base score; null when left out), ``SLUG__measured``, ``SLUG__weight`` (weight after scaling),
    ``SLUG__target`` and ``SLUG__zero`` (where linear points are full and zero); ``base_score``; per
    bonus ``SLUG__bonus`` and ``bonus``; per event rule ``KIND__events`` and ``KIND__deduction``;
    ``deduction``, ``vetoed``, ``veto_reason``, ``score``; the grouped figures the breakdown cites.
    """
    columns = set(grouped.columns)
    full = scheme.not_applicable == "full_marks"
    frame = grouped
    if events is not None and events.height:
        frame = frame.join(events, on="group_id", how="left")
    frame = frame.with_columns(*(measured(item, min_cases).alias(f"__v{j}") for j, item in enumerate(scheme.items)))
    frame = frame.with_columns(*(e for j, item in enumerate(scheme.items) for e in (
        points(item, pl.col(f"__v{j}"), full_marks_at(item, columns), zero_at(item)).alias(f"__p{j}"),
        full_marks_at(item, columns).alias(f"__t{j}"), zero_at(item).alias(f"__z{j}"))))
    counted = [pl.when(pl.col(f"__v{j}").is_null()).then(item.weight if full else 0.0).otherwise(item.weight)
               for j, item in enumerate(scheme.items)]
    measured_weight = [pl.when(has_records(item, min_cases)).then(item.weight).otherwise(0.0)
                       for item in scheme.items]
    frame = frame.with_columns(pl.sum_horizontal(counted).alias("__w"),
                               pl.sum_horizontal(measured_weight).alias(MEASURED_WEIGHT))
    scale = pl.when(pl.col("__w") > 0).then(100.0 / pl.col("__w")).otherwise(None)
    shown: list[pl.Expr] = []
    for j, item in enumerate(scheme.items):
        missing = pl.col(f"__v{j}").is_null()
        earned = pl.when(missing).then(pl.lit(item.weight if full else None, pl.Float64)).otherwise(pl.col(f"__p{j}"))
        weight = pl.when(missing & (not full)).then(None).otherwise(item.weight * scale)
        shown += [(earned * scale).round(2).alias(f"{item.slug}__score"), pl.col(f"__v{j}").alias(f"{item.slug}__measured"),
                  weight.alias(f"{item.slug}__weight"), pl.col(f"__t{j}").alias(f"{item.slug}__target"),
                  pl.col(f"__z{j}").alias(f"{item.slug}__zero")]
    frame = frame.with_columns(*shown, *_bonus_points(scheme, columns))
    item_scores = [pl.col(f"{i.slug}__score") for i in scheme.items]
    base = pl.when(pl.col("__w") > 0).then(pl.sum_horizontal(item_scores).round(2)).otherwise(None)
    bonuses = pl.sum_horizontal([pl.col(f"{b.slug}__bonus") for b in scheme.bonuses]) if scheme.bonuses else pl.lit(0.0)
    if scheme.bonus_cap is not None:
        bonuses = pl.min_horizontal(bonuses, pl.lit(scheme.bonus_cap))
    event_columns, reasons, deductions = [], [], []
    for rule in scheme.events:
        n = (pl.col(rule.kind) if rule.kind in frame.columns else pl.lit(0)).fill_null(0).cast(pl.Int64)
        taken = (pl.min_horizontal(pl.lit(rule.cap if rule.cap is not None else float("inf")), rule.per * n)
                 if rule.action == "deduct" else pl.lit(0.0))
        event_columns += [n.alias(f"{rule.kind}__events"), taken.alias(f"{rule.kind}__deduction")]
        deductions.append(taken)
        if rule.action == "veto":
            label = EVENT_SOURCES[rule.kind].label_zh
            reasons.append(pl.when(n > 0).then(pl.format(f"{label}{{}}件", n)))
    reasons += [pl.when(pl.col(v.key).is_not_null() & _compare(pl.col(v.key), v.op, v.value)).then(pl.lit(v.reason))
                for v in scheme.vetoes if v.key in columns]
    hits = pl.concat_list(reasons).list.drop_nulls() if reasons else pl.lit([], pl.List(pl.String))
    frame = frame.with_columns(*event_columns, base.alias("base_score"), bonuses.round(2).alias("bonus"),
                               (pl.sum_horizontal(deductions) if deductions else pl.lit(0.0)).round(2).alias("deduction"),
                               hits.alias("__reasons"))
    vetoed = pl.col("__reasons").list.len() > 0
    total = pl.when(pl.col("base_score").is_null()).then(None).otherwise(
        pl.max_horizontal(pl.lit(0.0), pl.col("base_score") + pl.col("bonus") - pl.col("deduction")).round(2))
    frame = frame.with_columns(vetoed.alias("vetoed"),
                               pl.when(vetoed).then(pl.col("__reasons").list.join("；")).otherwise(None).alias("veto_reason"),
                               pl.when(vetoed).then(0.0).otherwise(total).alias("score"))
    out = ["group_id", "group_name", *(c for i in scheme.items for c in (
        f"{i.slug}__score", f"{i.slug}__measured", f"{i.slug}__weight", f"{i.slug}__target", f"{i.slug}__zero")),
        "base_score", *(f"{b.slug}__bonus" for b in scheme.bonuses), "bonus",
        *(f"{r.kind}__{s}" for r in scheme.events for s in ("events", "deduction")),
        "deduction", "vetoed", "veto_reason", "score", MEASURED_WEIGHT, *_basis_columns(scheme, columns)]
    return frame.select(pl.col("group_id"), pl.col("group_name").cast(pl.String), *dict.fromkeys(out[2:]))


def _compare(column: pl.Expr, op: str, value: float) -> pl.Expr:
    return {"<": column < value, "<=": column <= value, ">": column > value, ">=": column >= value}[op]


def event_counts(events: pl.DataFrame, by: str) -> pl.DataFrame:
    """``group_id`` and one column per event kind with the number of events of each group."""
    column = "unit_id" if by == "unit" else "township_id"
    rows = events.filter(pl.col(column).is_not_null())
    if rows.is_empty():
        return pl.DataFrame(schema={"group_id": pl.Int64})
    return rows.group_by(pl.col(column).alias("group_id"), "kind").len().pivot(
        "kind", index="group_id", values="len").fill_null(0)


def category_frame(facts: Facts, scheme: Scheme, by: str) -> pl.DataFrame:
    """``group_id``, ``category`` and ``category_order`` of every group the scheme assesses."""
    order = {c.name: n for n, c in enumerate(scheme.categories)}
    if by == "township":
        name = scheme.township_category
        return facts.townships.select(pl.col("id").alias("group_id"), pl.lit(name).alias("category"),
                                      pl.lit(order.get(name, 0)).alias("category_order"))
    by_type = {t: c.name for c in scheme.categories for t in c.unit_types}
    return facts.units.select(
        pl.col("id").alias("group_id"),
        pl.col("unit_type").replace_strict(by_type, default=None, return_dtype=pl.String).alias("category"),
    ).filter(pl.col("category").is_not_null()).with_columns(
        pl.col("category").replace_strict(order, return_dtype=pl.Int64).alias("category_order"))


def _sort_key() -> pl.Expr:
    """Vetoed units rank after everyone, whatever their score."""
    return pl.when(pl.col("vetoed")).then(-1.0).otherwise(pl.col("score"))


def _ranked(grouped: pl.DataFrame, scheme: Scheme, min_cases: int, categories: pl.DataFrame,
            events: pl.DataFrame | None) -> pl.DataFrame:
    frame = score_frame(grouped, scheme, min_cases, events).join(categories, on="group_id", how="inner")
    # Assessed: indicators were measured (at least the scheme's min_measured_weight of them), or a veto
    # hit. Otherwise the unit takes no place (rank null, listed after the ranked units as 未参评): a county
    # where most agencies had no case would else put them all "first" on the 红榜.
    enough = (pl.col(MEASURED_WEIGHT) > 0) & (pl.col(MEASURED_WEIGHT) >= scheme.min_measured_weight - 1e-9)
    frame = frame.with_columns((enough | pl.col("vetoed")).alias("assessed"))
    return (frame.join(_places(frame.filter(pl.col("assessed")), scheme), on="group_id", how="left")
            .sort(["category_order", "rank", "group_name"], nulls_last=True))


def _tie_keys(scheme: Scheme) -> list[tuple[pl.Expr, bool]]:
    """(figure, descending) pairs: the score first, then the scheme's tie-break figures, nulls last."""
    keys = [(_sort_key(), True)]
    for entry in scheme.tie_break:
        if entry == MEASURED_WEIGHT or entry.endswith("__num"):
            keys.append((pl.col(entry).cast(pl.Float64), True))
        else:
            lower = INDICATORS_BY_KEY[entry].direction == Direction.LOWER
            keys.append((pl.col(entry).cast(pl.Float64), not lower))
    return keys


def _places(assessed: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """``group_id`` → place within its category: by score, then the tie-break figures; groups equal on
    all of them share the place and the next is skipped (1, 2, 2, 4)."""
    keys = _tie_keys(scheme)
    names = [f"__k{n}" for n in range(len(keys))]
    frame = assessed.select("group_id", "category", *(e.alias(n) for (e, _), n in zip(keys, names, strict=True)))
    frame = frame.sort(["category", *names], descending=[False, *(d for _, d in keys)], nulls_last=True)
    position = pl.int_range(1, pl.len() + 1).over("category")
    changed = pl.any_horizontal([pl.col(n).ne_missing(pl.col(n).shift(1).over("category")) for n in names])
    first = pl.int_range(pl.len()).over("category") == 0
    place = pl.when(first | changed).then(position).otherwise(None)
    return frame.select("group_id", place.forward_fill().over("category").cast(pl.Int64).alias("rank"))


def rank_changes(current: pl.DataFrame, before: pl.DataFrame, scheme: Scheme,
                 before_scheme: Scheme | None = None) -> pl.DataFrame:
    """``previous_rank`` and ``rank_change`` per group of ``current`` (both :func:`_ranked` frames).

    ``previous_rank`` is the group's place in the previous period's ranking, null when it was not
    assessed then. ``rank_change`` (positive = moved up) compares places among the comparable groups of
    the same category only — those assessed in both periods — so a unit entering or leaving the table
    does not make the others jump; it is null for the rest.
    """
    prev = before.filter(pl.col("assessed")).select(
        "group_id", pl.col("rank").alias("previous_rank"), pl.col("category").alias("_prev_category"))
    joined = current.join(prev, on="group_id", how="left")
    ids = joined.filter(pl.col("assessed") & pl.col("previous_rank").is_not_null()
                        & (pl.col("category") == pl.col("_prev_category")))["group_id"].implode()
    now = _places(current.filter(pl.col("group_id").is_in(ids)), scheme).rename({"rank": "_now"})
    then = _places(before.filter(pl.col("group_id").is_in(ids)), before_scheme or scheme).rename({"rank": "_then"})
    return (joined.join(now, on="group_id", how="left").join(then, on="group_id", how="left")
            .with_columns((pl.col("_then") - pl.col("_now")).alias("rank_change"))
            .select("group_id", "previous_rank", "rank_change"))


def _events_for(facts: Facts, period: Period, scheme: Scheme, by: str, filters: Filters,
                config: IndicatorConfig | Definitions | None) -> pl.DataFrame:
    events = collect_events(facts, period, tuple(r.kind for r in scheme.events), config)
    if filters.unit_ids:
        events = events.filter(pl.col("unit_id").is_in(list(filters.unit_ids)))
    if filters.township_ids:
        events = events.filter(pl.col("township_id").is_in(list(filters.township_ids)))
    return event_counts(events, by)


def rank(facts: Facts, period: Period, by: str = "unit", filters: Filters = NO_FILTERS,
         config: IndicatorConfig | Definitions | None = None, scheme: Scheme | None = None,
         grouped: pl.DataFrame | None = None, default_scheme: Scheme | None = None) -> pl.DataFrame:
    """Ranking of units or townships for the period, per category, with the change of rank against
    ``period.previous()``.

    Columns: ``rank`` (within the category; null for a group not assessed), ``category``, ``group_id``,
    ``group_name``, ``score``, ``base_score``, ``bonus``, ``deduction``, ``vetoed``, ``veto_reason``,
    ``assessed``, ``previous_rank``, ``rank_change`` (see :func:`rank_changes`), then the item, bonus and
    event columns of :func:`score_frame`. Rows come by category, rank, name.

    ``grouped``: ``compute_grouped(facts, period, filters, by, config)`` when the caller already has it
    (the dashboard's result cache), so that it is not computed twice. ``scheme`` replaces the scheme of
    both periods; ``default_scheme`` is used for a year without a stored one (see :func:`scheme_for_year`).
    """
    if by not in {"unit", "township"}:
        raise ValueError(f"排名只能按单位或乡镇，而不是 {by!r}")
    cfg = resolve_config(config, period)
    current_scheme = scheme or scheme_for_year(facts, period.end.year, default_scheme)
    min_cases = current_scheme.min_cases if current_scheme.min_cases is not None else cfg.ranking_min_cases
    if grouped is None:
        grouped = compute_grouped(facts, period, filters, by, cfg)
    current = _ranked(grouped, current_scheme, min_cases, category_frame(facts, current_scheme, by),
                      _events_for(facts, period, current_scheme, by, filters, cfg))
    before_period = period.previous()
    before_scheme = scheme or scheme_for_year(facts, before_period.end.year, default_scheme)
    before_min = before_scheme.min_cases if before_scheme.min_cases is not None else cfg.ranking_min_cases
    before = _ranked(compute_grouped(facts, before_period, filters, by, cfg), before_scheme, before_min,
                     category_frame(facts, before_scheme, by),
                     _events_for(facts, before_period, before_scheme, by, filters, cfg))
    first = ["rank", "category", "group_id", "group_name", "score", "base_score", "bonus", "deduction", "vetoed",
             "veto_reason", "assessed", "previous_rank", "rank_change"]
    joined = current.join(rank_changes(current, before, current_scheme, before_scheme), on="group_id", how="left",
                          maintain_order="left")
    return joined.select(first + [c for c in joined.columns if c not in first and c != "category_order"])
