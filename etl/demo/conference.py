"""The joint conference's own ledgers of one demo county: key cases, the procuratorate's supervision
cases and the disputes it helps resolve, and the 配合单位/责任领导 of the 双清单 tasks.

Every function takes a county context with a random stream of its own (``DemoData.county_facts`` seeds
it apart from the main one), so adding these ledgers left every lawsuit, review, dispute,
recommendation and task of the demo exactly as it was. Magnitudes: about 20
key cases a year (the seeds report "重大疑难复杂案件30余件" in a half year for a whole district), about
30 supervision cases and 15 procuratorate-assisted disputes a year.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import polars as pl

from etl.db.models import DisputeChannel, DisputeResult, KeyCaseStatus, SupervisionKind, SupervisionResult
from etl.demo.context import CountyContext
from etl.demo.disputes import DISPUTE_COLUMNS
from etl.demo.profile import FIRST_YEAR
from etl.demo.sampling import (
    MonthlyCounts,
    day_in_month,
    elapsed_share,
    months_until,
    person_name,
    rows_frame,
)

_DAY = dt.timedelta(days=1)
KEY_CASE_COLUMNS = (
    "region_id", "reference", "name", "unit_raw", "unit_id", "leader", "listed_on", "due_on", "progress", "status",
    "status_raw", "resolved_on", "township_raw", "township_id", "subject_area_raw", "subject_area_id",
)
SUPERVISION_COLUMNS = (
    "region_id", "reference", "kind", "kind_raw", "supervised_raw", "supervised_unit_id", "received_on",
    "closed_on", "result", "result_raw", "township_raw", "township_id", "subject_area_raw", "subject_area_id",
)
#: Areas in which lawsuits tend to become key cases (large groups of claimants, land and housing).
KEY_AREAS = {"土地征收": 3.0, "房屋征收": 3.0, "行政协议": 2.0, "社会保障": 1.0}
PROGRESS = {
    KeyCaseStatus.OPEN: ("已召开协调会，正在研究化解方案", "包案领导已约谈当事人，拟定一案一策", "正在开展政策解释和补偿测算"),
    KeyCaseStatus.RESOLVED: ("达成和解协议，当事人撤诉", "补偿到位，已实质化解", "经协调当事人息诉罢访"),
    KeyCaseStatus.UNRESOLVED: ("当事人诉求超出政策范围，依法终结", "协调未果，依法判决结案"),
}
STATUS_WORDING = {KeyCaseStatus.OPEN: ("化解中", "推进中"), KeyCaseStatus.RESOLVED: ("已化解", "化解成功"),
                  KeyCaseStatus.UNRESOLVED: ("未化解",)}
SUPERVISION_KINDS = ((SupervisionKind.NON_LITIGATION_ENFORCEMENT, 0.5, ("行政非诉执行监督", "非诉执行监督")),
                     (SupervisionKind.LITIGATION, 0.3, ("行政诉讼监督", "诉讼监督")),
                     (SupervisionKind.ILLEGAL_CONDUCT, 0.2, ("行政违法行为监督",)))
SUPERVISION_RESULTS = ((SupervisionResult.RECOMMENDATION, 0.45, ("发出检察建议", "提出检察建议", "检察建议")),
                       (SupervisionResult.NOT_SUPPORTED, 0.25, ("不支持监督申请",)),
                       (SupervisionResult.TERMINATED, 0.12, ("终结审查",)),
                       (SupervisionResult.PROTEST, 0.05, ("提请抗诉",)),
                       (SupervisionResult.OTHER, 0.13, ("其他", "移送")))


def _pick(rng: random.Random, table: tuple[tuple[Any, float, tuple[str, ...]], ...]) -> tuple[str, str]:
    key, _, spellings = rng.choices(table, weights=[w for _, w, _ in table])[0]
    return str(key), rng.choice(spellings)


def county_leaders(rng: random.Random) -> tuple[str, ...]:
    """The county leaders who take key cases and tasks in hand (包案领导, 责任领导)."""
    return tuple(f"{person_name(rng)}（{title}）" for title in ("县长", "常务副县长", "副县长", "副县长"))


def _key_case(ctx: CountyContext, leaders: tuple[str, ...], record: dict[str, Any], listed: dt.date,
              name: str) -> dict[str, Any]:
    """One key case: listed a few days after the lawsuit or dispute arrived, due in two to six months,
    resolved (mostly), unresolved or still open; the worsening units leave more open past the deadline."""
    rng = ctx.rng
    due = listed + rng.choice((60, 90, 120, 180)) * _DAY
    late = rng.random() < 0.12  # resolved, but after the deadline
    worse = record["_worsening"]
    if due <= ctx.end:
        status = KeyCaseStatus.UNRESOLVED if rng.random() < 0.08 else KeyCaseStatus.RESOLVED
    else:
        status = KeyCaseStatus.RESOLVED if rng.random() < 0.3 else KeyCaseStatus.OPEN
    resolved = None
    if status != KeyCaseStatus.OPEN:
        span = max(7, (due - listed).days + (30 if late else 0))
        resolved = min(listed + rng.randint(7, span) * _DAY, ctx.end)
    return {"_overdue_key": rng.random() ** (1 / (3.0 if worse else 1.0)),
            "region_id": ctx.county.id, "reference": record["reference"], "name": name,
            "unit_raw": record["unit_raw"], "unit_id": record["unit_id"], "leader": rng.choice(leaders),
            "listed_on": listed, "due_on": due, "progress": rng.choice(PROGRESS[status]), "status": str(status),
            "status_raw": rng.choice(STATUS_WORDING[status]), "resolved_on": resolved,
            "township_raw": record["township_raw"], "township_id": record["township_id"],
            "subject_area_raw": record["subject_area_raw"], "subject_area_id": record["subject_area_id"]}


def key_cases(ctx: CountyContext, litigation: pl.DataFrame, disputes: pl.DataFrame,
              leaders: tuple[str, ...]) -> pl.DataFrame:
    """About ten first-instance lawsuits (mostly land, housing, agreements) and ten major disputes a year,
    each named by its 案号 or 编号 — which marks the lawsuit or dispute as key."""
    rng, rows = ctx.rng, []
    worsening = {u.id for u in ctx.county.units if u.spec.worsening}
    areas = {v: k for k, v in ctx.area_ids.items()}
    lawsuits = litigation.filter(pl.col("instance") == "first").with_columns(
        pl.col("filed_on").alias("_arrived"), pl.col("case_number").alias("reference"),
        pl.col("defendant_unit_id").alias("unit_id"), pl.col("defendant_raw").alias("unit_raw"))
    major = disputes.filter(pl.col("is_major")).with_columns(pl.col("received_on").alias("_arrived"))
    for year in range(FIRST_YEAR, ctx.end.year + 1):
        for frame, per_year, kind in ((lawsuits, ctx.profile.key_lawsuits, "lawsuit"),
                                      (major, ctx.profile.key_disputes, "dispute")):
            pool = frame.filter(pl.col("_arrived").dt.year() == year).to_dicts()
            if not pool:
                continue
            weights = [KEY_AREAS.get(areas.get(r["subject_area_id"], ""), 0.3) for r in pool]
            chosen: dict[int, dict[str, Any]] = {}
            for _ in range(round(per_year * ctx.volume)):
                record = rng.choices(pool, weights=weights)[0]
                chosen[id(record)] = record
            for record in chosen.values():
                listed = record["_arrived"] + rng.randint(3, 20) * _DAY
                if listed > ctx.end:
                    continue
                record["_worsening"] = record["unit_id"] in worsening
                area = areas.get(record["subject_area_id"], "行政")
                who = record.get("plaintiff") or str(record.get("parties") or "").split("与")[0]
                unit_name = str(record["unit_raw"] or "")
                name = f"{who}诉{unit_name}{area}案" if kind == "lawsuit" else f"{who}{area}争议"
                rows.append(_key_case(ctx, leaders, record, listed, name))
    _leave_some_overdue(ctx, rows)
    return rows_frame(rows).select(KEY_CASE_COLUMNS).sort("listed_on", "reference") if rows else pl.DataFrame()


def _leave_some_overdue(ctx: CountyContext, rows: list[dict[str, Any]]) -> None:
    """A quarter of the key cases due in the last half year are still 化解中 past their deadline, mostly at
    the worsening units (by quota, so every county has a few to chase); older ones all have an outcome."""
    recent = [r for r in rows if ctx.end - 180 * _DAY < r["due_on"] <= ctx.end]
    for row in sorted(recent, key=lambda r: r["_overdue_key"], reverse=True)[: max(1, round(len(recent) / 4))]:
        row.update(status=str(KeyCaseStatus.OPEN), resolved_on=None, progress=ctx.rng.choice(PROGRESS[KeyCaseStatus.OPEN]),
                   status_raw=ctx.rng.choice(STATUS_WORDING[KeyCaseStatus.OPEN]))


def supervision_cases(ctx: CountyContext) -> pl.DataFrame:
    """The procuratorate's administrative supervision cases: non-litigation enforcement most of all."""
    rng, rows = ctx.rng, []
    numbers: dict[int, int] = {}
    counts = MonthlyCounts(rng, seasonal=False)
    for year, month in months_until(ctx.end):
        for _ in range(counts.next(ctx.profile.supervision * ctx.volume, month, elapsed_share(year, month, ctx.end))):
            received = day_in_month(rng, year, month, ctx.end)
            unit = ctx.defendant(year, "supervision")
            area = ctx.area(unit)
            kind, kind_raw = _pick(rng, SUPERVISION_KINDS)
            result, result_raw = _pick(rng, SUPERVISION_RESULTS)
            if result == SupervisionResult.PROTEST and kind != SupervisionKind.LITIGATION:
                result, result_raw = str(SupervisionResult.RECOMMENDATION), "发出检察建议"  # only a judgment is protested
            closed: dt.date | None = received + round(rng.triangular(20, 150, 45)) * _DAY
            if closed is not None and closed > ctx.end:
                closed, result, result_raw = None, str(SupervisionResult.IN_PROGRESS), "审查中"
            numbers[year] = numbers.get(year, 0) + 1
            rows.append({"region_id": ctx.county.id, "reference": f"{ctx.county.stem}检行监〔{year}〕{numbers[year]}号",
                         "kind": kind, "kind_raw": kind_raw, "supervised_raw": ctx.unit_raw(unit),
                         "supervised_unit_id": unit.id, "received_on": received, "closed_on": closed,
                         "result": result, "result_raw": result_raw, "township_raw": None, "township_id": None,
                         "subject_area_raw": ctx.area_raw(area), "subject_area_id": ctx.area_ids[area]})
    return rows_frame(rows).select(SUPERVISION_COLUMNS) if rows else pl.DataFrame()


