"""The office's review of each lost case (败诉原因, 整改措施, 责任追究): stored, audited, read back.

Reviews are keyed by court and 案号, like the case, so re-importing or rolling back the ledger that
holds the case keeps them. Every save is written to the audit log in the same transaction, with the
fields that changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from etl import audit
from etl.briefing.cases import CaseDetails, LossReview
from etl.db.models import LitigationCase, LossCaseReview
from etl.text_safety import clean_typed_text

FIELDS = ("cause_analysis", "rectification", "accountability")
FIELD_LABELS = {"cause_analysis": "败诉原因", "rectification": "整改措施", "accountability": "责任追究"}
MAX_LENGTH = 2000


def load_reviews(conn: Connection) -> dict[tuple[str, str], LossReview]:
    rows = conn.execute(select(LossCaseReview.court, LossCaseReview.case_number, LossCaseReview.cause_analysis,
                               LossCaseReview.rectification, LossCaseReview.accountability,
                               LossCaseReview.updated_at, LossCaseReview.updated_by))
    return {(r.court, r.case_number): LossReview(r.cause_analysis or "", r.rectification or "", r.accountability or "",
                                                 r.updated_at, r.updated_by) for r in rows}


def load_causes(conn: Connection, case_ids: Iterable[int]) -> dict[int, str]:
    """案由 of the given litigation cases (not part of the indicator frames)."""
    ids = sorted(set(case_ids))
    if not ids:
        return {}
    rows = conn.execute(select(LitigationCase.id, LitigationCase.cause).where(LitigationCase.id.in_(ids)))
    return {r.id: r.cause for r in rows if r.cause}


def load_details(conn: Connection, case_ids: Iterable[int] = ()) -> CaseDetails:
    return CaseDetails(causes=load_causes(conn, case_ids), reviews=load_reviews(conn))


def save_review(conn: Connection, court: str, case_number: str, actor: str | None, **texts: str) -> LossReview:
    """Create or update the review of one case (inside the caller's transaction) and audit the change.

    ``texts``: any of ``cause_analysis``, ``rectification``, ``accountability``; blank clears a field.
    """
    unknown = set(texts) - set(FIELDS)
    if unknown:
        raise ValueError(f"未知字段 {sorted(unknown)}；可用：{', '.join(FIELDS)}")
    # Typed (or pasted) by the office: no control or direction characters, Chinese punctuation kept.
    cleaned = {k: clean_typed_text(v, MAX_LENGTH, prose=True) or "" for k, v in texts.items()}
    table = LossCaseReview.__table__
    existing = conn.execute(select(LossCaseReview.id, *(getattr(LossCaseReview, f) for f in FIELDS)).where(
        LossCaseReview.court == court, LossCaseReview.case_number == case_number)).first()
    now = audit.utcnow()
    values = {k: v or None for k, v in cleaned.items()}
    if existing is None:
        conn.execute(table.insert().values(court=court, case_number=case_number, updated_at=now, updated_by=actor,
                                           **values))
        changed = [k for k, v in cleaned.items() if v]
    else:
        changed = [k for k, v in cleaned.items() if (getattr(existing, k) or "") != v]
        conn.execute(table.update().where(table.c.id == existing.id).values(updated_at=now, updated_by=actor,
                                                                               **values))
    audit.record(conn, audit.LOSS_REVIEW, actor, court=court, case_number=case_number,
                 changed="、".join(FIELD_LABELS[k] for k in changed) or "无变化")
    return load_reviews(conn)[(court, case_number)]
