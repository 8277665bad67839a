"""Shaping indicator results for display: labels, formatted tiles, chart-ready frames.

No figure is computed here: values come from ``etl.metrics``; this module only picks columns,
attaches display names and formats: every indicator is defined once, in the indicator layer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import polars as pl

from dashboard import metrics_cache
from dashboard.components.kpi import Tile
from dashboard.i18n import Lang, t
from etl.metrics import (
    DOUBLE_DECLINE_LABEL,
    INDICATORS_BY_KEY,
    Facts,
    Filters,
    MetricsResult,
    Period,
    year_period,
    ytd_period,
)
from etl.wording import changes, numbers, verdicts
from etl.wording import labels as wording_labels

OVERVIEW_KEYS = (
    "litigation_cases", "loss_rate", "head_appearance_rate", "substantive_resolution_rate",
    "reconsideration_correction_rate", "reconsideration_settlement_rate", "recommendation_adoption_rate",
    "task_on_time_rate",
)

LITIGATION_KEYS = ("litigation_cases", "loss_rate", "head_appearance_rate", "clearance_rate")
#: The 府检联动 page's tiles: supervision, then 检察建议 and 司法建议 adoption apart, then resolution.
PROCURATORATE_KEYS = ("supervision_cases", "supervision_recommendation_share",
                      "procuratorial_recommendation_adoption_rate", "judicial_recommendation_adoption_rate",
                      "procuratorate_resolution_success_rate")

DRILL_KEYS: dict[str, tuple[str, ...]] = {
    "litigation": ("litigation_cases", "loss_rate", "head_appearance_rate"),
    "disputes": ("substantive_resolution_rate", "pre_litigation_mediation_rate", "pre_enforcement_settlement_rate",
                 "coordination_success_rate", "reconsideration_mediation_success_rate",
                 "procuratorate_resolution_success_rate", "disputes_received", "disputes_concluded",
                 "disputes_resolved"),
    "reconsideration": ("reconsideration_cases", "reconsideration_correction_rate",
                        "reconsideration_settlement_rate"),
}


def label(key: str, lang: Lang) -> str:
    return wording_labels.label(key, lang)


def direction(key: str) -> str | None:
    ind = INDICATORS_BY_KEY[key]
    return ind.direction.value if ind.direction else None


def period_label(period: Period, lang: Lang) -> str:
    return period.label_zh if lang == "zh" else period.label_en


def tile(result: MetricsResult, key: str, lang: Lang) -> Tile:
    """A KPI tile from one indicator value: value, target, status, 同比 change, and what it rests on.

    Every word comes from ``etl.wording``, as in the briefing and the CLI; a count compared with a
    small earlier count moves by whole cases, not by a per cent.
    """
    ind = INDICATORS_BY_KEY[key]
    v = result[key]
    min_records = metrics_cache.config_for(result.period).rate_min_records
    basis = None
    if ind.is_rate and v.denominator is not None:
        basis = t("based_on", lang, num=v.numerator, den=v.denominator) if v.denominator else t("no_cases", lang)
        change = changes.rate_change(v.value, v.previous, lang) if v.value is not None else None
    else:
        change = changes.count_change(v.value, v.previous, lang, min_records=min_records)
        if v.sequential is not None and result.sequential_period != result.previous_period:
            # Counts are also compared with the preceding period (环比); a year or a year to date has no
            # preceding span of its own (环比 = 同比), so it is not repeated.
            basis = f"{t('pop', lang)} {changes.count_change(v.value, v.sequential, lang, min_records=min_records)}"
    return Tile(
        key=key,
        label=label(key, lang),
        value=numbers.value(v.value, ind.format.value, lang),
        status=v.status,
        target=numbers.value(v.target, ind.format.value, lang) if v.target is not None else None,
        change=change,
        change_good=changes.change_is_good(v.change, ind.direction.value if ind.direction else None),
        basis=basis,
    )


def double_decline_tile(result: MetricsResult, lang: Lang) -> Tile:
    """双下降: the wording layer's verdict (a month is assessed yearly; a loss rate held at zero is no miss)."""
    cases, loss = result["litigation_cases"], result["loss_rate"]
    verdict = verdicts.double_decline(cases.value, cases.previous, loss.value, loss.previous,
                                      result.period.kind.value, lang)
    min_records = metrics_cache.config_for(result.period).rate_min_records
    detail = f"{label('litigation_cases', lang)} {changes.count_change(cases.value, cases.previous, lang, min_records=min_records)}"
    return Tile(key="double_decline", label=DOUBLE_DECLINE_LABEL[0 if lang == "zh" else 1], value=verdict.short,
                status=verdict.status, target=None, change=None, basis=detail)


