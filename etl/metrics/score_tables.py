"""The assessment as tables for documents: each category's score matrix and the list of bonuses,
deductions and vetoes with their reasons (the briefing's annex 考核得分明细)."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from etl.metrics.breakdown import breakdown_rows, item_label
from etl.metrics.scheme import Scheme, SchemeItem


def score_matrix(ranking: pl.DataFrame, scheme: Scheme, category: str,
                 label: Callable[[SchemeItem], str] = item_label) -> pl.DataFrame:
    """名次, 名称, each indicator's points, 基础得分, 加分, 扣分, 得分 of one category (rank order).

    The indicator points add up to 基础得分, and 基础得分 + 加分 − 扣分 = 得分 (0 when vetoed)."""
    rows = ranking.filter(pl.col("category") == category)
    return rows.select(
        pl.col("rank").alias("名次"), pl.col("group_name").alias("名称"),
        *(pl.col(f"{i.slug}__score").alias(label(i)) for i in scheme.items),
        pl.col("base_score").alias("基础得分"), pl.col("bonus").alias("加分"), pl.col("deduction").alias("扣分"),
        pl.col("score").alias("得分"))


def adjustments(ranking: pl.DataFrame, scheme: Scheme, events: pl.DataFrame, by: str = "unit",
                min_cases: int = 3) -> pl.DataFrame:
    """名称, 类别, 事项, 说明, 分值: every conditional bonus earned (双下降), deduction taken, event and veto,
    from the breakdown. Per-record bonuses (每件加分) are left to the 加分 column: listing every resolved
    dispute would drown the deductions that a reader looks for."""
    column = "unit_id" if by == "unit" else "township_id"
    per_record = {f"加分：{b.name}" for b in scheme.bonuses if b.key is not None}
    out = []
    for row in ranking.iter_rows(named=True):
        mine = events.filter(pl.col(column) == row["group_id"])
        for line in breakdown_rows(row, scheme, mine, min_cases):
            if line["item"] in per_record:
                continue
            if line["section"] in ("bonus", "event", "veto") and line["points"]:
                out.append((row["group_name"], row["category"], line["item"], line["value"] or line["why"],
                            line["points"]))
            elif line["section"] == "event":  # an event past the cap, or a veto event: still named
                out.append((row["group_name"], row["category"], line["item"], line["value"], line["points"]))
    return pl.DataFrame(out, orient="row", schema={"名称": pl.String, "类别": pl.String, "事项": pl.String,
                                                   "说明": pl.String, "分值": pl.Float64})
