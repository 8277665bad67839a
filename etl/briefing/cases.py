"""The cases a document names: lost cases and hearings without the agency head, for a period.

Both lists are the indicator's own records (``drill_records``), so they add up to the figures: the
lost cases are the loss rate's numerator, the hearings without the head its denominator minus its
numerator. Names are the short names the database holds (县政府, 自然资源局), never a name cut by
character count. 案由 is not part of the indicator frames; it comes with :class:`CaseDetails`, read
at the edge (``etl.notices.reviews``) with what the office recorded about each lost case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from etl.metrics import Definitions, Facts, Filters, IndicatorConfig, Period, drill_records
from etl.wording.labels import vocab_label
from etl.wording.numbers import date


@dataclass(frozen=True)
class LossReview:
    """What the office recorded about one lost case: cause, rectification, accountability."""

    cause_analysis: str = ""  # 败诉原因
    rectification: str = ""  # 整改措施
    accountability: str = ""  # 责任追究
    updated_at: dt.datetime | None = None
    updated_by: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.cause_analysis or self.rectification or self.accountability)


@dataclass(frozen=True)
class CaseDetails:
    """案由 by case id and reviews by (court, 案号): read from the database at the edge."""

    causes: dict[int, str] = field(default_factory=dict)
    reviews: dict[tuple[str, str], LossReview] = field(default_factory=dict)

    def review(self, court: str | None, case_number: str | None) -> LossReview:
        return self.reviews.get((court or "", case_number or ""), LossReview())


NO_DETAILS = CaseDetails()
NO_FILTERS = Filters()

CASE_SCHEMA = {"id": pl.Int64, "court": pl.String, "case_number": pl.String, "unit_id": pl.Int64,
               "unit_type": pl.String, "defendant": pl.String, "defendant_full": pl.String, "area": pl.String,
               "outcome": pl.String, "closed_on": pl.Date, "hearing_on": pl.Date, "cause": pl.String}


def short_names(facts: Facts) -> pl.DataFrame:
    """unit_id → the database's short name (else the full name), full name and unit type."""
    return facts.units.select(pl.col("id").alias("unit_id"),
                              pl.coalesce("short_name", "name").alias("_short"),
                              pl.col("name").alias("_full"), pl.col("unit_type"))


def _named(records: pl.DataFrame, facts: Facts, details: CaseDetails) -> pl.DataFrame:
    if records.is_empty():
        return pl.DataFrame(schema=CASE_SCHEMA)
    causes = pl.DataFrame({"id": list(details.causes), "cause": list(details.causes.values())},
                          schema={"id": pl.Int64, "cause": pl.String})
    return (records.join(short_names(facts), on="unit_id", how="left")
            .join(causes, on="id", how="left")
            .select(pl.col("id"), pl.col("court").cast(pl.String), pl.col("case_number"), pl.col("unit_id"),
                    pl.col("unit_type"),
                    pl.coalesce("_short", "defendant_raw", pl.lit("（未匹配单位）")).alias("defendant"),
                    pl.coalesce("_full", "defendant_raw", pl.lit("（未匹配单位）")).alias("defendant_full"),
                    pl.col("area_name").alias("area"), pl.col("outcome").cast(pl.String), pl.col("closed_on"),
                    pl.col("hearing_on"), pl.col("cause")))


def lost_cases(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
               config: IndicatorConfig | Definitions | None = None, details: CaseDetails = NO_DETAILS) -> pl.DataFrame:
    """Every case in the loss rate's numerator for the period, by closing date (columns: CASE_SCHEMA)."""
    rows = drill_records(facts, "loss_rate", period, filters, config).filter(pl.col("in_numerator"))
    return _named(rows, facts, details).sort(["closed_on", "case_number"])


def absent_heads(facts: Facts, period: Period, filters: Filters = NO_FILTERS,
                 config: IndicatorConfig | Definitions | None = None, details: CaseDetails = NO_DETAILS) -> pl.DataFrame:
    """Every hearing in the period at which the agency head did not appear (or it was not recorded)."""
    rows = drill_records(facts, "head_appearance_rate", period, filters, config).filter(
        pl.col("in_denominator") & ~pl.col("in_numerator"))
    return _named(rows, facts, details).sort(["hearing_on", "case_number"])


def outcome_label(outcome: str | None) -> str:
    return vocab_label("outcome", outcome) or "—"


def lost_case_phrase(row: dict[str, Any]) -> str:
    """（2024）示0928行初180号，被告县政府，案由土地行政征收（土地征收领域），判决撤销."""
    what = [f"被告{row['defendant']}"]
    cause, area = row.get("cause"), row.get("area")
    if cause and area:
        what.append(f"案由{cause}（{area}领域）")
    elif cause or area:
        what.append(f"案由{cause}" if cause else f"{area}领域")
    what.append(outcome_label(row.get("outcome")))
    return f"{row['case_number']}，" + "，".join(what)


def absent_head_phrase(row: dict[str, Any]) -> str:
    """（2025）示0928行初39号（柳湾镇政府，2025年6月21日开庭）."""
    return f"{row['case_number']}（{row['defendant']}，{date(row['hearing_on'])}开庭）"


def case_rows(cases: pl.DataFrame) -> tuple[tuple[str, ...], ...]:
    """Table rows: 案号, 被告, 案由, 领域, 判项, 结案日期."""
    return tuple((r["case_number"] or "", r["defendant"] or "", r["cause"] or "—", r["area"] or "—",
                  outcome_label(r["outcome"]), "—" if r["closed_on"] is None else str(r["closed_on"]))
                 for r in cases.iter_rows(named=True))


CASE_COLUMNS = ("案号", "被告", "案由", "领域", "判项", "结案日期")
