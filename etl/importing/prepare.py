"""From raw sheets to validated, table-shaped rows, without touching the database (dry-run safe).

Row accounting for every file: rows read = accepted + held + merged duplicates + skipped + rejected.
A held row is stored like an accepted one; its unknown wording waits in the review queue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from etl.catalog import fact_table
from etl.importing.classify import skip_reasons
from etl.importing.dimensions import long_alias_notes, parent_regions
from etl.importing.header import HeaderMatch, find_header
from etl.importing.read import RawSheet
from etl.importing.spec import FACT_KINDS, SPECS
from etl.importing.tables import fact_rows, field_lengths
from etl.importing.targets import target_rows
from etl.importing.transform import (
    HELD_SCHEMA,
    REJECTED_SCHEMA,
    Resolvers,
    court_from_case_numbers,
    held_cells,
    merge_duplicates,
    normalise_records,
    rejected_cells,
    remove_control_chars,
    resolve_names,
    split_valid,
)
from etl.mappings import Mappings
from etl.names import normalise_text
from etl.text_safety import CONTROL_CHARS

SKIPPED_SCHEMA = pl.Schema({"sheet": pl.String, "source_row": pl.Int64, "reason": pl.String})
_COURT = re.compile(r"([\u4e00-\u9fff]{2,30}?法院)")


@dataclass(frozen=True)
class SheetSummary:
    sheet: str
    kind: str | None
    header_row: int | None  # 1-based row number of the header in the original sheet
    columns: dict[str, str]  # header as written → field label (canonical header)
    unmapped: list[str]
    rows_read: int
    note: str | None = None


@dataclass(frozen=True)
class Prepared:
    kind: str | None
    sheets: list[SheetSummary]
    rows: pl.DataFrame  # table-shaped rows for facts/targets, normalised records for dimensions
    rows_read: int = 0
    accepted: int = 0  # stored with every value known
    duplicates: int = 0
    skipped: int = 0
    rejected: int = 0
    rejected_cells: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=REJECTED_SCHEMA))
    held: int = 0  # stored, with at least one value waiting in the review queue
    held_cells: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=HELD_SCHEMA))
    skipped_rows: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=SKIPPED_SCHEMA))
    court: str | None = None
    columns: list[str] = field(default_factory=list)  # table columns the file supplied (updated on re-import)
    error: str | None = None
    note: str = ""  # what the file was read as, when that is worth saying (an outline file's coordinate system)
    #: Cells kept after a correction (control characters removed), with the same columns as rejected_cells.
    cleaned_cells: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=REJECTED_SCHEMA))

    @property
    def stored(self) -> int:
        """Rows this file writes: accepted and held."""
        return self.accepted + self.held


def court_from_title(match: HeaderMatch, title_rows: list[str]) -> str | None:
    """A court ledger names its court in the 填报单位 line or the title; anything else is not a court."""
    if match.reporter and "法院" in match.reporter:
        return normalise_text(CONTROL_CHARS.sub("", match.reporter))
    for text in title_rows:
        found = _COURT.search(normalise_text(CONTROL_CHARS.sub("", text)) or "")
        if found:
            return found.group(1)
    return None


def _sheet_records(sheet: RawSheet, match: HeaderMatch) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    data = sheet.grid.slice(match.row_index + 1).with_columns(
        pl.lit(sheet.name).alias("sheet"),
        pl.int_range(match.row_index + 2, match.row_index + 2 + sheet.grid.height - match.row_index - 1,
                     dtype=pl.Int64).alias("source_row"))
    data = data.with_columns(skip_reasons(data, sheet.grid.columns, list(match.columns)).alias("__skip"))
    skipped = data.filter(pl.col("__skip").is_not_null()).select("sheet", "source_row", pl.col("__skip").alias("reason"))
    records = data.filter(pl.col("__skip").is_null()).select(
        "sheet", "source_row", *(pl.col(col).alias(fld) for col, fld in match.columns.items()))
    return records, skipped, data.height


def prepare_sheets(sheets: list[RawSheet], mappings: Mappings, resolvers: Resolvers,
                   kind: str | None = None, court: str | None = None) -> Prepared:
    matches = [(s, find_header(s.grid, mappings, kind)) for s in sheets]
    found = [(s, m) for s, m in matches if m is not None]
    if not found:
        summaries = [SheetSummary(s.name, None, None, {}, [], 0, "未找到可识别的表头") for s in sheets]
        what = f"“{SPECS[kind].label}”的" if kind else ""
        return Prepared(None, summaries, pl.DataFrame(), error=f"未找到可识别的{what}表头：请使用模板中的列名")
    file_kind = max(found, key=lambda sm: sm[1].score)[1].kind  # the first of the best-matching sheets
    summaries = []
    parts, skipped_parts, rows_read, default_court = [], [], 0, court
    for sheet, match in matches:
        if match is None or match.kind != file_kind:
            note = "未找到可识别的表头" if match is None else f"此表为“{SPECS[match.kind].label}”，与本文件导入的台账类型不同，未导入"
            summaries.append(SheetSummary(sheet.name, match.kind if match else None, None, {}, [], 0, note))
            continue
        records, skipped, read = _sheet_records(sheet, match)
        if default_court is None and file_kind == "litigation":
            titles = [str(v) for r in range(match.row_index) for v in sheet.grid.row(r) if v is not None]
            default_court = court_from_title(match, titles)
        parts.append(records)
        skipped_parts.append(skipped)
        rows_read += read
        labels = {match.headers[c]: mappings.label(file_kind, f) for c, f in match.columns.items()}
        summaries.append(SheetSummary(sheet.name, file_kind, match.row_index + 1, labels, match.unmapped, read))
    present = {f for _, m in found if m.kind == file_kind for f in m.columns.values()}
    if file_kind == "litigation":
        present.add("court")  # from the column, the option, the 填报单位 line or the 案号
    return _validate(file_kind, pl.concat(parts, how="diagonal"), pl.concat(skipped_parts), rows_read,
                     summaries, mappings, resolvers, default_court, present)


def _validate(kind: str, records: pl.DataFrame, skipped: pl.DataFrame, rows_read: int,
              summaries: list[SheetSummary], mappings: Mappings, resolvers: Resolvers,
              court: str | None, present: set[str]) -> Prepared:
    spec = SPECS[kind]
    holdable = holdable_fields(kind)
    records, cleaned = remove_control_chars(records, spec, mappings)
    frame = normalise_records(records, spec, mappings)
    if kind == "litigation":
        frame = frame.with_columns(pl.col("court").fill_null(pl.lit(normalise_text(court))))
        frame = court_from_case_numbers(frame, resolvers.courts)
    frame = resolve_names(frame, spec, resolvers)
    rejected = rejected_cells(frame, spec, mappings, field_lengths(kind, spec), holdable)
    valid = split_valid(frame, rejected)
    if kind in ("units", "townships"):
        valid, bad = parent_regions(valid, resolvers, mappings.label(kind, "parent"))
        rejected = pl.concat([rejected, bad])
        cleaned = pl.concat([cleaned, long_alias_notes(valid, mappings.label(kind, "aliases"))])
    valid, duplicates = merge_duplicates(valid, list(spec.key))
    held = held_cells(valid, spec, mappings, holdable)
    held_rows = held.select("sheet", "source_row").unique().height
    columns: list[str] = []
    if kind in FACT_KINDS:
        rows, columns = fact_rows(kind, valid, spec, resolvers.region_id, present)
    elif kind == "targets":
        rows, bad = target_rows(valid, resolvers, mappings.label(kind, "scope"))
        rejected = pl.concat([rejected, bad])
        before = rows.height
        rows = rows.unique(subset=["year", "indicator_key", "scope_type", "scope_id"], keep="last", maintain_order=True)
        duplicates += before - rows.height
    else:
        rows = valid
    rejected = rejected.sort("sheet", "source_row", maintain_order=True)
    rejected_count = rejected.select("sheet", "source_row").unique().height
    return Prepared(kind, summaries, rows, rows_read=rows_read, accepted=rows.height - held_rows,
                    duplicates=duplicates, skipped=skipped.height, rejected=rejected_count, rejected_cells=rejected,
                    held=held_rows, held_cells=held, skipped_rows=skipped.cast(SKIPPED_SCHEMA), court=court,
                    columns=columns, cleaned_cells=cleaned)


def holdable_fields(kind: str) -> frozenset[str]:
    """The fields whose unknown wording holds a row instead of rejecting it: the fact table's vocabulary
    columns, which keep the raw spelling next to the code."""
    if kind not in FACT_KINDS:
        return frozenset()
    return frozenset(v.field for v in fact_table(kind).vocabularies)
