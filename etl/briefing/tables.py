"""League tables and follow-up lists of the briefing, from the indicator layer's frames.

Ranks, scores and warnings are those of ``etl.metrics.rank`` / ``compute_warnings``: the briefing
prints the same order the 排名 page shows.
"""

from __future__ import annotations

import polars as pl

from etl.briefing.phrasing import count_change, format_percent
from etl.metrics import INDICATORS_BY_KEY

UNIT_COLUMNS = ("litigation_cases", "loss_rate", "head_appearance_rate", "reconsideration_correction_rate",
                "recommendation_adoption_rate", "task_on_time_rate")
TOWNSHIP_COLUMNS = ("litigation_cases", "loss_rate", "head_appearance_rate", "substantive_resolution_rate")
SHORT_LABELS = {
    "litigation_cases": "发案量", "loss_rate": "败诉率", "head_appearance_rate": "出庭应诉率",
    "reconsideration_correction_rate": "复议纠错率", "recommendation_adoption_rate": "建议落实率",
    "task_on_time_rate": "任务按期完成率", "substantive_resolution_rate": "实质性化解率",
    "pre_litigation_mediation_rate": "诉前调解成功率", "pre_enforcement_settlement_rate": "执前和解成功率",
    "reconsideration_settlement_rate": "复议调解和解率",
}
RATE_NOTE = "注：“—”表示不适用（比率的分母为零）或无可比数据；同比为发案量较去年同期的相对变化；得分和排名按年度考核方案计算。"


def cell(value: float | int | None, key: str) -> str:
    """A table cell; a not-applicable rate is "—" (explained in the table note) to keep columns narrow."""
    if value is None:
        return "—"
    return format_percent(float(value)) if INDICATORS_BY_KEY[key].is_rate else str(int(value))


def compact_count_change(current: int | None, previous: int | None) -> str:
    """The 同比 column: same wording rules as the prose, shortened for a table cell."""
    if current is None or previous is None:
        return "—"
    if previous == 0 and current > 0:
        return f"新增{current}件"
    return count_change(current, previous).removeprefix("同比")


def short_name(name: str, region: str | None) -> str:
    """示范县自然资源局 → 自然资源局 inside the region's own tables, where the prefix says nothing."""
    if region and name.startswith(region) and len(name) > len(region) + 1:
        return name[len(region):]
    return name


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".removesuffix(".0")


def ranked_rows(grouped: pl.DataFrame, ranking: pl.DataFrame) -> pl.DataFrame:
    """Every member of the grouping, in rank order; members without a rank follow by name."""
    ranks = ranking.select("group_id", "rank", "score", "rank_change")
    return (grouped.join(ranks, on="group_id", how="left")
            .sort(["rank", "group_name"], nulls_last=True))


def _rank_move(change: int | None) -> str:
    if change is None:
        return "—"
    return "持平" if change == 0 else (f"↑{change}" if change > 0 else f"↓{-change}")


def league_rows(rows: pl.DataFrame, keys: tuple[str, ...], region: str | None = None) -> tuple[tuple[str, ...], ...]:
    out = []
    for row in rows.iter_rows(named=True):
        cells = ["—" if row["rank"] is None else str(row["rank"]), short_name(row["group_name"], region)]
        for key in keys:
            cells.append(cell(row[key], key))
            if key == "litigation_cases":
                cells.append(compact_count_change(row[key], row[f"{key}__previous"]))
        cells += [_score(row["score"]), _rank_move(row["rank_change"])]
        out.append(tuple(cells))
    return tuple(out)


def league_columns(keys: tuple[str, ...], name_header: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    columns = ["排名", name_header]
    for key in keys:
        columns.append(SHORT_LABELS[key])
        if key == "litigation_cases":
            columns.append("同比")
    columns += ["得分", "名次变化"]
    numeric = tuple(c not in {name_header, "同比", "名次变化"} for c in columns)
    return tuple(columns), numeric


MEETING_COLUMNS = ("会议", "召开日期", "议定事项", "已完成", "其中按期", "逾期未完成")
MEETING_NUMERIC = (False, False, True, True, True, True)


def meeting_rows(meetings: pl.DataFrame, region: str | None) -> tuple[tuple[str, ...], ...]:
    """One row per meeting (``etl.metrics.decisions_by_meeting``): its decisions and how far they are."""
    return tuple((short_name(str(r["name"]), region) + ("" if r["registered"] else "（未入会议台账）"),
                  "—" if r["held_on"] is None else str(r["held_on"]), str(r["decisions"]), str(r["done"]),
                  str(r["done_on_time"]), str(r["overdue"]))
                 for r in meetings.iter_rows(named=True))


def overdue_task_rows(tasks: pl.DataFrame) -> tuple[tuple[str, ...], ...]:
    return tuple((r["unit_name"] or r["lead_unit_raw"] or "（未匹配单位）", r["content"] or "",
                  str(r["deadline"]), f"{r['days_overdue']}天")
                 for r in tasks.iter_rows(named=True))


def open_recommendation_rows(recs: pl.DataFrame) -> tuple[tuple[str, ...], ...]:
    kinds = {"judicial": "司法建议", "procuratorial": "检察建议"}
    return tuple((r["unit_name"] or r["addressee_raw"] or "（未匹配单位）", kinds.get(r["kind"], r["kind"] or ""),
                  r["reference"] or "", "—" if r["due_on"] is None else str(r["due_on"]),
                  f"逾期{r['days_overdue']}天" if r["overdue"] else "未到期")
                 for r in recs.iter_rows(named=True))
