"""The filter bar, one on every page, with its state in the URL so a shared link opens the same view.

Township, agency and subject area travel in the URL as names (``?unit=示范县自然资源局``). They are not
bound widgets: Streamlit would drop a name that is not an exact option without a word, so a link with an
alias (``?unit=县自然资源局``) or a typo would open the whole county's figures. Instead each filter
seeds itself once per session from the URL through the name resolver (``dashboard.url_names``) and
writes its canonical names back. The period is kept as one parameter in the CLI's own syntax
(``?period=2025H1``, as ``liandong metrics --period 2025H1``) the same way: its widgets have translated
labels, which must not end up in a link shared across languages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import share_link, url_names
from dashboard.i18n import Lang, t
from dashboard.markdown_text import escape_markdown
from etl.dimensions import NameResolvers
from etl.metrics import Facts, Filters, Period, parse_period
from etl.metrics.periods import PeriodError
from etl.names import Dimension

KINDS = ("year", "half", "quarter", "month", "ytd", "custom")
PERIOD_PARAM = "period"
TOWN_KEY, UNIT_KEY, AREA_KEY = "town", "unit", "area"
#: Filter key (also the URL parameter) → the dimension its names resolve in.
DIMENSION_KEYS: dict[str, Dimension] = {TOWN_KEY: "township", UNIT_KEY: "unit", AREA_KEY: "area"}
_K = {"kind": "f_kind", "year": "f_year", "half": "f_half", "quarter": "f_quarter", "month": "f_month",
      "from": "f_from", "to": "f_to"}
#: Lets the period kinds wrap onto a second line rather than scroll out of sight in a narrow column.
PERIOD_WRAP_CSS = (f'<style>.st-key-{_K["kind"]} [data-testid="stButtonGroup"] div:has(> button)'
                   "{flex-wrap:wrap;row-gap:.25rem}</style>")
#: The last day a link pinned its year to date to (``?period=2026YTD-11-20``); cleared when the reader
#: picks another kind of period or another year, after which 截至本月 follows the data again.
THROUGH_KEY = "f_through"
#: The period of the last run, in the CLI syntax (plain session state, not a widget's), and the page it
#: was on: see :func:`_keep_period_across_pages`.
LAST_SPEC_KEY = "f_last_spec"
LAST_NAMES_KEY = "f_last_names"
LAST_PAGE_KEY = "f_last_page"
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
    #: A shared link named something that resolved to nothing: show no figures until the reader chooses.
    blocked: bool = False

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

    The names are those of ``facts``: for a liaison officer, facts cut by ``etl.access.facts_for_viewer``
    name only their own unit or township and what their rows mention — never the rest of the county.
    """
    as_of = facts.as_of or today or dt.date.today()
    first = _earliest_year(facts) or as_of.year
    units = facts.units.filter(pl.col("unit_type").is_in(list(FILTER_UNIT_TYPES)))
    return FilterOptions(
        years=tuple(range(as_of.year, min(first, as_of.year) - 1, -1)),
        townships=dict(zip(facts.townships["name"].to_list(), facts.townships["id"].to_list(), strict=True)),
        units=dict(zip(units["name"].to_list(), units["id"].to_list(), strict=True)),
        areas=dict(zip(facts.areas["name"].to_list(), facts.areas["id"].to_list(), strict=True)),
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
                start: dt.date | None = None, end: dt.date | None = None, through: dt.date | None = None) -> str:
    """The CLI period syntax for a widget selection (``2025H1`` …); the inverse of :func:`widget_values`.

    ``through`` pins a year to date to a day (a shared link's ``2026YTD-11-20``)."""
    if kind == "ytd" and through is not None and through.year == year:
        return f"{year}YTD-{through.month:02d}-{through.day:02d}"
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
    pinned = period.kind == "ytd" and str(st.query_params.get(PERIOD_PARAM) or "").upper().count("YTD-") == 1
    st.session_state[THROUGH_KEY] = period.end if pinned and not invalid else None
    return invalid


def _keep_filters_across_pages(options: FilterOptions) -> None:
    """On the first run of another page, give the filter bar back the last page's period and names.

    Streamlit (1.67) remounts session-persisted widgets at their defaults on a page switch, so 2025年上半年
    and 自然资源局 chosen on one page silently became 2026年 and the whole county on the next. Only on a
    page switch: on any other run the widgets' own values are the reader's choice.
    """
    ctx = get_script_run_ctx()
    page = ctx.page_script_hash if ctx is not None else ""
    switched = st.session_state.get(LAST_PAGE_KEY) not in (None, page)
    st.session_state[LAST_PAGE_KEY] = page
    if not switched:
        return
    last = st.session_state.get(LAST_SPEC_KEY)
    if last:
        period, _, invalid = resolve_period(last, options.as_of)
        if not invalid:
            values = widget_values(period)
            for name, key in _K.items():
                st.session_state[key] = values[name]
    for key, names in st.session_state.get(LAST_NAMES_KEY, {}).items():
        st.session_state[key] = [n for n in names if n in _offered(options, key)]


