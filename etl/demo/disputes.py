"""Disputes handled through the four resolution channels (诉前调解, 执前和解, 府院联动协调, 复议调解).

Success is set by quota per channel and conclusion year, so pre-enforcement settlement shows ~46%,
pre-litigation mediation ~60% and all channels together ~80% (substantive resolution).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from etl.db.models import DisputeChannel, DisputeResult
from etl.demo.catalog import RESULT_WORDING
from etl.demo.context import CountyContext
from etl.demo.sampling import MonthlyCounts, day_in_month, elapsed_share, months_until, quota, rows_frame

_DAY = dt.timedelta(days=1)
CHANNEL_WORDING = {
    DisputeChannel.PRE_LITIGATION_MEDIATION: ("诉前调解", "诉前调解（法院）", "诉前调解"),
    DisputeChannel.PRE_ENFORCEMENT_SETTLEMENT: ("执前和解", "执行前和解"),
    DisputeChannel.COORDINATION: ("府院联动协调", "诉中协调", "府院联动协调化解"),
    DisputeChannel.RECONSIDERATION_MEDIATION: ("复议调解", "行政复议调解"),
}
REFERENCE_PREFIX = {
    DisputeChannel.PRE_LITIGATION_MEDIATION: "诉调", DisputeChannel.PRE_ENFORCEMENT_SETTLEMENT: "执和",
    DisputeChannel.COORDINATION: "联调", DisputeChannel.RECONSIDERATION_MEDIATION: "复调",
}
DISPUTE_COLUMNS = (
    "region_id", "reference", "channel", "channel_raw", "unit_raw", "unit_id", "parties", "received_on",
    "concluded_on", "result_raw", "result", "is_major", "township_raw", "township_id", "subject_area_raw",
    "subject_area_id",
)


def _draws(ctx: CountyContext) -> list[dict[str, Any]]:
    rng, rows = ctx.rng, []
    for channel, per_year in ctx.profile.disputes.items():
        channel = DisputeChannel(channel)
        numbers: dict[int, int] = {}
        counts = MonthlyCounts(rng)
        for year, month in months_until(ctx.end):
            share = elapsed_share(year, month, ctx.end)
            for _ in range(counts.next(per_year * ctx.volume, month, share)):
                received = day_in_month(rng, year, month, ctx.end)
                unit = ctx.defendant(year, "dispute")
                township = ctx.township_for(unit, year, share=0.9, purpose="dispute")
                area = ctx.area(unit)
                numbers[year] = numbers.get(year, 0) + 1
                rows.append({
                    "region_id": ctx.county.id, "channel": str(channel),
                    "reference": f"{ctx.county.stem}{REFERENCE_PREFIX[channel]}〔{year}〕{numbers[year]}号",
                    "channel_raw": rng.choice(CHANNEL_WORDING[channel]), "unit_raw": ctx.unit_raw(unit),
                    "unit_id": unit.id, "parties": f"{ctx.party()}与{unit.spec.short_name}",
                    "received_on": received, "latent_concluded": received + round(rng.triangular(3, 75, 20)) * _DAY,
                    "is_major": rng.random() < 0.1, "township_raw": ctx.township_raw(township, received),
                    "township_id": township.id if township else None, "subject_area_raw": ctx.area_raw(area),
                    "subject_area_id": ctx.area_ids[area], "u_success": rng.random(),
                    "success_raw": rng.choice(RESULT_WORDING["success"]),
                    "failure_raw": rng.choice(RESULT_WORDING["failure"]),
                    "progress_raw": rng.choice(RESULT_WORDING["in_progress"]),
                })
    return rows


def dispute_cases(ctx: CountyContext) -> pl.DataFrame:
    draws = _draws(ctx)
    if not draws:
        return pl.DataFrame()
    success_rate = {str(k): v for k, v in ctx.profile.dispute_success.items()}
    groups = ["channel", "concluded_year", "concluded"]
    frame = rows_frame(draws).with_columns(
        concluded_year=pl.col("latent_concluded").dt.year(), concluded=pl.col("latent_concluded") <= ctx.end)
    success = quota(groups, pl.col("channel").replace_strict(success_rate), pl.lit(1.0), "u_success")
    concluded = pl.col("concluded")
    return frame.with_columns(
        concluded_on=pl.when(concluded).then("latent_concluded"),
        result=pl.when(~concluded).then(pl.lit(str(DisputeResult.IN_PROGRESS)))
        .when(success).then(pl.lit(str(DisputeResult.SUCCESS))).otherwise(pl.lit(str(DisputeResult.FAILURE))),
        result_raw=pl.when(~concluded).then("progress_raw").when(success).then("success_raw")
        .otherwise("failure_raw"),
    ).sort("received_on", "reference").select(DISPUTE_COLUMNS)
