"""The fact and dimension tables as Polars frames: read once per data version, then shared.

Only the columns the indicators, drill-through and names need are read. Each fact frame names its
responsible unit ``unit_id`` (defendant / respondent / unit / addressee / lead unit) and its subject
area ``area_id``, so one filter and one group-by serve every table. Access-control scopes (issue 8)
are applied here, with :meth:`Facts.scoped`, so no compute function can see rows outside them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Connection, Engine, Select, select

from etl.db import meta
from etl.db.models import (
    AssessmentScheme,
    CaseFlag,
    DisputeCase,
    JointTask,
    LitigationCase,
    Recommendation,
    ReconsiderationCase,
    Region,
    RegionLevel,
    SubjectArea,
    Target,
    Unit,
)

_ID = pl.Int64
_D = pl.Date
_S = pl.String
_B = pl.Boolean
#: Vocabulary columns are categorical: ``is_in`` on them is ~50x faster than on strings (benchmark).
_C = pl.Categorical

#: Schema of every fact frame; tests and benchmarks build frames with these columns directly.
LITIGATION_SCHEMA: dict[str, pl.DataType] = {
    "id": _ID(), "unit_id": _ID(), "township_id": _ID(), "area_id": _ID(), "region_id": _ID(), "court": _C(),
    "instance": _C(), "case_number": _S(), "plaintiff": _S(), "defendant_raw": _S(), "filed_on": _D(),
    "hearing_on": _D(), "closed_on": _D(), "outcome": _C(), "head_appeared": _B()}
RECONSIDERATION_SCHEMA: dict[str, pl.DataType] = {
    "id": _ID(), "unit_id": _ID(), "township_id": _ID(), "area_id": _ID(), "region_id": _ID(),
    "case_number": _S(), "applicant": _S(), "respondent_raw": _S(), "received_on": _D(), "decided_on": _D(), "decision": _C()}
DISPUTE_SCHEMA: dict[str, pl.DataType] = {
    "id": _ID(), "unit_id": _ID(), "township_id": _ID(), "area_id": _ID(), "region_id": _ID(), "reference": _S(),
    "channel": _C(), "parties": _S(), "unit_raw": _S(), "received_on": _D(), "concluded_on": _D(), "result": _C(),
    "is_major": _B()}
RECOMMENDATION_SCHEMA: dict[str, pl.DataType] = {
    "id": _ID(), "unit_id": _ID(), "township_id": _ID(), "area_id": _ID(), "region_id": _ID(), "reference": _S(),
    "kind": _C(), "issuer": _S(), "addressee_raw": _S(), "content": _S(), "issued_on": _D(), "due_on": _D(),
    "answered_on": _D(), "rectified": _B()}
TASK_SCHEMA: dict[str, pl.DataType] = {
    "id": _ID(), "unit_id": _ID(), "township_id": _ID(), "area_id": _ID(), "region_id": _ID(), "reference": _S(),
    "meeting": _S(), "content": _S(), "lead_unit_raw": _S(), "assigned_on": _D(), "deadline": _D(), "status": _C(),
    "completed_on": _D()}
UNIT_SCHEMA: dict[str, pl.DataType] = {
    "id": _ID(), "name": _S(), "short_name": _S(), "unit_type": _S(), "township_id": _ID(), "active": _B(),
    "sort_order": _ID(), "region_id": _ID()}
TOWNSHIP_SCHEMA: dict[str, pl.DataType] = {"id": _ID(), "name": _S(), "short_name": _S()}
AREA_SCHEMA: dict[str, pl.DataType] = {"id": _ID(), "name": _S(), "sort_order": _ID()}
COUNTY_SCHEMA: dict[str, pl.DataType] = {"id": _ID(), "name": _S(), "parent_id": _ID()}
#: Office flags on lawsuits (重大败诉 …), keyed by court and 案号 like the litigation rows they mark.
CASE_FLAG_SCHEMA: dict[str, pl.DataType] = {"court": _S(), "case_number": _S(), "kind": _S(), "note": _S(),
                                            "flagged_on": _D()}
TARGET_SCHEMA: dict[str, pl.DataType] = {"year": _ID(), "indicator_key": _S(), "scope_type": _S(),
                                         "scope_id": _ID(), "value": pl.Float64()}

_log = logging.getLogger(__name__)

#: Fact-table names as used by Indicator.table and drill_records.
FACT_NAMES = ("litigation", "reconsideration", "disputes", "recommendations", "tasks")


@dataclass(frozen=True)
class Facts:
    """Everything the indicators read, immutable; cache it by ``data_version`` and share it."""

    litigation: pl.DataFrame
    reconsideration: pl.DataFrame
    disputes: pl.DataFrame
    recommendations: pl.DataFrame
    tasks: pl.DataFrame
    units: pl.DataFrame
    townships: pl.DataFrame
    areas: pl.DataFrame
    #: Target rows (year, indicator_key, scope_type, scope_id, value); scope_id null = whole region.
    targets: pl.DataFrame = field(default_factory=lambda: empty_frame(TARGET_SCHEMA))
    #: County-level regions (a city or province database holds several), for the region filter.
    counties: pl.DataFrame = field(default_factory=lambda: empty_frame(COUNTY_SCHEMA))
    #: Assessment schemes stored in the database: (year, name, definition) — see assessment.py.
    schemes: tuple[tuple[int, str, dict[str, Any]], ...] = ()
    #: Lawsuits the office flagged (etl.metrics.case_flags); assessment events read them.
    case_flags: pl.DataFrame = field(default_factory=lambda: empty_frame(CASE_FLAG_SCHEMA))
    data_version: int = 0
    region_name: str | None = None
    is_demo: bool = False
    as_of: dt.date | None = None
    #: The access scope applied with :meth:`scoped` (empty = everything).
    scope_unit_ids: tuple[int, ...] = ()
    scope_township_ids: tuple[int, ...] = ()

    def frame(self, name: str) -> pl.DataFrame:
        if name not in FACT_NAMES:
            raise KeyError(name)
        frame: pl.DataFrame = getattr(self, name)
        return frame

    def ids_in_rows(self, column: str) -> set[int]:
        """Every id of ``column`` (``unit_id``, ``township_id``, ``area_id``) that some fact row names:
        the names a liaison officer's scoped facts may show besides their own."""
        ids: set[int] = set()
        for name in FACT_NAMES:
            ids.update(self.frame(name)[column].drop_nulls().unique().to_list())
        return ids

    def scoped(self, unit_ids: tuple[int, ...] = (), township_ids: tuple[int, ...] = ()) -> Facts:
        """Keep only rows of these units and/or townships: the data a liaison officer may see.

        A row is visible when its unit is in ``unit_ids`` or its township in ``township_ids``.
        """
        if not unit_ids and not township_ids:
            return self
        mask = pl.col("unit_id").is_in(list(unit_ids)).fill_null(False)
        mask = mask | pl.col("township_id").is_in(list(township_ids)).fill_null(False)
        changes = {name: self.frame(name).filter(mask) for name in FACT_NAMES}
        return replace(self, **changes, scope_unit_ids=tuple(unit_ids), scope_township_ids=tuple(township_ids))


