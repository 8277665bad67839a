"""The configured dimension, read from the database once per import, as name resolvers
(``etl.dimensions``: the same rule as the CLI, the filter bar, the screen and the briefing)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from etl.db.models import Court, Region, RegionLevel
from etl.dimensions import load_name_resolvers
from etl.importing.transform import Resolvers
from etl.names import normalise_text
from etl.regions import jurisdiction


def load_resolvers(conn: Connection) -> Resolvers:
    """Units (+ aliases), townships (+ region aliases) and subject areas (+ aliases), the regions
    above townships by name (the parent of a unit or township sheet row) and the courts by their
    案号 code."""
    found = jurisdiction(conn)
    region_id, region_name = found if found else (None, None)
    names = load_name_resolvers(conn)
    resolvers = Resolvers(region_id=region_id, region_name=region_name, units=names.units,
                          townships=names.townships, subjects=names.areas)
    for rid, name in conn.execute(select(Region.id, Region.name).where(Region.level != RegionLevel.TOWNSHIP)):
        resolvers.regions.setdefault(normalise_text(name) or "", int(rid))
    resolvers.courts = {str(code): str(name) for code, name in
                        conn.execute(select(Court.code, Court.name).where(Court.code.is_not(None)))}
    return resolvers
