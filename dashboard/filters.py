"""The filter bar, one on every page, with its state in the URL so a shared link opens the same view.

Township, agency and subject area are multiselects bound to query parameters (``bind="query-params"``:
the names themselves travel in the URL). The period is kept as one parameter in the CLI's own syntax
(``?period=2025H1``, as ``liandong metrics --period 2025H1``): its widgets have translated labels, and a
bound widget would write the translated label into the URL, which would break a link shared across
languages. So the period widgets seed themselves from the URL once per session and write it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
import streamlit as st

from dashboard.i18n import Lang, t
from dashboard.markdown_text import escape_markdown
from etl.metrics import Facts, Filters, Period, parse_period
from etl.metrics.periods import PeriodError

KINDS = ("year", "half", "quarter", "month", "ytd", "custom")
PERIOD_PARAM = "period"
TOWN_KEY, UNIT_KEY, AREA_KEY = "town", "unit", "area"
_K = {"kind": "f_kind", "year": "f_year", "half": "f_half", "quarter": "f_quarter", "month": "f_month",
      "from": "f_from", "to": "f_to"}
#: Unit types that can be a defendant/respondent and so belong in the agency filter.
FILTER_UNIT_TYPES = ("agency", "township_gov", "government", "other")


@dataclass(frozen=True)
class FilterOptions:
    """What the filter bar offers, derived once from the cached facts."""

    years: tuple[int, ...]
    townships: dict[str, int]
    units: dict[str, int]
    areas: dict[str, int]
    as_of: dt.date


@dataclass(frozen=True)
class FilterState:
    """The reader's selection: a period and names (names, not ids, are what the URL carries)."""

    period: Period
    period_spec: str
    townships: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()

    def to_filters(self, options: FilterOptions) -> Filters:
        return Filters(
            township_ids=tuple(options.townships[n] for n in self.townships if n in options.townships),
            unit_ids=tuple(options.units[n] for n in self.units if n in options.units),
            area_ids=tuple(options.areas[n] for n in self.areas if n in options.areas),
        )

    @property
    def has_dimension_filters(self) -> bool:
        return bool(self.townships or self.units or self.areas)


def filter_options(facts: Facts, today: dt.date | None = None) -> FilterOptions:
    """Years from the earliest record to the latest; names in the order the registry keeps them.

    Facts scoped to a liaison officer (``Facts.scoped``) offer only names from their own rows: their
    own unit or township, and the units, townships and subject areas those rows mention — never the
    rest of the county's names (issue 5/8).
    """
    as_of = facts.as_of or today or dt.date.today()
    first = _earliest_year(facts) or as_of.year
    units = facts.units.filter(pl.col("unit_type").is_in(list(FILTER_UNIT_TYPES)))
    townships, areas = facts.townships, facts.areas
    if facts.scope_unit_ids or facts.scope_township_ids:
        units = units.filter(pl.col("id").is_in(sorted(facts.ids_in_rows("unit_id") | set(facts.scope_unit_ids))))
        townships = townships.filter(pl.col("id").is_in(
            sorted(facts.ids_in_rows("township_id") | set(facts.scope_township_ids))))
        areas = areas.filter(pl.col("id").is_in(sorted(facts.ids_in_rows("area_id"))))
    return FilterOptions(
        years=tuple(range(as_of.year, min(first, as_of.year) - 1, -1)),
        townships=dict(zip(townships["name"].to_list(), townships["id"].to_list(), strict=True)),
        units=dict(zip(units["name"].to_list(), units["id"].to_list(), strict=True)),
        areas=dict(zip(areas["name"].to_list(), areas["id"].to_list(), strict=True)),
        as_of=as_of,
    )


def _earliest_year(facts: Facts) -> int | None:
    years = [facts.litigation["filed_on"].min(), facts.reconsideration["received_on"].min(),
             facts.disputes["received_on"].min()]
    present = [y.year for y in years if isinstance(y, dt.date)]
    return min(present) if present else None


def default_period_spec(as_of: dt.date) -> str:
    """Year to date of the latest data: what the office asks for most ("so far this year")."""
    return f"{as_of.year}YTD"


def period_spec(kind: str, year: int, *, half: int = 1, quarter: int = 1, month: int = 1,
                start: dt.date | None = None, end: dt.date | None = None) -> str:
    """The CLI period syntax for a widget selection (``2025H1`` …); the inverse of :func:`widget_values`."""
    if kind == "half":
        return f"{year}H{half}"
    if kind == "quarter":
        return f"{year}Q{quarter}"
    if kind == "month":
        return f"{year}-{month:02d}"
    if kind == "ytd":
        return f"{year}YTD"
    if kind == "custom" and start and end:
        return f"{start.isoformat()}..{end.isoformat()}"
    return str(year)


