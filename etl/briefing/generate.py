"""One call from a database to document bytes: used by the CLI (cron), the 简报 page and tests.

A preview takes no 期号; issuing takes the year's next one (or the one given) in the same
transaction as the rendering, so a failed rendering gives its number back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from etl.briefing.assemble import TITLE_TAIL, BriefScope, assemble_briefing, scope_label
from etl.briefing.cases import NO_DETAILS, CaseDetails, absent_heads, lost_cases
from etl.briefing.chart_process import ChartRenderError
from etl.briefing.docx_writer import write_docx
from etl.briefing.fonts import ChartFont, FontError, FontSet, chart_font, discover_fonts
from etl.briefing.issues import take_issue_number
from etl.briefing.model import Document
from etl.briefing.pdf_writer import write_pdf
from etl.briefing.sanitise import sanitise_document
from etl.metrics import Definitions, Facts, IndicatorConfig, Period, PeriodError, load_facts, parse_period
from etl.metrics.rules import Rules
from etl.names import Dimension, unresolved_message

FORMATS = ("docx", "pdf", "pptx")
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


class BriefingError(ValueError):
    """Bad input for a briefing (period, scope name, format, fonts); the message is Chinese."""


@dataclass(frozen=True)
class BriefingFile:
    briefing: Document
    fmt: str
    content: bytes

    @property
    def file_name(self) -> str:
        return f"{self.briefing.file_stem}.{self.fmt}"


def render(document: Document, fmt: str, fonts: FontSet | None = None, *, kind: str = "简报") -> bytes:
    """``document`` as ``fmt``: DOCX and PPTX name the 公文 faces and need no font file; a PDF embeds
    ``fonts`` (found on this machine when not given). A writer's failure is a :class:`BriefingError`
    that says so in Chinese (``kind`` names the document in that message: 简报, 通报)."""
    if fmt not in FORMATS:
        raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    safe = sanitise_document(document)
    # Missing fonts are their own message (what to install), not a writer failure.
    font_files = (fonts or pdf_fonts()) if fmt == "pdf" else None
    try:
        if fmt == "docx":
            return write_docx(safe)
        if font_files is not None:
            return write_pdf(safe, font_files)
        from etl.briefing.pptx_writer import write_pptx

        return write_pptx(safe)
    except Exception as exc:  # noqa: BLE001 — any writer error becomes one sentence the user can act on
        raise BriefingError(render_failure(fmt, exc, kind)) from exc


def render_failure(fmt: str, exc: BaseException, kind: str = "简报") -> str:
    """What the CLI and the pages say when a document could not be written."""
    detail = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
    return (f"{kind}{fmt.upper()}文件生成失败：{detail}。请检查台账中的单位、乡镇名称是否含异常字符或过长，"
            f"或改选其他格式。(the {fmt} file could not be written)")


def pdf_fonts() -> FontSet:
    """The font files a PDF embeds, or BriefingError saying what to install on this platform."""
    try:
        return discover_fonts()
    except FontError as exc:
        raise BriefingError(str(exc)) from None


def pdf_font_problem() -> str | None:
    """Why no PDF can be made on this machine (what to install), or None: pages disable their PDF
    button with this sentence instead of failing on the click."""
    try:
        discover_fonts()
    except FontError as exc:
        return str(exc)
    return None


def fonts_for(fmt: str) -> FontSet | ChartFont:
    """What rendering ``fmt`` needs: the PDF's font files, or for DOCX/PPTX only a chart font, which
    never fails (the charts fall back to the system's fonts by name)."""
    return pdf_fonts() if fmt == "pdf" else chart_font()


def resolve_scope(facts: Facts, township: str | None = None, unit: str | None = None) -> BriefScope:
    """A township or unit name (aliases and county prefixes allowed) to a scope; both at once is an error,
    and a name that does not resolve is answered with a suggestion."""
    if township and unit:
        raise BriefingError("乡镇和单位只能选择其一（--township 或 --unit）。")
    if not township and not unit:
        return BriefScope()
    dimension: Dimension = "township" if township else "unit"
    name = township or unit or ""
    resolution = facts.names.of(dimension).lookup(name)
    found = resolution.id
    if found is None:
        raise BriefingError(unresolved_message(dimension, resolution))
    frame = facts.townships if township else facts.units
    canonical = dict(zip(frame["id"].to_list(), frame["name"].to_list(), strict=True)).get(found, name)
    return BriefScope("township" if township else "unit", found, canonical)


def parse(facts: Facts, period_text: str, fmt: str) -> Period:
    if fmt not in FORMATS:
        raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    try:
        return parse_period(period_text, today=facts.as_of or dt.date.today())
    except PeriodError as exc:
        raise BriefingError(str(exc)) from None


def case_details(conn: Connection, facts: Facts, period: Period, scope: BriefScope,
                 config: IndicatorConfig | Definitions | None = None) -> CaseDetails:
    """案由 of the cases a briefing names, and the office's reviews of lost cases."""
    from etl.notices.reviews import load_details

    ids = [*lost_cases(facts, period, scope.filters, config)["id"].to_list(),
           *absent_heads(facts, period, scope.filters, config)["id"].to_list()]
    return load_details(conn, ids)


def build_file(facts: Facts, period_text: str, scope: BriefScope, fmt: str, *, issue_number: int | None = None,
               issued_on: dt.date | None = None, config: IndicatorConfig | Definitions | None = None,
               fonts: FontSet | None = None, details: CaseDetails = NO_DETAILS,
               rules: Rules | None = None) -> BriefingFile:
    """The briefing as a file; ``issue_number`` None is a preview (no 期号). ``rules`` (the definitions in
    force, ``etl.metrics.rules``) win over ``config``."""
    if issue_number is not None and issue_number < 1:
        raise BriefingError("期数必须是正整数。")
    period = parse(facts, period_text, fmt)
    found = fonts or fonts_for(fmt)
    try:
        briefing = assemble_briefing(facts, period, scope, found, issue_number=issue_number, issued_on=issued_on,
                                     config=rules.definitions if rules else config, details=details,
                                     default_scheme=rules.default_scheme if rules else None)
    except ChartRenderError as exc:
        raise BriefingError(str(exc)) from None
    return BriefingFile(briefing, fmt, render(briefing, fmt, found if isinstance(found, FontSet) else None))


def generate_from_engine(engine: Engine, period_text: str, fmt: str, *, township: str | None = None,
                         unit: str | None = None, issue: bool = False, issue_number: int | None = None,
                         issued_on: dt.date | None = None, actor: str | None = None,
                         rules: Rules | None = None) -> BriefingFile:
    """A preview (``issue`` False, no number) or an issued briefing: ``issue_number`` or the year's next.
    ``rules``: the definitions in force (``etl.metrics.rules``; None: the built-in ones)."""
    facts = load_facts(engine)
    config = rules.definitions if rules else None
    scope = resolve_scope(facts, township, unit)
    period = parse(facts, period_text, fmt)
    day = issued_on or dt.date.today()
    if not issue:
        with engine.connect() as conn:
            details = case_details(conn, facts, period, scope, config)
        return build_file(facts, period_text, scope, fmt, issued_on=day, details=details, rules=rules)
    if issue_number is not None and issue_number < 1:
        raise BriefingError("期数必须是正整数。")
    with engine.begin() as conn:
        details = case_details(conn, facts, period, scope, config)
        title = f"{scope_label(facts, scope)}{period.label_zh}{TITLE_TAIL}"
        number = take_issue_number(conn, day, title, period_text, actor, issue_number)
        return build_file(facts, period_text, scope, fmt, issue_number=number, issued_on=day, details=details,
                          rules=rules)