def _unpin() -> None:
    """Another kind of period or year was chosen: 截至本月 follows the data date again."""
    st.session_state[THROUGH_KEY] = None


def _clear_dimensions() -> None:
    for key in DIMENSION_KEYS:
        st.session_state[key] = []
        url_names.forget(key)


def _offered(options: FilterOptions, key: str) -> dict[str, int]:
    return {TOWN_KEY: options.townships, UNIT_KEY: options.units, AREA_KEY: options.areas}[key]


def _seed_names_from_url(options: FilterOptions, names: NameResolvers) -> None:
    for key, dimension in DIMENSION_KEYS.items():
        url_names.seed_from_url(key, dimension, names.of(dimension), _offered(options, key))


def _write_names_to_url(state: FilterState) -> None:
    """Canonical names back into the URL, so the address bar is always a link to this view."""
    for key, chosen in ((TOWN_KEY, state.townships), (UNIT_KEY, state.units), (AREA_KEY, state.areas)):
        if chosen:
            st.query_params[key] = list(chosen)
        else:
            st.query_params.pop(key, None)


def filter_bar(options: FilterOptions, lang: Lang, names: NameResolvers) -> FilterState:
    """Render the bar and return the selection; an invalid URL period falls back with a notice, URL
    names that resolve to nothing are reported (``dashboard.url_names``)."""
    invalid = _seed_from_url(options)
    _keep_filters_across_pages(options)
    _seed_names_from_url(options, names)
    # The six period kinds need about 410 px (470 in English); on a 1366–1600 px laptop screen (1920 at
    # 125 % scaling) their column is narrower, and the control would cut 自定义 off behind a scroll bar.
    st.html(PERIOD_WRAP_CSS)
    cols = st.columns([3.2, 1, 1, 2, 2, 2], vertical_alignment="bottom")
    kind = cols[0].segmented_control(
        t("period", lang), KINDS, key=_K["kind"], required=True, persist_state="session",
        format_func=lambda k: t(f"kind_{k}", lang), on_change=_unpin,
    ) or "year"
    year = cols[1].selectbox(t("year", lang), options.years, key=_K["year"], persist_state="session",
                             format_func=lambda y: f"{y}年" if lang == "zh" else str(y), on_change=_unpin)
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
    towns, units, areas = (
        cols[column].multiselect(t(label, lang), list(_offered(options, key)), key=key, persist_state="session",
                                 placeholder=t("all", lang), on_change=url_names.forget, args=(key,))
        for column, label, key in ((3, "township", TOWN_KEY), (4, "agency", UNIT_KEY), (5, "area", AREA_KEY)))
    spec = period_spec(kind, int(year), through=st.session_state.get(THROUGH_KEY), **spec_args)  # type: ignore[arg-type]
    period, spec, bad = resolve_period(spec, options.as_of)
    st.session_state[LAST_SPEC_KEY] = spec
    if invalid or bad:
        st.warning(t("bad_dates" if kind == "custom" and bad else "bad_period", lang))
    if spec == default_period_spec(options.as_of):
        st.query_params.pop(PERIOD_PARAM, None)
    else:
        st.query_params[PERIOD_PARAM] = spec
    blocked = url_names.show_notices({d: names.of(d) for d in DIMENSION_KEYS.values()},
                                     {key: _offered(options, key) for key in DIMENSION_KEYS}, lang)
    state = FilterState(period, spec, tuple(towns), tuple(units), tuple(areas), blocked)
    st.session_state[LAST_NAMES_KEY] = {TOWN_KEY: list(towns), UNIT_KEY: list(units), AREA_KEY: list(areas)}
    _write_names_to_url(state)
    _chips(state, lang, options.as_of)
    return state


def chip_labels(state: FilterState, lang: Lang) -> list[str]:
    """One short label per active dimension filter, e.g. ``乡镇（街道）：柳屯镇、城关镇``."""
    sep = "、" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    pairs = (("township", state.townships), ("agency", state.units), ("area", state.areas))
    return [f"{t(key, lang)}{colon}{sep.join(names)}" for key, names in pairs if names]


def _chips(state: FilterState, lang: Lang, as_of: dt.date) -> None:
    """What the figures below are for: the period (with its dates), the filters, and the link to them."""
    labels = chip_labels(state, lang)
    period_label = state.period.label_zh if lang == "zh" else state.period.label_en
    row = st.container(horizontal=True, vertical_alignment="center")
    row.badge(f"{t('shown_period', lang)}{escape_markdown(period_label)}", icon=":material/calendar_month:",
              color="blue")
    for label in labels:
        row.badge(escape_markdown(label), icon=":material/filter_alt:", color="orange")
    if labels:
        row.button(t("clear_filters", lang), key="clear_filters", icon=":material/close:",
                   on_click=_clear_dimensions, type="tertiary")
    share_link.copy_link_action(row, state.period, lang)
    if state.period.kind == "ytd" and state.period.end < as_of and st.session_state.get(THROUGH_KEY):
        row.caption(t("pinned_period", lang, as_of=as_of.isoformat()))


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
