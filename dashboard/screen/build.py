"""From facts, a viewer and a screen configuration to the markup of one panel: pure, so tests need no
browser.

The viewer's access (``etl.access``) is applied here: every panel shows the facts the viewer may see,
and the ranking is county-wide with other names masked for a liaison, as on 考核排名. The scope
(``township=`` / ``unit=`` in the URL) is resolved through the facts' name resolvers (aliases, region
prefix). A name that matches nothing is reported with a did-you-mean; when none of a dimension's names
matched, the screen shows that notice instead of any figure, so the county's numbers never stand under
a unit's name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

import polars as pl

from dashboard.filters import resolve_period
from dashboard.formatting import fmt_value
from dashboard.i18n import Lang, t
from dashboard.screen import conference_panels, html, models
from dashboard.screen.config import DEFAULT_MAP_INDICATOR, ScreenConfig, refresh_tick
from dashboard.screen.css import PALETTES
from dashboard.screen.map_panel import map_panel_html
from dashboard.screen.text import s
from dashboard.views import period_label, through_data_date
from etl.access import EVERYTHING, ViewerScope, facts_for_viewer
from etl.geo.layer import MapLayer, build_map_layer, map_level
from etl.metrics import Facts, Filters, Period, compute_grouped, compute_indicators, resolve_config
from etl.metrics.rules import Rules
from etl.names import Dimension, NameResolver, unresolved_message


@dataclass(frozen=True)
class Scope:
    filters: Filters
    label: str
    notices: tuple[str, ...]
    township_ids: tuple[int, ...]
    unit_ids: tuple[int, ...]
    #: Names were asked for and none of a dimension's resolved: no figures, only the notices.
    blocked: bool = False


def _match(frame: pl.DataFrame, resolver: NameResolver, names: tuple[str, ...], display: str, dimension: Dimension,
           lang: Lang) -> tuple[tuple[int, ...], list[str], list[str]]:
    """Ids (and ``display`` names) of the names that resolve to a member of ``frame``; the notices of the
    names that do not."""
    shown_by_id = {int(i): str(d or n) for i, d, n in zip(frame["id"], frame[display], frame["name"], strict=True)}
    ids: list[int] = []
    notices: list[str] = []
    for name in names:
        found = resolver.lookup(name)
        if found.id is not None and found.id in shown_by_id:
            ids.append(found.id)
        else:
            notices.append(unresolved_message(dimension, found, lang))
    unique = tuple(dict.fromkeys(ids))
    return unique, [shown_by_id[i] for i in unique], notices


def resolve_scope(facts: Facts, config: ScreenConfig, lang: Lang) -> Scope:
    towns, town_names, town_notices = _match(facts.townships, facts.names.townships, config.townships, "name",
                                             "township", lang)
    units, unit_names, unit_notices = _match(facts.units, facts.names.units, config.units, "short_name", "unit",
                                             lang)
    blocked = bool(config.townships and not towns) or bool(config.units and not units)
    return Scope(Filters(township_ids=towns, unit_ids=units), "、".join(town_names + unit_names),
                 tuple(town_notices + unit_notices), towns, units, blocked)


def resolve_screen_period(facts: Facts, config: ScreenConfig, lang: Lang) -> tuple[Period, tuple[str, ...]]:
    """The URL's period, or year to date of the latest data; an invalid period falls back with a notice."""
    as_of = facts.as_of or dt.date.today()
    period, _, invalid = resolve_period(config.period, as_of)
    return period, ((t("bad_period", lang),) if invalid else ())


def map_layer(facts: Facts, period: Period, scope: Scope, key: str, rules: Rules | None = None) -> MapLayer | None:
    """The screen's map: townships (the scope's outlined), or counties in a city or province database;
    the agency scope applies to the figures."""
    level = map_level(facts)
    if level is None:
        return None
    config = rules.definitions if rules else None
    grouped = compute_grouped(facts, period, Filters(unit_ids=scope.unit_ids), by=level, config=config)
    selected = scope.township_ids if level == "township" else ()
    return build_map_layer(facts, grouped, key, level, resolve_config(config, period).ranking_min_cases, selected)


def _map_panel(facts: Facts, period: Period, scope: Scope, key: str, lang: Lang,
               theme: str = "dark", rules: Rules | None = None) -> tuple[str, str]:
    layer = map_layer(facts, period, scope, key, rules)
    if layer is None or not layer.areas:
        return "", f'<div class="lds-empty">{escape(s("no_outlines", lang))}</div>'
    ind = layer.indicator
    parts = [ind.label_zh if lang == "zh" else ind.label_en]
    if layer.level == "county":
        parts.append(s("map_by_county", lang))
    if facts.is_demo:
        parts.append(s("map_demo", lang))
    members = facts.townships if layer.level == "township" else facts.counties
    short = {int(i): str(n) for i, n in zip(members["id"], members["short_name"], strict=True) if n}
    whole = compute_indicators(facts, period, Filters(unit_ids=scope.unit_ids),
                               rules.definitions if rules else None)[key]
    total = (facts.region_name or s("whole_region", lang), fmt_value(whole.value, ind.format.value, lang))
    return " · ".join(parts), map_panel_html(layer, lang, PALETTES[theme], short, total)


