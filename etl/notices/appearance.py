"""The 出庭应诉通报: per unit, the hearings of a period and who appeared for the agency; every hearing
without the head named; the units below target reminded. Monthly in practice, one page for a county.

Every figure is the head-appearance rate's own (``drill_records`` of ``head_appearance_rate``), so the
notice, the tiles and the briefing count the same hearings: a unit's 出庭 is the rate's numerator, its
开庭 the denominator, and whether a deputy counts is the definitions' (``deputy_counts_as_head``). A
hearing whose appearance is held (a word the office has not confirmed) is in neither and is counted
apart as 待确认. The layout is the office's shared notice (``etl.notices.layout``).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.briefing.cases import NO_DETAILS, absent_heads, short_names
from etl.briefing.model import Document, Section, Table
from etl.metrics import (
    Definitions,
    Facts,
    Filters,
    IndicatorConfig,
    Period,
    compute_indicators,
    drill_records,
    indicator,
    resolve_config,
)
from etl.metrics.engine import in_period
from etl.notices.layout import notice
from etl.vocab import Appearance
from etl.wording.labels import vocab_label
from etl.wording.numbers import count, date, percent
from etl.wording.sentences import held_note, join
from etl.wording.status import target_clause

KEY = "head_appearance_rate"
#: The appearance counts of the per-unit table, in the order of its columns.
KINDS = (("principal", "正职出庭"), ("deputy", "副职出庭"), ("head", "负责人出庭（未注明职务）"),
         ("agent_only", "仅委托代理人出庭"), ("absent", "未出庭"))
BY_UNIT_SCHEMA = {"unit_id": pl.Int64, "unit": pl.String, "hearings": pl.Int64, "appeared": pl.Int64,
                  **{code: pl.Int64 for code, _ in KINDS}, "unrecorded": pl.Int64, "held": pl.Int64,
                  "rate": pl.Float64, "rank": pl.Int64}


def _held_hearings(facts: Facts, period: Period, filters: Filters, cfg: IndicatorConfig) -> pl.DataFrame:
    """Hearings of the counted instances in the period whose appearance is held: the rate's own
    denominator rule, applied as if the appearance were known."""
    den, _ = indicator(KEY).masks(cfg, filters)
    frame = filters.apply(facts.litigation, "litigation")
    counted = frame.with_columns(pl.lit(False).alias("appearance_held")).select(
        (in_period("hearing_on", period) & den).fill_null(False).alias("counted")).collect()["counted"]
    return frame.collect().filter(counted & pl.col("appearance_held").fill_null(False))


def appearance_by_unit(facts: Facts, period: Period, filters: Filters | None = None,
                       config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """One row per unit with a hearing in the period: 开庭 (the rate's denominator), 出庭 (numerator),
    each kind of appearance (an unrecorded one is 未出庭), held hearings, the rate and the rank (highest
    rate first; equal rates share a rank)."""
    filters = filters or Filters()
    cfg = resolve_config(config, period)
    rows = drill_records(facts, KEY, period, filters, cfg).filter(pl.col("in_denominator"))
    kind = pl.col("appearance").cast(pl.String).fill_null(Appearance.ABSENT.value)
    counts = rows.group_by("unit_id").agg(
        pl.len().alias("hearings"), pl.col("in_numerator").sum().alias("appeared"),
        *((kind == code).sum().alias(code) for code, _ in KINDS),
        pl.col("appearance").is_null().sum().alias("unrecorded"))
    held = _held_hearings(facts, period, filters, cfg).group_by("unit_id").agg(pl.len().alias("held"))
    table = counts.join(held, on="unit_id", how="full", coalesce=True).with_columns(
        pl.col("hearings", "appeared", *(c for c, _ in KINDS), "unrecorded", "held").fill_null(0).cast(pl.Int64))
    table = table.with_columns(
        pl.when(pl.col("hearings") > 0).then(pl.col("appeared") / pl.col("hearings")).alias("rate"))
    table = table.with_columns(pl.col("rate").rank("min", descending=True).cast(pl.Int64).alias("rank"))
    names = short_names(facts).select("unit_id", pl.col("_short").alias("unit"))
    named = table.join(names, on="unit_id", how="left").with_columns(
        pl.col("unit").fill_null("（未匹配单位）"))
    return named.sort(["rank", "hearings", "unit"], descending=[False, True, False], nulls_last=True).select(
        list(BY_UNIT_SCHEMA)).cast(BY_UNIT_SCHEMA)  # type: ignore[arg-type]


def without_head(facts: Facts, period: Period, filters: Filters | None = None,
                 config: IndicatorConfig | Definitions | None = None) -> pl.DataFrame:
    """Every hearing of the period without the head (the rate's denominator less its numerator): 案号,
    被告, 开庭日期 and who appeared, by hearing date."""
    cases = absent_heads(facts, period, filters or Filters(), config, NO_DETAILS)
    appearance = facts.litigation.select("id", pl.col("appearance").cast(pl.String))
    return cases.join(appearance, on="id", how="left").select(
        "case_number", "defendant", "defendant_full", "hearing_on", "appearance", "unit_id")


def units_below_target(by_unit: pl.DataFrame, target: float | None) -> list[str]:
    """Units whose rate is below the target; without a target, every unit with a hearing its head
    missed (the provisions expect the head at every hearing)."""
    floor = 1.0 if target is None else target
    return by_unit.filter(pl.col("rate").is_not_null() & (pl.col("rate") < floor - 1e-12))["unit"].to_list()


def unit_table(by_unit: pl.DataFrame) -> Table:
    """序号, 单位, 开庭, the kinds of appearance (负责人出庭 without a rank and 待确认 only when any), 出庭率, 排名."""
    kinds = [(c, label) for c, label in KINDS if c != "head" or by_unit["head"].sum() > 0]
    extra = [("held", "待确认")] if by_unit["held"].sum() > 0 else []
    columns = ("序号", "单位", "开庭", *(label for _, label in kinds + extra), "出庭率", "排名")
    rows = tuple((str(i), r["unit"], str(r["hearings"]), *(str(r[c]) for c, _ in kinds + extra), percent(r["rate"]),
                  "—" if r["rank"] is None else str(r["rank"]))
                 for i, r in enumerate(by_unit.iter_rows(named=True), 1))
    numeric = (True, False, *([True] * (len(columns) - 2)))
    unrecorded = int(by_unit["unrecorded"].sum())
    note = f"注：{unrecorded}件庭审未填写出庭情况，按未出庭计。" if unrecorded else ""
    return Table("各单位出庭应诉情况", columns, rows, numeric, note=note, dense=True)


def absence_table(absent: pl.DataFrame) -> Table:
    rows = tuple((str(i), r["case_number"], r["defendant"], date(r["hearing_on"]),
                  vocab_label("appearance", r["appearance"]) or "未填写")
                 for i, r in enumerate(absent.iter_rows(named=True), 1))
    return Table(f"负责人未出庭应诉的庭审（{absent.height}件）", ("序号", "案号", "被告", "开庭日期", "出庭情况"), rows,
                 (True, False, False, False, False), dense=True)


def opening(region: str, period: Period, by_unit: pl.DataFrame, target: float | None, status: str | None,
            config: IndicatorConfig) -> str:
    hearings, appeared = int(by_unit["hearings"].sum()), int(by_unit["appeared"].sum())
    held = int(by_unit["held"].sum())
    note = f"另有{held_note(held)}。" if held else ""
    if not hearings:
        return f"{period.label_zh}，{region}无开庭审理的行政诉讼案件。" + note
    # Who appeared (正职/副职) is in the table below; the opening gives the totals, in two lines.
    rate = appeared / hearings
    parts = [f"{period.label_zh}，{region}行政诉讼案件开庭{count(hearings)}", f"负责人出庭{count(appeared)}",
             f"出庭应诉率{percent(rate)}" + (f"，{clause}" if (clause := target_clause(
                 rate, target, "higher", status, gap=False)) else "")]
    return join(*parts) + note


def requirements(below: list[str], target: float | None, config: IndicatorConfig) -> tuple[str, ...]:
    if not below:
        who = "正职或分管副职" if config.deputy_counts_as_head else "正职"
        return (f"请各单位继续落实由{who}负责人出庭应诉。",)
    what = "出庭应诉率低于目标" if target is not None else "有庭审负责人未出庭"
    return (f"{'、'.join(below)}{what}，请于5个工作日内书面说明原因。各单位不得仅委托代理人出庭。",)


def assemble_appearance_notice(facts: Facts, period: Period, *, config: IndicatorConfig | Definitions | None = None,
                               filters: Filters | None = None, issued_on: dt.date | None = None) -> Document:
    """The 出庭应诉通报 of ``period`` for the region (or the filters' units)."""
    cfg = resolve_config(config, period)
    filters = filters or Filters()
    region = facts.region_name or "本县"
    figure = compute_indicators(facts, period, filters, cfg)[KEY]
    by_unit = appearance_by_unit(facts, period, filters, cfg)
    absent = without_head(facts, period, filters, cfg)
    below = units_below_target(by_unit, figure.target)
    # A month's notice is read on one page: the tables carry their own titles and the requirements
    # close the body, without numbered headings.
    sections = [Section("", (), None, (unit_table(by_unit),))] if by_unit.height else []
    if absent.height:
        sections.append(Section("", (), None, (absence_table(absent),)))
    sections.append(Section("", requirements(below, figure.target, cfg)))
    return notice(region, f"{region}{period.label_zh}行政机关负责人", "出庭应诉情况", tuple(sections),
                  opening=opening(region, period, by_unit, figure.target, figure.status, cfg), issued_on=issued_on,
                  is_demo=facts.is_demo, file_stem=f"出庭应诉通报_{region}_{period.label_zh}",
                  figures={"hearings": str(int(by_unit["hearings"].sum())), "appeared": str(int(by_unit["appeared"].sum())),
                           "absent_cases": "、".join(absent["case_number"].to_list())},
                  reminders=tuple(below))
