"""The floor of the import benchmark: the same steps as the pandas baseline, in Polars, written by ADBC.

Decode the GB18030 bytes (Python's codec, as every pipeline here must), ``pl.read_csv`` into a grid of
strings, find the header, map synonyms, skip blank/合计/注 rows, normalise (NFKC, 案号 brackets, type code
→ instance, dates in five spellings and Excel serials, appearance and outcomes — an unknown one held, not
rejected), resolve names through the same ``NameResolver`` (once per distinct spelling), validate, keep
the last of duplicate keys — as vectorised Polars expressions, each applied to the distinct values of a
column of few distinct values — then one ADBC ingest into a fresh table *without* indexes, constraints
or batch bookkeeping. Nothing a real import may skip is cheaper than this; what ours adds on top of it
is the per-row reporting, the business-key merge with the rows already stored, rollback records and
the indexes (benchmarks/README.md says how much each costs).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import adbc_driver_sqlite.dbapi as adbc
import polars as pl

from etl.importing.transform import Resolvers
from etl.mappings import VALUE_PUNCTUATION_PATTERN, default_mappings, header_key

TYPE_CODES = {"行赔初": "first", "行赔终": "second", "行审复": "non_litigation", "行初": "first", "行终": "second",
              "行申": "retrial", "行再": "retrial", "行监": "retrial", "行抗": "retrial", "行审": "non_litigation",
              "行他": "other"}


def _clean(column: str) -> pl.Expr:
    out = pl.col(column).str.normalize("NFKC").str.replace_all(r"\s+", "")
    return pl.when(out.str.len_chars() > 0).then(out)


def _key(column: str) -> pl.Expr:
    """A value as the importer's vocabularies compare it: width-folded, no spaces or punctuation, lower case."""
    out = _clean(column).str.replace_all(VALUE_PUNCTUATION_PATTERN, "").str.to_lowercase()
    return pl.when(out.str.len_chars() > 0).then(out)


def _date(column: str) -> pl.Expr:
    text = pl.col(column).str.normalize("NFKC").str.strip_chars()
    serial = pl.when(text.str.contains(r"^\d{5}(\.\d+)?$")).then(
        pl.date(1899, 12, 30) + pl.duration(days=text.cast(pl.Float64, strict=False).floor().cast(pl.Int64)))
    compact = pl.when(text.str.contains(r"^\d{8}$")).then(text.str.strptime(pl.Date, "%Y%m%d", strict=False))
    dashed = (text.str.replace(r"[ T]\d{1,2}:\d{2}(:\d{2})?$", "").str.replace_all(r"[年月/.]", "-")
              .str.replace(r"[日号]$", ""))
    iso = pl.when(dashed.str.contains(r"^\d{4}-\d{1,2}-\d{1,2}$")).then(
        dashed.str.strptime(pl.Date, "%Y-%-m-%-d", strict=False))
    parsed = pl.coalesce(serial, compact, iso)
    return pl.when(parsed.is_between(pl.date(1980, 1, 1), pl.date(2100, 12, 31))).then(parsed)


def on_distinct(frame: pl.DataFrame, column: str, expr: pl.Expr) -> pl.Series:
    """``expr`` (over ``pl.col(column)``) for each row, computed once per distinct value when the column
    has few of them (names, outcomes, dates), directly otherwise (案号)."""
    series = frame.get_column(column)
    distinct = series.drop_nulls().unique()
    if distinct.len() * 2 > series.len():
        return frame.select(expr).to_series()
    results = distinct.to_frame(column).select(expr).to_series()
    return series.replace_strict(distinct, results, default=None, return_dtype=results.dtype)


