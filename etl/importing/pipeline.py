"""The import pipeline, top to bottom: read → prepare (header, mapping, normalise, resolve, validate)
→ load in one transaction as one batch. Used by the CLI and the 数据管理 page alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from etl import audit
from etl.catalog import BOUNDARIES
from etl.db.inserted import inserted_id
from etl.db.meta import bump_data_version
from etl.db.models import ImportBatch
from etl.importing.batches import active_batch_for
from etl.importing.boundaries import prepare_boundaries
from etl.importing.context import load_resolvers
from etl.importing.dimensions import load_courts, load_townships, load_units
from etl.importing.load import LoadCounts, upsert
from etl.importing.prepare import Prepared, prepare_sheets
from etl.importing.read import ReadError, read_grids, sha256_of
from etl.importing.spec import FACT_KINDS, IMPORT_KINDS, KIND_LABELS, SPECS
from etl.importing.tables import TABLES
from etl.importing.unmatched import reattribute_unmatched
from etl.importing.vocabulary import effective_mappings
from etl.mappings import Mappings
from etl.reporting.conflicts import conflicts_note

REPORT_ROWS = 1000  # rejected cells kept in import_batch.report for inspection


@dataclass(frozen=True)
class ImportOptions:
    kind: str | None = None
    court: str | None = None  # default court for litigation rows without one
    dry_run: bool = False
    imported_by: str | None = None  # the audit log's actor: a user name, "localhost" or "cli:<os user>"
    name_field: str | None = None  # outlines: the property holding the name or 区划代码 (else found)
    crs: str | None = None  # outlines: the coordinate system, when the file does not say


@dataclass(frozen=True)
class FileResult:
    file_name: str
    sha256: str
    prepared: Prepared
    status: str  # imported | dry_run | already_imported | failed
    message: str
    batch_id: int | None = None
    counts: LoadCounts = field(default_factory=LoadCounts)
    #: liaison reports (填报) the ledger now contradicts: listed on the 填报 page for the office to decide
    conflicts: int = 0

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "dry_run", "already_imported")

    def summary(self) -> dict[str, Any]:
        p = self.prepared
        return {"file": self.file_name, "kind": p.kind, "status": self.status, "rows_read": p.rows_read,
                "accepted": p.accepted, "held": p.held, "duplicates": p.duplicates, "skipped": p.skipped,
                "rejected": p.rejected, "inserted": self.counts.inserted, "updated": self.counts.updated,
                "unchanged": self.counts.unchanged, "batch_id": self.batch_id, "conflicts": self.conflicts,
                "message": self.message,
                "sheets": [{"sheet": s.sheet, "kind": s.kind, "header_row": s.header_row, "rows_read": s.rows_read,
                            "note": s.note} for s in p.sheets]}


def prepare_file(conn: Connection, file_name: str, data: bytes, options: ImportOptions,
                 mappings: Mappings | None = None) -> FileResult:
    """Read and validate one file against the database's dimension and the office's vocabulary;
    nothing is written."""
    digest = sha256_of(data)
    if options.kind is not None and options.kind not in IMPORT_KINDS:
        empty = Prepared(None, [], pl.DataFrame(), error=f"未知的台账类型 {options.kind}")
        return FileResult(file_name, digest, empty, "failed",
                          f"未知的台账类型 {options.kind}，可选：{'、'.join(IMPORT_KINDS)}")
    if options.kind == BOUNDARIES.name or (options.kind is None and is_outline_file(file_name)):
        outlines = prepare_boundaries(conn, file_name, data, options.name_field, options.crs)
        if outlines.error:
            return FileResult(file_name, digest, outlines, "failed", outlines.error)
        return FileResult(file_name, digest, outlines, "dry_run", _describe(outlines))
    try:
        sheets = read_grids(file_name, data)
    except ReadError as exc:
        return FileResult(file_name, digest, Prepared(None, [], pl.DataFrame(), error=str(exc)), "failed", str(exc))
    prepared = prepare_sheets(sheets, mappings or effective_mappings(conn), load_resolvers(conn), options.kind,
                              options.court)
    if prepared.error:
        return FileResult(file_name, digest, prepared, "failed", prepared.error)
    return FileResult(file_name, digest, prepared, "dry_run", _describe(prepared))


def is_outline_file(file_name: str) -> bool:
    """GeoJSON and zipped Shapefiles hold outlines whatever ``--kind`` is left at."""
    return file_name.lower().endswith(BOUNDARIES.suffixes)


def _describe(p: Prepared) -> str:
    corrected = f"，修正 {p.cleaned_cells.height} 处（见修正明细）" if p.cleaned_cells.height else ""
    return (f"{KIND_LABELS.get(p.kind or '', p.kind)}：读取 {p.rows_read} 行，接受 {p.accepted}，取值待确认 {p.held}，"
            f"合并重复 {p.duplicates}，跳过 {p.skipped}，拒绝 {p.rejected}{corrected}" + (f"（{p.note}）" if p.note else ""))


def _report(p: Prepared) -> dict[str, Any]:
    return {"rejected": p.rejected_cells.head(REPORT_ROWS).to_dicts(),
            "held": p.held_cells.head(REPORT_ROWS).to_dicts(),
            "cleaned": p.cleaned_cells.head(REPORT_ROWS).to_dicts(),
            "skipped": p.skipped_rows.group_by("reason").len().sort("reason").to_dicts(),
            "court": p.court, "sheets": [s.sheet for s in p.sheets]}


def load_prepared(conn: Connection, result: FileResult, options: ImportOptions) -> FileResult:
    """Write a prepared file as one batch inside the caller's transaction."""
    p = result.prepared
    previous = active_batch_for(conn, result.sha256)
    if previous is not None:
        return replace(result, status="already_imported", batch_id=previous,
                       message=f"该文件已在批次 {previous} 导入，内容相同，未重复导入")
    if p.stored == 0:
        return replace(result, status="failed", message=_describe(p) + "；没有可导入的行")
    batch_id = inserted_id(conn.execute(ImportBatch.__table__.insert().values(
        file_name=result.file_name[:255], sha256=result.sha256, kind=p.kind, rows_read=p.rows_read,
        accepted=p.accepted, held=p.held, duplicates=p.duplicates, skipped=p.skipped, rejected=p.rejected,
        imported_by=options.imported_by, imported_at=audit.utcnow(), report=_report(p))))
    assert p.kind is not None
    if p.kind in FACT_KINDS or p.kind == "targets":
        key = ["year", "indicator_key", "scope_type", "scope_id"] if p.kind == "targets" else list(SPECS[p.kind].key)
        counts = upsert(conn, TABLES[p.kind], p.rows, key, batch_id, p.columns or None)
    elif p.kind == BOUNDARIES.name:
        counts = upsert(conn, BOUNDARIES.table, p.rows, list(BOUNDARIES.key), batch_id, p.columns)
    else:
        loader = {"units": load_units, "townships": load_townships, "courts": load_courts}[p.kind]
        counts = loader(conn, p.rows, batch_id)
        reattribute_unmatched(conn)
    conn.execute(ImportBatch.__table__.update().where(ImportBatch.id == batch_id).values(
        inserted=counts.inserted, updated=counts.updated, unchanged=counts.unchanged))
    if counts.inserted or counts.updated:
        bump_data_version(conn)
    audit.record(conn, audit.IMPORT, options.imported_by, file_name=result.file_name, kind=p.kind, batch_id=batch_id,
                 rows_read=p.rows_read, accepted=p.accepted, held=p.held, rejected=p.rejected, inserted=counts.inserted,
                 updated=counts.updated, unchanged=counts.unchanged)
    conflicts, note = conflicts_note(conn, p.kind)
    message = (_describe(p) + f"；新增 {counts.inserted}，更新 {counts.updated}，未变 {counts.unchanged}（批次 {batch_id}）"
               + note)
    return replace(result, status="imported", batch_id=batch_id, counts=counts, message=message, conflicts=conflicts)


