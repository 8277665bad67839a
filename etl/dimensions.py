"""The dimension — units, townships, subject areas, counties and their aliases — as frames, and the
name resolvers built from them.

One builder (:func:`build_resolvers`) serves every surface: the importer and the CLI build it from the
database (:func:`load_name_resolvers`), the dashboard, the screen and the briefing from the frames
already loaded with the facts (``Facts.names``). So a name typed on the command line, in a URL or in a
ledger means the same everywhere (aliases, region prefix; ``etl.names`` for the matching rule).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, literal, select, union_all

from etl.db.frames import read_frame
from etl.db.models import Region, RegionAlias, RegionLevel, SubjectArea, SubjectAreaAlias, Unit, UnitAlias
from etl.names import Dimension, NameResolver
from etl.regions import jurisdiction

_ID, _S, _B = pl.Int64, pl.String, pl.Boolean
UNIT_SCHEMA: dict[str, pl.DataType] = {
    "id": _ID(), "name": _S(), "short_name": _S(), "unit_type": _S(), "township_id": _ID(), "active": _B(),
    "sort_order": _ID(), "region_id": _ID()}
TOWNSHIP_SCHEMA: dict[str, pl.DataType] = {"id": _ID(), "name": _S(), "short_name": _S()}
AREA_SCHEMA: dict[str, pl.DataType] = {"id": _ID(), "name": _S(), "sort_order": _ID()}
COUNTY_SCHEMA: dict[str, pl.DataType] = {"id": _ID(), "name": _S(), "parent_id": _ID(), "short_name": _S()}
#: Every alias of a unit, township or subject area: ``dimension`` is unit | township | area.
ALIAS_SCHEMA: dict[str, pl.DataType] = {"dimension": _S(), "id": _ID(), "alias": _S()}


def read_units(conn: Connection) -> pl.DataFrame:
    return read_frame(conn, select(Unit.id, Unit.name, Unit.short_name, Unit.unit_type, Unit.township_id,
                                   Unit.active, Unit.sort_order, Unit.region_id).order_by(Unit.sort_order, Unit.id),
                      UNIT_SCHEMA)


def read_townships(conn: Connection) -> pl.DataFrame:
    return read_frame(conn, select(Region.id, Region.name, Region.short_name)
                      .where(Region.level == RegionLevel.TOWNSHIP).order_by(Region.id), TOWNSHIP_SCHEMA)


def read_areas(conn: Connection) -> pl.DataFrame:
    return read_frame(conn, select(SubjectArea.id, SubjectArea.name, SubjectArea.sort_order)
                      .order_by(SubjectArea.sort_order, SubjectArea.id), AREA_SCHEMA)


def read_counties(conn: Connection) -> pl.DataFrame:
    return read_frame(conn, select(Region.id, Region.name, Region.parent_id, Region.short_name)
                      .where(Region.level == RegionLevel.COUNTY).order_by(Region.id), COUNTY_SCHEMA)


def read_aliases(conn: Connection) -> pl.DataFrame:
    """The aliases of units, townships (not of counties or cities) and subject areas, in id order."""
    query = union_all(
        select(literal("unit").label("dimension"), UnitAlias.unit_id.label("id"), UnitAlias.alias.label("alias")),
        select(literal("township"), RegionAlias.region_id, RegionAlias.alias)
        .join(Region, Region.id == RegionAlias.region_id).where(Region.level == RegionLevel.TOWNSHIP),
        select(literal("area"), SubjectAreaAlias.subject_area_id, SubjectAreaAlias.alias))
    aliases = read_frame(conn, select(query.subquery()), ALIAS_SCHEMA)
    return aliases.sort("dimension", "id", "alias", maintain_order=True)


@dataclass(frozen=True)
class NameResolvers:
    """One resolver per dimension, built by the same rule."""

    units: NameResolver
    townships: NameResolver
    areas: NameResolver
    counties: NameResolver

    def of(self, dimension: Dimension) -> NameResolver:
        return {"unit": self.units, "township": self.townships, "area": self.areas,
                "county": self.counties}[dimension]


def _resolver(entities: pl.DataFrame, name_columns: tuple[str, ...], aliases: dict[int, list[str]],
              region_name: str | None) -> NameResolver:
    resolver = NameResolver(region_name)
    for row in entities.select("id", *name_columns).iter_rows():
        entity_id = int(row[0])
        resolver.add(entity_id, [*row[1:], *aliases.get(entity_id, [])])
    return resolver


def build_resolvers(units: pl.DataFrame, townships: pl.DataFrame, areas: pl.DataFrame, counties: pl.DataFrame,
                    aliases: pl.DataFrame, region_name: str | None) -> NameResolvers:
    """Every spelling of each member — its name, short name and aliases. Units and townships also match
    without the jurisdiction's prefix (县自然资源局); subject areas and counties match as written."""
    by_dimension: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for dimension, entity_id, alias in aliases.iter_rows():
        by_dimension[dimension][int(entity_id)].append(alias)
    short = ("name", "short_name")
    return NameResolvers(
        units=_resolver(units, short, by_dimension["unit"], region_name),
        townships=_resolver(townships, short, by_dimension["township"], region_name),
        areas=_resolver(areas, ("name",), by_dimension["area"], None),
        counties=_resolver(counties, short if "short_name" in counties.columns else ("name",), {}, None))


def load_name_resolvers(conn: Connection) -> NameResolvers:
    """The resolvers of the dimension as the database holds it now (importer, CLI)."""
    found = jurisdiction(conn)
    return build_resolvers(read_units(conn), read_townships(conn), read_areas(conn), read_counties(conn),
                           read_aliases(conn), found[1] if found else None)