def trend_period(period: Period, as_of: dt.date) -> Period:
    """The year of the selected period, up to the latest data when it is the current year."""
    year = period.end.year
    return ytd_period(year, as_of) if as_of.year == year else year_period(year)


def through_data_date(period: Period, as_of: dt.date | None) -> Period:
    """The period cut at the data date: the months after it hold nothing yet, and the month of the data
    date is unfinished. Cut there, that month is a part-month, which ``Period.year_earlier`` compares
    with the same days a year earlier — the one rule for the unfinished month on every monthly chart."""
    if as_of is None or not period.start <= as_of < period.end:
        return period
    return replace(period, end=as_of)


def monthly_comparison(months: pl.DataFrame, span: Period | None = None, key: str = "litigation_cases") -> pl.DataFrame:
    """``compute_grouped(by="month")`` output → month number, this year's and last year's value, and
    whether the month is unfinished (a part of it in ``span``, compared with the same days last year)."""
    partial = {m.start.month for m in (span.months() if span else ()) if not m.is_whole}
    month = pl.col("group_id").str.slice(5, 2).cast(pl.Int32)
    return months.select(
        month.alias("month"),
        pl.col(key).alias("this_year"),
        pl.col(f"{key}__previous").alias("last_year"),
        month.is_in(sorted(partial)).alias("partial"),
    )


def monthly_trend(facts: Facts, period: Period, filters: Filters, as_of: dt.date | None,
                  key: str = "litigation_cases") -> pl.DataFrame:
    """This year against last year by month, up to the data date (:func:`through_data_date`)."""
    span = through_data_date(period, as_of)
    return monthly_comparison(metrics_cache.grouped(facts, span, filters, by="month"), span, key)


def unfinished_note(span: Period, lang: Lang) -> str | None:
    """One sentence under a monthly chart whose last month is unfinished, or None."""
    months = span.months()
    if not months or months[-1].is_whole:
        return None
    last = months[-1]
    if lang == "zh":
        return (f"{last.start.month}月未完：只计至{last.end.month}月{last.end.day}日，"
                f"上年同期也只计{last.start.month}月{last.start.day}日至{last.end.day}日。")
    return (f"Month {last.start.month} is unfinished: counted to day {last.end.day}, and last year over the same "
            f"days ({last.start.day}–{last.end.day}).")


def with_display_names(grouped: pl.DataFrame, facts: Facts, by: str) -> pl.DataFrame:
    """Add ``label`` (short name for a unit, for bar charts) next to ``group_name`` (the filter value).

    A short name that several units share (a city or province has a 交通局 in every county) is not
    used: a chart would draw their bars on one row. Those units keep their full names, and a full name
    that is still shared (城关镇人民政府 in several counties) is prefixed with the unit's county.
    """
    if by != "unit":
        return grouped.with_columns(pl.col("group_name").alias("label"))
    unique_short = pl.col("short_name").is_not_null() & (pl.len().over("short_name") == 1)
    counties = facts.counties.select(pl.col("id").alias("region_id"), pl.col("name").alias("_county"))
    names = (facts.units.join(counties, on="region_id", how="left")
             .select(pl.col("id").alias("group_id"), pl.when(unique_short).then(pl.col("short_name")).alias("_short"),
                     pl.when(pl.len().over("name") > 1).then(pl.col("_county")).alias("_county")))
    return (grouped.join(names, on="group_id", how="left")
            .with_columns(pl.when(pl.col("_short").is_not_null()).then(pl.col("_short"))
                          .when(pl.col("_county").is_not_null()).then(pl.format("{}·{}", "_county", "group_name"))
                          .otherwise(pl.col("group_name")).alias("label"))
            .drop("_short", "_county"))


def nonzero_rows(frame: pl.DataFrame, *columns: str) -> int:
    """How many rows have any non-zero value in ``columns`` (decides between a chart and a sentence)."""
    if frame.is_empty():
        return 0
    return frame.filter(pl.any_horizontal(pl.col(c).fill_null(0) != 0 for c in columns)).height


def monthly_by_group(facts: Facts, period: Period, filters: Filters, by: str, key: str) -> pl.DataFrame:
    """One row per group and month of ``period`` with the indicator's value (the monthly 通报 grid).

    Each month is computed by the indicator layer on its own span; here they are only stacked.
    """
    parts = []
    for month in period.months():
        grouped = metrics_cache.grouped(facts, month, filters, by=by)
        parts.append(with_display_names(grouped, facts, by).select(
            "label", pl.lit(month.start.month).alias("month"), pl.col(key).alias("value"),
            pl.col(f"{key}__den").alias("denominator")))
    if not parts:
        return pl.DataFrame(schema={"label": pl.String, "month": pl.Int32, "value": pl.Float64,
                                    "denominator": pl.Int64})
    stacked = pl.concat(parts, how="vertical_relaxed")
    # Rows for groups with no hearing at all in the span would be an all-grey line: leave them out.
    active = stacked.filter(pl.col("denominator").fill_null(0) > 0)["label"].unique()
    return stacked.filter(pl.col("label").is_in(active.implode()))


