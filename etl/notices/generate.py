"""One call from a database to a notice's bytes, for the CLI and the 行政诉讼 page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from etl.briefing.cases import CaseDetails, lost_cases
from etl.briefing.fonts import FontSet
from etl.briefing.generate import BriefingError, BriefingFile, parse, render
from etl.briefing.model import Document
from etl.metrics import Definitions, Facts, IndicatorConfig, Period, load_facts
from etl.notices.appearance import assemble_appearance_notice
from etl.notices.losses import assemble_losses_notice
from etl.notices.reviews import load_details

NOTICE_FORMATS = ("docx", "pdf")


def _check_format(fmt: str) -> None:
    """Before assembling: a wrong format costs nothing."""
    if fmt not in NOTICE_FORMATS:
        raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(NOTICE_FORMATS)}")


def _file(document: Document, fmt: str, fonts: FontSet | None) -> BriefingFile:
    """A PDF embeds ``fonts`` (found on this machine when not given: ``render`` says what to install)."""
    return BriefingFile(document, fmt, render(document, fmt, fonts, kind="通报"))


def losses_notice_file(facts: Facts, period: Period, fmt: str, *, details: CaseDetails,
                       issued_on: dt.date | None = None, fonts: FontSet | None = None,
                       config: IndicatorConfig | Definitions | None = None) -> BriefingFile:
    """The 败诉案件通报 as a file; ``config``: the definitions in force (``etl.metrics.rules``; None: the
    built-in ones)."""
    _check_format(fmt)
    return _file(assemble_losses_notice(facts, period, config=config, details=details, issued_on=issued_on),
                 fmt, fonts)


def appearance_notice_file(facts: Facts, period: Period, fmt: str, *, issued_on: dt.date | None = None,
                           fonts: FontSet | None = None,
                           config: IndicatorConfig | Definitions | None = None) -> BriefingFile:
    """The 出庭应诉通报 (``etl.notices.appearance``) as DOCX or PDF; ``config`` as for
    :func:`losses_notice_file` (whether a deputy counts as the head, the instances counted)."""
    _check_format(fmt)
    return _file(assemble_appearance_notice(facts, period, config=config, issued_on=issued_on), fmt, fonts)


def appearance_notice_from_engine(engine: Engine, period_text: str, fmt: str, *,
                                  issued_on: dt.date | None = None,
                                  config: IndicatorConfig | Definitions | None = None) -> BriefingFile:
    facts = load_facts(engine)
    return appearance_notice_file(facts, parse(facts, period_text, "docx"), fmt, issued_on=issued_on,
                                  config=config)


def losses_notice_from_engine(engine: Engine, period_text: str, fmt: str, *,
                              issued_on: dt.date | None = None,
                              config: IndicatorConfig | Definitions | None = None) -> BriefingFile:
    facts = load_facts(engine)
    period = parse(facts, period_text, "docx")
    with engine.connect() as conn:
        details = load_details(conn, lost_cases(facts, period, config=config)["id"].to_list())
    return losses_notice_file(facts, period, fmt, details=details, issued_on=issued_on, config=config)