def prepare_with_polars(data: bytes, resolvers: Resolvers) -> pl.DataFrame:
    """The valid, deduplicated rows of the ledger, as the pandas baseline computes them."""
    utf8 = data.decode("gb18030").encode("utf-8") if not data.startswith(b"\xef\xbb\xbf") else data[3:]
    width = max(len(r) for r in csv.reader(utf8[:256 * 1024].decode("utf-8", "ignore").splitlines()[:500]))
    names = [f"c{i}" for i in range(width)]
    grid = pl.read_csv(io.BytesIO(utf8), has_header=False, infer_schema=False, truncate_ragged_lines=True,
                       schema={n: pl.String for n in names}, missing_columns="insert")
    grid = grid.with_columns(pl.when(pl.col(n) != "").then(pl.col(n)).alias(n) for n in names)  # "" is missing
    maps = default_mappings()
    lookup = maps.header_lookup("litigation")
    head = grid.head(30).rows()
    header_row = next(i for i, row in enumerate(head) if sum(header_key(v) in lookup for v in row if v) >= 2)
    court = next(v.split("：")[1].split(",")[0] for row in head[:header_row] for v in row
                 if v and v.startswith("填报单位"))
    columns = {n: lookup[header_key(v)] for n, v in zip(names, head[header_row], strict=True)
               if v and header_key(v) in lookup}
    body = grid.slice(header_row + 1).with_row_index("source_row", offset=header_row + 2)
    first = pl.coalesce(*names).str.replace_all(r"\s+", "").fill_null("")
    blank = pl.all_horizontal(pl.col(c).is_null() for c in columns)
    skip = first.str.contains(r"^(合计|小计|总计|共计)") | first.str.contains(r"^(注|说明|备注)([:：\d]|$)") | blank
    records = body.filter(~skip).rename(columns)
    cn = _clean("case_number").str.replace_all(r"[\(\[〔【﹝（]", "（").str.replace_all(r"[\)\]〕】﹞）]", "）")
    codes = "(" + "|".join(TYPE_CODES) + r")(?:字第|字)?\d"
    defendants = records.get_column("defendant").unique().to_frame().select(_clean("defendant")).to_series().drop_nulls()
    towns = records.get_column("township").unique().to_frame().select(_clean("township")).to_series().drop_nulls()
    unit_ids = {n: resolvers.units.resolve(n) for n in defendants.to_list()}
    town_ids = {n: resolvers.townships.resolve(n) for n in towns.to_list()}
    def distinct(column: str, expr: pl.Expr, name: str) -> pl.Series:
        return on_distinct(records, column, expr).alias(name)

    out = records.select("source_row").with_columns(
        records.select(cn.alias("case_number")).to_series(),
        records.select(pl.col("case_number").str.strip_chars().alias("case_number_raw")).to_series(),
        pl.lit(court).alias("court"),
        distinct("plaintiff", pl.col("plaintiff").str.normalize("NFKC").str.strip_chars(), "plaintiff"),
        distinct("cause", pl.col("cause").str.normalize("NFKC").str.strip_chars(), "cause"),
        *(distinct(f, _date(f), f) for f in ("filed_on", "hearing_on", "closed_on")),
        *(records.get_column(f).is_not_null().alias(f"{f}__given") for f in ("filed_on", "hearing_on", "closed_on")),
        distinct("outcome", pl.col("outcome").str.strip_chars(), "outcome_raw"),
        distinct("outcome", _key("outcome").replace_strict(maps.values["litigation_outcome"], default=None),
                 "outcome"),
        distinct("appearance", pl.col("appearance").str.strip_chars(), "appearance_raw"),
        distinct("appearance", _key("appearance").replace_strict(maps.values["appearance"], default=None),
                 "appearance"),
        distinct("defendant", pl.col("defendant").str.strip_chars(), "defendant_raw"),
        distinct("defendant", _clean("defendant").replace_strict(unit_ids, default=None, return_dtype=pl.Int64),
                 "defendant_unit_id"),
        distinct("township", pl.col("township").str.strip_chars(), "township_raw"),
        distinct("township", _clean("township").replace_strict(town_ids, default=None, return_dtype=pl.Int64),
                 "township_id"),
        pl.lit(resolvers.region_id, pl.Int64).alias("region_id"),
    ).with_columns(
        pl.col("case_number").str.extract(codes, 1).replace_strict(TYPE_CODES, default="other").alias("instance"),
        pl.col("case_number").str.extract(r"^（(\d{4})）", 1).cast(pl.Int64, strict=False).alias("case_year"),
    )
    bad = (pl.col("case_number").is_null()
           | pl.any_horizontal(pl.col(f"{f}__given") & pl.col(f).is_null()
                               for f in ("filed_on", "hearing_on", "closed_on"))
           | (pl.col("closed_on") < pl.col("filed_on")).fill_null(False))
    valid = out.filter(~bad).drop(pl.selectors.ends_with("__given"))
    return valid.unique(subset=["court", "case_number"], keep="last", maintain_order=True)


def import_floor(db_path: Path, path: Path, resolvers: Resolvers) -> int:
    """Prepare in Polars and ingest with ADBC into a new, unindexed ``litigation_case`` table of a fresh file."""
    valid = prepare_with_polars(path.read_bytes(), resolvers)
    with adbc.connect(str(db_path)) as conn, conn.cursor() as cursor:
        cursor.adbc_ingest("litigation_case", valid.to_arrow(), mode="create")
        conn.commit()
    return valid.height