def drill_caption(key: str, result: MetricsResult, lang: Lang) -> str:
    """Says what the list holds: the numerator and denominator definitions and their counts."""
    ind = INDICATORS_BY_KEY[key]
    v = result[key]
    if not ind.is_rate:
        return (f"{ind.numerator_zh}：{v.numerator}件" if lang == "zh" else f"{ind.numerator_en}: {v.numerator}")
    if lang == "zh":
        return f"分母：{ind.denominator_zh}（{v.denominator}件）；分子：{ind.numerator_zh}（{v.numerator}件，标记“计入分子”）"
    return f"Denominator: {ind.denominator_en} ({v.denominator}); numerator: {ind.numerator_en} ({v.numerator})"


#: The five dispute-resolution channels (诉前调解, 执前和解, 府院联动协调, 复议调解, 检察机关参与化解), then every
#: channel together.
CHANNEL_KEYS = ("pre_litigation_mediation_rate", "pre_enforcement_settlement_rate", "coordination_success_rate",
                "reconsideration_mediation_success_rate", "procuratorate_resolution_success_rate",
                "substantive_resolution_rate")
#: The dispute page's tiles: every channel together first, then each channel.
DISPUTE_TILE_KEYS = ("substantive_resolution_rate",) + CHANNEL_KEYS[:-1]
#: 受理, 办结, 化解成功: each stage a count indicator of the registry.
RESOLUTION_STAGES = (("disputes_received", "受理", "Received"), ("disputes_concluded", "办结", "Concluded"),
                 ("disputes_resolved", "化解成功", "Resolved"))


def channel_rates(result: MetricsResult, lang: Lang) -> pl.DataFrame:
    """The channel success-rate indicators as rows for a bar chart (all channels last, as the total)."""
    rows = [(label(k, lang), result[k].value, result[k].denominator or 0, result[k].status) for k in CHANNEL_KEYS]
    return pl.DataFrame(rows, schema={"label": pl.String, "rate": pl.Float64, "denominator": pl.Int64,
                                      "status": pl.String}, orient="row")


def resolution_stages(result: MetricsResult, lang: Lang) -> list[tuple[str, int]]:
    """Received → concluded → resolved (every channel), each stage from its count indicator."""
    return [(zh if lang == "zh" else en, int(result[key].value or 0)) for key, zh, en in RESOLUTION_STAGES]


def stages_caption(lang: Lang) -> str:
    """The stages are flows in the period, placed by different dates: say so under the chart."""
    if lang == "zh":
        return ("受理按受理日期、办结和化解成功按办结日期计入本期，三者不是同一批纠纷：上期受理、本期办结的也计入办结，"
                "故办结可多于受理。化解成功率＝化解成功÷办结。")
    return ("Received counts by the receipt date, concluded and resolved by the conclusion date, so they are not "
            "the same disputes: cases received earlier and concluded now count as concluded, which can exceed "
            "received. Success rate = resolved ÷ concluded.")


def by_label(by: str, lang: Lang) -> str:
    zh = {"unit": "按单位", "township": "按乡镇", "area": "按领域", "month": "按月"}
    en = {"unit": "by agency", "township": "by township", "area": "by subject area", "month": "by month"}
    return (zh if lang == "zh" else en)[by]


def decision_mix(mix: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """``etl.metrics.decision_mix`` rows labelled in the reader's language for the donut (no tallying here)."""
    from dashboard.tables import vocab_label

    return mix.select(
        pl.col("decision").map_elements(lambda d: vocab_label("decision", d, lang), return_dtype=pl.String)
        .alias("label"), "count")


def decision_colours(lang: Lang) -> dict[str, str]:
    """Corrections in warm colours, upheld/dismissed cool, settlements green: same everywhere."""
    from dashboard import theme
    from dashboard.tables import vocab_label

    palette = {"revoked": theme.BAD, "varied": "#D9730D", "confirmed_illegal": "#E0A100",
               "confirmed_invalid": "#B8860B", "ordered_to_perform": "#A0522D", "upheld": theme.PRIMARY,
               "dismissed": "#3C8DBC", "mediated": theme.GOOD, "settled": "#17A2B8", "withdrawn": theme.MUTED,
               "terminated": "#5F6B7A", "other": "#B8C4D6"}
    return {str(vocab_label("decision", k, lang)): c for k, c in palette.items()}
