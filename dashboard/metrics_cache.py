"""Indicator results cached across reruns and sessions, keyed by small values only.

The key is (database, data version, definitions version, access scope, period, filters, …): never the
frames themselves (hashing a frame on every rerun would cost more than the computation it saves). A
new import bumps the data version and an edited ``data/indicators.toml`` (or default scheme) changes
the definitions version (``etl.metrics.rules``), so stale results are simply never asked for again.
The functions mirror ``etl.metrics`` and pass it the definitions whose version is in the key; pages
call these instead of the originals.

The store is :data:`dashboard.caches.RESULTS`: bounded by bytes (``LIANDONG_RESULT_CACHE_MB``, default
128 MiB), not by a count of entries — at province scale one grouped-by-agency frame is megabytes while
an indicator result is kilobytes, and the server's RSS kept rising under varied filters with a count
bound (benchmarks/results/load.md). Each key is computed once even when many sessions ask for it at
the same moment; at most ``LIANDONG_COMPUTE_SLOTS`` computations run at once, process-wide: with 50
viewers asking for 50 new selections at the same moment, the others wait their turn instead of each
holding its temporaries (tens of MiB at province scale) while sharing two cores — the server's memory
went over 1.5 GB that way (benchmarks/results/load.md §4).

Period and filters enter the key as flat tuples of their field values (:func:`value_key`): plain tuples
of dates, strings and ints hash in microseconds, where Streamlit's cache hashed each dataclass through
``dataclasses.asdict`` (a deep copy) on every call.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import fields
from typing import Any

import polars as pl

from dashboard import runtime
from dashboard.caches import RESULTS
from etl import metrics
from etl.metrics import Facts, Filters, IndicatorConfig, MetricsResult, Period, Scheme, resolve_config
from etl.metrics.rules import Rules, rules_for
from etl.metrics.scheme import scheme_for_year
from etl.metrics.supervision import supervision_by_kind as _by_kind
from etl.metrics.supervision import supervision_by_result as _by_result


def value_key(value: Period | Filters) -> tuple[Any, ...]:
    """The dataclass's type name and field values as a flat tuple (enums by value): equal values, equal keys."""
    return (type(value).__name__, *(v.value if isinstance(v, enum.Enum) else v
                                    for v in (getattr(value, f.name) for f in fields(value))))


def facts_key(facts: Facts, rules: Rules) -> tuple[Any, ...]:
    """Which database, which version of its data and of the definitions, and which access scope."""
    return (runtime.settings().db_url, facts.data_version, rules.version, facts.scope_unit_ids,
            facts.scope_township_ids)


def current_rules() -> Rules:
    """The definitions in force for this process's settings (re-read when their files change)."""
    return rules_for(runtime.settings())


def config_for(period: Period) -> IndicatorConfig:
    """The definitions in force for ``period``'s year (record minimums, instances, margins)."""
    return resolve_config(current_rules().definitions, period)


def year_scheme(facts: Facts, year: int) -> Scheme:
    """The year's assessment scheme: the database's, else the default scheme file in force."""
    return scheme_for_year(facts, year, current_rules().default_scheme)


def clear() -> None:
    """Forget every cached result (benchmarks time the uncached path with this)."""
    RESULTS.clear()


def _compute(name: str, facts: Facts, period: Period, filters: Filters, extra: tuple[Any, ...], rules: Rules) -> Any:
    config = rules.definitions
    if name == "indicators":
        return metrics.compute_indicators(facts, period, filters, config)
    if name == "grouped":
        return metrics.compute_grouped(facts, period, filters, by=extra[0], config=config)
    # Warnings and the ranking read the grouped table of the same selection: take it from this cache.
    if name == "warnings":
        return metrics.compute_warnings(facts, period, filters, by=extra[0], as_of=extra[1], config=config,
                                        grouped=_get("grouped", facts, period, filters, (extra[0],), rules))
    if name == "rank":
        return metrics.rank(facts, period, by=extra[0], filters=filters, config=config,
                            grouped=_get("grouped", facts, period, filters, (extra[0],), rules),
                            default_scheme=rules.default_scheme)
    if name == "drill":
        return metrics.drill_records(facts, extra[0], period, filters, config)
    if name == "decision_mix":
        return metrics.decision_mix(facts, period, filters, config)
    if name == "days_to_close":
        return metrics.days_to_close(facts, period, filters, config, by=extra[0])
    if name == "pending_cases":
        return metrics.pending_cases(facts, extra[0], filters, config, kinds=extra[1])
    if name == "supervision_by_kind":
        return _by_kind(facts, period, filters, config)
    if name == "supervision_by_result":
        return _by_result(facts, period, filters, config)
    if name == "held":  # no definition decides what is held: the data version alone changes it
        return metrics.held_records(facts, period, filters)
    raise ValueError(name)


def _get(name: str, facts: Facts, period: Period, filters: Filters, extra: tuple[Any, ...],
         rules: Rules | None = None) -> Any:
    chosen = rules or current_rules()
    key = ("metrics", name, facts_key(facts, chosen), value_key(period), value_key(filters), extra)
    return RESULTS.get_or_compute(key, lambda: _compute(name, facts, period, filters, extra, chosen))


def indicators(facts: Facts, period: Period, filters: Filters) -> MetricsResult:
    result: MetricsResult = _get("indicators", facts, period, filters, ())
    return result


def grouped(facts: Facts, period: Period, filters: Filters, by: str) -> pl.DataFrame:
    frame: pl.DataFrame = _get("grouped", facts, period, filters, (by,))
    return frame


def warnings(facts: Facts, period: Period, filters: Filters, by: str, as_of: dt.date | None) -> pl.DataFrame:
    frame: pl.DataFrame = _get("warnings", facts, period, filters, (by, as_of))
    return frame


def ranking(facts: Facts, period: Period, by: str, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("rank", facts, period, filters, (by,))
    return frame


def held(facts: Facts, period: Period, filters: Filters) -> int:
    """Records in the selection holding a value that waits to be confirmed (etl.metrics.held)."""
    count: int = _get("held", facts, period, filters, ())
    return count


def drill(facts: Facts, key: str, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("drill", facts, period, filters, (key,))
    return frame


def decision_mix(facts: Facts, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("decision_mix", facts, period, filters, ())
    return frame


def days_to_close(facts: Facts, period: Period, filters: Filters, by: str | None = None) -> pl.DataFrame:
    frame: pl.DataFrame = _get("days_to_close", facts, period, filters, (by,))
    return frame


def pending_cases(facts: Facts, period: Period, filters: Filters, as_of: dt.date,
                  kinds: tuple[str, ...]) -> pl.DataFrame:
    """Pending matters near or past their limit on ``as_of`` (``period``: the page's, for the key only)."""
    frame: pl.DataFrame = _get("pending_cases", facts, period, filters, (as_of, kinds))
    return frame


def supervision_by_kind(facts: Facts, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("supervision_by_kind", facts, period, filters, ())
    return frame


def supervision_by_result(facts: Facts, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("supervision_by_result", facts, period, filters, ())
    return frame
