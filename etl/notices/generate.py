"""One call from a database to a notice's bytes, for the CLI and the 行政诉讼 page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from etl.briefing.cases import CaseDetails, lost_cases
from etl.briefing.fonts import FontSet
from etl.briefing.generate import BriefingError, BriefingFile, parse, render
from etl.metrics import Facts, Period, load_facts
from etl.notices.losses import assemble_losses_notice
from etl.notices.reviews import load_details

NOTICE_FORMATS = ("docx", "pdf")


def losses_notice_file(facts: Facts, period: Period, fmt: str, *, details: CaseDetails,
                       issued_on: dt.date | None = None, fonts: FontSet | None = None) -> BriefingFile:
    if fmt not in NOTICE_FORMATS:
        raise BriefingError(f"不支持的格式“{fmt}”，可选：{'、'.join(NOTICE_FORMATS)}")
    document = assemble_losses_notice(facts, period, details=details, issued_on=issued_on)
    return BriefingFile(document, fmt, render(document, fmt, fonts, kind="通报"))


def losses_notice_from_engine(engine: Engine, period_text: str, fmt: str, *,
                              issued_on: dt.date | None = None) -> BriefingFile:
    facts = load_facts(engine)
    period = parse(facts, period_text, "docx")
    with engine.connect() as conn:
        details = load_details(conn, lost_cases(facts, period)["id"].to_list())
    return losses_notice_file(facts, period, fmt, details=details, issued_on=issued_on)
