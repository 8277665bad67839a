"""Judicial/procuratorial recommendations and 双清单 tasks of one demo county.

Most recommendations are answered and rectified on time and most tasks are done by the deadline; the
worsening units miss more, so the overdue lists name them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from etl.db.models import RecommendationKind, TaskStatus, UnitType
from etl.demo.catalog import RECOMMENDATION_TOPICS, TASK_STATUS_WORDING, TASK_TOPICS
from etl.demo.context import CountyContext
from etl.demo.dimensions import UnitRef, chinese_number
from etl.demo.profile import FIRST_YEAR
from etl.demo.sampling import MonthlyCounts, day_in_month, elapsed_share, months_until, not_after, rows_frame

_DAY = dt.timedelta(days=1)
RECOMMENDATION_COLUMNS = (
    "region_id", "reference", "kind", "issuer", "addressee_raw", "addressee_unit_id", "content", "issued_on",
    "due_on", "answered_on", "rectified", "township_raw", "township_id", "subject_area_raw", "subject_area_id",
)
TASK_COLUMNS = (
    "region_id", "reference", "meeting", "content", "lead_unit_raw", "lead_unit_id", "assigned_on", "deadline",
    "status", "status_raw", "completed_on", "township_raw", "township_id", "subject_area_raw", "subject_area_id",
)


def _miss_chance(ctx: CountyContext, unit: UnitRef, year: int, base: float) -> float:
    return min(0.4, base * ctx.risk(unit, None, year))


def recommendations(ctx: CountyContext) -> pl.DataFrame:
    """司法建议 from the court and 检察建议 from the procuratorate, each due two months after issue."""
    rng, rows = ctx.rng, []
    issuers = (
        (RecommendationKind.JUDICIAL, ctx.county.court, ctx.profile.judicial_recommendations, "法司建"),
        (RecommendationKind.PROCURATORIAL, ctx.county.procuratorate, ctx.profile.procuratorial_recommendations,
         "检行建"),
    )
    for kind, issuer, per_year, code in issuers:
        numbers: dict[int, int] = {}
        counts = MonthlyCounts(rng, seasonal=False)
        for year, month in months_until(ctx.end):
            share = elapsed_share(year, month, ctx.end)
            for _ in range(counts.next(per_year * ctx.volume, month, share)):
                issued = day_in_month(rng, year, month, ctx.end)
                unit = ctx.defendant(year, "recommendation")
                due = issued + 60 * _DAY
                numbers[year] = numbers.get(year, 0) + 1
                area = ctx.area(unit)
                label = "司法建议" if kind == RecommendationKind.JUDICIAL else "检察建议"
                rows.append({
                    "region_id": ctx.county.id, "reference": f"{ctx.county.stem}{code}〔{year}〕{numbers[year]}号",
                    "kind": str(kind), "issuer": issuer.name, "addressee_raw": ctx.unit_raw(unit),
                    "addressee_unit_id": unit.id, "content": f"关于{rng.choice(RECOMMENDATION_TOPICS)}的{label}",
                    "issued_on": issued, "due_on": due, "township_raw": None, "township_id": None,
                    "subject_area_raw": ctx.area_raw(area), "subject_area_id": ctx.area_ids[area],
                    "miss_key": rng.random() ** (1 / ctx.risk(unit, None, year)),
                })
    _answer(ctx, rows)
    return rows_frame(rows).select(RECOMMENDATION_COLUMNS) if rows else pl.DataFrame()


def _answer(ctx: CountyContext, rows: list[dict[str, Any]]) -> None:
    """Answer dates by quota: ~10% of each year's recommendations lag, mostly at the worsening units.

    The laggards (largest weighted keys, Efraimidis–Spirakis) take turns at being never answered,
    answered without rectification and answered late, so every year shows each kind.
    """
    rng, by_year = ctx.rng, sorted({r["issued_on"].year for r in rows})
    for year in by_year:
        batch = [r for r in rows if r["issued_on"].year == year]
        laggards = sorted(batch, key=lambda r: r["miss_key"], reverse=True)[: max(1, round(len(batch) * 0.1))]
        kinds = {id(r): i % 3 for i, r in enumerate(laggards)}
        for row in batch:
            issued, due, kind = row["issued_on"], row["due_on"], kinds.get(id(row))
            if kind == 0:
                answered, rectified = None, None
            elif kind == 1:
                answered, rectified = issued + rng.randint(20, 60) * _DAY, False
            elif kind == 2:
                answered, rectified = due + rng.randint(3, 45) * _DAY, True
            else:
                answered, rectified = issued + rng.randint(10, 60) * _DAY, True
            row["answered_on"] = not_after(answered, ctx.end) if answered else None
            row["rectified"] = rectified if row["answered_on"] else None


def _task_lead(ctx: CountyContext, year: int) -> UnitRef:
    """The justice bureau (conference office) and the most-sued agencies lead most tasks."""
    if ctx.rng.random() < 0.2:
        return next(u for u in ctx.county.units if u.spec.stem == "司法局")
    return ctx.defendant(year, "task")


def _task_row(ctx: CountyContext, unit: UnitRef, year: int, meeting: str, reference: str, held: dt.date,
              deadline: dt.date) -> dict[str, Any]:
    """One task: mostly done by the deadline; the worsening units miss more (late, or still open)."""
    rng = ctx.rng
    r = rng.random()
    miss = _miss_chance(ctx, unit, year, 0.1)
    if r < 0.02:
        status, completed = TaskStatus.CANCELLED, None
    elif r < 0.02 + miss * 0.5:  # still open long after the deadline
        status, completed = TaskStatus.OPEN, None
    elif r < 0.02 + miss:  # done late
        status, completed = TaskStatus.DONE, deadline + rng.randint(5, 60) * _DAY
    else:
        status, completed = TaskStatus.DONE, held + rng.randint(7, (deadline - held).days) * _DAY
    if completed is not None and completed > ctx.end:
        status, completed = TaskStatus.OPEN, None
    return {
        "region_id": ctx.county.id, "reference": reference, "meeting": meeting,
        "content": rng.choice(TASK_TOPICS), "lead_unit_raw": ctx.unit_raw(unit), "lead_unit_id": unit.id,
        "assigned_on": held, "deadline": deadline, "status": str(status),
        "status_raw": rng.choice(TASK_STATUS_WORDING[str(status)]), "completed_on": completed,
        "township_raw": None, "township_id": None, "subject_area_raw": None, "subject_area_id": None,
    }


#: Unit types that set their own yearly 双清单 items (the conference's member units; not the convening
#: county government, the court or the procuratorate).
_MEMBER_TYPES = (UnitType.AGENCY, UnitType.TOWNSHIP_GOV)


def joint_tasks(ctx: CountyContext) -> pl.DataFrame:
    """The yearly 双清单 and the quarterly conferences' own tasks.

    At the year's first conference every member unit states 1–3 items it leads for the year (the
    notice's "各成员单位…明确本单位牵头落实的年度具体事项"), due by mid-year, the third quarter or the end
    of November; each conference also agrees 8–12 tasks of its own with a lead unit and a deadline.
    """
    rng, rows = ctx.rng, []
    low, high = ctx.profile.tasks_per_meeting
    for year in range(FIRST_YEAR, ctx.end.year + 1):
        for q in range(1, ctx.profile.meetings_per_year + 1):
            month = 12 * q // ctx.profile.meetings_per_year
            held = dt.date(year, month, rng.randint(10, 25))
            if held > ctx.end:
                break
            meeting = f"{year}年第{chinese_number(q)}次府院联动联席会议"
            for k in range(1, round(rng.randint(low, high) * ctx.volume) + 1):
                unit = _task_lead(ctx, year)
                deadline = held + rng.choice((30, 60, 90, 120)) * _DAY
                rows.append(_task_row(ctx, unit, year, meeting, f"{ctx.county.stem}双清单〔{year}〕{q}-{k:02d}号",
                                      held, deadline))
            if q == 1:
                rows += _yearly_items(ctx, year, meeting, held)
    return rows_frame(rows).select(TASK_COLUMNS) if rows else pl.DataFrame()


def _yearly_items(ctx: CountyContext, year: int, meeting: str, held: dt.date) -> list[dict[str, Any]]:
    rows, k = [], 0
    for unit in ctx.county.units:
        if unit.spec.unit_type not in _MEMBER_TYPES:
            continue
        for _ in range(ctx.rng.choice((1, 1, 2, 2, 3))):
            k += 1
            deadline = dt.date(year, *ctx.rng.choice(((6, 30), (9, 30), (11, 30))))
            rows.append(_task_row(ctx, unit, year, meeting, f"{ctx.county.stem}双清单〔{year}〕年度-{k:03d}号",
                                  held, deadline))
    return rows
