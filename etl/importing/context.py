"""The configured dimension, read from the database once per import, as name resolvers."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select

from etl.db.models import Region, RegionAlias, RegionLevel, SubjectArea, SubjectAreaAlias, Unit, UnitAlias
from etl.importing.transform import Resolvers
from etl.names import NameResolver, normalise_text
from etl.regions import jurisdiction


def _names(conn: Connection, base: list[tuple[int, str | None, str | None]],
           aliases: list[tuple[int, str]]) -> dict[int, list[str | None]]:
    names: dict[int, list[str | None]] = defaultdict(list)
    for entity_id, name, short in base:
        names[entity_id] += [name, short]
    for entity_id, alias in aliases:
        names[entity_id].append(alias)
    return names


def load_resolvers(conn: Connection) -> Resolvers:
    """Units (+ aliases), townships (+ region aliases) and subject areas (+ aliases)."""
    found = jurisdiction(conn)
    region_id, region_name = found if found else (None, None)
    resolvers = Resolvers(region_id=region_id, region_name=region_name,
                          units=NameResolver(region_name), townships=NameResolver(region_name),
                          subjects=NameResolver(None))
    units = _names(conn, [tuple(r) for r in conn.execute(select(Unit.id, Unit.name, Unit.short_name))],
                   [tuple(r) for r in conn.execute(select(UnitAlias.unit_id, UnitAlias.alias))])
    for unit_id, names in units.items():
        resolvers.units.add(unit_id, names)
    towns = _names(conn, [tuple(r) for r in conn.execute(
        select(Region.id, Region.name, Region.short_name).where(Region.level == RegionLevel.TOWNSHIP))],
        [tuple(r) for r in conn.execute(
            select(RegionAlias.region_id, RegionAlias.alias).join(Region, Region.id == RegionAlias.region_id)
            .where(Region.level == RegionLevel.TOWNSHIP))])
    for town_id, names in towns.items():
        resolvers.townships.add(town_id, names)
    areas = _names(conn, [(r[0], r[1], None) for r in conn.execute(select(SubjectArea.id, SubjectArea.name))],
                   [tuple(r) for r in conn.execute(select(SubjectAreaAlias.subject_area_id, SubjectAreaAlias.alias))])
    for rid, name in conn.execute(select(Region.id, Region.name).where(Region.level != RegionLevel.TOWNSHIP)):
        resolvers.regions.setdefault(normalise_text(name) or "", int(rid))
    for area_id, names in areas.items():
        resolvers.subjects.add(area_id, names)
    return resolvers
