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
from etl.text_safety import escape_nonprintable, has_control_chars, strip_control_chars

REJECTED_SCHEMA = pl.Schema({"sheet": pl.String, "source_row": pl.Int64, "column": pl.String, "value": pl.String,
                             "reason": pl.String})
#: A held cell: the row is stored, the value waits in the review queue (``field`` is the column key).
HELD_SCHEMA = pl.Schema({"sheet": pl.String, "source_row": pl.Int64, "column": pl.String, "field": pl.String,
                         "value": pl.String})

@dataclass
class Resolvers:
    """The configured dimension, as name → id lookups, and the jurisdiction rows belong to."""

    region_id: int | None = None
    region_name: str | None = None
    units: NameResolver = field(default_factory=NameResolver)
    townships: NameResolver = field(default_factory=NameResolver)
    subjects: NameResolver = field(default_factory=NameResolver)
    regions: dict[str, int] = field(default_factory=dict)  # normalised region name → id
    courts: dict[str, str] = field(default_factory=dict)  # 案号 court code (豫0928) → court name

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


CONTROL_CHARS_REMOVED = "已删除不可见的控制字符（其余内容照常导入）"


def too_long(limit: int) -> str:
    """The reason a value longer than its column is rejected (a name that long is no name)."""
    return f"内容过长（超过{limit}字）"


def remove_control_chars(records: pl.DataFrame, spec: KindSpec, mappings: Mappings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Mapped records without control characters, and one note per cleaned cell.

    A name with a BEL in it is still the name (Excel does not even show the character), so the row is
    kept; the note (value shown escaped, e.g. ``A\\x07B``) tells the importer what was changed.
    """
    fields = [c.field for c in spec.columns if c.field in records.columns]
    notes = [records.filter(has_control_chars(pl.col(f))).select(
        "sheet", "source_row", pl.lit(mappings.label(spec.kind, f)).alias("column"),
        pl.col(f).map_elements(escape_nonprintable, return_dtype=pl.String).alias("value"),
        pl.lit(CONTROL_CHARS_REMOVED).alias("reason")) for f in fields]
    cleaned = records.with_columns(strip_control_chars(pl.col(f).cast(pl.String)).alias(f) for f in fields)
    found = [n.cast(REJECTED_SCHEMA) for n in notes if not n.is_empty()]
    return cleaned, pl.concat(found) if found else pl.DataFrame(schema=REJECTED_SCHEMA)


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
                   lengths: dict[str, int], holdable: frozenset[str] = frozenset()) -> pl.DataFrame:
    """Every problem of every row: a row may appear several times, once per bad cell.

    A wording no vocabulary knows in a ``holdable`` field is not a problem: the row is held instead
    (:func:`held_cells`). Only sheets that cannot store a raw spelling (units, targets) reject it.
    """
    errors: list[pl.DataFrame] = []
    for column in spec.columns:
        name = mappings.label(spec.kind, column.field)
        raw, value = pl.col(f"{column.field}__raw"), pl.col(column.field)
        if column.required or column.field in spec.required_per_row:
            missing = value.is_null() & (raw.is_null() if column.field in holdable else pl.lit(True))
            errors.append(_cell_errors(frame, missing, name, raw, _missing_reason(spec.kind, column.field, name)))
        parse_failed = raw.is_not_null() & value.is_null()
        if column.type == DATE:
            errors.append(_cell_errors(frame, parse_failed, name, raw, "日期无法识别（或不在1980—2100年之间）"))
        elif column.field in holdable:
            pass
        elif column.type == BOOL:
            errors.append(_cell_errors(frame, parse_failed, name, raw, "无法识别的是/否取值"))
        elif column.type in (INT, NUMBER):
            errors.append(_cell_errors(frame, parse_failed, name, raw, "不是有效的数字"))
        elif column.type in mappings.values:
            errors.append(_cell_errors(frame, parse_failed, name, raw, f"无法识别的“{name}”取值"))
        limit = lengths.get(column.field)
        if limit is not None:
            errors.append(_cell_errors(frame, raw.str.len_chars() > limit, name, raw, too_long(limit)))
    for order in spec.date_order:
        bad = pl.col(order.later) < pl.col(order.earlier)
        errors.append(_cell_errors(frame, bad.fill_null(False), mappings.label(spec.kind, order.later),
                                   pl.col(order.later).cast(pl.String), order.message))
    return pl.concat([e.cast(REJECTED_SCHEMA) for e in errors], how="vertical") if errors else \
        pl.DataFrame(schema=REJECTED_SCHEMA)


def _missing_reason(kind: str, field: str, name: str) -> str:
    if kind == "litigation" and field == "court":
        return "缺少审理法院：未写法院列、未指定法院，案号中也没有法院代字"
    return f"缺少必填项“{name}”"


def held_cells(frame: pl.DataFrame, spec: KindSpec, mappings: Mappings, holdable: frozenset[str]) -> pl.DataFrame:
    """The cells whose wording no vocabulary knows, in the fields that can hold it: one per cell."""
    parts = [frame.filter(pl.col(f"{c.field}__raw").is_not_null() & pl.col(c.field).is_null()).select(
        "sheet", "source_row", pl.lit(mappings.label(spec.kind, c.field)).alias("column"),
        pl.lit(c.field).alias("field"), pl.col(f"{c.field}__raw").alias("value"))
        for c in spec.columns if c.field in holdable]
    return pl.concat([p.cast(HELD_SCHEMA) for p in parts]) if parts else pl.DataFrame(schema=HELD_SCHEMA)


def court_from_case_numbers(frame: pl.DataFrame, courts: dict[str, str]) -> pl.DataFrame:
    """A litigation row without a court takes it from its 案号: the court code (豫0926), named from the
    court list when the code is registered, else kept as it is. A court written as a registered code
    becomes the court's name too, so one court is one key whichever way a ledger wrote it."""
    court = pl.col("court")
    if courts:
        court = court.replace(courts)
    if frame.get_column("court").null_count() == 0:
        return frame.with_columns(court) if courts else frame
    from_code = nz.court_code(pl.col("case_number"))
    if courts:
        from_code = from_code.replace(courts)
    return frame.with_columns(pl.when(pl.col("court").is_null()).then(from_code).otherwise(court).alias("court"))


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
