"""The review queue: raw names that resolved to nothing and held values, and how staff resolve names.

Mapping a raw name to a unit stores a ``UnitAlias`` and re-attributes every row with that name
(compared after normalisation); creating the unit does the same through its own name. Held values
(a wording no vocabulary knows, ``etl.importing.held``) are mapped by ``etl.importing.vocabulary``.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, Table, func, select

from etl import audit
from etl.catalog import NAME_LINKED
from etl.db.inserted import inserted_id
from etl.db.meta import bump_data_version
from etl.db.models import Base, Region, RegionAlias, RegionLevel, Unit, UnitAlias, UnitType
from etl.importing.context import load_resolvers
from etl.importing.held import held_values
from etl.names import NameResolver, normalise_text, unresolved_message
from etl.regions import jurisdiction

# (table, raw column, id column, what the name is, which resolver, import field): every name link of every
# fact table and of the outlines, the responsible units first, then townships, then subject areas.
NAME_FIELDS = tuple((table, link.raw_column, link.id_column, link.label, link.target, link.field)
                    for kind in ("unit", "township", "subject") for table, links in NAME_LINKED
                    for link in links if link.target == kind)
#: One entry per spelling: ``target`` is unit | township | subject for a name, ``value`` for a held
#: value; ``column`` is the column key (``defendant``, ``outcome`` …), ``field`` its label (被告, 结案方式).
QUEUE_SCHEMA = pl.Schema({"name": pl.String, "field": pl.String, "target": pl.String, "column": pl.String,
                          "rows": pl.Int64})
VALUE_TARGET = "value"


class MappingError(ValueError):
    """A mapping request that cannot be honoured; the message is for the user, in Chinese."""


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def unmatched_names(conn: Connection) -> pl.DataFrame:
    """The review queue: names (what they should resolve to: unit/township/subject) and held values
    (target ``value``), each with its column and the rows it concerns; most rows first."""
    rows: list[tuple[str, str, str, str, int]] = []
    for table_name, raw, id_col, label, target, field in NAME_FIELDS:
        table = _table(table_name)
        query = (select(table.c[raw], func.count()).where(table.c[raw].is_not(None), table.c[id_col].is_(None))
                 .group_by(table.c[raw]))
        rows += [(name, label, target, field, int(count)) for name, count in conn.execute(query)]
    names = pl.DataFrame(rows, schema=QUEUE_SCHEMA, orient="row")
    names = names.group_by("name", "field", "target").agg(pl.col("column").first(), pl.col("rows").sum())
    values = held_values(conn).select("name", "field", pl.lit(VALUE_TARGET).alias("target"), "column", "rows")
    return pl.concat([names.select(list(QUEUE_SCHEMA)), values.cast(QUEUE_SCHEMA)]).sort(
        ["rows", "name"], descending=[True, False])


def _reattribute(conn: Connection, resolvers: dict[str, NameResolver]) -> int:
    changed = 0
    for table_name, raw, id_col, _label, target, _field in NAME_FIELDS:
        table = _table(table_name)
        names = conn.execute(select(table.c[raw]).where(table.c[raw].is_not(None), table.c[id_col].is_(None))
                             .distinct()).scalars().all()
        for name in names:
            found = resolvers[target].resolve(name)
            if found is not None:
                changed += conn.execute(table.update().where(table.c[raw] == name, table.c[id_col].is_(None))
                                        .values({id_col: found})).rowcount
    return changed


def reattribute_unmatched(conn: Connection) -> int:
    """Resolve every unmatched raw name again against the current dimension; returns rows changed."""
    r = load_resolvers(conn)
    changed = _reattribute(conn, {"unit": r.units, "township": r.townships, "subject": r.subjects})
    if changed:
        bump_data_version(conn)
    return changed


def _unit_by_name(conn: Connection, unit_name: str) -> int:
    found = load_resolvers(conn).units.lookup(unit_name)
    if found.id is None:  # the resolver's own wording, with its did-you-mean
        raise MappingError(unresolved_message("unit", found) + "请填写单位名录中的名称，或先新建该单位。")
    return found.id


def map_name_to_unit(conn: Connection, raw_name: str, unit_name: str, actor: str | None = None) -> int:
    """Store ``raw_name`` as an alias of the unit and re-attribute rows; returns rows re-attributed."""
    alias = normalise_text(raw_name)
    if alias is None:
        raise MappingError("名称不能为空")
    unit_id = _unit_by_name(conn, unit_name)
    exists = conn.execute(select(UnitAlias.id).where(UnitAlias.unit_id == unit_id, UnitAlias.alias == alias)).first()
    if exists is None:
        conn.execute(UnitAlias.__table__.insert().values(unit_id=unit_id, alias=alias))
    changed = reattribute_unmatched(conn)
    bump_data_version(conn)
    audit.record(conn, audit.NAME_MAPPING, actor, op="unit_alias", name=raw_name, unit=unit_name, unit_id=unit_id,
                 rows=changed)
    return changed


def map_name_to_township(conn: Connection, raw_name: str, township_name: str, actor: str | None = None) -> int:
    """Store ``raw_name`` as an alias of the township (a former or informal name) and re-attribute rows."""
    alias = normalise_text(raw_name)
    if alias is None:
        raise MappingError("名称不能为空")
    town = load_resolvers(conn).townships.lookup(township_name)
    if town.id is None:
        raise MappingError(unresolved_message("township", town) + "请填写乡镇名录中的名称。")
    town_id = town.id
    exists = conn.execute(select(RegionAlias.id).where(RegionAlias.region_id == town_id,
                                                       RegionAlias.alias == alias)).first()
    if exists is None:
        conn.execute(RegionAlias.__table__.insert().values(region_id=town_id, alias=alias))
    changed = reattribute_unmatched(conn)
    bump_data_version(conn)
    audit.record(conn, audit.NAME_MAPPING, actor, op="township_alias", name=raw_name, township=township_name,
                 township_id=town_id, rows=changed)
    return changed


def create_unit(conn: Connection, name: str, unit_type: str = UnitType.AGENCY,
                actor: str | None = None) -> tuple[int, int]:
    """Create a unit of the jurisdiction named as the raw name; returns (unit id, rows re-attributed)."""
    clean = normalise_text(name)
    found = jurisdiction(conn)
    if clean is None or found is None:
        raise MappingError("无法新建单位：名称为空或尚未设置辖区（liandong init --region 县名）")
    if conn.execute(select(Unit.id).where(Unit.region_id == found[0], Unit.name == clean)).first():
        raise MappingError(f"单位“{clean}”已存在")
    unit_id = inserted_id(conn.execute(Unit.__table__.insert().values(
        name=clean, region_id=found[0], unit_type=unit_type, active=True, sort_order=0)))
    changed = reattribute_unmatched(conn)
    bump_data_version(conn)
    audit.record(conn, audit.NAME_MAPPING, actor, op="create_unit", name=clean, unit_id=unit_id, rows=changed)
    return unit_id, changed


def unit_choices(conn: Connection) -> list[str]:
    """Unit names for the "map to unit" picker, in the configured order."""
    return list(conn.execute(select(Unit.name).where(Unit.active.is_(True)).order_by(Unit.sort_order, Unit.name))
                .scalars())


def township_choices(conn: Connection) -> list[str]:
    """Township names for the "map to township" picker."""
    return list(conn.execute(select(Region.name).where(Region.level == RegionLevel.TOWNSHIP).order_by(Region.name))
                .scalars())
