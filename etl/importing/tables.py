"""From validated records to rows of the fact tables and targets (column names of etl/db/models.py).

Which table a kind lands in, where a resolved name goes and what a blank cell means all come from the
fact-table catalogue (``etl.catalog``).
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import String, Table

from etl.catalog import FACT_TABLES, fact_table
from etl.catalog.columns import KindSpec
from etl.catalog.table import NameLink
from etl.db.models import Region, Target, Unit
from etl.importing import normalise as nz

TABLES: dict[str, Table] = {**{t.name: t.table for t in FACT_TABLES}, "targets": Target.__table__}


def _links(kind: str) -> dict[str, NameLink]:
    """Import field → where its raw spelling and resolved id go (unit, township, subject area)."""
    if kind not in TABLES or kind == "targets":
        return {}
    return {link.field: link for link in fact_table(kind).name_links}


#: Where a dimension sheet's fields land: a unit or township name longer than its column cannot be one.
DIMENSION_TABLES: dict[str, Table] = {"units": Unit.__table__, "townships": Region.__table__}


def field_lengths(kind: str, spec: KindSpec) -> dict[str, int]:
    """Field → the length of the String column it lands in (PostgreSQL enforces varchar limits)."""
    table = TABLES.get(kind, DIMENSION_TABLES.get(kind))
    if table is None:
        return {}
    links = _links(kind)
    lengths: dict[str, int] = {}
    for column in spec.columns:
        link = links.get(column.field)
        candidates = [column.field, f"{column.field}_raw", *((link.raw_column,) if link else ())]
        for name in candidates:
            if name in table.c and isinstance(table.c[name].type, String) and table.c[name].type.length:
                lengths[column.field] = min(lengths.get(column.field, 10**6), int(table.c[name].type.length))
    return lengths


def fact_rows(kind: str, frame: pl.DataFrame, spec: KindSpec, region_id: int | None,
              present: set[str]) -> tuple[pl.DataFrame, list[str]]:
    """Table-shaped rows (normalised values, raw spellings next to resolved ids, region, lineage) and
    the columns the file actually supplied: an update must not blank a column the file lacks."""
    table = TABLES[kind]
    links = _links(kind)
    exprs: list[pl.Expr] = [pl.lit(region_id, dtype=pl.Int64).alias("region_id"),
                            pl.col("source_row").cast(pl.Int64)]
    supplied: list[str] = ["region_id", "source_row"]
    for column in spec.columns:
        before = len(exprs)
        name = column.field
        link = links.get(name)
        if link is not None:
            exprs += [pl.col(f"{name}__raw").alias(link.raw_column), pl.col(f"{name}__id").alias(link.id_column)]
        else:
            default = spec.defaults.get(name)
            # A blank cell means the default (a dispute without a result is in progress); a held
            # spelling stays null, so the row is not counted as the default before it is mapped.
            value = pl.col(name) if default is None else (
                pl.when(pl.col(f"{name}__raw").is_null()).then(pl.lit(default)).otherwise(pl.col(name)))
            exprs.append(value.alias(name))
            if f"{name}_raw" in table.c:
                exprs.append(pl.col(f"{name}__raw").alias(f"{name}_raw"))
        if name in present:
            supplied += [e.meta.output_name() for e in exprs[before:]]
    if kind == "litigation":
        code = nz.case_type_code(pl.col("case_number"))
        exprs += [code.alias("type_code"), nz.instance_from_code(code).alias("instance"),
                  nz.case_year(pl.col("case_number")).alias("case_year")]
        supplied += ["type_code", "instance", "case_year"]
    rows = frame.select(exprs)
    rows = rows.select([c for c in rows.columns if c in table.c])
    return rows, [c for c in rows.columns if c in supplied]
