"""Dimension sheets: units and townships with their aliases, and the court list.

A county has dozens of units, so rows are written one by one; every insert and every changed value is
recorded in ``batch_change`` like fact imports, and rollback treats them the same way.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl
from sqlalchemy import Connection, Table, select

from etl.db.inserted import inserted_id
from etl.db.lengths import string_length
from etl.db.models import BatchChange, Court, Region, RegionAlias, RegionLevel, Unit, UnitAlias, UnitType
from etl.importing.load import LoadCounts
from etl.importing.transform import REJECTED_SCHEMA, Resolvers
from etl.names import normalise_text

_ALIAS_SPLIT = re.compile(r"[、,，;；\n\r/]+")
_TOWNSHIP_GOV = re.compile(r"(乡|镇|街道)(人民政府|政府|办事处)$")
#: An alias longer than the alias column (the same as a name's) is no name: it is left out, with a note.
ALIAS_MAX_CHARS = string_length(UnitAlias.__table__.c.alias)


def _alias_parts(text: str | None) -> list[str]:
    if not text:
        return []
    names = [normalise_text(part) for part in _ALIAS_SPLIT.split(text)]
    return list(dict.fromkeys(n for n in names if n))


def split_aliases(text: str | None) -> list[str]:
    """'人社局、人力社保局; 社保局' → the distinct non-empty normalised names, in order (none too long)."""
    return [n for n in _alias_parts(text) if len(n) <= ALIAS_MAX_CHARS]


def long_alias_notes(frame: pl.DataFrame, label: str) -> pl.DataFrame:
    """One note per row whose aliases include one too long to keep (the row itself is imported)."""
    rows = [(r["sheet"], r["source_row"], label, r["aliases__raw"],
             f"别名超过{ALIAS_MAX_CHARS}字，未保存该别名（其余内容照常导入）")
            for r in frame.select("sheet", "source_row", "aliases", "aliases__raw").iter_rows(named=True)
            if any(len(n) > ALIAS_MAX_CHARS for n in _alias_parts(r["aliases"]))]
    return pl.DataFrame(rows, schema=REJECTED_SCHEMA, orient="row")


def parent_regions(frame: pl.DataFrame, resolvers: Resolvers, label: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Attach ``parent_id`` (blank → the jurisdiction); unknown parents and a missing jurisdiction reject."""
    def lookup(name: str | None) -> int | None:
        if name is None:
            return resolvers.region_id
        return resolvers.regions.get(name)

    names = frame.get_column("parent").unique().to_list()
    ids = pl.DataFrame({"parent": names, "parent_id": [lookup(n) for n in names]},
                       schema={"parent": pl.String, "parent_id": pl.Int64})
    joined = frame.join(ids, on="parent", how="left", nulls_equal=True, maintain_order="left")
    bad = joined.filter(pl.col("parent_id").is_null()).select(
        "sheet", "source_row", pl.lit(label).alias("column"), pl.col("parent__raw").alias("value"),
        pl.lit("未知的所属区域（未设置辖区时请先运行 liandong init --region 县名）").alias("reason"),
    ).cast(REJECTED_SCHEMA)
    return joined.filter(pl.col("parent_id").is_not_null()), bad


def _record_insert(conn: Connection, batch_id: int, table: Table, row_id: int) -> None:
    conn.execute(BatchChange.__table__.insert().values(batch_id=batch_id, table_name=table.name, row_id=row_id,
                                                       action="insert", previous=None))


def _insert(conn: Connection, batch_id: int, table: Table, values: dict[str, Any]) -> int:
    row_id = inserted_id(conn.execute(table.insert().values(**values)))
    _record_insert(conn, batch_id, table, row_id)
    return row_id


def _update(conn: Connection, batch_id: int, table: Table, row_id: int, old: dict[str, Any],
            new: dict[str, Any], clear: bool = False) -> bool:
    """Write the changed values (a blank cell changes nothing unless ``clear``), recording the old ones."""
    changed = {k: v for k, v in new.items() if (v is not None or clear) and old.get(k) != v}
    if not changed:
        return False
    conn.execute(table.update().where(table.c.id == row_id).values(**changed))
    conn.execute(BatchChange.__table__.insert().values(batch_id=batch_id, table_name=table.name, row_id=row_id,
                                                       action="update", previous={k: old.get(k) for k in changed}))
    return True


