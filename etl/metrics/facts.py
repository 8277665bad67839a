"""The fact and dimension tables as Polars frames: read once per data version, then shared.

Which fact tables exist, which columns they are read from and under which frame names all come from
the fact-table catalogue (``etl.catalog``): each frame names its responsible unit ``unit_id``
(defendant / respondent / unit / addressee / lead unit) and its subject area ``area_id``, so one
filter and one group-by serve every table. What a viewer may see of them is ``etl.access``'s rule.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Connection, Engine, Select, select

from etl.catalog import FACT_NAMES, FACT_TABLES, fact_table
from etl.db import meta
from etl.db.frames import read_frame
from etl.db.models import AssessmentScheme, CaseFlag, Target
from etl.dimensions import (
    ALIAS_SCHEMA,
    AREA_SCHEMA,
    COUNTY_SCHEMA,
    TOWNSHIP_SCHEMA,
    UNIT_SCHEMA,
    NameResolvers,
    build_resolvers,
    read_aliases,
    read_areas,
    read_counties,
    read_townships,
    read_units,
)
from etl.geo.store import BOUNDARY_SCHEMA, read_boundaries

#: Fact frame schemas, derived from the catalogue (tests and benchmarks build frames with them).
LITIGATION_SCHEMA = fact_table("litigation").schema
RECONSIDERATION_SCHEMA = fact_table("reconsideration").schema
DISPUTE_SCHEMA = fact_table("disputes").schema
RECOMMENDATION_SCHEMA = fact_table("recommendations").schema
TASK_SCHEMA = fact_table("tasks").schema
TARGET_SCHEMA: dict[str, pl.DataType] = {"year": pl.Int64(), "indicator_key": pl.String(), "scope_type": pl.String(),
                                         "scope_id": pl.Int64(), "value": pl.Float64()}
#: Office flags on lawsuits (重大败诉 …), keyed by court and 案号 like the litigation rows they mark.
CASE_FLAG_SCHEMA: dict[str, pl.DataType] = {"court": pl.String(), "case_number": pl.String(), "kind": pl.String(),
                                            "note": pl.String(), "flagged_on": pl.Date()}

_log = logging.getLogger(__name__)

__all__ = ["FACT_NAMES", "Facts", "facts_from_frames", "latest_record_date", "load_facts"]


@dataclass(frozen=True)
class Facts:
    """Everything the indicators read, immutable; cache it by ``data_version`` and share it."""

    #: One frame per fact table of the catalogue, by name (``litigation`` …), in the catalogue's schema.
    ledgers: Mapping[str, pl.DataFrame]
    units: pl.DataFrame
    townships: pl.DataFrame
    areas: pl.DataFrame
    #: Target rows (year, indicator_key, scope_type, scope_id, value); scope_id null = whole region.
    targets: pl.DataFrame = field(default_factory=lambda: empty_frame(TARGET_SCHEMA))
    #: County-level regions (a city or province database holds several), for the region filter.
    counties: pl.DataFrame = field(default_factory=lambda: empty_frame(COUNTY_SCHEMA))
    #: Aliases of units, townships and subject areas (``etl.dimensions.ALIAS_SCHEMA``), for :attr:`names`.
    aliases: pl.DataFrame = field(default_factory=lambda: empty_frame(ALIAS_SCHEMA))
    #: Assessment schemes stored in the database: (year, name, definition) — see assessment.py.
    schemes: tuple[tuple[int, str, dict[str, Any]], ...] = ()
    #: Lawsuits the office flagged (etl.case_flags); assessment events read them.
    case_flags: pl.DataFrame = field(default_factory=lambda: empty_frame(CASE_FLAG_SCHEMA))
    #: Township and county outlines for the maps (``etl.geo.store.BOUNDARY_SCHEMA``), one per region.
    boundaries: pl.DataFrame = field(default_factory=lambda: empty_frame(BOUNDARY_SCHEMA))
    data_version: int = 0
    region_name: str | None = None
    is_demo: bool = False
    as_of: dt.date | None = None
    #: The viewer scope these facts were cut to by ``etl.access.facts_for_viewer`` (empty = everything).
    scope_unit_ids: tuple[int, ...] = ()
    scope_township_ids: tuple[int, ...] = ()

    def frame(self, name: str) -> pl.DataFrame:
        """The frame of a fact table by its catalogue name; ``KeyError`` for anything else."""
        return self.ledgers[name]

    @cached_property
    def names(self) -> NameResolvers:
        """Name → id for the units, townships, areas and counties these facts hold (aliases and the
        region prefix as in a ledger), built once per facts object."""
        return build_resolvers(self.units, self.townships, self.areas, self.counties, self.aliases,
                               self.region_name)

    # Named shortcuts for the ledgers code refers to by name; a new kind is reached through ``frame``.
    @property
    def litigation(self) -> pl.DataFrame:
        return self.ledgers["litigation"]

    @property
    def reconsideration(self) -> pl.DataFrame:
        return self.ledgers["reconsideration"]

    @property
    def disputes(self) -> pl.DataFrame:
        return self.ledgers["disputes"]

    @property
    def recommendations(self) -> pl.DataFrame:
        return self.ledgers["recommendations"]

    @property
    def tasks(self) -> pl.DataFrame:
        return self.ledgers["tasks"]


def empty_frame(schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=dict(schema))


#: The dimension frames ``facts_from_frames`` accepts besides the ledgers, with their schemas.
_DIMENSION_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "units": UNIT_SCHEMA, "townships": TOWNSHIP_SCHEMA, "areas": AREA_SCHEMA, "targets": TARGET_SCHEMA,
    "counties": COUNTY_SCHEMA, "aliases": ALIAS_SCHEMA, "case_flags": CASE_FLAG_SCHEMA,
    "boundaries": BOUNDARY_SCHEMA}


def facts_from_frames(**frames: pl.DataFrame | int | str | bool | dt.date | None) -> Facts:
    """Facts from literal frames (tests, benchmarks), ledgers passed by name (``litigation=…``);
    missing tables are empty, columns are cast to the catalogue's schema."""
    ledgers = {t.name: _conform(_frame_arg(frames.pop(t.name, None)), t.schema) for t in FACT_TABLES}
    dims = {name: _conform(_frame_arg(frames.pop(name, None)), schema) for name, schema in _DIMENSION_SCHEMAS.items()}
    facts = Facts(ledgers, **dims, **frames)  # type: ignore[arg-type]
    if facts.as_of is None:
        facts = replace(facts, as_of=latest_record_date(facts))
    return facts


