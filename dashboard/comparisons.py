"""Comparing units and townships: the league table and its breakdown, townships against the county,
and the early-warning list — shaped for display from ``etl.metrics`` results, never recomputed."""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from dashboard import metrics_cache
from dashboard.charts.bars import MAX_SCORE_BARS
from dashboard.formatting import fmt_value
from dashboard.i18n import Lang
from dashboard.views import label, with_display_names
from etl.metrics import INDICATORS_BY_KEY, Facts, Filters, MetricsResult, Period, breakdown
from etl.metrics.scheme import Scheme


def ranking_filters(filters: Filters, by: str) -> Filters:
    """Rank every member of the ranked dimension: a selected unit (township) must not hide the others."""
    return replace(filters, unit_ids=()) if by == "unit" else replace(filters, township_ids=())


def ranking_with_labels(ranking: pl.DataFrame, facts: Facts, by: str) -> pl.DataFrame:
    return with_display_names(ranking, facts, by)


def rank_change_text(change: int | None, lang: Lang, ranked_before: bool = False) -> str:
    """↑2 / ↓1 / 持平; no change to show: 新 when the unit was not ranked in the previous period, "—" when
    it was but is not comparable now (no figures scored this period)."""
    if change is None:
        return "—" if ranked_before else ("新" if lang == "zh" else "new")
    if change == 0:
        return "持平" if lang == "zh" else "same"
    return f"↑{change}" if change > 0 else f"↓{-change}"


def ranked_only(ranking: pl.DataFrame) -> pl.DataFrame:
    """The groups that took a place: a group with nothing measured this period has no rank (未参评)."""
    return ranking.filter(pl.col("rank").is_not_null())


def unassessed_note(ranking: pl.DataFrame, by: str, lang: Lang) -> str | None:
    """One sentence on the groups left out of the places because nothing of theirs was measured."""
    n = ranking.height - ranked_only(ranking).height
    if n == 0:
        return None
    if lang == "zh":
        return (f"另有 {n} 个{'乡镇' if by == 'township' else '单位'}本期没有可考核的数据（案件为零或不足最低件数），"
                "不参与排名，列在排名表末尾，名次为空。")
    noun = ("township" if by == "township" else "unit") + ("s" if n != 1 else "")
    return (f"{n} more {noun} had nothing to assess this period (no cases, or fewer than the minimum) and take no "
            "place; they are listed at the end of the league table without a rank.")


def score_bars_note(ranking: pl.DataFrame, lang: Lang) -> str | None:
    """Says that the score chart shows only the top and bottom of a long ranking (``build_score_bars``)."""
    n = ranked_only(ranking).height
    if n <= MAX_SCORE_BARS:
        return None
    half = MAX_SCORE_BARS // 2
    if lang == "zh":
        return f"共 {n} 个参评，图中仅显示前 {half} 名和后 {MAX_SCORE_BARS - half} 名；完整名次见下方排名表。"
    return f"{n} ranked; the chart shows the top {half} and the bottom {MAX_SCORE_BARS - half}, the table all of them."


def categories(ranking: pl.DataFrame) -> list[str]:
    """The ranking's categories (县直部门, 乡镇(街道) …) in the scheme's order: ranks restart in each."""
    return ranking["category"].unique(maintain_order=True).to_list() if "category" in ranking.columns else []


def in_category(ranking: pl.DataFrame, category: str | None) -> pl.DataFrame:
    """One category's rows, in the ranking's own order (rank, then name), which every view keeps."""
    if category is None or "category" not in ranking.columns:
        return ranking
    return ranking.filter(pl.col("category") == category)


