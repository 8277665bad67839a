"""Frame in, frame out: normalise mapped records, resolve names, validate.

Pure frame transforms between the reader and the loader; rejected rows are data (a frame with a
Chinese reason), not exceptions.

Input: one String column per mapped field plus ``source_row``. Output of :func:`normalise_records`:
for every field its normalised value under the field's name and the trimmed original under
``<field>__raw``. :func:`validate` splits the frame into accepted rows and a rejected-cells frame
(source row, column, value, Chinese reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import polars as pl

from etl.catalog.columns import (
    ALIASES,
    BOOL,
    CASE_NUMBER,
    DATE,
    INT,
    NAME,
    NUMBER,
    SUBJECT,
    TEXT,
    TOWNSHIP,
    UNIT,
    KindSpec,
)
from etl.importing import normalise as nz
from etl.mappings import Mappings
from etl.names import NameResolver

REJECTED_SCHEMA = pl.Schema({"sheet": pl.String, "source_row": pl.Int64, "column": pl.String, "value": pl.String,
                   "reason": pl.String})

@dataclass
class Resolvers:
    """The configured dimension, as name → id lookups, and the jurisdiction rows belong to."""

    region_id: int | None = None
    region_name: str | None = None
    units: NameResolver = field(default_factory=NameResolver)
    townships: NameResolver = field(default_factory=NameResolver)
    subjects: NameResolver = field(default_factory=NameResolver)
    regions: dict[str, int] = field(default_factory=dict)  # normalised region name → id

    def for_type(self, field_type: str) -> NameResolver:
        return {UNIT: self.units, TOWNSHIP: self.townships, SUBJECT: self.subjects}[field_type]


def _normalised(expr: pl.Expr, field_type: str, mappings: Mappings) -> pl.Expr:
    if field_type in (TEXT,):
        return nz.clean_text(expr)
    if field_type in (NAME, UNIT, TOWNSHIP, SUBJECT, ALIASES):
        return nz.clean_name(expr) if field_type != ALIASES else nz.clean_text(expr)
    if field_type == CASE_NUMBER:
        return nz.case_number(expr)
    if field_type == DATE:
        return nz.parse_date(expr)
    if field_type == BOOL:
        return nz.parse_bool(expr, mappings.values["yes_no"])
    if field_type == INT:
        return nz.parse_int(expr)
    if field_type == NUMBER:
        return nz.parse_number(expr)
    return nz.map_vocabulary(expr, mappings.values[field_type])


def on_distinct(series: pl.Series, fn: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """Apply a normaliser to each distinct value once and spread the results back.

    Ledger columns repeat a handful of values (dates, unit names, outcomes) across many rows, so this
    is how a million-row file stays fast; mostly-unique columns are normalised directly.
    """
    distinct = series.drop_nulls().unique()
    if distinct.len() * 2 > series.len():
        return series.to_frame("v").select(fn(pl.col("v")).alias(series.name)).to_series()
    results = distinct.to_frame("v").select(fn(pl.col("v")).alias(series.name)).to_series()
    codes = series.cast(pl.Enum(distinct.to_list())).to_physical()
    return results.gather(codes)


def normalise_records(records: pl.DataFrame, spec: KindSpec, mappings: Mappings) -> pl.DataFrame:
    """Every spec field present as normalised value and ``__raw``; absent columns become nulls."""
    frame = records.with_columns(pl.lit(None, dtype=pl.String).alias(c.field)
                                 for c in spec.columns if c.field not in records.columns)
    raw = frame.select(*(nz.raw_text(pl.col(c.field)).alias(f"{c.field}__raw") for c in spec.columns))
    values = [nz.case_numbers(frame.get_column(c.field).cast(pl.String)).alias(c.field) if c.type == CASE_NUMBER
              else on_distinct(frame.get_column(c.field).cast(pl.String),
                               partial(_normalised, field_type=c.type, mappings=mappings)).alias(c.field)
              for c in spec.columns]  # 案号 are (nearly) unique: no distinct-value pass for them
    return pl.concat([frame.select("sheet", "source_row"), raw, pl.DataFrame(values)], how="horizontal")


def resolve_names(frame: pl.DataFrame, spec: KindSpec, resolvers: Resolvers) -> pl.DataFrame:
    """Add ``<field>__id`` for unit, township and subject-area fields; unmatched stays null.

    Only distinct names are resolved in Python (a county has dozens), then mapped back.
    """
    for column in spec.columns:
        if column.type not in (UNIT, TOWNSHIP, SUBJECT):
            continue
        resolver = resolvers.for_type(column.type)
        names = frame.get_column(column.field).drop_nulls().unique().to_list()
        found = {name: resolver.resolve(name) for name in names}
        frame = frame.with_columns(pl.col(column.field).replace_strict(
            found, default=None, return_dtype=pl.Int64).alias(f"{column.field}__id"))
    return frame


def _cell_errors(frame: pl.DataFrame, condition: pl.Expr, column: str, value: pl.Expr, reason: str) -> pl.DataFrame:
    return frame.filter(condition).select(
        pl.col("sheet"), pl.col("source_row"), pl.lit(column).alias("column"),
        value.cast(pl.String).alias("value"), pl.lit(reason).alias("reason"))


def rejected_cells(frame: pl.DataFrame, spec: KindSpec, mappings: Mappings,
                   lengths: dict[str, int]) -> pl.DataFrame:
    """Every problem of every row: a row may appear several times, once per bad cell."""
    errors: list[pl.DataFrame] = []
    for column in spec.columns:
        name = mappings.label(spec.kind, column.field)
        raw, value = pl.col(f"{column.field}__raw"), pl.col(column.field)
        if column.required or column.field in spec.required_per_row:
            errors.append(_cell_errors(frame, value.is_null(), name, raw, f"缺少必填项“{name}”"))
        parse_failed = raw.is_not_null() & value.is_null()
        if column.type == DATE:
            errors.append(_cell_errors(frame, parse_failed, name, raw, "日期无法识别（或不在1980—2100年之间）"))
        elif column.type == BOOL:
            errors.append(_cell_errors(frame, parse_failed, name, raw, "无法识别的是/否取值"))
        elif column.type in (INT, NUMBER):
            errors.append(_cell_errors(frame, parse_failed, name, raw, "不是有效的数字"))
        elif column.type in mappings.values:
            errors.append(_cell_errors(frame, parse_failed, name, raw,
                                       f"无法识别的“{name}”取值，请在 data/mappings/values.toml 中补充"))
        limit = lengths.get(column.field)
        if limit is not None:
            errors.append(_cell_errors(frame, raw.str.len_chars() > limit, name, raw, f"内容过长（超过{limit}字）"))
    for order in spec.date_order:
        bad = pl.col(order.later) < pl.col(order.earlier)
        errors.append(_cell_errors(frame, bad.fill_null(False), mappings.label(spec.kind, order.later),
                                   pl.col(order.later).cast(pl.String), order.message))
    return pl.concat([e.cast(REJECTED_SCHEMA) for e in errors], how="vertical") if errors else \
        pl.DataFrame(schema=REJECTED_SCHEMA)


def split_valid(frame: pl.DataFrame, rejected: pl.DataFrame) -> pl.DataFrame:
    """The rows with no rejected cell."""
    if rejected.is_empty():  # the usual case: no anti-join over every row
        return frame
    bad = rejected.select("sheet", "source_row").unique()
    return frame.join(bad, on=["sheet", "source_row"], how="anti", maintain_order="left")


def merge_duplicates(frame: pl.DataFrame, key: list[str]) -> tuple[pl.DataFrame, int]:
    """One row per key, the later row winning (a corrected line pasted below the old one)."""
    unique = frame.unique(subset=key, keep="last", maintain_order=True)
    return unique, frame.height - unique.height