def _frame_arg(value: object) -> pl.DataFrame | None:
    return value if isinstance(value, pl.DataFrame) else None


def _conform(frame: pl.DataFrame | None, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    if frame is None:
        return empty_frame(schema)
    exprs = [(pl.col(c) if c in frame.columns else pl.lit(None)).cast(t).alias(c) for c, t in schema.items()]
    return frame.select(exprs)


def latest_record_date(facts: Facts) -> dt.date | None:
    """The latest event date recorded in any ledger (deadlines excluded: they lie in the future)."""
    latest: list[dt.date] = []
    for table in FACT_TABLES:
        frame = facts.frame(table.name)
        if frame.is_empty():
            continue
        value = frame.select(pl.max_horizontal([pl.col(c).max() for c in table.event_dates])).item()
        if value is not None:
            latest.append(value)
    return max(latest) if latest else None


#: How ``load_facts`` reads the fact tables: ``auto`` tries the Arrow-native readers (ADBC, then
#: ConnectorX) where they are safe and falls back to SQLAlchemy rows; the others force one path
#: (benchmarks, tests).
READERS = ("auto", "adbc", "connectorx", "sqlalchemy")

#: The Arrow readers ``auto`` may use per backend. Never SQLite: ADBC and ConnectorX each link their own
#: copy of the SQLite library, and a second copy in a process that already holds connections to the same
#: file breaks SQLite's POSIX locks when it closes the file (sqlite.org/howtocorrupt.html §2.2) — a
#: dashboard's pooled connections then read stale pages or fail with "disk I/O error" after an import.
_AUTO_ARROW: dict[str, tuple[str, ...]] = {"postgresql": ("adbc", "connectorx")}


def _fact_queries() -> dict[str, tuple[Select[*tuple[Any, ...]], dict[str, pl.DataType]]]:
    """Each fact table's query and frame schema, from the catalogue: only the columns the indicators,
    drill-through and names need, each labelled with its frame name."""
    return {t.name: (t.select(), t.schema) for t in FACT_TABLES}


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
    """An Arrow result in the frame schema: columns matched by name (the query labels each one with its
    frame name), then each cast to its dtype.

    SQLite hands dates to ADBC as ISO text and booleans as 0/1; strict parsing makes any other
    form an error, so the caller falls back to the row reader rather than guess.
    """
    if list(frame.columns) != list(schema):
        raise ValueError(f"expected columns {list(schema)}, got {frame.columns}")
    if frame.height == 0:
        return empty_frame(schema)
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
    return {name: read_frame(conn, q, schema) for name, (q, schema) in _fact_queries().items()}


def load_facts(engine: Engine, reader: str = "auto") -> Facts:
    """Read every fact and dimension table needed by the indicators.

    The fact tables come through an Arrow-native reader when one is installed (``reader``, see
    :data:`READERS`); dimensions, targets, schemes and metadata, all small, through SQLAlchemy.
    The frames are identical either way (tests/etl/metrics/test_metrics_facts_readers.py).
    """
    with engine.connect() as conn:
        version = meta.data_version(conn)
        fact_frames = _read_facts(engine, conn, reader)
        units, townships, areas = read_units(conn), read_townships(conn), read_areas(conn)
        counties, aliases = read_counties(conn), read_aliases(conn)
        targets = read_frame(conn, select(Target.year, Target.indicator_key, Target.scope_type, Target.scope_id,
                                          Target.value), TARGET_SCHEMA)
        flags = read_frame(conn, select(CaseFlag.court, CaseFlag.case_number, CaseFlag.kind, CaseFlag.note,
                                        CaseFlag.flagged_at.label("flagged_on")),
                           {**CASE_FLAG_SCHEMA, "flagged_on": pl.Datetime()}).with_columns(pl.col("flagged_on").cast(pl.Date))
        schemes = tuple((int(y), str(n), dict(d)) for y, n, d in conn.execute(
            select(AssessmentScheme.year, AssessmentScheme.name, AssessmentScheme.definition)).all())
        region_name = meta.get_meta(conn, meta.REGION_NAME)
        demo = meta.is_demo(conn)
        boundaries = read_boundaries(conn)
    facts = Facts(fact_frames, units=units, townships=townships, areas=areas,
                  targets=targets, counties=counties, aliases=aliases, schemes=schemes, case_flags=flags,
                  boundaries=boundaries, data_version=version, region_name=region_name, is_demo=demo)
    return replace(facts, as_of=latest_record_date(facts))
