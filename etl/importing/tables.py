"""From validated records to rows of the fact tables and targets (column names of etl/db/models.py)."""

from __future__ import annotations

import polars as pl
from sqlalchemy import String, Table

from etl.db.models import (
    DisputeCase,
    DisputeResult,
    JointTask,
    LitigationCase,
    Recommendation,
    ReconsiderationCase,
    Region,
    Target,
    TaskStatus,
    Unit,
)
from etl.importing import normalise as nz
from etl.importing.spec import SUBJECT, TOWNSHIP, UNIT, KindSpec

TABLES: dict[str, Table] = {
    "litigation": LitigationCase.__table__, "reconsideration": ReconsiderationCase.__table__,
    "disputes": DisputeCase.__table__, "recommendations": Recommendation.__table__,
    "tasks": JointTask.__table__, "targets": Target.__table__,
}

# Where a resolved name goes: field → (raw column, id column).
NAME_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "litigation": {"defendant": ("defendant_raw", "defendant_unit_id")},
    "reconsideration": {"respondent": ("respondent_raw", "respondent_unit_id")},
    "disputes": {"unit": ("unit_raw", "unit_id")},
    "recommendations": {"addressee": ("addressee_raw", "addressee_unit_id")},
    "tasks": {"lead_unit": ("lead_unit_raw", "lead_unit_id")},
}
DEFAULTS: dict[str, dict[str, object]] = {
    "disputes": {"result": str(DisputeResult.IN_PROGRESS), "is_major": False},
    "tasks": {"status": str(TaskStatus.OPEN)},
}


#: Where a dimension sheet's fields land: a unit or township name longer than its column cannot be one.
DIMENSION_TABLES: dict[str, Table] = {"units": Unit.__table__, "townships": Region.__table__}


def field_lengths(kind: str, spec: KindSpec) -> dict[str, int]:
    """Field → the length of the String column it lands in (PostgreSQL enforces varchar limits)."""
    table = TABLES.get(kind, DIMENSION_TABLES.get(kind))
    if table is None:
        return {}
    lengths: dict[str, int] = {}
    for column in spec.columns:
        candidates = [column.field, f"{column.field}_raw", *NAME_COLUMNS.get(kind, {}).get(column.field, ())[:1]]
        if column.type in (TOWNSHIP, SUBJECT):
            candidates.append(f"{column.field}_raw")
        for name in candidates:
            if name in table.c and isinstance(table.c[name].type, String) and table.c[name].type.length:
                lengths[column.field] = min(lengths.get(column.field, 10**6), int(table.c[name].type.length))
    return lengths


def fact_rows(kind: str, frame: pl.DataFrame, spec: KindSpec, region_id: int | None,
              present: set[str]) -> tuple[pl.DataFrame, list[str]]:
    """Table-shaped rows (normalised values, raw spellings next to resolved ids, region, lineage) and
    the columns the file actually supplied: an update must not blank a column the file lacks."""
    table = TABLES[kind]
    exprs: list[pl.Expr] = [pl.lit(region_id, dtype=pl.Int64).alias("region_id"),
                            pl.col("source_row").cast(pl.Int64)]
    supplied: list[str] = ["region_id", "source_row"]
    for column in spec.columns:
        before = len(exprs)
        name = column.field
        if column.type == UNIT:
            raw_col, id_col = NAME_COLUMNS[kind][name]
            exprs += [pl.col(f"{name}__raw").alias(raw_col), pl.col(f"{name}__id").alias(id_col)]
        elif column.type in (TOWNSHIP, SUBJECT):
            exprs += [pl.col(f"{name}__raw").alias(f"{name}_raw"), pl.col(f"{name}__id").alias(f"{name}_id")]
        else:
            default = DEFAULTS.get(kind, {}).get(name)
            value = pl.col(name) if default is None else pl.col(name).fill_null(pl.lit(default))
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