Progress = Callable[[float, str], None]  # fraction done (0–1), what is happening (Chinese)


def import_file(engine: Engine, file_name: str, data: bytes, options: ImportOptions = ImportOptions(),
                mappings: Mappings | None = None, progress: Progress | None = None) -> FileResult:
    """One file, one transaction, one batch; a database error rolls the whole file back."""
    result: FileResult | None = None
    report = progress or (lambda _fraction, _text: None)
    try:
        with engine.begin() as conn:
            report(0.0, f"正在读取与校验 {file_name}")
            result = prepare_file(conn, file_name, data, options, mappings)
            if result.status == "failed" or options.dry_run:
                return result
            # Validation is about a third of the time of a large import, writing the rest.
            report(0.35, f"正在写入 {file_name}（{result.prepared.stored:,} 行）")
            return load_prepared(conn, result, options)
    except SQLAlchemyError as exc:
        message = f"数据库操作失败，本文件未导入（已整体回滚）：{exc.__class__.__name__}: {str(exc).splitlines()[0]}"
        prepared = result.prepared if result else Prepared(None, [], pl.DataFrame(), error=message)
        return FileResult(file_name, sha256_of(data), prepared, "failed", message)


def import_files(engine: Engine, files: list[tuple[str, bytes]], options: ImportOptions = ImportOptions(),
                 progress: Progress | None = None) -> list[FileResult]:
    """Each file in its own transaction and batch; ``progress`` hears the stage of each file."""
    results = []
    for index, (name, data) in enumerate(files):
        def per_file(fraction: float, text: str, index: int = index) -> None:
            if progress:
                progress((index + fraction) / len(files), f"{text}（第 {index + 1}/{len(files)} 个文件）")

        results.append(import_file(engine, name, data, options, progress=per_file))
    if progress:
        progress(1.0, "完成")
    return results
