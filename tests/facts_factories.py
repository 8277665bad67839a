"""Random fact frames for checking the engine against a plain reference, and filters that select
something in them (ids 1–8 units, 1–5 townships, 1–4 areas, 1–2 regions; three courts)."""

from __future__ import annotations

import numpy as np
import polars as pl

from etl.metrics import Filters, facts_from_frames
from etl.metrics.facts import Facts

START = np.datetime64("2022-01-01")


def _dates(rng: np.random.Generator, n: int, null_share: float = 0.2) -> pl.Series:
    days = START + rng.integers(0, 4 * 365, n).astype("timedelta64[D]")
    return pl.Series(days).cast(pl.Date).set(pl.Series(rng.random(n) < null_share), None)  # type: ignore[arg-type]


def _ids(rng: np.random.Generator, n: int, k: int) -> pl.Series:
    return pl.Series(rng.integers(1, k + 1, n)).set(pl.Series(rng.random(n) < 0.1), None)  # type: ignore[arg-type]


def random_facts(n: int = 3000, seed: int = 11) -> Facts:
    """Every fact table with random ids (some null), vocabulary and dates in 2022–2025."""
    rng = np.random.default_rng(seed)

    def common(m: int) -> dict[str, pl.Series]:
        return {"id": pl.Series(np.arange(m)), "unit_id": _ids(rng, m, 8), "township_id": _ids(rng, m, 5),
                "area_id": _ids(rng, m, 4), "region_id": _ids(rng, m, 2)}

    litigation = pl.DataFrame({
        **common(n), "court": rng.choice(["甲法院", "乙法院", "丙法院"], n),
        "instance": rng.choice(["first", "first", "second", "retrial"], n),
        "filed_on": _dates(rng, n, 0.05), "hearing_on": _dates(rng, n), "closed_on": _dates(rng, n),
        "outcome": rng.choice(["revoked", "withdrawn", "claim_dismissed", "suit_dismissed", "confirmed_illegal"], n),
        "appearance": pl.Series(rng.choice(["principal", "deputy", "head", "agent_only", "absent"], n))
        .set(pl.Series(rng.random(n) < 0.1), None)})  # type: ignore[arg-type]
    m = n // 2
    reconsideration = pl.DataFrame({
        **common(m), "received_on": _dates(rng, m), "decided_on": _dates(rng, m),
        "decision": rng.choice(["revoked", "upheld", "mediated", "settled", "withdrawn"], m)})
    disputes = pl.DataFrame({
        **common(m), "channel": rng.choice(["pre_litigation_mediation", "pre_enforcement_settlement",
                                            "coordination", "reconsideration_mediation"], m),
        "received_on": _dates(rng, m), "concluded_on": _dates(rng, m),
        "result": rng.choice(["success", "failure", "in_progress"], m)})
    recommendations = pl.DataFrame({
        **common(m), "due_on": _dates(rng, m), "answered_on": _dates(rng, m, 0.4),
        "rectified": rng.random(m) < 0.6})
    tasks = pl.DataFrame({
        **common(m), "deadline": _dates(rng, m), "completed_on": _dates(rng, m, 0.4),
        "status": rng.choice(["open", "done", "done", "cancelled"], m)})
    units = pl.DataFrame({"id": range(1, 9), "name": [f"单位{i}" for i in range(1, 9)],
                          "unit_type": ["agency"] * 6 + ["court", "agency"], "active": [True] * 7 + [False]})
    townships = pl.DataFrame({"id": range(1, 6), "name": [f"镇{i}" for i in range(1, 6)]})
    areas = pl.DataFrame({"id": range(1, 5), "name": [f"领域{i}" for i in range(1, 5)]})
    return facts_from_frames(litigation=litigation, reconsideration=reconsideration, disputes=disputes,
                             recommendations=recommendations, tasks=tasks, units=units, townships=townships,
                             areas=areas)


#: Filters over ``random_facts`` ids and courts, the last selecting nothing.
FILTERS = [Filters(), Filters(township_ids=(2,)), Filters(township_ids=(3,)), Filters(unit_ids=(1, 7)),
           Filters(area_ids=(2, 4)), Filters(courts=("乙法院",)), Filters(region_ids=(1,)),
           Filters(township_ids=(1, 2), area_ids=(3,), courts=("甲法院", "丙法院")),
           Filters(instances=("second",)), Filters(instances=("first", "retrial"), unit_ids=(2,)),
           Filters(township_ids=(99,))]
