"""The frame around every page: language switch, login gate, region title and the demo-data label,
plus :func:`page_context`, which each page calls to get its data and filter selection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import auth, data, header_info, runtime
from dashboard.caches import RESULTS
from dashboard.downloads import EXPORT_HEADING, export_heading
from dashboard.export.capture import note_selection
from dashboard.filters import FilterOptions, FilterState, chip_labels, filter_bar, filter_options
from dashboard.i18n import Lang, t
from dashboard.markdown_text import escape_markdown
from dashboard.reporting_view import show_reminder_banner
from etl.access import facts_for_viewer
from etl.db.models import Role
from etl.metrics import Facts, Filters

LANG_KEY = "lang"
LANG_OPTIONS = ("中文", "English")

_PAGE_TABLE = (
    ("overview", "page_overview", ":material/dashboard:"),
    ("litigation", "page_litigation", ":material/gavel:"),
    ("disputes", "page_disputes", ":material/handshake:"),
    ("reconsideration", "page_reconsideration", ":material/fact_check:"),
    ("procuratorate", "page_procuratorate", ":material/account_balance:"),
    ("rankings", "page_rankings", ":material/leaderboard:"),
    ("townships", "page_townships", ":material/holiday_village:"),
    ("tasks", "page_tasks", ":material/assignment_late:"),
    ("reporting", "page_reporting", ":material/edit_note:"),
    ("data_management", "page_data", ":material/database:"),
    ("briefing", "page_briefing", ":material/description:"),
)


def PAGES(lang: Lang) -> list[tuple[str, str, str]]:  # noqa: N802 — reads as the constant it mirrors
    """(file stem, translated title, icon) for the navigation, in menu order."""
    return [(stem, t(key, lang), icon) for stem, key, icon in _PAGE_TABLE]


def current_lang() -> Lang:
    return "en" if st.session_state.get(LANG_KEY) == "English" else "zh"


GLOBAL_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:3.6rem;padding-bottom:2rem;max-width:100%}
[data-testid="stTab"] p{font-size:1.05rem}
h1{padding-top:.2rem!important}
@media print{.st-key-ld_demo_notice{display:none!important}}
</style>"""
DEMO_NOTICE_KEY = "ld_demo_notice"
DEMO_NOTICE_DISMISSED = "ld_demo_notice_dismissed"


def language() -> tuple[Lang, DeltaGenerator]:
    """The 中文/English switch (top right), bound to ``?lang=`` (absent means Chinese, the default).

    Returns the language and the left part of the title row, which :func:`header` fills.
    """
    st.html(GLOBAL_CSS)
    title, switch = st.columns([5, 1], vertical_alignment="center")
    switch.segmented_control("语言 Language", LANG_OPTIONS, default=LANG_OPTIONS[0], key=LANG_KEY,
                             bind="query-params", required=True, label_visibility="collapsed")
    return current_lang(), title


def header(lang: Lang, place: DeltaGenerator) -> DeltaGenerator | None:
    """Bootstrap the database, check who is looking and draw the title row; None means stop.

    Returns a slot in the title row for :func:`data_notes_chip` and the export menu; the chip links to a page and so must wait
    until the navigation is declared."""
    try:
        loaded = data.load()
    except Exception as exc:  # noqa: BLE001 — any driver error becomes one clear sentence
        st.error(f"{t('db_error', lang)}（{type(exc).__name__}）")
        return None
    viewer = auth.current_viewer(loaded.engine, screen_page=False)
    if viewer is None:
        return None
    st.session_state[auth.VIEWER_KEY] = viewer
    facts = loaded.facts
    row = place.container(horizontal=True, vertical_alignment="center")
    region = facts.region_name or ""
    row.markdown(f"#### {escape_markdown(region)} {t('app_title', lang)}")
    if facts.is_demo:
        row.badge(t("demo_label", lang), icon=":material/science:", color="violet")
    url = data.db_url()
    notes = header_info.data_notes(url, data.current_version(url))
    dates = [f"{t('as_of', lang)} {facts.as_of.isoformat()}" if facts.as_of else "",
             header_info.latest_import_text(notes, runtime.settings().timezone, lang) or ""]
    if any(dates):
        row.caption(" · ".join(d for d in dates if d))
    slot = row.container(horizontal=True, vertical_alignment="center", width="content")
    if viewer.logged_in_at is not None and not viewer.display_only:  # an account, not the local demo
        row.button(f"{t('log_out', lang)}（{escape_markdown(viewer.username)}）", key="log_out", on_click=auth.logout,
                   args=(loaded.engine,), icon=":material/logout:", type="tertiary")
    if viewer.role is Role.LIAISON:  # 催报 on every page until they report or dismiss it
        show_reminder_banner(loaded.engine, viewer, lang)
    if loaded.demo_just_loaded and not st.session_state.get(DEMO_NOTICE_DISMISSED):
        _demo_notice(lang)
    return slot


