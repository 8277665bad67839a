"""How one ledger points at another, decided in one place and at read time (so the order of imports
does not matter):

- a 双清单 task names the meeting that agreed it by the meeting's name or its 纪要文号 (in its 来源会议
  column, alone or inside a longer text such as “第一次联席会议纪要（河府院联纪〔2025〕1号）”);
- a key case (重点案件) names a lawsuit by its 案号 or a dispute by its 编号, which marks it as key.

References are compared without spaces and brackets of any style: ledgers write 〔〕, （）, () and []
for the same 文号 or 案号, and nothing else in a reference distinguishes two documents.
"""

from __future__ import annotations

import polars as pl

_IGNORED = r"[\s()\[\]（）〔〕【】﹝﹞{}]"
#: A document number inside free text: issuer characters, a bracketed year, a number and 号.
_DOCUMENT_NUMBER = r"([\u4e00-\u9fffA-Za-z]*[\(\[（〔【﹝]\d{4}[\)\]）〕】﹞]\d+号)"

MEETING_ID = "meeting_id"


def comparable(expr: pl.Expr) -> pl.Expr:
    """A reference as it is compared: width-folded, without spaces or brackets; empty → null."""
    text = expr.cast(pl.String).str.normalize("NFKC").str.replace_all(_IGNORED, "")
    return pl.when(text.str.len_chars() > 0).then(text)


def _meeting_keys(meetings: pl.DataFrame) -> pl.DataFrame:
    """Every spelling a task may use for a meeting: its name and its 纪要文号."""
    base = meetings.select(pl.col("id").alias(MEETING_ID), pl.col("region_id").alias("_meeting_region"),
                           pl.col("name"), pl.col("minutes_no"))
    keys = pl.concat([base.select(MEETING_ID, "_meeting_region", comparable(pl.col(c)).alias("_key"))
                      for c in ("name", "minutes_no")])
    return keys.drop_nulls("_key").unique(["_key", MEETING_ID], keep="first", maintain_order=True)


def link_tasks_to_meetings(tasks: pl.DataFrame, meetings: pl.DataFrame) -> pl.DataFrame:
    """``tasks`` with ``meeting_id``: the meeting whose name, or whose 纪要文号, the task's 来源会议 is or
    contains; null when it names none of the register. Where a spelling is shared by meetings of two
    counties (a city database), the meeting of the task's own county wins."""
    keys = _meeting_keys(meetings)
    candidates = tasks.select(
        "id", "region_id", comparable(pl.col("meeting")).alias("_whole"),
        comparable(pl.col("meeting").cast(pl.String).str.extract(_DOCUMENT_NUMBER, 1)).alias("_number"))
    found = pl.concat([
        candidates.join(keys, left_on=column, right_on="_key", how="inner").select(
            "id", MEETING_ID, pl.lit(rank).alias("_rank"),
            (pl.col("_meeting_region") == pl.col("region_id")).fill_null(False).alias("_same_region"))
        for rank, column in enumerate(("_whole", "_number"))])
    best = (found.sort(["id", "_same_region", "_rank", MEETING_ID], descending=[False, True, False, False])
            .unique("id", keep="first", maintain_order=True).select("id", MEETING_ID))
    return tasks.join(best, on="id", how="left", maintain_order="left")


def key_references(key_cases: pl.DataFrame) -> pl.DataFrame:
    """(comparable reference, key case id) of every key case."""
    return (key_cases.select(comparable(pl.col("reference")).alias("_key"), pl.col("id").alias("key_case_id"))
            .drop_nulls("_key").unique("_key", keep="first", maintain_order=True))


#: The column of each ledger a key case's 编号 may name.
KEY_LINKED_COLUMNS = {"litigation": "case_number", "disputes": "reference"}


def mark_key_cases(records: pl.DataFrame, key_cases: pl.DataFrame, table: str) -> pl.DataFrame:
    """``records`` of a lawsuit or dispute ledger with ``is_key`` (named by a key case) and ``key_case_id``."""
    column = KEY_LINKED_COLUMNS[table]
    keys = key_references(key_cases)
    marked = (records.with_columns(comparable(pl.col(column)).alias("_key"))
              .join(keys, on="_key", how="left", maintain_order="left").drop("_key"))
    return marked.with_columns(pl.col("key_case_id").is_not_null().alias("is_key"))
