"""UI pieces of the 简报 page: scope and period pickers, the preview, download buttons.

The briefing itself is assembled by ``etl.briefing``; here it is only cached, shown and offered for
download. Files are rendered when a download button is clicked, not on every rerun.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import runtime
from dashboard.auth import actor_name, current_viewer, viewer_of_session
from dashboard.briefing_preview import CHART_WIDTH, Preview, build_preview
from dashboard.caches import RESULTS
from dashboard.data import facts_for, get_engine, load, waiting
from dashboard.downloads import audited
from dashboard.layout import scoped_facts
from dashboard.markdown_text import escape_markdown
from dashboard.metrics_cache import current_rules
from etl import audit
from etl.access import EVERYTHING, ViewerScope, facts_for_viewer
from etl.briefing.assemble import PREVIEW_STEM, BriefScope, assemble_briefing, with_issue_number
from etl.briefing.chart_process import ChartRenderError
from etl.briefing.data import ScopeKind
from etl.briefing.fonts import FontError, chart_font
from etl.briefing.generate import FORMATS, MIME_TYPES, BriefingError, case_details, pdf_font_problem, render
from etl.briefing.issues import next_issue_number, take_issue_number
from etl.briefing.model import Briefing
from etl.metrics import Facts, PeriodError, parse_period
from etl.metrics.rules import Rules

SCOPE_KINDS: dict[str, ScopeKind] = {"全县": "region", "乡镇（街道）": "township", "单位": "unit"}
FORMAT_LABELS = {"docx": "下载 Word（DOCX）", "pdf": "下载 PDF", "pptx": "下载 PPT（16:9）"}


def last_full_half_year(as_of: dt.date) -> str:
    """The period a conference usually reviews: the last half-year that has fully ended."""
    return f"{as_of.year}H1" if as_of.month >= 7 else f"{as_of.year - 1}H2"


def scope_options(facts: Facts, kind: str) -> dict[str, int]:
    """Name → id for the township or unit pickers (courts and procuratorates are not addressees)."""
    if kind == "township":
        frame = facts.townships.sort("name")
    elif kind == "unit":
        frame = facts.units.filter(~facts.units["unit_type"].is_in(["court", "procuratorate"])).sort(
            ["sort_order", "name"])
    else:
        return {}
    return dict(zip(frame["name"].to_list(), frame["id"].to_list(), strict=True))


@dataclass(frozen=True)
class BriefRequest:
    period_text: str
    scope: BriefScope
    issued_on: dt.date


def viewer_facts() -> Facts:
    """The facts this viewer may see: a liaison officer's own unit or township only."""
    return scoped_facts(load().facts)


def restricted_scope(facts: Facts) -> BriefScope | None:
    """A liaison officer's briefing is always about their own unit (or township), never the county."""
    kind: ScopeKind
    for kind, ids, frame in (("unit", facts.scope_unit_ids, facts.units),
                             ("township", facts.scope_township_ids, facts.townships)):
        if ids:
            names = dict(zip(frame["id"].to_list(), frame["name"].to_list(), strict=True))
            return BriefScope(kind, ids[0], names.get(ids[0]))
    return None


def request_form(facts: Facts) -> BriefRequest:
    as_of = facts.as_of or dt.date.today()
    forced = restricted_scope(facts)
    left, middle = st.columns([3, 2])
    with left:
        if forced is not None:
            st.info(f"按您的权限，只能生成“{escape_markdown(forced.name)}”的简报。", icon=":material/lock:")
            kind, options, name = forced.kind, {forced.name or "": forced.id or 0}, forced.name
        else:
            kind_label = st.radio("范围", list(SCOPE_KINDS), horizontal=True, key="brief_scope_kind")
            kind = SCOPE_KINDS[kind_label]
            options = scope_options(facts, kind)
            name = st.selectbox("选择" + kind_label, list(options), key=f"brief_scope_{kind}") if options else None
    with middle:
        period_text = st.text_input("期间", value=last_full_half_year(as_of), key="brief_period",
                                    help="例如 2025H1（上半年）、2025、2025Q2、2025-06、2025YTD、2025-01-01..2025-06-30")
        issued_on = st.date_input("印发日期", value=dt.date.today(), key="brief_issued_on")
    scope = BriefScope(kind, options.get(name), name) if name is not None else BriefScope()
    return BriefRequest(period_text.strip(), scope, issued_on)


def _build(url: str, version: int, request: BriefRequest, visible: ViewerScope, rules: Rules) -> Preview:
    facts = facts_for_viewer(facts_for(url, version), visible)
    period = parse_period(request.period_text, today=facts.as_of or dt.date.today())
    with get_engine(url).connect() as conn:
        details = case_details(conn, facts, period, request.scope, rules.definitions)
    return build_preview(assemble_briefing(facts, period, request.scope, chart_font(),
                                           issued_on=request.issued_on, details=details,
                                           config=rules.definitions, default_scheme=rules.default_scheme))


def cached_preview(url: str, version: int, request: BriefRequest, visible: ViewerScope = EVERYTHING) -> Preview:
    """One assembled briefing and its preview per data version, definitions version, request and
    visibility: charts render once, not per rerun (see ``dashboard.briefing_preview``). The preview is
    kept as the object itself: unpickling a province briefing on every rerun cost ~30 ms; a province-wide
    one holds ~10 MB of the results cache."""
    rules = current_rules()
    key = ("briefing preview", url, version, rules.version, request, visible)
    preview: Preview = waiting(RESULTS, key, lambda: _build(url, version, request, visible, rules),
                               "正在生成简报……", runtime.settings().load_wait_seconds)
    return preview