def red_black_lists(ranking: pl.DataFrame, lang: Lang, n: int = 3) -> tuple[pl.DataFrame, pl.DataFrame]:
    """红榜 (the first n places) and 黑榜 (the last n, worst first) of one category: rank, name, score.

    Ties are never cut: a unit tied with the n-th one is on the list too, since leaving it off would
    single out the others arbitrarily. With n or fewer units there is no 黑榜. Rows keep the ranking's
    order (rank, then name), the order of the chart and the league table.
    """
    headers = ("名次", "名称", "得分") if lang == "zh" else ("Rank", "Name", "Score")
    shaped = ranked_only(ranking).select(
        pl.col("rank").alias(headers[0]), pl.col("label").alias(headers[1]),
        pl.col("score").round(1).alias(headers[2]))
    if shaped.is_empty():
        return shaped, shaped
    ranks, place = shaped[headers[0]], pl.col(headers[0])
    red = shaped.filter(place <= ranks[min(n, shaped.height) - 1])
    if shaped.height <= n:
        return red, shaped.head(0)
    black = shaped.filter((place >= ranks[shaped.height - n]) & ~place.is_in(red[headers[0]].implode()))
    return red, black.reverse()


def league_table(ranking: pl.DataFrame, scheme: Scheme, lang: Lang) -> pl.DataFrame:
    """Rank, name, score, rank change, each indicator's points, base score, bonus, deductions and veto.

    The columns reconcile: the indicator points add up to the base score (weights of indicators that do
    not apply are spread over the others), and base + bonus − deductions is the score (0 when vetoed).
    """
    zh = lang == "zh"
    none = "—"
    columns = [
        pl.col("rank").alias("名次" if zh else "Rank"),
        pl.col("group_name").alias("名称" if zh else "Name"),
        pl.col("score").round(2).alias("得分" if zh else "Score"),
        pl.struct("rank_change", "previous_rank").map_elements(
            lambda r: rank_change_text(r["rank_change"], lang, r["previous_rank"] is not None),
            return_dtype=pl.String).alias("名次变化" if zh else "Change"),
    ]
    for item in scheme.items:
        # "—" where the indicator does not apply to the unit (its weight went to the others), not a blank.
        points = pl.col(f"{item.slug}__score").round(2)
        columns.append(pl.when(points.is_null()).then(pl.lit(none)).otherwise(points.cast(pl.String))
                       .alias(f"{label(item.key, lang)}（{item.weight:g}）"))
    columns += [
        pl.col("base_score").round(2).alias("基础得分" if zh else "Base score"),
        pl.col("bonus").round(2).alias("加分" if zh else "Bonus"),
        pl.col("deduction").round(2).alias("扣分" if zh else "Deductions"),
        pl.col("veto_reason").fill_null(none).alias("一票否决" if zh else "Veto"),
    ]
    return ranking.select(columns)


def score_breakdown(ranking: pl.DataFrame, scheme: Scheme, events: pl.DataFrame, group_id: int, lang: Lang,
                    by: str = "unit", min_cases: int = 3) -> pl.DataFrame:
    """One unit's score explained (``etl.metrics.breakdown``): per indicator the figure, method, points
    and why; then bonuses, events and the total. The points above the total add up to it."""
    zh = lang == "zh"
    frame = breakdown.score_breakdown(ranking, scheme, events, group_id, min_cases, by)
    headers = (("项目", "考核数值", "计分方法", "得分", "说明") if zh else
               ("Item", "Figure scored", "Method", "Points", "Why"))
    # As text: "—" where an indicator does not apply, and a true minus sign (−) for deductions, which the
    # export guard would otherwise take for the start of a formula.
    points = pl.col("points").round(2)
    shown = points.abs().cast(pl.String)
    shown = pl.when(points.is_null()).then(pl.lit("—")).when(points < 0).then(pl.format("−{}", shown)).otherwise(shown)
    return frame.select(pl.col("item").alias(headers[0]), pl.col("value").alias(headers[1]),
                        pl.col("method").alias(headers[2]), shown.alias(headers[3]), pl.col("why").alias(headers[4]))