def widget_values(period: Period) -> dict[str, object]:
    """Widget values that reproduce ``period`` (used to seed the widgets from a shared URL)."""
    start = period.start
    return {"kind": str(period.kind), "year": start.year, "half": 1 if start.month <= 6 else 2,
            "quarter": (start.month - 1) // 3 + 1, "month": start.month, "from": period.start, "to": period.end}


def resolve_period(spec: str | None, as_of: dt.date) -> tuple[Period, str, bool]:
    """Parse a URL period, falling back to the default; the flag says whether the URL was invalid."""
    default = default_period_spec(as_of)
    if spec:
        try:
            return parse_period(spec, today=as_of), spec, False
        except PeriodError:
            return parse_period(default, today=as_of), default, True
    return parse_period(default, today=as_of), default, False


def _seed_from_url(options: FilterOptions) -> bool:
    """Once per session (or after the widgets were dropped): period widgets take the URL's value."""
    if _K["kind"] in st.session_state:
        return False
    period, _, invalid = resolve_period(st.query_params.get(PERIOD_PARAM), options.as_of)
    values = widget_values(period)
    if values["year"] not in options.years:
        period, _, _ = resolve_period(None, options.as_of)
        values, invalid = widget_values(period), True
    for name, key in _K.items():
        st.session_state[key] = values[name]
    return invalid


def _clear_dimensions() -> None:
    for key in (TOWN_KEY, UNIT_KEY, AREA_KEY):
        st.session_state[key] = []


def filter_bar(options: FilterOptions, lang: Lang) -> FilterState:
    """Render the bar and return the selection; invalid URL values fall back with a notice."""
    invalid = _seed_from_url(options)
    cols = st.columns([3.2, 1, 1, 2, 2, 2], vertical_alignment="bottom")
    kind = cols[0].segmented_control(
        t("period", lang), KINDS, key=_K["kind"], required=True, persist_state="session",
        format_func=lambda k: t(f"kind_{k}", lang),
    ) or "year"
    year = cols[1].selectbox(t("year", lang), options.years, key=_K["year"], persist_state="session",
                             format_func=lambda y: f"{y}年" if lang == "zh" else str(y))
    part = cols[2]
    spec_args: dict[str, object] = {}
    if kind == "half":
        spec_args["half"] = part.selectbox(t("half", lang), (1, 2), key=_K["half"], persist_state="session",
                                           format_func=lambda h: ("上半年", "下半年")[h - 1] if lang == "zh" else f"H{h}")
    elif kind == "quarter":
        spec_args["quarter"] = part.selectbox(t("quarter", lang), (1, 2, 3, 4), key=_K["quarter"],
                                              persist_state="session", format_func=lambda q: f"Q{q}")
    elif kind == "month":
        spec_args["month"] = part.selectbox(t("month", lang), tuple(range(1, 13)), key=_K["month"],
                                            persist_state="session",
                                            format_func=lambda m: f"{m}月" if lang == "zh" else str(m))
    elif kind == "custom":
        spec_args["start"] = part.date_input(t("date_from", lang), key=_K["from"], persist_state="session")
        spec_args["end"] = cols[1].date_input(t("date_to", lang), key=_K["to"], persist_state="session")
    towns = cols[3].multiselect(t("township", lang), list(options.townships), key=TOWN_KEY, bind="query-params",
                                placeholder=t("all", lang))
    units = cols[4].multiselect(t("agency", lang), list(options.units), key=UNIT_KEY, bind="query-params",
                                placeholder=t("all", lang))
    areas = cols[5].multiselect(t("area", lang), list(options.areas), key=AREA_KEY, bind="query-params",
                                placeholder=t("all", lang))
    spec = period_spec(kind, int(year), **spec_args)  # type: ignore[arg-type]
    period, spec, bad = resolve_period(spec, options.as_of)
    if invalid or bad:
        st.warning(t("bad_dates" if kind == "custom" and bad else "bad_period", lang))
    if spec == default_period_spec(options.as_of):
        st.query_params.pop(PERIOD_PARAM, None)
    else:
        st.query_params[PERIOD_PARAM] = spec
    state = FilterState(period, spec, tuple(towns), tuple(units), tuple(areas))
    _chips(state, lang)
    return state


def chip_labels(state: FilterState, lang: Lang) -> list[str]:
    """One short label per active dimension filter, e.g. ``乡镇（街道）：柳屯镇、城关镇``."""
    sep = "、" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    pairs = (("township", state.townships), ("agency", state.units), ("area", state.areas))
    return [f"{t(key, lang)}{colon}{sep.join(names)}" for key, names in pairs if names]


def _chips(state: FilterState, lang: Lang) -> None:
    labels = chip_labels(state, lang)
    period_label = state.period.label_zh if lang == "zh" else state.period.label_en
    row = st.container(horizontal=True, vertical_alignment="center")
    row.badge(escape_markdown(period_label), icon=":material/calendar_month:", color="blue")
    for label in labels:
        row.badge(escape_markdown(label), icon=":material/filter_alt:", color="orange")
    if labels:
        row.button(t("clear_filters", lang), key="clear_filters", icon=":material/close:",
                   on_click=_clear_dimensions, type="tertiary")


def select_from_chart(chart_key: str, filter_key: str, single: bool = False) -> None:
    """Plotly ``on_select`` callback: a clicked bar's ``customdata`` (a name) becomes the page filter.

    ``single`` stores one name instead of a list (for a selectbox such as the ranking breakdown).
    """
    event = st.session_state.get(chart_key)
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else (
        event.selection.points if event is not None else [])
    names = []
    for point in points:
        value = point.get("customdata")
        if isinstance(value, list):
            value = value[0] if value else None
        value = value if value is not None else point.get("y")
        if isinstance(value, str) and value not in names:
            names.append(value)
    if names:
        st.session_state[filter_key] = names[0] if single else names
