"""Administrative lawsuits of one demo county: first instance, appeals, retrials, non-litigation review.

Losses and missed head appearances are set by yearly quota (``sampling.quota``) weighted towards the
worsening units, so the county-wide loss rate falls as the profile says while a few units get worse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from etl.db.models import Instance
from etl.demo.catalog import (
    APPEAL_OUTCOMES,
    APPEARANCE_WORDING,
    CAUSES,
    LOSS_OUTCOMES,
    RETRIAL_OUTCOMES,
    REVIEW_OUTCOMES,
    WIN_OUTCOMES,
    WordingTable,
)
from etl.demo.context import CountyContext
from etl.demo.dimensions import HIGH_COURT, PROVINCE_ABBR, RAILWAY_COURT, TownshipRef, UnitRef
from etl.demo.profile import by_year
from etl.demo.sampling import (
    MonthlyCounts,
    day_in_month,
    elapsed_share,
    months_until,
    not_after,
    pick_wording,
    quota,
    rows_frame,
)
from etl.vocab import LitigationOutcome as LO

RAILWAY_SHARE = 0.08  # first-instance cases assigned to the centralised court outside the county
#: Chance of a hearing by outcome: judgments are heard, withdrawals and dismissals often are not.
HEARING_CHANCE = {LO.SUIT_DISMISSED: 0.4, LO.WITHDRAWN: 0.5, LO.MEDIATED: 0.7, LO.TERMINATED: 0.3}
_DAY = dt.timedelta(days=1)


def _case_number(year: int, court_code: str, kind: str, number: int) -> str:
    return f"({year}){PROVINCE_ABBR}{court_code}{kind}{number}号"


def _raw_case_number(ctx: CountyContext, normalised: str) -> str:
    """Ledgers write 案号 with full-width brackets, half-width ones or 〔〕."""
    r = ctx.rng.random()
    if r < 0.7:
        return normalised.replace("(", "（").replace(")", "）")
    return normalised if r < 0.9 else normalised.replace("(", "〔").replace(")", "〕")


def _base_row(ctx: CountyContext, filed: dt.date, unit: UnitRef, township: TownshipRef | None,
              area: str) -> dict[str, Any]:
    return {
        "region_id": ctx.county.id, "plaintiff": ctx.party(), "cause": ctx.rng.choice(CAUSES[area]),
        "defendant_raw": ctx.unit_raw(unit), "defendant_unit_id": unit.id, "filed_on": filed,
        "township_raw": ctx.township_raw(township, filed), "township_id": township.id if township else None,
        "subject_area_raw": ctx.area_raw(area), "subject_area_id": ctx.area_ids[area],
    }


def _duration(ctx: CountyContext) -> int:
    """Days from filing to closing; a few cases run past the six-month limit."""
    if ctx.rng.random() < 0.04:
        return ctx.rng.randint(185, 300)
    return round(ctx.rng.triangular(20, 180, 75))


def _first_instance_draws(ctx: CountyContext) -> list[dict[str, Any]]:
    rng, rows, counts = ctx.rng, [], MonthlyCounts(ctx.rng)
    for year, month in months_until(ctx.end):
        per_year = by_year(ctx.profile.first_instance, year) * ctx.volume
        for _ in range(counts.next(per_year, month, elapsed_share(year, month, ctx.end))):
            filed = day_in_month(rng, year, month, ctx.end)
            unit = ctx.defendant(year)
            township = ctx.township_for(unit, year)
            row = _base_row(ctx, filed, unit, township, ctx.area(unit))
            duration = _duration(ctx)
            loss_key, loss_raw = pick_wording(rng, LOSS_OUTCOMES)
            win_key, win_raw = pick_wording(rng, WIN_OUTCOMES)
            row |= {
                "railway": rng.random() < RAILWAY_SHARE, "latent_close": filed + duration * _DAY,
                "latent_hearing": filed + min(duration - 3, round(rng.triangular(15, 100, 45))) * _DAY,
                "risk": ctx.risk(unit, township, year), "u_loss": rng.random(), "u_head": rng.random(),
                "u_hear": rng.random(), "loss_key": loss_key, "loss_raw": loss_raw, "win_key": win_key,
                "win_raw": win_raw,
            }
            rows.append(row)
    rows.sort(key=lambda r: r["filed_on"])
    for row in rows:
        court, code = (RAILWAY_COURT, "7101") if row.pop("railway") else (ctx.county.court.name, ctx.county.code[2:])
        year = row["filed_on"].year
        row |= {"court": court, "case_number": _case_number(year, code, "行初", ctx.numbers.next(court, year, "行初"))}
    return rows


def first_instance(ctx: CountyContext) -> pl.DataFrame:
    """行初 cases with quota-set losses (by closing year) and missed appearances (by hearing year)."""
    profile, end = ctx.profile, ctx.end
    draws = _first_instance_draws(ctx)
    if not draws:
        return pl.DataFrame()
    years = range(end.year - 30, end.year + 2)  # latent closing dates may lie beyond ``end``
    loss_rate = {y: by_year(profile.loss_rate, y) for y in years}
    miss_rate = {y: 1 - by_year(profile.head_appearance, y) for y in years}
    # Quotas per closing year among cases closed by ``end``, so the year to date shows the profile's rate.
    frame = rows_frame(draws).with_columns(
        close_year=pl.col("latent_close").dt.year(), closed=pl.col("latent_close") <= end)
    frame = frame.with_columns(loss=quota(["close_year", "closed"], pl.col("close_year").replace_strict(loss_rate),
                                          pl.col("risk"), "u_loss"))
    outcome = pl.when("loss").then("loss_key").otherwise("win_key")
    hearing_chance = outcome.replace_strict({str(k): v for k, v in HEARING_CHANCE.items()}, default=1.0)
    frame = frame.with_columns(
        outcome=outcome, outcome_raw=pl.when("loss").then("loss_raw").otherwise("win_raw"),
        hearing_on=pl.when((pl.col("u_hear") < hearing_chance) & (pl.col("latent_hearing") <= end))
        .then("latent_hearing"),
    ).with_columns(hearing_year=pl.col("hearing_on").dt.year())
    missed = quota("hearing_year", pl.col("hearing_year").replace_strict(miss_rate, default=0.0), pl.col("risk"),
                   "u_head")
    closed = pl.col("closed")
    # Who appeared, from a digit of the draw that set the quota (no further random numbers, so the
    # rest of the county stays as it was): most heads who appear are the principal, most absences an
    # agent alone.
    digit = (pl.col("u_head") * 10_000) % 1
    appearance = (pl.when(pl.col("hearing_on").is_null()).then(None)
                  .when(~missed).then(pl.when(digit < 0.55).then(pl.lit("principal")).otherwise(pl.lit("deputy")))
                  .otherwise(pl.when(digit < 0.8).then(pl.lit("agent_only")).otherwise(pl.lit("absent"))))
    return frame.with_columns(appearance=appearance).with_columns(
        appearance_raw=pl.col("appearance").replace_strict(APPEARANCE_WORDING, default=None, return_dtype=pl.String),
        closed_on=pl.when(closed).then("latent_close"),
        outcome=pl.when(closed).then("outcome"),
        outcome_raw=pl.when(closed).then("outcome_raw"),
        instance=pl.lit(str(Instance.FIRST)), type_code=pl.lit("行初"),
        case_year=pl.col("filed_on").dt.year().cast(pl.Int64),
    )


def _later_case(ctx: CountyContext, source: dict[str, Any], filed: dt.date, court: str, court_code: str,
                kind: str, instance: str, table: WordingTable, duration: int, hearing: float) -> dict[str, Any] | None:
    """A follow-up case (appeal, retrial) of an earlier one, with its own 案号 and dates."""
    if filed > ctx.end:
        return None
    rng = ctx.rng
    unit = next(u for u in ctx.county.units if u.id == source["defendant_unit_id"])
    closed = not_after(filed + duration * _DAY, ctx.end)
    heard = not_after(filed + round(duration * 0.6) * _DAY, ctx.end) if rng.random() < hearing else None
    key, raw = pick_wording(rng, table)
    number = ctx.numbers.next(court, filed.year, kind)
    return {
        **{k: source[k] for k in ("region_id", "plaintiff", "cause", "defendant_unit_id", "township_raw",
                                  "township_id", "subject_area_raw", "subject_area_id")},
        "defendant_raw": ctx.unit_raw(unit), "court": court, "filed_on": filed,
        "case_number": _case_number(filed.year, court_code, kind, number), "type_code": kind,
        "instance": instance, "case_year": filed.year, "closed_on": closed, "hearing_on": heard,
        **_appearance(heard is not None and rng.random() < 0.97, heard is not None, number),
        "outcome": key if closed else None, "outcome_raw": raw if closed else None,
    }


def _appearance(appeared: bool, heard: bool, number: int) -> dict[str, str | None]:
    """Appearance code and wording of a later case's hearing (none without a hearing)."""
    if not heard:
        return {"appearance": None, "appearance_raw": None}
    code = ("principal" if number % 3 else "deputy") if appeared else "agent_only"
    return {"appearance": code, "appearance_raw": APPEARANCE_WORDING[code]}


