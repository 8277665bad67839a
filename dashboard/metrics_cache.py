"""Indicator results cached across reruns and sessions, keyed by small values only.

The key is (data version, access scope, period, filters, …): never the frames themselves (style.md §8).
A new import bumps the data version, so stale results are simply never asked for again; ``max_entries``
bounds memory. The functions mirror ``etl.metrics``; pages call these instead of the originals.

Period and filters enter the key as flat tuples of their field values (:func:`value_key`), not as the
dataclasses: Streamlit hashes a dataclass through ``dataclasses.asdict``, which deep-copies it on every
call — about a third of a cached page's rerun time went into hashing keys (benchmarks/results/load.md).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import fields
from typing import Any

import polars as pl
import streamlit as st

from dashboard.data import db_url
from etl import metrics
from etl.metrics import Facts, Filters, MetricsResult, Period

MAX_ENTRIES = 512


def value_key(value: Period | Filters) -> tuple[Any, ...]:
    """The dataclass's type name and field values as a flat tuple (enums by value): equal values, equal keys."""
    return (type(value).__name__, *(v.value if isinstance(v, enum.Enum) else v
                                    for v in (getattr(value, f.name) for f in fields(value))))


def _scope(facts: Facts) -> tuple[str, int, tuple[int, ...], tuple[int, ...]]:
    """Which database, which version of its data, and which access scope the facts stand for."""
    return db_url(), facts.data_version, facts.scope_unit_ids, facts.scope_township_ids


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _call(name: str, scope: tuple[Any, ...], period_key: tuple[Any, ...], filters_key: tuple[Any, ...],
          extra: tuple[Any, ...], _period: Period, _filters: Filters, _facts: Facts) -> Any:
    period, filters = _period, _filters
    if name == "indicators":
        return metrics.compute_indicators(_facts, period, filters)
    if name == "grouped":
        return metrics.compute_grouped(_facts, period, filters, by=extra[0])
    if name == "warnings":
        return metrics.compute_warnings(_facts, period, filters, by=extra[0], as_of=extra[1])
    if name == "rank":
        return metrics.rank(_facts, period, by=extra[0], filters=filters)
    if name == "drill":
        return metrics.drill_records(_facts, extra[0], period, filters)
    if name == "decision_mix":
        return metrics.decision_mix(_facts, period, filters)
    raise ValueError(name)


def _get(name: str, facts: Facts, period: Period, filters: Filters, extra: tuple[Any, ...]) -> Any:
    return _call(name, _scope(facts), value_key(period), value_key(filters), extra, _period=period, _filters=filters,
                 _facts=facts)


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


def drill(facts: Facts, key: str, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("drill", facts, period, filters, (key,))
    return frame


def decision_mix(facts: Facts, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _get("decision_mix", facts, period, filters, ())
    return frame
