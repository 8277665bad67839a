"""A KPI tile opens the records behind its figure: the same drill-through as the 案件清单 tabs
(``etl.metrics.drill_records`` through the page cache, ``views.drill_caption``, ``tables.show_records``),
in a dialog over the page, so a leader asks "which 3 cases?" of the figure itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from dashboard import conference_views, metrics_cache, views
from dashboard.i18n import Lang, t
from dashboard.tables import show_records
from etl.metrics import INDICATORS_BY_KEY, Facts, Filters, MetricsResult, Period

#: Session key of the tile whose records were asked for (read once: closing the dialog forgets it).
REQUEST_KEY = "ld_tile_drill"


@dataclass(frozen=True)
class TileDrill:
    """What a page's tiles drill into: its facts, period, filters and indicator results."""

    facts: Facts
    period: Period
    filters: Filters
    result: MetricsResult
    period_spec: str
    lang: Lang
    #: The day overdue is counted on (key cases): the page's data date; None reads the facts' own.
    as_of: dt.date | None = None

    def can_open(self, key: str) -> bool:
        """Only registry indicators have records behind them (双下降 is a verdict on two of them)."""
        return key in INDICATORS_BY_KEY


def request(key: str) -> None:
    st.session_state[REQUEST_KEY] = key


def button_label(key: str, result: MetricsResult, lang: Lang) -> str:
    """``查看 165 件`` (the records the list will hold: the denominator of a rate, the count of a count)."""
    figure = result[key]
    n = figure.denominator if INDICATORS_BY_KEY[key].is_rate else figure.numerator
    if n is None:
        return t("tile_records", lang)
    return t("tile_records_n", lang, n=f"{int(n):,}")


def show_requested(drill: TileDrill) -> None:
    """The dialog of the tile clicked in this run, if any."""
    key = st.session_state.pop(REQUEST_KEY, None)
    if key is None or not drill.can_open(key):
        return
    title = f"{views.label(key, drill.lang)} · {t('tile_records_title', drill.lang)}"
    st.dialog(title, width="large")(_records)(drill, key)


def _records(drill: TileDrill, key: str) -> None:
    lang = drill.lang
    st.caption(f"{t('shown_period', lang)}{views.period_label(drill.period, lang)}")
    st.caption(views.drill_caption(key, drill.result, lang))
    records = metrics_cache.drill(drill.facts, key, drill.period, drill.filters)
    shaped = conference_views.drill_table(INDICATORS_BY_KEY[key].table, records, drill.facts, drill.filters,
                                          drill.as_of, lang)
    show_records(records if shaped is None else shaped, f"{views.label(key, lang)}_{drill.period_spec}",
                 f"tile_{key}", lang, height=420, raw=shaped is not None)