def later_instances(ctx: CountyContext, first: pl.DataFrame) -> list[dict[str, Any]]:
    """Appeals of judgments (行终), applications for retrial (行申) of appeals."""
    rng, rows = ctx.rng, []
    judged = {str(k) for k, _, _ in LOSS_OUTCOMES} | {str(LO.CLAIM_DISMISSED)}
    for source in first.filter(pl.col("outcome").is_in(judged)).iter_rows(named=True):
        if rng.random() >= ctx.profile.appeal_share_of_judgments:
            continue
        filed = source["closed_on"] + rng.randint(15, 45) * _DAY
        court = f"{ctx.county.city_name}中级人民法院"
        appeal = _later_case(ctx, source, filed, court, ctx.county.city_code, "行终", Instance.SECOND,
                             APPEAL_OUTCOMES, rng.randint(40, 150), 0.5)
        if appeal is None:
            continue
        rows.append(appeal)
        if appeal["closed_on"] and rng.random() < ctx.profile.retrial_share_of_appeals:
            retrial = _later_case(ctx, appeal, appeal["closed_on"] + rng.randint(30, 120) * _DAY, HIGH_COURT, "",
                                  "行申", Instance.RETRIAL, RETRIAL_OUTCOMES, rng.randint(60, 180), 0.0)
            rows += [retrial] if retrial else []
    return rows