def empty_frame(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def facts_from_frames(**frames: pl.DataFrame | int | str | bool | dt.date | None) -> Facts:
    """Facts from literal frames (tests, benchmarks); missing tables are empty, columns are cast."""
    schemas = {"litigation": LITIGATION_SCHEMA, "reconsideration": RECONSIDERATION_SCHEMA,
               "disputes": DISPUTE_SCHEMA, "recommendations": RECOMMENDATION_SCHEMA, "tasks": TASK_SCHEMA,
               "units": UNIT_SCHEMA, "townships": TOWNSHIP_SCHEMA, "areas": AREA_SCHEMA,
               "targets": TARGET_SCHEMA, "counties": COUNTY_SCHEMA, "case_flags": CASE_FLAG_SCHEMA}
    built: dict[str, object] = {}
    for name, schema in schemas.items():
        given = frames.pop(name, None)
        built[name] = _conform(given if isinstance(given, pl.DataFrame) else None, schema)
    facts = Facts(**built, **frames)  # type: ignore[arg-type]
    if facts.as_of is None:
        facts = replace(facts, as_of=latest_record_date(facts))
    return facts


def _conform(frame: pl.DataFrame | None, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    if frame is None:
        return empty_frame(schema)
    exprs = [(pl.col(c) if c in frame.columns else pl.lit(None)).cast(t).alias(c) for c, t in schema.items()]
    return frame.select(exprs)


_DATE_COLUMNS = {"litigation": ("filed_on", "hearing_on", "closed_on"),
                 "reconsideration": ("received_on", "decided_on"),
                 "disputes": ("received_on", "concluded_on"),
                 "recommendations": ("issued_on", "answered_on"),
                 "tasks": ("assigned_on", "completed_on")}


def latest_record_date(facts: Facts) -> dt.date | None:
    """The latest event date recorded in any ledger (deadlines excluded: they lie in the future)."""
    latest: list[dt.date] = []
    for name, columns in _DATE_COLUMNS.items():
        frame = facts.frame(name)
        if frame.is_empty():
            continue
        value = frame.select(pl.max_horizontal([pl.col(c).max() for c in columns])).item()
        if value is not None:
            latest.append(value)
    return max(latest) if latest else None


def _read(conn: Connection, query: Select, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    rows = conn.execute(query).all()
    # Row tuples straight into Polars: no pandas, and SQLite's ISO date strings become dates via
    # SQLAlchemy's Date type processing, so both engines yield identical frames.
    return pl.DataFrame(rows, schema=schema, orient="row")


#: How ``load_facts`` reads the fact tables: ``auto`` tries the Arrow-native readers (ADBC, then
#: ConnectorX) where they are safe and falls back to SQLAlchemy rows; the others force one path
#: (benchmarks, tests).
READERS = ("auto", "adbc", "connectorx", "sqlalchemy")

#: The Arrow readers ``auto`` may use per backend. Never SQLite: ADBC and ConnectorX each link their own
#: copy of the SQLite library, and a second copy in a process that already holds connections to the same
#: file breaks SQLite's POSIX locks when it closes the file (sqlite.org/howtocorrupt.html §2.2) — a
#: dashboard's pooled connections then read stale pages or fail with "disk I/O error" after an import.
_AUTO_ARROW: dict[str, tuple[str, ...]] = {"postgresql": ("adbc", "connectorx")}


def _fact_queries() -> dict[str, tuple[Select, dict[str, pl.DataType]]]:
    """Each fact table's query: only the columns of its schema (the indicators, drill-through, names)."""
    lc, rc, dc, rec, jt = LitigationCase, ReconsiderationCase, DisputeCase, Recommendation, JointTask
    return {
        "litigation": (select(
            lc.id, lc.defendant_unit_id, lc.township_id, lc.subject_area_id, lc.region_id, lc.court, lc.instance,
            lc.case_number, lc.plaintiff, lc.defendant_raw, lc.filed_on, lc.hearing_on, lc.closed_on,
            lc.outcome, lc.head_appeared), LITIGATION_SCHEMA),
        "reconsideration": (select(
            rc.id, rc.respondent_unit_id, rc.township_id, rc.subject_area_id, rc.region_id, rc.case_number,
            rc.applicant, rc.respondent_raw, rc.received_on, rc.decided_on, rc.decision), RECONSIDERATION_SCHEMA),
        "disputes": (select(
            dc.id, dc.unit_id, dc.township_id, dc.subject_area_id, dc.region_id, dc.reference, dc.channel, dc.parties,
            dc.unit_raw, dc.received_on, dc.concluded_on, dc.result, dc.is_major), DISPUTE_SCHEMA),
        "recommendations": (select(
            rec.id, rec.addressee_unit_id, rec.township_id, rec.subject_area_id, rec.region_id, rec.reference,
            rec.kind, rec.issuer, rec.addressee_raw, rec.content, rec.issued_on, rec.due_on, rec.answered_on,
            rec.rectified), RECOMMENDATION_SCHEMA),
        "tasks": (select(
            jt.id, jt.lead_unit_id, jt.township_id, jt.subject_area_id, jt.region_id, jt.reference, jt.meeting,
            jt.content, jt.lead_unit_raw, jt.assigned_on, jt.deadline, jt.status, jt.completed_on), TASK_SCHEMA),
    }


def _arrow_uri(engine: Engine) -> str | None:
    """The database URI for an Arrow-native reader, or None when another connection would not see
    the same data (an in-memory SQLite database) or the backend has no such reader."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or database.startswith("file:") or url.query.get("mode") == "memory":
            return None
        return f"sqlite:///{Path(database).resolve()}"
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql").render_as_string(hide_password=False)
    return None


def _conform_arrow(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An Arrow result in the frame schema: positional names, then each column cast to its dtype.

    SQLite hands dates to ADBC as ISO text and booleans as 0/1; strict parsing makes any other
    form an error, so the caller falls back to the row reader rather than guess.
    """
    if frame.width != len(schema):
        raise ValueError(f"expected {len(schema)} columns, got {frame.width}")
    if frame.height == 0:
        return empty_frame(schema)
    frame = frame.rename(dict(zip(frame.columns, schema, strict=True)))
    exprs = []
    for name, dtype in schema.items():
        column = pl.col(name)
        if dtype == pl.Date() and frame.schema[name] == pl.String():
            column = column.str.to_date("%Y-%m-%d", strict=True)
        exprs.append(column.cast(dtype, strict=True))
    return frame.select(exprs)


def _read_arrow(engine: Engine, reader: str) -> dict[str, pl.DataFrame]:
    """The fact tables through ADBC (one connection) or ConnectorX; raises when unavailable."""
    uri = _arrow_uri(engine)
    if uri is None:
        raise LookupError(f"no Arrow-native reader for {engine.url.get_backend_name()}")
    queries = {name: (str(q.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})), schema)
               for name, (q, schema) in _fact_queries().items()}
    frames: dict[str, pl.DataFrame] = {}
    if reader == "connectorx":
        for name, (sql, schema) in queries.items():
            frames[name] = _conform_arrow(pl.read_database_uri(sql, uri, engine="connectorx"), schema)
        return frames
    module = importlib.import_module(f"adbc_driver_{engine.url.get_backend_name()}.dbapi")
    target = uri.removeprefix("sqlite:///") if uri.startswith("sqlite:") else uri
    with module.connect(target) as conn:
        for name, (sql, schema) in queries.items():
            with conn.cursor() as cursor:
                cursor.execute(sql)
                frames[name] = _conform_arrow(pl.DataFrame(cursor.fetch_arrow()), schema)
    return frames


def _read_facts(engine: Engine, conn: Connection, reader: str) -> dict[str, pl.DataFrame]:
    if reader not in READERS:
        raise ValueError(f"无效的读取方式 {reader!r}，可用：{', '.join(READERS)}")
    tried = {"auto": _AUTO_ARROW.get(engine.url.get_backend_name(), ()), "adbc": ("adbc",),
             "connectorx": ("connectorx",)}.get(reader, ())
    for arrow in tried:
        try:
            return _read_arrow(engine, arrow)
        except Exception as exc:  # noqa: BLE001 - any failure of an optional fast path means: use rows
            if reader != "auto":
                raise
            _log.debug("Arrow reader %s unavailable (%s); trying the next", arrow, exc)
    return {name: _read(conn, q, schema) for name, (q, schema) in _fact_queries().items()}


def load_facts(engine: Engine, reader: str = "auto") -> Facts:
    """Read every fact and dimension table needed by the indicators.

    The fact tables come through an Arrow-native reader when one is installed (``reader``, see
    :data:`READERS`); dimensions, targets, schemes and metadata, all small, through SQLAlchemy.
    The frames are identical either way (tests/test_metrics_facts_readers.py).
    """
    with engine.connect() as conn:
        version = meta.data_version(conn)
        fact_frames = _read_facts(engine, conn, reader)
        units = _read(conn, select(Unit.id, Unit.name, Unit.short_name, Unit.unit_type, Unit.township_id,
                                   Unit.active, Unit.sort_order, Unit.region_id).order_by(Unit.sort_order, Unit.id),
                      UNIT_SCHEMA)
        townships = _read(conn, select(Region.id, Region.name, Region.short_name)
                          .where(Region.level == RegionLevel.TOWNSHIP).order_by(Region.id), TOWNSHIP_SCHEMA)
        areas = _read(conn, select(SubjectArea.id, SubjectArea.name, SubjectArea.sort_order)
                      .order_by(SubjectArea.sort_order, SubjectArea.id), AREA_SCHEMA)
        counties = _read(conn, select(Region.id, Region.name, Region.parent_id)
                         .where(Region.level == RegionLevel.COUNTY).order_by(Region.id), COUNTY_SCHEMA)
        targets = _read(conn, select(Target.year, Target.indicator_key, Target.scope_type, Target.scope_id,
                                     Target.value), TARGET_SCHEMA)
        flags = _read(conn, select(CaseFlag.court, CaseFlag.case_number, CaseFlag.kind, CaseFlag.note,
                                   CaseFlag.flagged_at), {**CASE_FLAG_SCHEMA, "flagged_on": pl.Datetime()}
                      ).with_columns(pl.col("flagged_on").cast(pl.Date))
        schemes = tuple((int(y), str(n), dict(d)) for y, n, d in conn.execute(
            select(AssessmentScheme.year, AssessmentScheme.name, AssessmentScheme.definition)).all())
        region_name = meta.get_meta(conn, meta.REGION_NAME)
        demo = meta.is_demo(conn)
    facts = Facts(**fact_frames, units=units, townships=townships, areas=areas,  # type: ignore[arg-type]
                  targets=targets, counties=counties, schemes=schemes, case_flags=flags,
                  data_version=version, region_name=region_name, is_demo=demo)
    return replace(facts, as_of=latest_record_date(facts))
