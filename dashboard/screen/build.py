"""From facts and a screen configuration to the markup of one panel: pure, so tests need no browser.

The scope (``township=`` / ``unit=`` in the URL) is resolved here against the names in the database;
names that match nothing are reported and ignored rather than showing a silently empty screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard.filters import resolve_period
from dashboard.i18n import Lang, t
from dashboard.screen import html, models
from dashboard.screen.config import ScreenConfig, refresh_tick
from dashboard.screen.text import s
from dashboard.views import period_label
from etl.metrics import Facts, Filters, Period, compute_indicators, resolve_config


@dataclass(frozen=True)
class Scope:
    filters: Filters
    label: str
    notices: tuple[str, ...]
    township_ids: tuple[int, ...]
    unit_ids: tuple[int, ...]


def _match(frame: pl.DataFrame, names: tuple[str, ...], display: str) -> tuple[tuple[int, ...], list[str], list[str]]:
    """Ids (and ``display`` names) for names matching a full or short name; the names that matched nothing."""
    ids: list[int] = []
    shown: list[str] = []
    missing: list[str] = []
    for name in names:
        hit = frame.filter((pl.col("name") == name) | (pl.col("short_name") == name))
        if hit.is_empty():
            missing.append(name)
        else:
            ids.append(int(hit["id"][0]))
            shown.append(str(hit[display][0] or hit["name"][0]))
    return tuple(dict.fromkeys(ids)), shown, missing


def resolve_scope(facts: Facts, config: ScreenConfig, lang: Lang) -> Scope:
    towns, town_names, missing_towns = _match(facts.townships, config.townships, "name")
    units, unit_names, missing_units = _match(facts.units, config.units, "short_name")
    missing = missing_towns + missing_units
    notices = (s("not_found", lang, names="、".join(missing)),) if missing else ()
    return Scope(Filters(township_ids=towns, unit_ids=units), "、".join(town_names + unit_names), notices,
                 towns, units)


def resolve_screen_period(facts: Facts, config: ScreenConfig, lang: Lang) -> tuple[Period, tuple[str, ...]]:
    """The URL's period, or year to date of the latest data; an invalid period falls back with a notice."""
    as_of = facts.as_of or dt.date.today()
    period, _, invalid = resolve_period(config.period, as_of)
    return period, ((t("bad_period", lang),) if invalid else ())


def panel_body(key: str, facts: Facts, period: Period, scope: Scope, lang: Lang) -> tuple[str, str]:
    """(subtitle, body markup) of one panel for the period and scope."""
    if key == "kpi":
        result = compute_indicators(facts, period, scope.filters)
        return s("legend", lang), html.kpi_html(models.kpi_panel(result, lang), lang)
    if key == "trend":
        result = compute_indicators(facts, period, scope.filters)
        months = models.grouped(facts, period, scope.filters, "month")
        return "", html.trend_html(models.trend_panel(result, months, lang), lang)
    if key == "agencies":
        grouped = models.grouped(facts, period, scope.filters, "unit")
        return s("legend", lang), html.list_html(models.agencies_panel(facts, grouped, lang), lang)
    if key == "ranking":
        by = "township" if scope.township_ids and not scope.unit_ids else "unit"
        highlight = scope.township_ids if by == "township" else scope.unit_ids
        panel = models.ranking_panel(facts, period, by, highlight)
        return s("ranking_towns" if by == "township" else "ranking_units", lang), html.rank_html(panel, lang)
    if key == "townships":
        towns = Filters(unit_ids=scope.unit_ids, township_ids=scope.township_ids)
        grouped = models.grouped(facts, period, towns, "township")
        panel = models.townships_panel(grouped, lang, scope.township_ids,
                                       resolve_config(None, period).rate_min_records)
        return "", html.list_html(panel, lang)
    if key == "overdue":
        return "", html.list_html(models.overdue_panel(facts, scope.filters, lang), lang, "no_overdue")
    raise KeyError(key)


def header_markup(facts: Facts, period: Period, scope: Scope, clock: str, lang: Lang) -> str:
    h = html.Header(region=facts.region_name or "", period=period_label(period, lang),
                    as_of=facts.as_of.isoformat() if facts.as_of else None, clock=clock,
                    is_demo=facts.is_demo, scope=scope.label)
    return html.header_html(h, lang)


def stale_after(rotate: int) -> int:
    """Seconds without a server run after which the screen says its connection is lost (two ticks + 5 s)."""
    return int(2 * refresh_tick(rotate) + 5)


def build_screen(facts: Facts, config: ScreenConfig, key: str, clock: str,
                 notices: tuple[str, ...] = (), rendered: str = "") -> str:
    """The complete markup for the panel ``key``: header, panel, playlist footer."""
    lang: Lang = config.lang
    scope = resolve_scope(facts, config, lang)
    period, period_notices = resolve_screen_period(facts, config, lang)
    subtitle, body = panel_body(key, facts, period, scope, lang)
    return html.screen_html(header_markup(facts, period, scope, clock, lang), s(f"panel_{key}", lang), subtitle,
                            body, html.footer_html(config.panels, key, lang),
                            key, notices + period_notices + scope.notices, lang, rendered,
                            stale_after(config.rotate))