def enforcement_reviews(ctx: CountyContext) -> list[dict[str, Any]]:
    """非诉执行审查 (行审): an agency applies to the court to enforce its own decision."""
    rng, rows, counts = ctx.rng, [], MonthlyCounts(ctx.rng, seasonal=False)
    court = ctx.county.court.name
    for year, month in months_until(ctx.end):
        per_year = ctx.profile.review_per_year * ctx.volume
        for _ in range(counts.next(per_year, month, elapsed_share(year, month, ctx.end))):
            filed = day_in_month(rng, year, month, ctx.end)
            unit = ctx.defendant(year, "review")
            township = ctx.township_for(unit, year, purpose="review")
            row = _base_row(ctx, filed, unit, township, ctx.area(unit))
            closed = not_after(filed + rng.randint(7, 30) * _DAY, ctx.end)
            key, raw = pick_wording(rng, REVIEW_OUTCOMES)
            number = ctx.numbers.next(court, year, "行审")
            rows.append(row | {
                "court": court, "case_number": _case_number(year, ctx.county.code[2:], "行审", number),
                "type_code": "行审", "instance": str(Instance.NON_LITIGATION), "case_year": year,
                "closed_on": closed, "hearing_on": None, "appearance": None, "appearance_raw": None,
                "outcome": key if closed else None, "outcome_raw": raw if closed else None,
            })
    return rows


LITIGATION_COLUMNS = (
    "region_id", "court", "case_number", "case_number_raw", "case_year", "type_code", "instance", "plaintiff",
    "cause", "defendant_raw", "defendant_unit_id", "filed_on", "hearing_on", "closed_on", "outcome_raw",
    "outcome", "appearance_raw", "appearance", "township_raw", "township_id", "subject_area_raw", "subject_area_id",
)


def litigation_cases(ctx: CountyContext) -> pl.DataFrame:
    """Every lawsuit of the county, one row per 案号 and court."""
    first = first_instance(ctx)
    rows = (later_instances(ctx, first) if not first.is_empty() else []) + enforcement_reviews(ctx)
    frames = [first] if not first.is_empty() else []
    if rows:
        frames.append(rows_frame(rows))
    if not frames:
        return pl.DataFrame()
    frame = pl.concat([f.select(c for c in LITIGATION_COLUMNS if c != "case_number_raw") for f in frames],
                      how="diagonal_relaxed")
    raw = [_raw_case_number(ctx, n) for n in frame["case_number"]]
    return frame.with_columns(case_number_raw=pl.Series(raw, dtype=pl.String)).select(LITIGATION_COLUMNS)