def _add_aliases(conn: Connection, batch_id: int, table: Table, owner: str, owner_id: int, name: str,
                 aliases: list[str]) -> bool:
    known = set(conn.execute(select(table.c.alias).where(table.c[owner] == owner_id)).scalars())
    added = False
    for alias in aliases:
        if alias != name and alias not in known:
            _insert(conn, batch_id, table, {owner: owner_id, "alias": alias})
            added = True
    return added


def load_units(conn: Connection, frame: pl.DataFrame, batch_id: int) -> LoadCounts:
    units, counts = Unit.__table__, LoadCounts()
    for row in frame.iter_rows(named=True):
        name, region_id = row["name"], row["parent_id"]
        unit_type = row["unit_type"] or (UnitType.TOWNSHIP_GOV if _TOWNSHIP_GOV.search(name) else None)
        existing = conn.execute(select(units.c.id, units.c.unit_type, units.c.sort_order)
                                .where(units.c.region_id == region_id, units.c.name == name)).first()
        if existing is None:
            unit_id = _insert(conn, batch_id, units, {
                "name": name, "region_id": region_id, "unit_type": unit_type or UnitType.AGENCY,
                "sort_order": row["sort_order"] or 0, "active": True})
            _add_aliases(conn, batch_id, UnitAlias.__table__, "unit_id", unit_id, name, split_aliases(row["aliases"]))
            counts += LoadCounts(inserted=1)
            continue
        unit_id = int(existing.id)
        changed = _update(conn, batch_id, units, unit_id,
                          {"unit_type": existing.unit_type, "sort_order": existing.sort_order},
                          {"unit_type": unit_type and str(unit_type), "sort_order": row["sort_order"]})
        added = _add_aliases(conn, batch_id, UnitAlias.__table__, "unit_id", unit_id, name,
                             split_aliases(row["aliases"]))
        counts += LoadCounts(updated=1) if changed or added else LoadCounts(unchanged=1)
    return counts


def load_townships(conn: Connection, frame: pl.DataFrame, batch_id: int) -> LoadCounts:
    regions, counts = Region.__table__, LoadCounts()
    for row in frame.iter_rows(named=True):
        name, parent_id = row["name"], row["parent_id"]
        existing = conn.execute(select(regions.c.id, regions.c.code)
                                .where(regions.c.parent_id == parent_id, regions.c.name == name)).first()
        if existing is None:
            town_id = _insert(conn, batch_id, regions, {"name": name, "level": RegionLevel.TOWNSHIP,
                                                        "parent_id": parent_id, "code": row["code"]})
            _add_aliases(conn, batch_id, RegionAlias.__table__, "region_id", town_id, name,
                         split_aliases(row["aliases"]))
            counts += LoadCounts(inserted=1)
            continue
        town_id = int(existing.id)
        changed = _update(conn, batch_id, regions, town_id, {"code": existing.code}, {"code": row["code"]})
        added = _add_aliases(conn, batch_id, RegionAlias.__table__, "region_id", town_id, name,
                             split_aliases(row["aliases"]))
        counts += LoadCounts(updated=1) if changed or added else LoadCounts(unchanged=1)
    return counts


def load_courts(conn: Connection, frame: pl.DataFrame, batch_id: int) -> LoadCounts:
    """Courts by name; a code another court holds moves to this one (the later list is the newer)."""
    courts, counts = Court.__table__, LoadCounts()
    for row in frame.iter_rows(named=True):
        existing = conn.execute(select(courts.c.id, courts.c.code, courts.c.level)
                                .where(courts.c.name == row["name"])).first()
        if row["code"] is not None:
            holder = conn.execute(select(courts.c.id, courts.c.code).where(
                courts.c.code == row["code"], courts.c.name != row["name"])).first()
            if holder is not None:
                _update(conn, batch_id, courts, int(holder.id), {"code": holder.code}, {"code": None}, clear=True)
        if existing is None:
            _insert(conn, batch_id, courts, {"name": row["name"], "code": row["code"], "level": row["level"]})
            counts += LoadCounts(inserted=1)
            continue
        changed = _update(conn, batch_id, courts, int(existing.id), {"code": existing.code, "level": existing.level},
                          {"code": row["code"], "level": row["level"]})
        counts += LoadCounts(updated=1) if changed else LoadCounts(unchanged=1)
    return counts
