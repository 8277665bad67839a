"""League tables and follow-up lists of the briefing's annexes, from the indicator layer's frames.

Ranks and scores are those of ``etl.metrics.rank``: the annex prints the order the 排名 page shows.
Names are the short names the database holds; cells are written by ``etl.wording``. A rate over
fewer records than ``rate_min_records`` is printed as its counts (1/9), not as a per cent.
"""

from __future__ import annotations

import polars as pl

from etl.briefing.model import Table
from etl.metrics import INDICATORS_BY_KEY
from etl.wording.changes import count_change
from etl.wording.labels import short_label
from etl.wording.numbers import percent

UNIT_COLUMNS = ("litigation_cases", "loss_rate", "head_appearance_rate", "reconsideration_correction_rate",
                "recommendation_adoption_rate", "task_on_time_rate")
TOWNSHIP_COLUMNS = ("litigation_cases", "loss_rate", "head_appearance_rate", "substantive_resolution_rate")


def rate_note(min_records: int) -> str:
    return (f"注：“—”表示不适用（比率的分母为零）；分母不足{min_records}件的比率以“分子/分母”列示；同比为发案量"
            f"较去年同期的变化（去年同期不足{min_records}件的按件数）；得分和排名按年度考核方案计算，未参评单位列于最后。")


def cell(row: dict[str, object], key: str, min_records: int) -> str:
    """A table cell: a count, a rate, its counts when too few for a rate, or "—" (not applicable)."""
    value = row[key]
    if value is None:
        return "—"
    if not INDICATORS_BY_KEY[key].is_rate:
        return str(int(value))  # type: ignore[call-overload]
    den = int(row[f"{key}__den"] or 0)  # type: ignore[call-overload]
    if den < min_records:
        return f"{row[f'{key}__num']}/{den}"
    return percent(float(value))  # type: ignore[arg-type]


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".removesuffix(".0")


def _rank_move(change: int | None) -> str:
    if change is None:
        return "—"
    return "持平" if change == 0 else (f"↑{change}" if change > 0 else f"↓{-change}")


def ranked_rows(grouped: pl.DataFrame, ranking: pl.DataFrame) -> pl.DataFrame:
    """Every member of the grouping by assessment category (the scheme's order), in rank order; members
    without a rank follow by name, and members the scheme does not assess (category null) come last."""
    order = {c: n for n, c in enumerate(ranking["category"].unique(maintain_order=True).to_list())}
    ranks = ranking.select("group_id", "category", "rank", "score", "rank_change").with_columns(
        pl.col("category").replace_strict(order, return_dtype=pl.Int64).alias("_order"))
    return (grouped.join(ranks, on="group_id", how="left")
            .sort(["_order", "rank", "group_name"], nulls_last=True).drop("_order"))


def by_category(rows: pl.DataFrame) -> list[tuple[str | None, pl.DataFrame]]:
    """:func:`ranked_rows` split by category, in order; members not assessed (null) last, if any."""
    return [(category, rows.filter(pl.col("category").eq_missing(category)))
            for category in rows["category"].unique(maintain_order=True).to_list()]


def has_figures(rows: pl.DataFrame, keys: tuple[str, ...]) -> pl.Series:
    """Whether a row has anything to show: a case filed, a year-earlier case, or a rate's denominator."""
    exprs = [pl.col(k).fill_null(0) > 0 if not INDICATORS_BY_KEY[k].is_rate else pl.col(f"{k}__den").fill_null(0) > 0
             for k in keys]
    exprs.append(pl.col("litigation_cases__previous").fill_null(0) > 0)
    return rows.select(pl.any_horizontal(exprs)).to_series()


def league_table(title: str, rows: pl.DataFrame, keys: tuple[str, ...], name_header: str,
                 names: dict[int, str], min_records: int) -> Table:
    """Ranked rows with figures; members with no figure at all are named in the note, not as rows."""
    shown = rows.filter(has_figures(rows, keys))
    quiet = rows.filter(~has_figures(rows, keys))
    columns = ["排名", name_header]
    for key in keys:
        columns.append(short_label(key))
        if key == "litigation_cases":
            columns.append("同比")
    columns += ["得分", "名次变化"]
    out = []
    for row in shown.iter_rows(named=True):
        cells = ["—" if row["rank"] is None else str(row["rank"]), names.get(row["group_id"], row["group_name"])]
        for key in keys:
            cells.append(cell(row, key, min_records))
            if key == "litigation_cases":
                cells.append(count_change(row[key], row[f"{key}__previous"], min_records=min_records))
        cells += [_score(row["score"]), _rank_move(row["rank_change"])]
        out.append(tuple(cells))
    note = rate_note(min_records)
    if quiet.height:
        listed = "、".join(names.get(g, n) for g, n in zip(quiet["group_id"], quiet["group_name"], strict=True))
        note += f"本期无相关案件和事项的{quiet.height}个{name_header}未列入：{listed}。"
    numeric = tuple(c not in {name_header, "名次变化"} for c in columns)
    return Table(title, tuple(columns), tuple(out), numeric, note)


def overdue_task_rows(tasks: pl.DataFrame, names: dict[int, str]) -> tuple[tuple[str, ...], ...]:
    return tuple((names.get(r["unit_id"]) or r["lead_unit_raw"] or "（未匹配单位）", r["content"] or "",
                  str(r["deadline"]), "—" if r["completed_on"] is None else str(r["completed_on"]),
                  f"{r['days_overdue']}天")
                 for r in tasks.iter_rows(named=True))


def open_recommendation_rows(recs: pl.DataFrame, names: dict[int, str]) -> tuple[tuple[str, ...], ...]:
    kinds = {"judicial": "司法建议", "procuratorial": "检察建议"}
    return tuple((names.get(r["unit_id"]) or r["addressee_raw"] or "（未匹配单位）", kinds.get(r["kind"], r["kind"] or ""),
                  r["reference"] or "", "—" if r["due_on"] is None else str(r["due_on"]),
                  f"逾期{r['days_overdue']}天" if r["overdue"] else "未到期")
                 for r in recs.iter_rows(named=True))
