"""打印/导出PDF and 导出图片 for every page: one menu in the page header (docs/decisions/0012-page-print-and-pictures.md).

The header starts a capture of the page's run (``dashboard.export.capture``) and offers the files as
deferred downloads: on the click, the captured page is laid out for A4 (``export.print_html``) and
printed by the server's headless browser (``export.browser``), so the result is the same whatever the
viewer's browser, and it holds exactly what the page showed this viewer (their access scope applied).
The same menu exports a wall-screen panel as a picture for slides, for the viewer's scope.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from plotly.offline import get_plotlyjs
from streamlit.delta_generator import DeltaGenerator

from dashboard import auth, data, runtime
from dashboard.downloads import audited
from dashboard.export.browser import MISSING, Picture, find_browser, html_to_pdf, html_to_png
from dashboard.export.capture import PageCapture, start_capture
from dashboard.export.content import page_content
from dashboard.export.print_html import PrintHeader, build_print_html, has_figures, header_lines
from dashboard.export.text import x
from dashboard.i18n import Lang, t
from dashboard.map_text import m
from dashboard.screen.build import build_screen
from dashboard.screen.config import PANEL_KEYS, ScreenConfig
from dashboard.screen.css import screen_css
from dashboard.screen.render import clock_text
from dashboard.screen.text import s
from etl import audit
from etl.access import ViewerScope
from etl.auth.visibility import ranking_names_visible
from etl.metrics import Facts

SCREEN_SIZE = (1920, 1080)
#: Captions that tell a screen reader what to click; paper has nothing to click.
SCREEN_ONLY = ("click_to_filter", "click_for_breakdown")


def screen_only_texts(lang: Lang) -> frozenset[str]:
    return frozenset((*(t(key, lang) for key in SCREEN_ONLY), m("click_hint", lang)))


@dataclass(frozen=True)
class PageFacts:
    """What the print header says about the data and the viewer, read when the menu is drawn."""

    region: str
    as_of: dt.date | None
    is_demo: bool
    scope: str | None  # the unit or township an account is limited to; None: everything
    actor: str | None
    lang: Lang


def scope_label(facts: Facts, scope: ViewerScope) -> str | None:
    """The names a limited account sees (its unit or township), so a print-out cannot pass for the county's."""
    if scope.is_everything:
        return None
    names = [*facts.units.filter(facts.units["id"].is_in(list(scope.unit_ids)))["name"].to_list(),
             *facts.townships.filter(facts.townships["id"].is_in(list(scope.township_ids)))["name"].to_list()]
    return "、".join(names) or "—"


def print_document(capture: PageCapture, page_title: str, about: PageFacts, now: dt.datetime) -> str:
    """The captured page as a print document (pure apart from Plotly's library file)."""
    title, items = page_content(capture.messages, drop=screen_only_texts(about.lang), images=capture.images)
    selection = capture.selection
    filters = ({key: tuple(selection.get(key, ())) for key in ("townships", "units", "areas")}
               if selection else {})
    lines = header_lines(about.lang, period=selection.get("period"), filters=filters, as_of=about.as_of,
                         scope=about.scope, exported=now, actor=about.actor)
    header = PrintHeader(f"{about.region} {title or page_title}".strip(), lines, about.is_demo)
    return build_print_html(header, items, about.lang, get_plotlyjs() if has_figures(items) else "")


def screen_markup(facts: Facts, selection: dict[str, Any], panel: str, theme: str, viewer: ViewerScope,
                  names_visible: bool, lang: Lang) -> str:
    """One wall-screen panel as a standalone page: the screen's own builder and stylesheet, for the
    viewer's scope, with the page's period and township/unit choice."""
    config = ScreenConfig(panels=(panel,), period=selection.get("period_spec"), theme="light" if theme == "light"
                          else "dark", townships=tuple(selection.get("townships", ())),
                          units=tuple(selection.get("units", ())), lang=lang)
    body = build_screen(facts, config, panel, clock_text(), viewer=viewer, names_visible=names_visible,
                        rendered=f"{time.time():.3f}")
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
            f"{screen_css(config.theme)}{body}"
            '<script>document.fonts.ready.then(() => { document.body.dataset.ready = "1"; });</script></body></html>')


def _file_stem(about: PageFacts, page_title: str) -> str:
    return f"{about.region}{page_title}_{dt.date.today().isoformat()}"


def export_menu(place: DeltaGenerator, page_title: str, lang: Lang) -> None:
    """The 导出 menu in the page header; the page run that follows is captured for it."""
    capture = start_capture()
    if capture is None:
        return
    loaded = data.load()
    viewer = auth.viewer_of_session()
    scope = auth.viewer_scope(viewer)
    facts = loaded.facts
    account = viewer.username if viewer is not None and viewer.logged_in_at is not None else None
    about = PageFacts(facts.region_name or "", facts.as_of, facts.is_demo, scope_label(facts, scope), account, lang)
    browser = find_browser(configured=runtime.settings().chromium)
    stem = _file_stem(about, page_title)

    def pdf() -> bytes:
        assert browser is not None
        footer = f"{about.region} {page_title}".strip()
        return html_to_pdf(print_document(capture, page_title, about, dt.datetime.now()), browser, footer)

    def png() -> bytes:
        assert browser is not None
        return html_to_png(print_document(capture, page_title, about, dt.datetime.now()), browser)

    with place.popover(x("menu", lang), icon=":material/print:"):
        st.caption(MISSING if browser is None else x("menu_help", lang))
        _download(x("pdf", lang), audited(pdf, audit.EXPORT, what=page_title, format="pdf"), f"{stem}.pdf",
                  "application/pdf", "ld_export_pdf", browser is None)
        _download(x("png", lang), audited(png, audit.EXPORT, what=page_title, format="png"), f"{stem}.png",
                  "image/png", "ld_export_png", browser is None)
        st.caption(x("screen_heading", lang))
        panel = st.selectbox(x("screen_panel", lang), PANEL_KEYS, key="ld_export_panel",
                             format_func=lambda key: s(f"panel_{key}", lang)) or PANEL_KEYS[0]
        theme = st.segmented_control(x("screen_theme", lang), ("dark", "light"), default="dark", required=True,
                                     key="ld_export_theme", format_func=lambda k: x(f"theme_{k}", lang)) or "dark"

        def panel_png() -> bytes:
            assert browser is not None
            with loaded.engine.connect() as conn:
                names_visible = scope.is_everything or ranking_names_visible(conn)
            markup = screen_markup(facts, capture.selection, panel, theme, scope, names_visible, lang)
            return html_to_png(markup, browser, Picture(*SCREEN_SIZE, full_page=False, scale=1.0))

        _download(x("screen_png", lang), audited(panel_png, audit.EXPORT, what=f"{s('page_title', lang)}:{panel}",
                                                 format="png"),
                  f"{about.region}{s(f'panel_{panel}', lang)}_{dt.date.today().isoformat()}.png", "image/png",
                  "ld_export_panel_png", browser is None)


def _download(label: str, build: Callable[[], bytes], file_name: str, mime: str, key: str, disabled: bool) -> None:
    st.download_button(label, data=build, file_name=file_name, mime=mime, key=key, on_click="ignore",
                       disabled=disabled, icon=":material/download:", width="stretch")
