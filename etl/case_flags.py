"""The office's flags on lawsuits (重大败诉 …): set, clear and list, each change audited.

A flag names the case by court and 案号 (normalised as the importer does), so it survives a rollback
and re-import of the ledger; ``etl.metrics.assessment_events`` turns flags into assessment events.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, delete, select

from etl import audit
from etl.db.meta import bump_data_version
from etl.db.models import CaseFlag, LitigationCase, Unit
from etl.importing.normalise import case_numbers
from etl.metrics.assessment_events import MAJOR_LOSS
from etl.metrics.definitions import DEFAULT_CONFIG

#: Flag kinds the office can set: key → (中文, English).
FLAG_KINDS: dict[str, tuple[str, str]] = {MAJOR_LOSS: ("重大败诉", "major loss")}
FLAG_SCHEMA = {"court": pl.String, "case_number": pl.String, "kind": pl.String, "note": pl.String,
               "flagged_by": pl.String, "flagged_at": pl.Datetime, "defendant": pl.String, "outcome": pl.String,
               "closed_on": pl.Date}


class CaseFlagError(ValueError):
    """The case cannot be flagged as asked; the message says why, in Chinese."""


def normalise_case_number(raw: str) -> str:
    """（2025）豫0928行初15号 whatever brackets, widths or spaces were typed."""
    return str(case_numbers(pl.Series([raw.strip()]))[0] or "")


def spellings_of(raw: str) -> list[str]:
    """The 案号 as typed, normalised (（）) and with half-width brackets, as rows written by other tools
    (the demo generator, older imports) may hold it."""
    number = normalise_case_number(raw)
    return sorted({raw.strip(), number, number.replace("（", "(").replace("）", ")")})


def find_case(conn: Connection, raw: str, court: str | None = None) -> tuple[str, str]:
    """(court, 案号) of the one lawsuit with this 案号 (and court, when given)."""
    number = normalise_case_number(raw)
    query = select(LitigationCase.court, LitigationCase.case_number).where(
        LitigationCase.case_number.in_(spellings_of(raw)))
    if court:
        query = query.where(LitigationCase.court == court.strip())
    found = conn.execute(query).all()
    if not found:
        raise CaseFlagError(f"未找到案号为“{number}”的行政诉讼案件" + (f"（法院：{court}）" if court else ""))
    if len(found) > 1:
        courts = "、".join(sorted({str(r.court) for r in found}))
        raise CaseFlagError(f"案号“{number}”在多个法院都有（{courts}），请用 --court 指明法院")
    return str(found[0].court), str(found[0].case_number)


def _check_kind(kind: str) -> None:
    if kind not in FLAG_KINDS:
        raise CaseFlagError(f"未知标记 {kind!r}（可用：{'、'.join(FLAG_KINDS)}）")


def set_case_flag(conn: Connection, raw: str, kind: str = MAJOR_LOSS, note: str | None = None,
                  court: str | None = None, actor: str | None = None) -> tuple[str, str]:
    """Flag a lawsuit (or update the note of its flag) inside the caller's transaction."""
    _check_kind(kind)
    court_name, number = find_case(conn, raw, court)
    table = CaseFlag.__table__
    where = (table.c.court == court_name) & (table.c.case_number == number) & (table.c.kind == kind)
    note = (note or "").strip()[:500] or None
    if conn.execute(select(table.c.id).where(where)).first() is None:
        conn.execute(table.insert().values(court=court_name, case_number=number, kind=kind, note=note,
                                           flagged_by=actor[:64] if actor else None, flagged_at=audit.utcnow()))
    else:
        conn.execute(table.update().where(where).values(note=note))
    bump_data_version(conn)
    audit.record(conn, audit.CASE_FLAG, actor, op="set", kind=kind, court=court_name, case_number=number, note=note)
    return court_name, number


def clear_case_flag(conn: Connection, raw: str, kind: str = MAJOR_LOSS, court: str | None = None,
                    actor: str | None = None) -> bool:
    """Remove a flag; False (and nothing logged) when the case had none."""
    _check_kind(kind)
    table = CaseFlag.__table__
    try:  # the case's own spelling of its 案号, however it was typed here
        court, number = find_case(conn, raw, court)
        spellings = [number]
    except CaseFlagError:  # the case is gone (rolled back): its flag can still be cleared
        number = normalise_case_number(raw)
        spellings = spellings_of(raw)
    where = table.c.case_number.in_(spellings) & (table.c.kind == kind)
    if court:
        where = where & (table.c.court == court.strip())
    removed = conn.execute(delete(table).where(where)).rowcount
    if removed:
        bump_data_version(conn)
        audit.record(conn, audit.CASE_FLAG, actor, op="clear", kind=kind, court=court, case_number=number)
    return bool(removed)


def list_case_flags(conn: Connection) -> pl.DataFrame:
    """Every flag with the flagged case's defendant, outcome and closing date (null if the case is gone)."""
    f, lc = CaseFlag.__table__, LitigationCase.__table__
    query = (select(f.c.court, f.c.case_number, f.c.kind, f.c.note, f.c.flagged_by, f.c.flagged_at,
                    Unit.name, lc.c.outcome, lc.c.closed_on)
             .select_from(f.outerjoin(lc, (lc.c.court == f.c.court) & (lc.c.case_number == f.c.case_number))
                          .outerjoin(Unit.__table__, Unit.id == lc.c.defendant_unit_id))
             .order_by(f.c.flagged_at.desc(), f.c.id.desc()))
    return pl.DataFrame(conn.execute(query).all(), schema=FLAG_SCHEMA, orient="row")


def lost_cases(conn: Connection, limit: int = 500) -> pl.DataFrame:
    """Lawsuits closed with a loss (the default loss outcomes), newest first: what the administrator picks
    a 重大败诉 from (案号, 法院, 被告, 结案方式, 结案日期)."""
    lc = LitigationCase.__table__
    query = (select(lc.c.case_number, lc.c.court, Unit.name, lc.c.outcome_raw, lc.c.closed_on)
             .select_from(lc.outerjoin(Unit.__table__, Unit.id == lc.c.defendant_unit_id))
             .where(lc.c.closed_on.is_not(None), lc.c.outcome.in_(sorted(DEFAULT_CONFIG.loss_outcomes)))
             .order_by(lc.c.closed_on.desc(), lc.c.id.desc()).limit(limit))
    return pl.DataFrame(conn.execute(query).all(), orient="row", schema={
        "case_number": pl.String, "court": pl.String, "defendant": pl.String, "outcome": pl.String,
        "closed_on": pl.Date})
