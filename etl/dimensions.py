"""Name resolvers built from the database's dimensions (units, townships, subject areas).

The same resolution rules as the importer (``etl.names``), so a name typed on the command line or
in a filter means what it means in a ledger.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select

from etl.db.models import Region, RegionAlias, RegionLevel, SubjectArea, SubjectAreaAlias, Unit, UnitAlias
from etl.names import NameResolver
from etl.regions import jurisdiction


def _region_name(conn: Connection) -> str | None:
    found = jurisdiction(conn)
    return found[1] if found else None


def unit_resolver(conn: Connection) -> NameResolver:
    aliases: dict[int, list[str]] = defaultdict(list)
    for unit_id, alias in conn.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
        aliases[unit_id].append(alias)
    resolver = NameResolver(region_name=_region_name(conn))
    for unit_id, name, short in conn.execute(select(Unit.id, Unit.name, Unit.short_name)):
        resolver.add(unit_id, [name, short, *aliases[unit_id]])
    return resolver


def township_resolver(conn: Connection) -> NameResolver:
    aliases: dict[int, list[str]] = defaultdict(list)
    for region_id, alias in conn.execute(select(RegionAlias.region_id, RegionAlias.alias)):
        aliases[region_id].append(alias)
    resolver = NameResolver(region_name=_region_name(conn))
    rows = conn.execute(select(Region.id, Region.name, Region.short_name).where(Region.level == RegionLevel.TOWNSHIP))
    for region_id, name, short in rows:
        resolver.add(region_id, [name, short, *aliases[region_id]])
    return resolver


def subject_area_resolver(conn: Connection) -> NameResolver:
    aliases: dict[int, list[str]] = defaultdict(list)
    for area_id, alias in conn.execute(select(SubjectAreaAlias.subject_area_id, SubjectAreaAlias.alias)):
        aliases[area_id].append(alias)
    resolver = NameResolver()
    for area_id, name in conn.execute(select(SubjectArea.id, SubjectArea.name)):
        resolver.add(area_id, [name, *aliases[area_id]])
    return resolver
