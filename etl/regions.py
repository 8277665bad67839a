"""The jurisdiction a database serves and its region hierarchy."""

from __future__ import annotations

from sqlalchemy import Connection, select

from etl.db.inserted import inserted_id
from etl.db.meta import REGION_NAME, get_meta, set_meta
from etl.db.models import Region, RegionLevel

LEVEL_BY_SUFFIX = (("省", RegionLevel.PROVINCE), ("市", RegionLevel.CITY), ("自治州", RegionLevel.CITY),
                   ("县", RegionLevel.COUNTY), ("区", RegionLevel.COUNTY), ("旗", RegionLevel.COUNTY))


def guess_level(name: str) -> RegionLevel:
    """A county-level city (县级市) is ambiguous; callers that know better pass the level explicitly."""
    for suffix, level in LEVEL_BY_SUFFIX:
        if name.endswith(suffix):
            return level
    return RegionLevel.COUNTY


def ensure_region(conn: Connection, name: str, level: str, parent_id: int | None = None,
                  code: str | None = None, short_name: str | None = None) -> int:
    table = Region.__table__
    parent_clause = table.c.parent_id.is_(None) if parent_id is None else table.c.parent_id == parent_id
    existing = conn.execute(select(table.c.id).where(table.c.name == name, parent_clause)).scalar()
    if existing is not None:
        return int(existing)
    result = conn.execute(table.insert().values(name=name, level=level, parent_id=parent_id, code=code,
                                                short_name=short_name))
    return inserted_id(result)


def set_jurisdiction(conn: Connection, name: str, level: str | None = None) -> int:
    """Record the region this database serves; the importer strips its name from unit names."""
    region_id = ensure_region(conn, name, level or guess_level(name))
    set_meta(conn, REGION_NAME, name)
    return region_id


def jurisdiction(conn: Connection) -> tuple[int, str] | None:
    name = get_meta(conn, REGION_NAME)
    if name is None:
        return None
    region_id = conn.execute(select(Region.id).where(Region.name == name).order_by(Region.id)).scalar()
    return (int(region_id), name) if region_id is not None else None
