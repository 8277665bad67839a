"""Writing the demo into a database: one transaction, one demo import batch, COPY on PostgreSQL.

A database that already holds data is never overwritten silently: ``replace=True`` is the explicit
request to delete it first. Dimensions are written with the ids the generator assigned, into
emptied tables, and PostgreSQL's id sequences are moved past them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from sqlalchemy import Connection, Table, delete, func, select, update

from etl import catalog
from etl.db.bulk import indexes_deferred, insert_frame, reset_sequence, tune_sqlite_for_bulk
from etl.db.engine import make_engine
from etl.db.inserted import inserted_id
from etl.db.meta import IS_DEMO, REGION_NAME, bump_data_version, set_meta
from etl.db.models import AppMeta, Base, ImportBatch, UserAccount
from etl.demo.boundaries import demo_boundaries
from etl.demo.generate import DEFAULT_SEED, FACT_TABLES, DemoData, DemoError, generate_demo

DEMO_FILE_NAME = "示范县演示数据"
WRITE_ROWS = 100_000  # fact rows buffered per table before a write (a province county has ~8,000 lawsuits)
DIMENSION_TABLES = ("region", "region_alias", "subject_area", "subject_area_alias", "unit", "unit_alias", "court")
#: Every fact table of the catalogue, whether or not the demo fills it: a replace must empty them all.
CATALOGUED_FACT_TABLES = tuple(t.table_name for t in catalog.FACT_TABLES)
#: Children before parents, so foreign keys hold at every step of a replace.
DELETE_ORDER = (*CATALOGUED_FACT_TABLES, "boundary", "case_flag", "target", "assessment_scheme", "batch_change",
                "import_batch", "unit_alias", "unit", "subject_area_alias", "subject_area", "region_alias", "region",
                "court")

TABLE_LABELS = {"unit": "单位", "import_batch": "导入批次", "target": "目标", "assessment_scheme": "考核方案",
                "litigation_case": "行政诉讼", "reconsideration_case": "行政复议", "dispute_case": "争议化解",
                "recommendation": "司法/检察建议", "joint_task": "双清单任务", "meeting": "联席会议",
                "key_case": "重点案件", "supervision_case": "行政检察监督案件"}


@dataclass(frozen=True)
class DemoSummary:
    """What a demo load wrote; ``describe`` is the one-paragraph answer of ``liandong demo``."""

    jurisdiction: str
    scale: str
    seed: int
    end: dt.date
    batch_id: int
    counties: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def fact_rows(self) -> int:
        return sum(self.rows.get(t, 0) for t in FACT_TABLES)

    def describe(self) -> str:
        r = self.rows
        return (
            f"已载入演示数据（{self.jurisdiction}，{self.counties} 个县区，2023-01 至 {self.end:%Y-%m}，"
            f"随机种子 {self.seed}）：行政诉讼 {r.get('litigation_case', 0):,} 件、行政复议 "
            f"{r.get('reconsideration_case', 0):,} 件、争议化解 {r.get('dispute_case', 0):,} 件、司法/检察建议 "
            f"{r.get('recommendation', 0):,} 件、双清单任务 {r.get('joint_task', 0):,} 项、联席会议 "
            f"{r.get('meeting', 0):,} 次、重点案件 {r.get('key_case', 0):,} 件、行政检察监督案件 "
            f"{r.get('supervision_case', 0):,} 件、目标 "
            f"{r.get('target', 0):,} 项；单位 {r.get('unit', 0):,} 个、乡镇（街道）"
            f"{self.rows.get('township', 0):,} 个。用时 {self.seconds:.1f} 秒。\n"
            f"Demo data loaded: {self.fact_rows:,} fact rows, scale {self.scale}, batch #{self.batch_id}. "
            "All figures are invented (演示数据，非真实数据)."
        )


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _count(conn: Connection, name: str) -> int:
    return int(conn.execute(select(func.count()).select_from(_table(name))).scalar_one())


def existing_data(conn: Connection) -> dict[str, int]:
    """Rows per table that make a database count as holding data (regions alone do not)."""
    tables = ("unit", "import_batch", "target", "assessment_scheme", *CATALOGUED_FACT_TABLES)
    return {name: n for name in tables if (n := _count(conn, name))}


def _clear(conn: Connection) -> None:
    """Delete all data (not accounts, not the data version, which keeps counting)."""
    accounts = _table(UserAccount.__tablename__)
    bound = conn.execute(select(func.count()).select_from(accounts).where(
        (accounts.c.unit_id.is_not(None)) | (accounts.c.township_id.is_not(None)))).scalar_one()
    if bound:
        raise DemoError(f"有 {bound} 个用户账号绑定了单位或乡镇，替换数据会使其失效；请先解除绑定再载入演示数据。"
                        " (user accounts are bound to units)")
    for name in DELETE_ORDER:
        conn.execute(delete(_table(name)))
    meta = AppMeta.__table__
    conn.execute(delete(meta).where(meta.c.key.in_((REGION_NAME, IS_DEMO))))


def _prepare(conn: Connection, replace: bool) -> None:
    existing = existing_data(conn)
    if existing and not replace:
        listed = "、".join(f"{TABLE_LABELS.get(name, name)} {n} 条" for name, n in existing.items())
        raise DemoError(f"数据库中已有数据（{listed}），未载入演示数据。如确需用演示数据替换全部现有数据，"
                        "请加 --replace。(database is not empty; use --replace)")
    # Regions alone (from ``liandong init --region``) carry no data: the demo's hierarchy replaces them.
    _clear(conn)


def _insert_dimensions(conn: Connection, data: DemoData) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in DIMENSION_TABLES:
        frame = data.geography.frames.get(name, pl.DataFrame())
        counts[name] = insert_frame(conn, _table(name), frame)
        reset_sequence(conn, _table(name))
    counts["township"] = data.geography.frames["region"].filter(pl.col("level") == "township").height
    return counts


def _open_batch(conn: Connection, data: DemoData) -> int:
    fingerprint = f"liandong-demo:{data.seed}:{data.scale.name}:{data.end.isoformat()}"
    result = conn.execute(ImportBatch.__table__.insert().values(
        file_name=DEMO_FILE_NAME, sha256=hashlib.sha256(fingerprint.encode()).hexdigest(), kind="demo",
        rows_read=0, accepted=0, duplicates=0, skipped=0, rejected=0, inserted=0, updated=0, unchanged=0,
        imported_by="liandong demo", status="active", is_demo=True,
        imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),  # UTC, as every stored time: not the server's zone
        report={"seed": data.seed, "scale": data.scale.name, "end": data.end.isoformat()}))
    return inserted_id(result)


def write_demo(conn: Connection, data: DemoData, replace: bool = False,
               progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Write ``data`` through ``conn`` (the caller owns the transaction)."""
    started = time.perf_counter()
    _prepare(conn, replace)
    rows = _insert_dimensions(conn, data)
    batch_id = _open_batch(conn, data)
    rows["target"] = insert_frame(conn, _table("target"), data.targets.with_columns(batch_id=pl.lit(batch_id)))
    total = len(data.geography.counties)
    tune_sqlite_for_bulk(conn)
    pending: dict[str, list[pl.DataFrame]] = {name: [] for name in FACT_TABLES}

    def flush(name: str) -> None:
        if pending[name]:
            frame = pl.concat(pending[name], how="diagonal_relaxed").with_columns(batch_id=pl.lit(batch_id))
            rows[name] = rows.get(name, 0) + insert_frame(conn, _table(name), frame)
            pending[name] = []

    # The fact tables were just emptied: on SQLite their indexes are built once, after the last county.
    with indexes_deferred(conn, FACT_TABLES):
        for done, (_, frames) in enumerate(data.county_facts(), start=1):
            for name in FACT_TABLES:
                if not frames[name].is_empty():
                    pending[name].append(frames[name])
                # Several counties per write: large writes take the bulk path (etl.db.bulk).
                if sum(f.height for f in pending[name]) >= WRITE_ROWS:
                    flush(name)
            if progress:
                progress(done, total)
        for name in FACT_TABLES:
            flush(name)
    rows["case_flag"] = _flag_a_major_loss(conn, data.end.year - 1)
    outlines = demo_boundaries(data.geography, data.seed).with_columns(batch_id=pl.lit(batch_id))
    rows["boundary"] = insert_frame(conn, _table("boundary"), outlines)
    facts = sum(rows.get(t, 0) for t in FACT_TABLES)
    batch = ImportBatch.__table__
    conn.execute(update(batch).where(batch.c.id == batch_id).values(
        rows_read=facts, accepted=facts, inserted=facts))
    set_meta(conn, REGION_NAME, data.geography.jurisdiction)  # like etl.regions.set_jurisdiction, with parents
    set_meta(conn, IS_DEMO, "1")
    bump_data_version(conn)
    return DemoSummary(data.geography.jurisdiction, data.scale.name, data.seed, data.end, batch_id, total, rows,
                       time.perf_counter() - started)


