"""佐证 files: checked, stored in the database under a generated id, read back only within scope.

Only PDF, PNG, JPEG and Word (.docx) files are taken, up to :data:`MAX_BYTES`, and a file's first bytes
must say what its name says (a renamed page or script is refused). The uploader's file name is
cleaned and only shown; the download is named after the generated id, and always saved as an
attachment, so nothing uploaded is ever served as a page.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, select

from etl import audit
from etl.access import ViewerScope, rows_for_viewer
from etl.db.inserted import inserted_id
from etl.db.models import EvidenceFile, LiaisonReport
from etl.reporting.terms import Reporter, ReportRefused
from etl.reporting.writes import owned_row
from etl.text_safety import clean_typed_text

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES_PER_REPORT = 5
#: suffix → (media type, what the file must start with)
ALLOWED: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
}
ALLOWED_TEXT = "PDF、PNG、JPG、Word(.docx)"
_FILES, _REPORTS = EvidenceFile.__table__, LiaisonReport.__table__
EVIDENCE_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(), "subject": pl.String(), "court": pl.String(), "reference": pl.String(),
    "unit_id": pl.Int64(), "township_id": pl.Int64(), "name": pl.String(), "size": pl.Int64(),
    "uploaded_by": pl.String(), "uploaded_at": pl.Datetime()}


@dataclass(frozen=True)
class Download:
    file_name: str  # generated, never the uploader's
    media_type: str
    content: bytes


def checked_type(file_name: str, data: bytes) -> tuple[str, str]:
    """(cleaned display name, media type) of an acceptable file; :class:`ReportRefused` otherwise."""
    name = _display_name(file_name)
    suffix = _suffix(name)
    if suffix not in ALLOWED:
        raise ReportRefused(f"佐证材料只接受 {ALLOWED_TEXT} 文件：{name}")
    if not data:
        raise ReportRefused(f"文件为空：{name}")
    if len(data) > MAX_BYTES:
        raise ReportRefused(f"文件超过 {MAX_BYTES // (1024 * 1024)} MB：{name}")
    media_type, magic = ALLOWED[suffix]
    if not data.startswith(magic) or (suffix == ".docx" and not _is_docx(data)):
        raise ReportRefused(f"文件内容与扩展名不符：{name}")
    return name, media_type


def attach_evidence(conn: Connection, reporter: Reporter, subject: str, reference: str, court: str,
                    file_name: str, data: bytes) -> int:
    """Store one file with the reporter's report on a row (report first, then attach)."""
    row = owned_row(conn, reporter, subject, reference, court)
    report_id = conn.execute(select(_REPORTS.c.id).where(
        _REPORTS.c.subject == subject, _REPORTS.c.court == court, _REPORTS.c.reference == reference)).scalar()
    if report_id is None:
        raise ReportRefused("请先保存填报内容，再上传佐证材料。")
    count = conn.execute(select(_FILES.c.id).where(_FILES.c.report_id == report_id)).all()
    if len(count) >= MAX_FILES_PER_REPORT:
        raise ReportRefused(f"每条填报最多 {MAX_FILES_PER_REPORT} 个佐证材料。")
    name, media_type = checked_type(file_name, data)
    digest = hashlib.sha256(data).hexdigest()
    evidence_id = inserted_id(conn.execute(_FILES.insert().values(
        report_id=report_id, name=name, media_type=media_type, size=len(data), sha256=digest, content=data,
        uploaded_by=reporter.username, uploaded_at=audit.utcnow())))
    audit.record(conn, audit.REPORT, reporter.username, subject=subject, court=court or None, reference=reference,
                 unit_id=row.unit_id, township_id=row.township_id, evidence_id=evidence_id, evidence=name,
                 size=len(data), sha256=digest)
    return evidence_id


def list_evidence(conn: Connection, scope: ViewerScope) -> pl.DataFrame:
    """The files the viewer may see (without their content), with the row they support."""
    query = (select(_FILES.c.id, _REPORTS.c.subject, _REPORTS.c.court, _REPORTS.c.reference, _REPORTS.c.unit_id,
                    _REPORTS.c.township_id, _FILES.c.name, _FILES.c.size, _FILES.c.uploaded_by,
                    _FILES.c.uploaded_at)
             .join(_REPORTS, _REPORTS.c.id == _FILES.c.report_id).order_by(_FILES.c.id))
    frame = pl.DataFrame(conn.execute(query).all(), schema=EVIDENCE_SCHEMA, orient="row")
    return rows_for_viewer(frame, scope)


def read_evidence(conn: Connection, scope: ViewerScope, evidence_id: int) -> Download:
    """One file's content, if the viewer may see the report it belongs to."""
    if list_evidence(conn, scope).filter(pl.col("id") == evidence_id).is_empty():
        raise ReportRefused("没有这个佐证材料，或不属于本单位（乡镇）。")
    row = conn.execute(select(_FILES.c.name, _FILES.c.media_type, _FILES.c.content)
                       .where(_FILES.c.id == evidence_id)).one()
    return Download(f"佐证材料-{evidence_id}{_suffix(row.name)}", row.media_type, bytes(row.content))


def _display_name(file_name: str) -> str:
    """The last path part of the typed-text form (``etl.text_safety``: width-folded, one line, no control
    or direction characters), at most 120 characters counted from the end so the suffix stays."""
    typed = clean_typed_text(file_name, one_line=True) or ""
    base = typed.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    return base[-120:] or "未命名"


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "word/document.xml" in names and not any(n.lower().endswith("vbaproject.bin") for n in names)
