"""Facts about the database itself: the jurisdiction it serves, the demo flag, the data version.

The data version changes on every write that changes figures (import, rollback, alias mapping,
target edit); the dashboard caches by it, so every viewer sees new data on the next rerun.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from etl.db.models import AppMeta

REGION_NAME = "region_name"
IS_DEMO = "is_demo"
DATA_VERSION = "data_version"


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(AppMeta.value).where(AppMeta.key == key)).scalar()


def set_meta(conn: Connection, key: str, value: str) -> None:
    table = AppMeta.__table__
    updated = conn.execute(table.update().where(table.c.key == key).values(value=value)).rowcount
    if not updated:
        conn.execute(table.insert().values(key=key, value=value))


def data_version(conn: Connection) -> int:
    return int(get_meta(conn, DATA_VERSION) or 0)


def bump_data_version(conn: Connection) -> int:
    version = data_version(conn) + 1
    set_meta(conn, DATA_VERSION, str(version))
    return version


def is_demo(conn: Connection) -> bool:
    return get_meta(conn, IS_DEMO) == "1"