def procuratorate_disputes(ctx: CountyContext) -> pl.DataFrame:
    """Disputes the procuratorate helps resolve (检察机关参与化解), about seven in ten successfully."""
    rng, rows = ctx.rng, []
    numbers: dict[int, int] = {}
    counts = MonthlyCounts(rng)
    for year, month in months_until(ctx.end):
        for _ in range(counts.next(ctx.profile.procuratorate_disputes * ctx.volume, month,
                                   elapsed_share(year, month, ctx.end))):
            received = day_in_month(rng, year, month, ctx.end)
            unit = ctx.defendant(year, "dispute")
            township = ctx.township_for(unit, year, share=0.9, purpose="dispute")
            area = ctx.area(unit)
            concluded: dt.date | None = received + round(rng.triangular(10, 90, 30)) * _DAY
            if concluded is not None and concluded > ctx.end:
                concluded, result, result_raw = None, DisputeResult.IN_PROGRESS, "办理中"
            elif rng.random() < 0.7:
                result, result_raw = DisputeResult.SUCCESS, rng.choice(("化解成功", "达成和解"))
            else:
                result, result_raw = DisputeResult.FAILURE, "未化解"
            numbers[year] = numbers.get(year, 0) + 1
            rows.append({"region_id": ctx.county.id, "reference": f"{ctx.county.stem}检调〔{year}〕{numbers[year]}号",
                         "channel": str(DisputeChannel.PROCURATORATE), "channel_raw": "检察机关参与化解",
                         "unit_raw": ctx.unit_raw(unit), "unit_id": unit.id,
                         "parties": f"{ctx.party()}与{unit.spec.short_name}", "received_on": received,
                         "concluded_on": concluded, "result_raw": result_raw, "result": str(result),
                         "is_major": rng.random() < 0.1, "township_raw": ctx.township_raw(township, received),
                         "township_id": township.id if township else None, "subject_area_raw": ctx.area_raw(area),
                         "subject_area_id": ctx.area_ids[area]})
    return rows_frame(rows).select(DISPUTE_COLUMNS) if rows else pl.DataFrame()


def with_partners_and_leaders(ctx: CountyContext, tasks: pl.DataFrame, leaders: tuple[str, ...]) -> pl.DataFrame:
    """Half the tasks name one or two 配合单位, most a 责任领导."""
    if tasks.is_empty():
        return tasks
    rng = ctx.rng
    agencies = [u.spec.short_name for u in ctx.county.units if u.spec.weight >= 1.0]
    partners, heads = [], []
    for lead in tasks["lead_unit_raw"].to_list():
        others = [a for a in agencies if a not in str(lead)]
        partners.append("、".join(rng.sample(others, rng.randint(1, 2))) if rng.random() < 0.5 else None)
        heads.append(rng.choice(leaders) if rng.random() < 0.8 else None)
    return tasks.with_columns(pl.Series("partner_units", partners, dtype=pl.String),
                              pl.Series("leader", heads, dtype=pl.String))