def briefing_or_error(url: str, version: int, request: BriefRequest, facts: Facts) -> Preview | None:
    try:
        return cached_preview(url, version, request, ViewerScope(facts.scope_unit_ids, facts.scope_township_ids))
    except (PeriodError, FontError, BriefingError, ChartRenderError) as exc:
        st.error(escape_markdown(exc), icon=":material/error:")
        return None


def render_preview(preview: Preview) -> None:
    """About five elements per section, whatever the number of units; text escaped."""
    with st.container(border=True):
        st.markdown(preview.header_html, unsafe_allow_html=True)
        for section in preview.sections:
            st.markdown(section.html, unsafe_allow_html=True)
            if section.chart_png is not None:
                st.image(section.chart_png, caption=section.chart_title, width=CHART_WIDTH)
            for table in section.tables:
                st.caption(escape_markdown(table.title))
                st.dataframe(table.frame.to_arrow(), hide_index=True)  # Arrow as is: no pandas round trip
                if table.note:
                    st.caption(escape_markdown(table.note))


#: A failed download's message per browser session, shown on that session's next run: the file is
#: rendered outside any script run (when the browser asks for it), where nothing can be drawn.
_FAILED_DOWNLOADS: dict[str, str] = {}
_FAILED_LOCK = threading.Lock()


def _deferred(briefing: Callable[[], Briefing], fmt: str, title: str, stem: str) -> Callable[[], bytes]:
    """The file is rendered, and its generation written to the audit log, when the button is clicked."""
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else ""

    def build() -> bytes:
        try:
            return render(briefing(), fmt)
        except BriefingError as exc:
            with _FAILED_LOCK:
                if len(_FAILED_DOWNLOADS) > 1000:  # sessions that never came back
                    _FAILED_DOWNLOADS.clear()
                _FAILED_DOWNLOADS[session] = str(exc)
            raise

    return audited(build, audit.BRIEFING, title=title, format=fmt, file=f"{stem}.{fmt}")


def show_failed_download() -> None:
    """The Chinese reason a previous download of this session failed (Streamlit itself only says
    "Failed to generate file for download" beside the button)."""
    ctx = get_script_run_ctx()
    with _FAILED_LOCK:
        message = _FAILED_DOWNLOADS.pop(ctx.session_id, None) if ctx is not None else None
    if message:
        st.error(escape_markdown(message), icon=":material/error:")


def download_buttons(preview: Preview, number: int | None = None) -> None:
    """DOCX/PDF/PPTX of the preview (预览稿), or of the issued briefing when ``number`` is given."""
    show_failed_download()
    stem = preview.file_stem if number is None else preview.file_stem.replace(PREVIEW_STEM, f"第{number}期")

    def briefing() -> Briefing:
        loaded = preview.briefing()
        return loaded if number is None else with_issue_number(loaded, number)

    columns = st.columns(len(FORMATS))
    no_pdf = pdf_font_problem()
    for column, fmt in zip(columns, FORMATS, strict=True):
        with column:
            label = FORMAT_LABELS[fmt] if number is None else FORMAT_LABELS[fmt].replace("下载", f"下载第{number}期")
            st.download_button(label, data=_deferred(briefing, fmt, preview.title, stem), file_name=f"{stem}.{fmt}",
                               mime=MIME_TYPES[fmt], key=f"brief_download_{fmt}{'' if number is None else '_issued'}",
                               on_click="ignore", icon=":material/download:", disabled=fmt == "pdf" and bool(no_pdf))
    if no_pdf:
        st.caption(no_pdf)


ISSUED_KEY = "brief_issued"


def may_issue(engine: Engine) -> bool:
    """Issuing writes the 期号 to the database: the office's administrators only."""
    viewer = viewer_of_session() or current_viewer(engine, screen_page=False)
    return viewer is not None and viewer.is_admin and not viewer.display_only


def issue_panel(preview: Preview, request: BriefRequest, engine: Engine) -> None:
    """正式印发: take the year's next 期号 (or the one entered), then offer the numbered files.

    The preview itself never takes a number; the number is recorded, with the audit entry, only
    when the button is pressed, and the numbered files are the preview's content with its 期号.
    """
    if not may_issue(engine):
        return
    year = request.issued_on.year
    with st.expander("正式印发（编期号）", icon=":material/approval:"):
        with engine.connect() as conn:
            suggested = next_issue_number(conn, year)
        # Keyed by the suggestion, so the field moves on to the next number once one is taken.
        number = int(st.number_input(f"{year}年期号", min_value=1, value=suggested, step=1,
                                     key=f"brief_issue_no_{year}_{suggested}",
                                     help="默认取本年下一期号；补号或重印时可改为原期号"))
        wanted = (preview.title, request.period_text, request.issued_on)
        if st.button(f"印发为{year}年第{number}期", key="brief_issue_button", icon=":material/approval:"):
            with engine.begin() as conn:
                taken = take_issue_number(conn, request.issued_on, preview.title, request.period_text,
                                          actor_name(), number)
            st.session_state[ISSUED_KEY] = (wanted, taken)
        issued = st.session_state.get(ISSUED_KEY)
        if issued and issued[0] == wanted:
            st.success(f"已编号为{year}年第{issued[1]}期，请下载正式文件。", icon=":material/check_circle:")
            download_buttons(preview, issued[1])