def _demo_notice(lang: Lang) -> None:
    """Told once, to the reader whose visit loaded the demo county, in the page (never over the language
    switch) and never printed; it stays until dismissed."""
    box = st.container(key=DEMO_NOTICE_KEY, horizontal=True, vertical_alignment="center")
    box.info(t("demo_loaded", lang), icon=":material/science:")
    box.button(t("dismiss", lang), key="ld_demo_dismiss", type="tertiary",
               on_click=lambda: st.session_state.update({DEMO_NOTICE_DISMISSED: True}))


def data_notes_chip(slot: DeltaGenerator, lang: Lang) -> None:
    """What waits for review, beside the figures for every reader; for an administrator a link to 数据管理."""
    url = data.db_url()
    text = header_info.quality_text(header_info.data_notes(url, data.current_version(url)), lang)
    if not text:
        return
    viewer = auth.viewer_of_session()
    if viewer is not None and viewer.is_admin and not viewer.display_only:
        slot.page_link("../pages/data_management.py", label=text, icon=":material/rule:")
    else:
        slot.badge(text, icon=":material/rule:", color="orange")


@dataclass(frozen=True)
class PageContext:
    """What a page script works with: language, facts (scoped to the viewer), filter selection."""

    lang: Lang
    facts: Facts
    options: FilterOptions
    state: FilterState
    filters: Filters


def scoped_facts(facts: Facts) -> Facts:
    """The facts this session's viewer may see (``etl.access.facts_for_viewer``), the same object on
    every rerun; the pages, the filter bar and the briefing use it."""
    scope = auth.viewer_scope(auth.viewer_of_session())
    if scope.is_everything:
        return facts
    # Tied to the facts object (an anchor): a reload never meets the scoped facts of the old version, and
    # the same object on every rerun lets the engine reuse its per-period flags for this officer.
    scoped: Facts = RESULTS.get_or_compute(("scoped facts", scope), lambda: facts_for_viewer(facts, scope),
                                           anchor=facts)
    return scoped


def viewer_filter_options(facts: Facts) -> FilterOptions:
    """What the filter bar offers these (possibly scoped) facts, computed once per facts object and day
    (the day only matters for an empty database, whose period ends today)."""
    options: FilterOptions = RESULTS.get_or_compute(("filter options", dt.date.today()),
                                                    lambda: filter_options(facts), anchor=facts)
    return options


def page_context(title_key: str, caption: Callable[[Lang], str] | None = None) -> PageContext:
    """Title, filter bar and data for a page (the same bar on every page)."""
    lang = current_lang()
    facts = scoped_facts(data.load().facts)
    st.title(t(title_key, lang))
    if caption:
        st.caption(caption(lang))
    options = viewer_filter_options(facts)
    state = filter_bar(options, lang, facts.names)
    if state.blocked:
        st.stop()  # a link named nothing that exists: no figures rather than the county's under its name
    note_selection(state, lang)  # the print-out's header names the period and filters
    period = state.period.label_zh if lang == "zh" else state.period.label_en
    EXPORT_HEADING.set(export_heading(f"{facts.region_name or ''} {t(title_key, lang)}".strip(), period,
                                      chip_labels(state, lang), facts.as_of.isoformat() if facts.as_of else None,
                                      lang))
    return PageContext(lang, facts, options, state, state.to_filters(options))
