"""UI pieces of the 简报 page: scope and period pickers, the preview, download buttons.

The briefing itself is assembled by ``etl.briefing``; here it is only cached, shown and offered for
download. Files are rendered when a download button is clicked, not on every rerun.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from dashboard import runtime
from dashboard.briefing_preview import CHART_WIDTH, Preview, build_preview
from dashboard.caches import RESULTS
from dashboard.data import facts_for, load, waiting
from dashboard.downloads import audited
from dashboard.layout import scoped_facts
from dashboard.metrics_cache import current_rules
from etl import audit
from etl.access import EVERYTHING, ViewerScope, facts_for_viewer
from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.fonts import FontError, discover_fonts
from etl.briefing.generate import FORMATS, MIME_TYPES, BriefingError, render
from etl.metrics import Facts, PeriodError, parse_period
from etl.metrics.rules import Rules

SCOPE_KINDS = {"全县": "region", "乡镇（街道）": "township", "单位": "unit"}
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
    issue_number: int
    issued_on: dt.date


def viewer_facts() -> Facts:
    """The facts this viewer may see: a liaison officer's own unit or township only."""
    return scoped_facts(load().facts)


def restricted_scope(facts: Facts) -> BriefScope | None:
    """A liaison officer's briefing is always about their own unit (or township), never the county."""
    for kind, ids, frame in (("unit", facts.scope_unit_ids, facts.units),
                             ("township", facts.scope_township_ids, facts.townships)):
        if ids:
            names = dict(zip(frame["id"].to_list(), frame["name"].to_list(), strict=True))
            return BriefScope(kind, ids[0], names.get(ids[0]))  # type: ignore[arg-type]
    return None


def request_form(facts: Facts) -> BriefRequest:
    as_of = facts.as_of or dt.date.today()
    forced = restricted_scope(facts)
    left, middle, right = st.columns([2, 2, 1])
    with left:
        if forced is not None:
            st.info(f"按您的权限，只能生成“{forced.name}”的简报。", icon=":material/lock:")
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
    with right:
        issue_number = int(st.number_input("期数 第N期", min_value=1, value=1, step=1, key="brief_issue_number"))
    scope = BriefScope(kind, options.get(name), name) if name is not None else BriefScope()  # type: ignore[arg-type]
    return BriefRequest(period_text.strip(), scope, issue_number, issued_on)


def _build(url: str, version: int, request: BriefRequest, visible: ViewerScope, rules: Rules) -> Preview:
    facts = facts_for_viewer(facts_for(url, version), visible)
    period = parse_period(request.period_text, today=facts.as_of or dt.date.today())
    return build_preview(assemble_briefing(facts, period, request.scope, discover_fonts(),
                                           issue_number=request.issue_number, issued_on=request.issued_on,
                                           config=rules.definitions, default_scheme=rules.default_scheme))


def cached_preview(url: str, version: int, request: BriefRequest, visible: ViewerScope = EVERYTHING) -> Preview:
    """One assembled briefing and its preview per data version, definitions version, request and
    visibility: charts render once, not per rerun (see ``dashboard.briefing_preview``). The preview is
    kept as the object itself: unpickling a province briefing on every rerun cost ~30 ms; a province-wide
    one holds ~10 MB of the results cache."""
    rules = current_rules()
    key = ("briefing preview", url, version, rules.version, request, visible)
    return waiting(RESULTS, key, lambda: _build(url, version, request, visible, rules), "正在生成简报……",
                   runtime.settings().load_wait_seconds)


def briefing_or_error(url: str, version: int, request: BriefRequest, facts: Facts) -> Preview | None:
    try:
        return cached_preview(url, version, request, ViewerScope(facts.scope_unit_ids, facts.scope_township_ids))
    except (PeriodError, FontError, BriefingError) as exc:
        st.error(str(exc), icon=":material/error:")
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
                st.caption(table.title)
                st.dataframe(table.frame.to_arrow(), hide_index=True)  # Arrow as is: no pandas round trip
                if table.note:
                    st.caption(table.note)


def _deferred(preview: Preview, fmt: str) -> Callable[[], bytes]:
    """The file is rendered, and its generation written to the audit log, when the button is clicked."""
    return audited(lambda: render(preview.briefing(), fmt, discover_fonts()), audit.BRIEFING, title=preview.title,
                   format=fmt, file=f"{preview.file_stem}.{fmt}")


def download_buttons(preview: Preview) -> None:
    columns = st.columns(len(FORMATS))
    for column, fmt in zip(columns, FORMATS, strict=True):
        with column:
            st.download_button(FORMAT_LABELS[fmt], data=_deferred(preview, fmt), file_name=f"{preview.file_stem}.{fmt}",
                               mime=MIME_TYPES[fmt], key=f"brief_download_{fmt}", on_click="ignore",
                               icon=":material/download:")