def panel_body(key: str, facts: Facts, period: Period, scope: Scope, lang: Lang, everyone: Facts | None = None,
               viewer: ViewerScope = EVERYTHING, names_visible: bool = True,
               map_indicator: str = DEFAULT_MAP_INDICATOR, theme: str = "dark",
               rules: Rules | None = None) -> tuple[str, str]:
    """(subtitle, body markup) of one panel for the period and scope. ``facts`` are what the viewer may
    see; the ranking is computed over ``everyone`` (all facts) and masked for a limited viewer. ``rules``:
    the definitions in force (``etl.metrics.rules``; None: the built-in ones)."""
    config = rules.definitions if rules else None
    if key == "kpi":
        result = compute_indicators(facts, period, scope.filters, config)
        return s("legend", lang), html.kpi_html(models.kpi_panel(result, lang), lang)
    if key == "trend":
        span = through_data_date(period, facts.as_of)  # the unfinished month against the same days last year
        result = compute_indicators(facts, span, scope.filters, config)
        months = models.grouped(facts, span, scope.filters, "month", rules)
        return "", html.trend_html(models.trend_panel(result, months, lang, span, config), lang)
    if key == "agencies":
        grouped = models.grouped(facts, period, scope.filters, "unit", rules)
        return s("legend", lang), html.list_html(models.agencies_panel(facts, grouped, lang), lang)
    if key == "ranking":
        by = "township" if scope.township_ids and not scope.unit_ids else "unit"
        highlight = scope.township_ids if by == "township" else scope.unit_ids
        ranks = models.ranking_panel(everyone or facts, period, by, highlight, viewer, names_visible, lang, rules)
        return s("ranking_towns" if by == "township" else "ranking_units", lang), html.rank_html(ranks, lang)
    if key == "townships":
        towns = Filters(unit_ids=scope.unit_ids, township_ids=scope.township_ids)
        grouped = models.grouped(facts, period, towns, "township", rules)
        panel = models.townships_panel(grouped, lang, scope.township_ids,
                                       resolve_config(config, period).rate_min_records)
        return "", html.list_html(panel, lang)
    if key == "overdue":
        return "", html.list_html(models.overdue_panel(facts, scope.filters, lang), lang, "no_overdue")
    if key == "map":
        return _map_panel(facts, period, scope, map_indicator, lang, theme, rules)
    as_of = facts.as_of or dt.date.today()
    if key == "keycases":
        result = compute_indicators(facts, period, scope.filters, config)
        panel = conference_panels.keycases_panel(facts, result, scope.filters, as_of, lang)
        return s("as_of_note", lang, day=as_of.isoformat()), html.list_html(panel, lang, "no_keycases")
    if key == "limits":
        panel = conference_panels.limits_panel(facts, scope.filters, as_of, lang, config)
        return s("as_of_note", lang, day=as_of.isoformat()), html.list_html(panel, lang, "no_limits")
    raise KeyError(key)


def header_markup(facts: Facts, period: Period, scope: Scope, clock: str, lang: Lang, imported: str = "") -> str:
    h = html.Header(region=facts.region_name or "", period=period_label(period, lang),
                    as_of=facts.as_of.isoformat() if facts.as_of else None, clock=clock,
                    is_demo=facts.is_demo, scope=scope.label, imported=imported)
    return html.header_html(h, lang)


def stale_after(rotate: int) -> int:
    """Seconds without a server run after which the screen says its connection is lost (two ticks + 5 s)."""
    return int(2 * refresh_tick(rotate) + 5)


def build_screen(facts: Facts, config: ScreenConfig, key: str, clock: str,
                 notices: tuple[str, ...] = (), rendered: str = "", viewer: ViewerScope = EVERYTHING,
                 names_visible: bool = True, rules: Rules | None = None, imported: str = "") -> str:
    """The complete markup for the panel ``key`` as ``viewer`` may see it: header, panel, playlist footer.

    ``imported`` is the header's latest-import line, read by the caller from the database."""
    lang: Lang = config.lang
    seen = facts_for_viewer(facts, viewer)
    scope = resolve_scope(seen, config, lang)
    period, period_notices = resolve_screen_period(seen, config, lang)
    if scope.blocked:
        subtitle, body = "", html.blocked_html(scope.notices, s("scope_blocked", lang))
        scope_notices: tuple[str, ...] = ()
    else:
        subtitle, body = panel_body(key, seen, period, scope, lang, facts, viewer, names_visible, config.map_indicator,
                                    config.theme, rules)
        scope_notices = scope.notices
    return html.screen_html(header_markup(seen, period, scope, clock, lang, imported), s(f"panel_{key}", lang), subtitle,
                            body, html.footer_html(config.panels, key, lang),
                            key, notices + period_notices + scope_notices, lang, rendered,
                            stale_after(config.rotate))
