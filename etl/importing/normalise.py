"""Vectorised normalisation of raw ledger cells (Polars expressions, no per-row Python).

Canonical 案号 form: brackets are the full-width （） of the official format — （2024）豫0928行初15号 —
whatever the ledger used ((), （）, 〔〕, [], 【】); full-width digits and letters become half-width.
Every function here is idempotent: normalising a normalised value changes nothing.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.db.models import Instance
from etl.mappings import VALUE_PUNCTUATION_PATTERN
from etl.years import EARLIEST_YEAR, LATEST_YEAR

# Longest code first, so 行审复 is not read as 行审 nor 行赔初 as anything shorter (docs/domain.md).
TYPE_CODES: tuple[tuple[str, str], ...] = (
    ("行赔初", Instance.FIRST), ("行赔终", Instance.SECOND), ("行审复", Instance.NON_LITIGATION),
    ("行初", Instance.FIRST), ("行终", Instance.SECOND), ("行申", Instance.RETRIAL), ("行再", Instance.RETRIAL),
    ("行监", Instance.RETRIAL), ("行抗", Instance.RETRIAL), ("行审", Instance.NON_LITIGATION),
    ("行他", Instance.OTHER),
)
_TYPE_PATTERN = "(" + "|".join(code for code, _ in TYPE_CODES) + r")(?:字第|字)?\d"
_OPEN = r"[\(\[〔【﹝（]"
_CLOSE = r"[\)\]〕】﹞）]"
_SPACES = r"[\s\x1c-\x1f]+"  # Python's \s (etl.names) also counts the ASCII separators 0x1C–0x1F


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Width-folded and trimmed; empty → null. For free text (plaintiff, cause, content)."""
    text = expr.str.normalize("NFKC").str.strip_chars().str.normalize("NFKC")
    return pl.when(text.str.len_chars() > 0).then(text)


def clean_name(expr: pl.Expr) -> pl.Expr:
    """Width-folded with every whitespace removed, exactly as :func:`etl.names.normalise_text` does.

    NFKC runs again after removing spaces: NFKC can leave a space before a combining mark (¸ → " ̧"),
    and once the space is gone the mark composes with the letter before it; without the second pass
    normalising twice would differ from normalising once.
    """
    text = expr.str.normalize("NFKC").str.replace_all(_SPACES, "").str.normalize("NFKC")
    return pl.when(text.str.len_chars() > 0).then(text)


def raw_text(expr: pl.Expr) -> pl.Expr:
    """The spelling as typed (trimmed), kept next to resolved ids so nothing is lost."""
    text = expr.str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text)


def case_number(expr: pl.Expr) -> pl.Expr:
    """Canonical 案号: half-width digits, no spaces, brackets （）."""
    return _brackets(clean_name(expr))


def _brackets(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace_all(_OPEN, "（").str.replace_all(_CLOSE, "）")


#: 案号 made only of ASCII letters and digits, CJK unified ideographs and brackets: NFKC leaves every
#: such character alone except （）→() and ﹝﹞→〔〕, which the bracket step turns into （） anyway, and
#: there is no space to remove, so :func:`case_number` is just the bracket step (most ledgers' 案号).
_PLAIN_CASE_NUMBER = r"^[0-9A-Za-z\u4e00-\u9fff()\[\]（）〔〕【】﹝﹞]+$"


def case_numbers(series: pl.Series) -> pl.Series:
    """:func:`case_number` of a whole column, with the Unicode normalisation only where it can matter.

    NFKC is the costliest step of a large import; a typical ledger's 案号 never need it.
    """
    frame = series.to_frame("v").with_row_index("i")
    plain = pl.col("v").str.contains(_PLAIN_CASE_NUMBER).fill_null(False)
    fast = frame.filter(plain).select("i", _brackets(pl.col("v")).alias("v"))
    slow = frame.filter(~plain).select("i", case_number(pl.col("v")).alias("v"))
    return pl.concat([fast, slow]).sort("i").get_column("v").alias(series.name)


def case_type_code(normalised: pl.Expr) -> pl.Expr:
    return normalised.str.extract(_TYPE_PATTERN, 1)


def court_code(normalised: pl.Expr) -> pl.Expr:
    """The court code of a canonical 案号: （2025）豫0926行初12号 → 豫0926, （2025）豫09行终3号 → 豫09,
    （2025）豫行终1号 → 豫 (the high court), （2025）最高法行申5号 → 最高法; null when there is none."""
    return normalised.str.extract(r"^（\d{4}）(最高法|[\p{Han}]\d*)行", 1)


def case_year(normalised: pl.Expr) -> pl.Expr:
    return normalised.str.extract(r"^（(\d{4})）", 1).cast(pl.Int32, strict=False)


def instance_from_code(code: pl.Expr) -> pl.Expr:
    mapping = {c: str(i) for c, i in TYPE_CODES}
    return code.replace_strict(mapping, default=str(Instance.OTHER), return_dtype=pl.String)


def parse_date(expr: pl.Expr) -> pl.Expr:
    """Date cells, Excel serials, 2025-3-5, 2025/3/5, 2025.03.05, 2025年3月5日, 20250305 → Date."""
    text = expr.str.normalize("NFKC").str.strip_chars()
    serial_text = text.str.extract(r"^(\d{5})(?:\.\d+)?$", 1)
    serial = pl.date(1899, 12, 30) + pl.duration(days=serial_text.cast(pl.Int64, strict=False))
    compact = pl.when(text.str.contains(r"^\d{8}$")).then(text.str.strptime(pl.Date, "%Y%m%d", strict=False))
    dashed = (text.str.replace(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "")
              .str.replace_all(r"\s", "").str.replace_all(r"[年月/.]", "-").str.replace(r"[日号]$", ""))
    iso = pl.when(dashed.str.contains(r"^\d{4}-\d{1,2}-\d{1,2}$")).then(
        dashed.str.strptime(pl.Date, "%Y-%m-%d", strict=False))
    parsed = pl.coalesce(pl.when(serial_text.is_not_null()).then(serial), compact, iso)
    return pl.when(parsed.is_between(dt.date(EARLIEST_YEAR, 1, 1), dt.date(LATEST_YEAR, 12, 31))).then(parsed)


def vocabulary_key(expr: pl.Expr) -> pl.Expr:
    """:func:`etl.mappings.vocabulary_key` as an expression: no spaces, no punctuation."""
    text = clean_name(expr).str.replace_all(VALUE_PUNCTUATION_PATTERN, "").str.to_lowercase()
    return pl.when(text.str.len_chars() > 0).then(text)


def map_vocabulary(expr: pl.Expr, table: dict[str, str]) -> pl.Expr:
    """Raw wording → vocabulary code through the mappings; unknown wording → null (the row is held)."""
    return vocabulary_key(expr).replace_strict(table, default=None, return_dtype=pl.String)


def parse_bool(expr: pl.Expr, table: dict[str, str]) -> pl.Expr:
    return map_vocabulary(expr, table).replace_strict({"true": True, "false": False}, default=None,
                                                      return_dtype=pl.Boolean)


def parse_int(expr: pl.Expr) -> pl.Expr:
    return clean_name(expr).str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)


def parse_number(expr: pl.Expr) -> pl.Expr:
    """A target value: '2%' → 0.02, '0.02' → 0.02, '120' → 120.0."""
    text = clean_name(expr)
    percent = text.str.ends_with("%")
    number = text.str.strip_chars_end("%").cast(pl.Float64, strict=False)
    return pl.when(percent).then(number / 100).otherwise(number)
