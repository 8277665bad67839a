"""One call from a database to briefing bytes: used by the CLI (cron), the 简报 page and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.docx_writer import write_docx
from etl.briefing.fonts import FontError, FontSet, discover_fonts
from etl.briefing.model import Briefing
from etl.briefing.pdf_writer import write_pdf
from etl.metrics import Definitions, Facts, IndicatorConfig, PeriodError, load_facts, parse_period
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
    briefing: Briefing
    fmt: str
    content: bytes

    @property
    def file_name(self) -> str:
        return f"{self.briefing.file_stem}.{self.fmt}"


def render(briefing: Briefing, fmt: str, fonts: FontSet) -> bytes:
    if fmt == "docx":
        return write_docx(briefing, fonts)
    if fmt == "pdf":
        return write_pdf(briefing, fonts)
    if fmt == "pptx":
        from etl.briefing.pptx_writer import write_pptx

        return write_pptx(briefing, fonts)
    raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")


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


def build_file(facts: Facts, period_text: str, scope: BriefScope, fmt: str, *, issue_number: int = 1,
               issued_on: dt.date | None = None, config: IndicatorConfig | Definitions | None = None,
               fonts: FontSet | None = None, rules: Rules | None = None) -> BriefingFile:
    """The briefing file; ``rules`` (the definitions in force, ``etl.metrics.rules``) win over ``config``."""
    if fmt not in FORMATS:
        raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    if issue_number < 1:
        raise BriefingError("期数必须是正整数。")
    try:
        period = parse_period(period_text, today=facts.as_of or dt.date.today())
        fonts = fonts or discover_fonts()
    except (PeriodError, FontError) as exc:
        raise BriefingError(str(exc)) from None
    briefing = assemble_briefing(facts, period, scope, fonts, issue_number=issue_number, issued_on=issued_on,
                                 config=rules.definitions if rules else config,
                                 default_scheme=rules.default_scheme if rules else None)
    return BriefingFile(briefing, fmt, render(briefing, fmt, fonts))


def generate_from_engine(engine: Engine, period_text: str, fmt: str, *, township: str | None = None,
                         unit: str | None = None, issue_number: int = 1,
                         issued_on: dt.date | None = None, rules: Rules | None = None) -> BriefingFile:
    facts = load_facts(engine)
    scope = resolve_scope(facts, township, unit)
    return build_file(facts, period_text, scope, fmt, issue_number=issue_number, issued_on=issued_on, rules=rules)
