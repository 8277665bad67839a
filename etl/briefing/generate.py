"""One call from a database to briefing bytes: used by the CLI (cron), the 简报 page and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.chart_process import ChartRenderError
from etl.briefing.docx_writer import write_docx
from etl.briefing.fonts import FontError, FontSet, discover_fonts
from etl.briefing.model import Briefing
from etl.briefing.pdf_writer import write_pdf
from etl.briefing.sanitise import sanitise_briefing
from etl.dimensions import township_resolver, unit_resolver
from etl.metrics import Definitions, Facts, IndicatorConfig, PeriodError, load_facts, parse_period

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
    briefing: Briefing
    fmt: str
    content: bytes

    @property
    def file_name(self) -> str:
        return f"{self.briefing.file_stem}.{self.fmt}"


def render(briefing: Briefing, fmt: str, fonts: FontSet) -> bytes:
    """The document bytes; a writer's failure is a :class:`BriefingError` that says so in Chinese."""
    if fmt not in FORMATS:
        raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    safe = sanitise_briefing(briefing)
    try:
        if fmt == "docx":
            return write_docx(safe, fonts)
        if fmt == "pdf":
            return write_pdf(safe, fonts)
        from etl.briefing.pptx_writer import write_pptx

        return write_pptx(safe, fonts)
    except Exception as exc:  # noqa: BLE001 — any writer error becomes one sentence the user can act on
        raise BriefingError(render_failure(fmt, exc)) from exc


def render_failure(fmt: str, exc: BaseException) -> str:
    """What the CLI and the 简报 page say when a document could not be written."""
    detail = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
    return (f"简报{fmt.upper()}文件生成失败：{detail}。请检查台账中的单位、乡镇名称是否含异常字符或过长，"
            f"或改选其他格式。(the {fmt} file could not be written)")


def resolve_scope(engine: Engine, facts: Facts, township: str | None = None, unit: str | None = None) -> BriefScope:
    """A township or unit name (aliases and county prefixes allowed) to a scope; both at once is an error."""
    if township and unit:
        raise BriefingError("乡镇和单位只能选择其一（--township 或 --unit）。")
    if not township and not unit:
        return BriefScope()
    with engine.connect() as conn:
        resolver = township_resolver(conn) if township else unit_resolver(conn)
    name = township or unit or ""
    found = resolver.resolve(name)
    if found is None:
        raise BriefingError(f"未找到{'乡镇' if township else '单位'}“{name}”（名称不存在或有歧义）。")
    frame = facts.townships if township else facts.units
    canonical = dict(zip(frame["id"].to_list(), frame["name"].to_list(), strict=True)).get(found, name)
    return BriefScope("township" if township else "unit", found, canonical)


def build_file(facts: Facts, period_text: str, scope: BriefScope, fmt: str, *, issue_number: int = 1,
               issued_on: dt.date | None = None, config: IndicatorConfig | Definitions | None = None,
               fonts: FontSet | None = None) -> BriefingFile:
    if fmt not in FORMATS:
        raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    if issue_number < 1:
        raise BriefingError("期数必须是正整数。")
    try:
        period = parse_period(period_text, today=facts.as_of or dt.date.today())
        fonts = fonts or discover_fonts()
    except (PeriodError, FontError) as exc:
        raise BriefingError(str(exc)) from None
    try:
        briefing = assemble_briefing(facts, period, scope, fonts, issue_number=issue_number, issued_on=issued_on,
                                     config=config)
    except ChartRenderError as exc:
        raise BriefingError(str(exc)) from None
    return BriefingFile(briefing, fmt, render(briefing, fmt, fonts))


def generate_from_engine(engine: Engine, period_text: str, fmt: str, *, township: str | None = None,
                         unit: str | None = None, issue_number: int = 1,
                         issued_on: dt.date | None = None) -> BriefingFile:
    facts = load_facts(engine)
    scope = resolve_scope(engine, facts, township, unit)
    return build_file(facts, period_text, scope, fmt, issue_number=issue_number, issued_on=issued_on)