def _flag_a_major_loss(conn: Connection, year: int) -> int:
    """The office's 重大败诉 flag on one township government's lost suit of the last complete year, so the
    demo's assessment shows an event-triggered veto (invented, like every demo figure)."""
    lc, unit, flag = _table("litigation_case"), _table("unit"), _table("case_flag")
    found = conn.execute(
        select(lc.c.court, lc.c.case_number).select_from(lc.join(unit, unit.c.id == lc.c.defendant_unit_id))
        .where(unit.c.unit_type == "township_gov", lc.c.instance == "first",
               lc.c.outcome.in_(["revoked", "confirmed_illegal", "ordered_to_perform"]),
               lc.c.closed_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .order_by(lc.c.closed_on, lc.c.id).limit(1)).first()
    if found is None:
        return 0
    conn.execute(flag.insert().values(court=found.court, case_number=found.case_number, kind="major_loss",
                                      note="演示：强制拆除行为被判决确认违法，引发群体性上访", flagged_by="演示数据",
                                      flagged_at=dt.datetime(year + 1, 1, 10, 9, 0)))
    return 1


def load_demo(db_url: str, seed: int = DEFAULT_SEED, scale: str = "county", replace: bool = False,
              end: dt.date | None = None, progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Fill the (migrated) database at ``db_url`` with the demo, in one transaction."""
    data = generate_demo(seed, scale, end)
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            return write_demo(conn, data, replace, progress)
    finally:
        engine.dispose()