TOWNSHIP_KEYS = ("litigation_cases", "loss_rate", "head_appearance_rate", "substantive_resolution_rate",
                 "pre_litigation_mediation_rate", "reconsideration_cases", "reconsideration_correction_rate",
                 "recommendation_adoption_rate", "task_on_time_rate")


def without_townships(filters: Filters) -> Filters:
    return replace(filters, township_ids=())


def side_by_side(towns: pl.DataFrame, county: MetricsResult, lang: Lang) -> pl.DataFrame:
    """Rows = indicators; one column per township and a last column for the whole county, formatted."""
    zh = lang == "zh"
    header = "指标" if zh else "Indicator"
    data: dict[str, list[str]] = {header: [label(k, lang) for k in TOWNSHIP_KEYS]}
    for row in towns.iter_rows(named=True):
        data[row["group_name"]] = [
            fmt_value(row[k], INDICATORS_BY_KEY[k].format.value, lang) for k in TOWNSHIP_KEYS]
    data["全县" if zh else "County"] = [
        fmt_value(county[k].value, INDICATORS_BY_KEY[k].format.value, lang) for k in TOWNSHIP_KEYS]
    return pl.DataFrame(data)


def township_trend(facts: Facts, period: Period, filters: Filters, options: object) -> pl.DataFrame:
    """Monthly lawsuits filed for each selected township (one series each), from the indicator layer."""
    parts = []
    for township_id in filters.township_ids:
        months = metrics_cache.grouped(facts, period, replace(filters, township_ids=(township_id,)), by="month")
        name = facts.townships.filter(pl.col("id") == township_id)["name"].item()
        parts.append(months.select(pl.col("group_id").alias("month"), pl.col("litigation_cases").alias("value"),
                                   pl.lit(name).alias("name")))
    if not parts:
        return pl.DataFrame(schema={"month": pl.String, "value": pl.Int64, "name": pl.String})
    return pl.concat(parts, how="vertical_relaxed")


WARNING_KIND_LABELS: dict[str, tuple[str, str]] = {
    "volume_rise": ("发案量上升", "Rising volume"),
    "loss_above_target": ("败诉率高于目标", "Loss rate above target"),
    "head_below_target": ("出庭率低于目标", "Appearance below target"),
    "overdue_tasks": ("双清单任务逾期", "Overdue tasks"),
    "unanswered_recommendations": ("建议逾期未回复", "Overdue replies"),
    "overdue_key_cases": ("重点案件逾期未化解", "Key cases overdue"),
    "past_time_limit": ("案件超过法定期限", "Past the time limit"),
}


def open_items_by_unit(warnings: pl.DataFrame, kind: str, facts: Facts) -> pl.DataFrame:
    """Per-unit counts of overdue items, as the warning layer reports them, ready for a bar chart."""
    rows = warnings.filter(pl.col("kind") == kind).select("group_id", "group_name", "value")
    return with_display_names(rows, facts, "unit")


def warning_table(warnings: pl.DataFrame, lang: Lang, facts: Facts | None = None, by: str = "unit") -> pl.DataFrame:
    """Name, kind and the warning layer's own sentence, in the reader's language.

    With ``facts``, units go by the short names the rankings and charts use (``with_display_names``),
    so 预警 and 考核排名 name a unit the same way.
    """
    zh = lang == "zh"
    kinds = {k: v[0 if zh else 1] for k, v in WARNING_KIND_LABELS.items()}
    named = warnings.with_columns(pl.col("group_name").alias("label"))
    if facts is not None and "group_id" in warnings.columns:
        named = with_display_names(warnings, facts, by)
    return named.select(
        pl.col("label").alias("名称" if zh else "Name"),
        pl.col("kind").replace_strict(kinds, default=pl.col("kind"), return_dtype=pl.String)
        .alias("预警类型" if zh else "Warning"),
        pl.col("message_zh" if zh else "message_en").alias("说明" if zh else "Detail"),
    )


