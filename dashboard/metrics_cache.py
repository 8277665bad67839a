"""Indicator results cached across reruns and sessions, keyed by small values only.

The key is (data version, access scope, period, filters, …): never the frames themselves (style.md §8).
A new import bumps the data version, so stale results are simply never asked for again; ``max_entries``
bounds memory. The functions mirror ``etl.metrics``; pages call these instead of the originals.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from dashboard.data import db_url
from etl import metrics
from etl.metrics import Facts, Filters, MetricsResult, Period

MAX_ENTRIES = 512


def _scope(facts: Facts) -> tuple[str, int, tuple[int, ...], tuple[int, ...]]:
    """Which database, which version of its data, and which access scope the facts stand for."""
    return db_url(), facts.data_version, facts.scope_unit_ids, facts.scope_township_ids


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _call(name: str, scope: tuple[Any, ...], period: Period, filters: Filters, extra: tuple[Any, ...],
          _facts: Facts) -> Any:
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


def indicators(facts: Facts, period: Period, filters: Filters) -> MetricsResult:
    result: MetricsResult = _call("indicators", _scope(facts), period, filters, (), _facts=facts)
    return result


def grouped(facts: Facts, period: Period, filters: Filters, by: str) -> pl.DataFrame:
    frame: pl.DataFrame = _call("grouped", _scope(facts), period, filters, (by,), _facts=facts)
    return frame


def warnings(facts: Facts, period: Period, filters: Filters, by: str, as_of: dt.date | None) -> pl.DataFrame:
    frame: pl.DataFrame = _call("warnings", _scope(facts), period, filters, (by, as_of), _facts=facts)
    return frame


def ranking(facts: Facts, period: Period, by: str, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _call("rank", _scope(facts), period, filters, (by,), _facts=facts)
    return frame


def drill(facts: Facts, key: str, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _call("drill", _scope(facts), period, filters, (key,), _facts=facts)
    return frame


def decision_mix(facts: Facts, period: Period, filters: Filters) -> pl.DataFrame:
    frame: pl.DataFrame = _call("decision_mix", _scope(facts), period, filters, (), _facts=facts)
    return frame
