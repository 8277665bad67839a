"""Administrative reconsideration (行政复议) applications of one demo county.

Corrections (撤销, 确认违法 …) and settlements (调解, 和解) are set by quota per decision year; corrections
lean towards the worsening units, settlements are spread evenly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from etl.demo.catalog import CAUSES, CORRECTIONS, OTHER_DECISIONS, SETTLEMENTS
from etl.demo.context import CountyContext
from etl.demo.profile import by_year
from etl.demo.sampling import (
    MonthlyCounts,
    day_in_month,
    elapsed_share,
    months_until,
    pick_wording,
    quota,
    rows_frame,
)

_DAY = dt.timedelta(days=1)

RECONSIDERATION_COLUMNS = (
    "region_id", "case_number", "case_number_raw", "applicant", "respondent_raw", "respondent_unit_id", "cause",
    "received_on", "decided_on", "decision_raw", "decision", "township_raw", "township_id", "subject_area_raw",
    "subject_area_id",
)


def _draws(ctx: CountyContext) -> list[dict[str, Any]]:
    rng, counts = ctx.rng, MonthlyCounts(ctx.rng)
    rows: list[dict[str, Any]] = []
    for year, month in months_until(ctx.end):
        per_year = by_year(ctx.profile.reconsideration, year) * ctx.volume
        for _ in range(counts.next(per_year, month, elapsed_share(year, month, ctx.end))):
            received = day_in_month(rng, year, month, ctx.end)
            unit = ctx.defendant(year, "reconsideration")
            township = ctx.township_for(unit, year, share=0.8, purpose="reconsideration")
            area = ctx.area(unit)
            # The statutory limit is 60 days; a few run over it.
            days = rng.randint(61, 95) if rng.random() < 0.05 else round(rng.triangular(15, 60, 40))
            picks = [pick_wording(rng, table) for table in (CORRECTIONS, SETTLEMENTS, OTHER_DECISIONS)]
            rows.append({
                "region_id": ctx.county.id, "applicant": ctx.party(), "respondent_raw": ctx.unit_raw(unit),
                "respondent_unit_id": unit.id, "cause": rng.choice(CAUSES[area]), "received_on": received,
                "township_raw": ctx.township_raw(township, received),
                "township_id": township.id if township else None, "subject_area_raw": ctx.area_raw(area),
                "subject_area_id": ctx.area_ids[area], "latent_decided": received + days * _DAY,
                "risk": ctx.risk(unit, township, year), "u_correct": rng.random(), "u_settle": rng.random(),
                "picks": [key for key, _ in picks], "wordings": [raw for _, raw in picks],
            })
    rows.sort(key=lambda r: r["received_on"])
    for row in rows:
        year = row["received_on"].year
        number = ctx.numbers.next(ctx.county.name + "复议", year, "府复")
        row["case_number"] = f"{ctx.county.stem}府复〔{year}〕{number}号"
        row["case_number_raw"] = row["case_number"] if rng.random() < 0.8 else row["case_number"].replace(
            "〔", "[").replace("〕", "]")
    return rows


def reconsideration_cases(ctx: CountyContext) -> pl.DataFrame:
    draws = _draws(ctx)
    if not draws:
        return pl.DataFrame()
    years = range(ctx.end.year - 30, ctx.end.year + 2)
    correction = {y: by_year(ctx.profile.reconsideration_correction, y) for y in years}
    groups = ["decided_year", "decided"]
    frame = rows_frame(draws).with_columns(
        decided_year=pl.col("latent_decided").dt.year(), decided=pl.col("latent_decided") <= ctx.end)
    frame = frame.with_columns(
        corrected=quota(groups, pl.col("decided_year").replace_strict(correction), pl.col("risk"), "u_correct"))
    # Settlements are a share of all decisions, drawn among the cases not corrected.
    settle_rank = pl.when(~pl.col("corrected")).then(pl.col("u_settle")).rank("ordinal").over(groups)
    settled = settle_rank <= (pl.len().over(groups) * ctx.profile.reconsideration_settlement).round()
    choice = pl.when("corrected").then(0).when(settled).then(1).otherwise(2)
    return frame.with_columns(
        decided_on=pl.when("decided").then("latent_decided"),
        decision=pl.when("decided").then(pl.col("picks").list.get(choice)),
        decision_raw=pl.when("decided").then(pl.col("wordings").list.get(choice)),
    ).select(RECONSIDERATION_COLUMNS)
