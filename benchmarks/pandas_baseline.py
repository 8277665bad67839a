"""The same litigation import written plainly with pandas: the benchmark's baseline.

Same steps as etl.importing for a litigation CSV: detect the encoding, find the header row, map
synonyms, skip blank/合计/注 rows, normalise (NFKC, 案号 brackets, type code → instance, dates in the
five spellings and Excel serials, yes/no, outcomes), resolve unit/township names through the same
NameResolver, validate, keep the last of duplicate keys, then insert in one transaction with one
import_batch row — the way a pandas user would: vectorised ``.str`` methods, ``DataFrame.to_sql``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from etl.db.engine import make_engine
from etl.db.models import BatchChange, ImportBatch, LitigationCase
from etl.importing.context import load_resolvers
from etl.mappings import VALUE_PUNCTUATION_PATTERN, default_mappings, header_key

TYPE_CODES = {"行赔初": "first", "行赔终": "second", "行审复": "non_litigation", "行初": "first", "行终": "second",
              "行申": "retrial", "行再": "retrial", "行监": "retrial", "行抗": "retrial", "行审": "non_litigation",
              "行他": "other"}


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _clean(s: pd.Series) -> pd.Series:
    out = s.str.normalize("NFKC").str.replace(r"\s+", "", regex=True)
    return out.where(out.str.len() > 0)


def _key(s: pd.Series) -> pd.Series:
    out = _clean(s).str.replace(VALUE_PUNCTUATION_PATTERN, "", regex=True).str.lower()
    return out.where(out.str.len() > 0)


def _dates(s: pd.Series) -> pd.Series:
    text = s.str.normalize("NFKC").str.strip()
    serial = pd.to_numeric(text.where(text.str.fullmatch(r"\d{5}(\.\d+)?", na=False)), errors="coerce")
    from_serial = pd.to_datetime(serial, unit="D", origin="1899-12-30", errors="coerce")
    compact = pd.to_datetime(text.where(text.str.fullmatch(r"\d{8}", na=False)), format="%Y%m%d", errors="coerce")
    dashed = (text.str.replace(r"[ T]\d{1,2}:\d{2}(:\d{2})?$", "", regex=True)
              .str.replace(r"[年月/.]", "-", regex=True).str.replace(r"[日号]$", "", regex=True))
    iso = pd.to_datetime(dashed.where(dashed.str.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", na=False)),
                         format="%Y-%m-%d", errors="coerce")
    parsed = from_serial.fillna(compact).fillna(iso)
    return parsed.where((parsed >= "1980-01-01") & (parsed <= "2100-12-31")).dt.date


def import_with_pandas(db_url: str, path: Path) -> int:
    data = path.read_bytes()
    text = _decode(data)
    width = max(len(r) for r in csv.reader(text.splitlines()[:500]))
    grid = pd.read_csv(io.StringIO(text), header=None, names=list(range(width)), dtype=str,
                       skip_blank_lines=False, keep_default_na=False, na_values=[""])
    maps = default_mappings()
    lookup = maps.header_lookup("litigation")
    header_row = next(i for i in range(30) if sum(header_key(str(v)) in lookup for v in grid.iloc[i]
                                                 if isinstance(v, str)) >= 2)
    court = next(str(v).split("：")[1].split(",")[0] for i in range(header_row) for v in grid.iloc[i]
                 if isinstance(v, str) and v.startswith("填报单位"))
    columns = {c: lookup[header_key(v)] for c, v in grid.iloc[header_row].items()
               if isinstance(v, str) and header_key(v) in lookup}
    body = grid.iloc[header_row + 1:].copy()
    body["source_row"] = range(header_row + 2, header_row + 2 + len(body))
    first = body[list(range(width))].bfill(axis=1).iloc[:, 0].fillna("").str.replace(r"\s+", "", regex=True)
    blank = body[list(columns)].isna().all(axis=1)
    skip = first.str.match(r"^(合计|小计|总计|共计)") | first.str.match(r"^(注|说明|备注)([:：\d]|$)") | blank
    records = body[~skip].rename(columns=columns)
    out = pd.DataFrame({"source_row": records["source_row"]})
    cn = _clean(records["case_number"]).str.replace(r"[\(\[〔【﹝（]", "（", regex=True).str.replace(
        r"[\)\]〕】﹞）]", "）", regex=True)
    out["case_number"], out["case_number_raw"] = cn, records["case_number"].str.strip()
    out["type_code"] = cn.str.extract("(" + "|".join(TYPE_CODES) + r")(?:字第|字)?\d", expand=False)
    out["instance"] = out["type_code"].map(TYPE_CODES).fillna("other")
    out["case_year"] = pd.to_numeric(cn.str.extract(r"^（(\d{4})）", expand=False), errors="coerce").astype("Int64")
    out["court"] = court
    out["plaintiff"] = records["plaintiff"].str.normalize("NFKC").str.strip()
    out["cause"] = records["cause"].str.normalize("NFKC").str.strip()
    for f in ("filed_on", "hearing_on", "closed_on"):
        out[f] = _dates(records[f])
    out["outcome_raw"] = records["outcome"].str.strip()
    out["outcome"] = _key(records["outcome"]).map(maps.values["litigation_outcome"])
    # Values are matched like the importer's vocabulary keys (no punctuation, lower case); an unknown one
    # is held (kept raw, code null), not rejected.
    out["appearance_raw"] = records["appearance"].str.strip()
    out["appearance"] = _key(records["appearance"]).map(maps.values["appearance"])
    resolvers = None
    engine = make_engine(db_url)
    with engine.begin() as conn:
        resolvers = load_resolvers(conn)
        out["defendant_raw"] = records["defendant"].str.strip()
        names = _clean(records["defendant"])
        out["defendant_unit_id"] = names.map({n: resolvers.units.resolve(n) for n in names.dropna().unique()}).astype("Int64")
        out["township_raw"] = records["township"].str.strip()
        towns = _clean(records["township"])
        out["township_id"] = towns.map({n: resolvers.townships.resolve(n) for n in towns.dropna().unique()}).astype("Int64")
        out["region_id"] = resolvers.region_id
        bad = (out["case_number"].isna() | (records["filed_on"].notna() & out["filed_on"].isna())
               | (records["hearing_on"].notna() & out["hearing_on"].isna())
               | (records["closed_on"].notna() & out["closed_on"].isna())
               | (out["closed_on"] < out["filed_on"]).fillna(False))
        valid = out[~bad].drop_duplicates(subset=["court", "case_number"], keep="last")
        batch_id = conn.execute(ImportBatch.__table__.insert().values(
            file_name=path.name, sha256=hashlib.sha256(data).hexdigest(), kind="litigation", rows_read=len(body),
            accepted=len(valid), duplicates=int((~bad).sum()) - len(valid), skipped=int(skip.sum()),
            rejected=int(bad.sum()))).inserted_primary_key[0]
        first_id = (conn.execute(select(func.max(LitigationCase.id))).scalar() or 0) + 1
        valid = valid.assign(batch_id=batch_id, id=range(first_id, first_id + len(valid)))
        valid.to_sql("litigation_case", conn, if_exists="append", index=False, chunksize=50_000)
        conn.execute(BatchChange.__table__.insert().values(batch_id=batch_id, table_name="litigation_case",
                                                           row_id=first_id, action="insert",
                                                           previous={"through_id": first_id + len(valid) - 1}))
    engine.dispose()
    return len(valid)
