"""Assessment scores and rankings: linear scoring, weights, ties, not-applicable rules, bonus, veto.

Scheme used unless stated: loss_rate weight 60 (full at 0%, zero at 50%), head_appearance_rate
weight 40 (full at 100%, zero at 50%), min_cases 1, an indicator that does not apply scores full marks.
The scoring methods, categories, events and ties have their own tests in tests/etl/metrics/.
"""

from __future__ import annotations

import random
from datetime import date as d

import polars as pl
import pytest
from sqlalchemy import Engine

from etl.metrics import (
    SchemeError,
    facts_from_frames,
    load_default_scheme,
    load_facts,
    parse_period,
    parse_scheme,
    rank,
    score_fraction,
)
from etl.metrics.ranking import score_frame
from etl.metrics.registry import INDICATORS_BY_KEY, Direction
from etl.metrics.scheme import Scheme
from tests.factories import add_county, add_scheme, add_unit

Y2025 = parse_period("2025")
BASE = {"name": "测试方案", "min_cases": 1, "not_applicable": "full_marks", "indicators": [
    {"key": "loss_rate", "weight": 60, "target": 0.0, "threshold": 0.5},
    {"key": "head_appearance_rate", "weight": 40, "target": 1.0, "threshold": 0.5}]}


def cases(unit: int, year: int, losses: int, closures: int, appeared: int = 0, hearings: int = 0) -> list[dict]:
    rows = []
    for n in range(closures):
        rows.append({"unit_id": unit, "instance": "first", "closed_on": d(year, 3, 1 + n),
                     "outcome": "revoked" if n < losses else "claim_dismissed"})
    for n in range(hearings):
        rows.append({"unit_id": unit, "instance": "first", "hearing_on": d(year, 5, 1 + n),
                     "appearance": "principal" if n < appeared else "absent"})
    return rows


def facts_for(rows: list[dict], names: str = "ABCD") -> object:
    frame = pl.DataFrame(rows, infer_schema_length=None).with_row_index("id")
    units = pl.DataFrame({"id": list(range(1, len(names) + 1)), "name": list(names),
                          "unit_type": ["agency"] * len(names)})
    return facts_from_frames(litigation=frame, units=units)


TIES = (cases(1, 2025, 0, 2, 2, 2)  # A: 60 + 40 = 100
        + cases(2, 2025, 1, 4, 1, 1)  # B: 60 × (0.5 − 0.25)/0.5 = 30, + 40 = 70
        + cases(3, 2025, 1, 4, 1, 1)  # C: same as B
        + cases(4, 2025, 1, 2, 3, 4))  # D: 0 + 40 × (0.75 − 0.5)/0.5 = 20


@pytest.mark.parametrize(("value", "target", "threshold", "expected"), [
    (0.0, 0.1, 0.5, 1.0), (0.1, 0.1, 0.5, 1.0), (0.3, 0.1, 0.5, 0.5), (0.5, 0.1, 0.5, 0.0), (0.9, 0.1, 0.5, 0.0),
    (1.0, 1.0, 0.6, 1.0), (0.8, 1.0, 0.6, 0.5), (0.6, 1.0, 0.6, 0.0), (0.2, 1.0, 0.6, 0.0),
])
def test_score_fraction_is_linear_between_target_and_threshold(value: float, target: float, threshold: float,
                                                               expected: float) -> None:
    assert score_fraction(value, target, threshold) == pytest.approx(expected)


def test_ties_share_a_rank_and_skip_the_next() -> None:
    table = rank(facts_for(TIES), Y2025, scheme=parse_scheme(BASE))
    assert list(zip(table["group_name"], table["rank"], table["score"], strict=True)) == [
        ("A", 1, 100.0), ("B", 2, 70.0), ("C", 2, 70.0), ("D", 4, 20.0)]
    d_row = table.row(3, named=True)
    assert (d_row["loss_rate__score"], d_row["head_appearance_rate__score"]) == (0.0, pytest.approx(20.0))


def test_not_applicable_scores_full_marks_or_is_left_out() -> None:
    rows = cases(1, 2025, 1, 4)  # loss 25% → 30 of 60; no hearings
    full = rank(facts_for(rows, "A"), Y2025, scheme=parse_scheme(BASE))
    assert (full["score"][0], full["head_appearance_rate__score"][0]) == (70.0, 40.0)
    renorm = rank(facts_for(rows, "A"), Y2025, scheme=parse_scheme({**BASE, "not_applicable": "renormalise"}))
    assert (renorm["score"][0], renorm["head_appearance_rate__score"][0]) == (50.0, None)  # 30/60 × 100


def test_rate_on_too_few_cases_is_not_scored() -> None:
    rows = cases(1, 2025, 1, 1)  # one closure, lost: 100% loss rate
    assert rank(facts_for(rows, "A"), Y2025, scheme=parse_scheme(BASE))["score"][0] == 40.0
    assert rank(facts_for(rows, "A"), Y2025, scheme=parse_scheme({**BASE, "min_cases": 2}))["score"][0] == 100.0


def lawsuit(unit: int, day: d, lost: bool, appeared: bool) -> dict:
    """A case filed, heard and closed on the same day."""
    return {"unit_id": unit, "instance": "first", "filed_on": day, "hearing_on": day, "closed_on": day,
            "outcome": "revoked" if lost else "claim_dismissed", "appearance": "head" if appeared else "agent_only"}


def test_double_decline_earns_the_bonus() -> None:
    rows = [lawsuit(1, d(2024, 3, 1), True, True), lawsuit(1, d(2024, 4, 1), False, True),  # 2 cases, 50%
            lawsuit(1, d(2025, 3, 1), False, True)]  # 1 case, 0%: both strictly lower
    scheme = parse_scheme({**BASE, "double_decline_bonus": 5})
    row = rank(facts_for(rows, "A"), Y2025, scheme=scheme).row(0, named=True)
    assert (row["base_score"], row["bonus"], row["score"]) == (100.0, 5.0, 105.0)


def test_veto_scores_zero_and_ranks_last() -> None:
    rows = [lawsuit(1, d(2025, 3, 1), False, False),  # A: perfect loss rate, head never appeared
            lawsuit(2, d(2025, 3, 1), True, True), lawsuit(2, d(2025, 3, 2), True, True)]  # B: 0 + 40
    scheme = parse_scheme({**BASE, "vetoes": [
        {"key": "head_appearance_rate", "op": "<", "value": 0.5, "reason": "出庭率过低"}]})
    table = rank(facts_for(rows, "AB"), Y2025, scheme=scheme)
    assert table.select("group_name", "rank", "score", "vetoed", "veto_reason").rows() == [
        ("B", 1, 40.0, False, None), ("A", 2, 0.0, True, "出庭率过低")]


def test_rank_change_compares_with_the_previous_period() -> None:
    rows = TIES + cases(1, 2024, 2, 2) + cases(4, 2024, 0, 2)  # 2024: D 100, A 40; B and C had no cases
    table = rank(facts_for(rows), Y2025, scheme=parse_scheme(BASE))
    got = dict(zip(table["group_name"], zip(table["previous_rank"], table["rank_change"], strict=True), strict=True))
    # 2024's published places: only D (100) and A (40) were assessed → D 1, A 2; B and C, scored by full
    # marks alone, took no place. D led A in 2024, A leads D in 2025, so each moved one place. B and C are new.
    assert got == {"A": (2, 1), "B": (None, None), "C": (None, None), "D": (1, -1)}


def test_rank_change_is_null_for_units_not_assessed_in_either_period_and_ignores_newcomers() -> None:
    scheme = parse_scheme(BASE)
    rows = (cases(1, 2024, 0, 2) + cases(2, 2024, 1, 2) + cases(4, 2024, 1, 4)  # A 100, B 40, D 70
            + cases(1, 2025, 1, 4) + cases(2, 2025, 0, 2) + cases(3, 2025, 1, 2)  # A 70, B 100, C 40
            + cases(5, 2025, 0, 3))  # E 100; D has no 2025 cases, C and E none in 2024
    table = rank(facts_for(rows, "ABCDE"), Y2025, scheme=scheme)
    got = {r["group_name"]: (r["rank"], r["assessed"], r["previous_rank"], r["rank_change"])
           for r in table.iter_rows(named=True)}
    # 2025 places (assessed only): B, E 100 → 1; A 70 → 3; C 40 → 4; D (full marks, nothing measured) none.
    # 2024 places: A 100 → 1; D 70 → 2; B 40 → 3; C and E (no cases) none.
    # Comparable (assessed both years): A and B. 2024: A 1st, B 2nd; 2025: B 1st, A 2nd. The old rule
    # (previous rank − rank over every unit) gave B +4 and D +3 — the odd jumps docs/decisions/0005 describes.
    assert got == {"A": (3, True, 1, -1), "B": (1, True, 3, 1), "C": (4, True, None, None),
                   "D": (None, False, 2, None), "E": (1, True, None, None)}


def test_rank_change_over_a_year_to_date_uses_the_same_span_a_year_earlier() -> None:
    rows = ([lawsuit(1, d(2024, 3, 1), True, True), lawsuit(2, d(2024, 3, 1), False, True),
             lawsuit(1, d(2024, 9, 1), False, True), lawsuit(1, d(2024, 9, 2), False, True),  # after the span
             lawsuit(1, d(2025, 3, 1), False, True), lawsuit(2, d(2025, 3, 1), True, True)])
    table = rank(facts_for(rows, "AB"), parse_period("2025YTD", today=d(2025, 6, 30)),
                 scheme=parse_scheme(BASE))
    # Jan–Jun 2024: A lost its one case (40), B none lost (100); Jan–Jun 2025 the other way round.
    got = dict(zip(table["group_name"], zip(table["previous_rank"], table["rank_change"], strict=True), strict=True))
    assert got == {"A": (2, 1), "B": (1, -1)}


@pytest.mark.parametrize(("change", "message"), [
    ({"indicators": [{"key": "loss_rate", "weight": 50, "target": 0, "threshold": 0.5}]}, "权重之和应为100"),
    ({"indicators": [{"key": "nope", "weight": 100, "threshold": 1}]}, "未知指标"),
    ({"not_applicable": "ignore"}, "not_applicable"),
    ({"vetoes": [{"key": "loss_rate", "op": "!=", "value": 1}]}, "一票否决"),
])
def test_invalid_scheme_is_rejected_with_a_reason(change: dict, message: str) -> None:
    with pytest.raises(SchemeError, match=message):
        parse_scheme({**BASE, **change})


def test_default_scheme_weights_sum_to_100_over_the_seed_indicators() -> None:
    scheme = load_default_scheme()
    assert scheme.total_weight == 100
    assert [i.key for i in scheme.items] == ["litigation_cases", "loss_rate", "head_appearance_rate",
                                             "substantive_resolution_rate", "reconsideration_correction_rate",
                                             "recommendation_adoption_rate", "task_on_time_rate"]


def test_scheme_stored_for_the_year_replaces_the_default(engine: Engine) -> None:
    with engine.begin() as conn:
        county = add_county(conn)
        add_unit(conn, "示范县自然资源局", county)
        add_scheme(conn, 2025, {k: v for k, v in BASE.items() if k != "name"}, name="2025年度考核方案")
    table = rank(load_facts(engine), Y2025)
    assert [c for c in table.columns if c.endswith("__score")] == ["loss_rate__score", "head_appearance_rate__score"]
    assert table["score"].to_list() == [100.0]


# --- the vectorised scorer against a row-by-row statement of the same rules ---------------------------------

def _reference_score_row(row: dict, scheme: Scheme, min_cases: int) -> dict:
    """The scoring rules one group at a time, as first written (the vectorised ``score_frame`` replaced it)."""
    out: dict = {}
    earned_points: dict[str, float | None] = {}
    weights = 0.0
    for item in scheme.items:
        ind = INDICATORS_BY_KEY[item.key]
        if item.measure == "change":
            if ind.is_rate:
                value = row[f"{item.key}__change"]
            else:
                cur, prev = row[item.key], row[f"{item.key}__previous"]
                value = (cur - prev) / max(prev, item.floor)  # zero in both years is scored: no rise
        elif ind.is_rate and (row[f"{item.key}__den"] or 0) < min_cases:
            value = None
        else:
            value = row[item.key]
        if value is None:
            earned_points[item.slug] = item.weight if scheme.not_applicable == "full_marks" else None
            if scheme.not_applicable == "full_marks":
                weights += item.weight
        else:
            table_target = row.get(f"{item.key}__target") if item.measure == "value" else None
            target = (float(table_target) if table_target is not None else item.target if item.target is not None
                      else 0.0 if ind.direction == Direction.LOWER or item.measure == "change" else 1.0)
            earned_points[item.slug] = item.weight * score_fraction(value, target, item.threshold)
            weights += item.weight
        out[f"{item.slug}__measured"] = value
    # Shown points are scaled to the weight measured and rounded; the base score is their sum.
    for key, points in earned_points.items():
        out[f"{key}__score"] = None if points is None or weights == 0 else round(points * 100.0 / weights, 2)
    base = None if weights == 0 else round(sum(v for k, v in out.items() if k.endswith("__score") and v is not None), 2)
    bonus = scheme.double_decline_bonus if row.get("double_decline") else 0.0
    vetoes = [v.reason for v in scheme.vetoes if v.hit(row.get(v.key))]
    score = 0.0 if vetoes else None if base is None else round(max(0.0, base + bonus), 2)
    out.update(base_score=base, bonus=bonus, vetoed=bool(vetoes), veto_reason="；".join(vetoes) or None, score=score)
    return out


def _random_grouped(rng: random.Random, n: int) -> pl.DataFrame:
    def maybe(value: float | None, p_null: float = 0.2) -> float | None:
        return None if rng.random() < p_null else value

    rows = []
    for gid in range(1, n + 1):
        cases_now, cases_before = rng.choice([0, 0, 1, 3, 12]), rng.choice([0, 1, 4, 9])
        rows.append({
            "group_id": gid, "group_name": f"单位{gid}",
            "litigation_cases": cases_now, "litigation_cases__previous": cases_before,
            "loss_rate": maybe(rng.random() * 0.6), "loss_rate__den": rng.choice([0, 1, 2, 5, 20]),
            "loss_rate__target": maybe(rng.choice([0.05, 0.1, 0.2]), 0.5),
            "loss_rate__change": maybe(rng.uniform(-0.3, 0.3)),
            "head_appearance_rate": maybe(rng.random()), "head_appearance_rate__den": rng.choice([0, 1, 3, 8]),
            "head_appearance_rate__target": maybe(rng.choice([0.8, 0.9, 1.0]), 0.5),
            "double_decline": maybe(rng.random() < 0.3, 0.3),
        })
    return pl.DataFrame(rows)


@pytest.mark.parametrize("seed", range(6))
def test_the_vectorised_scores_equal_the_row_by_row_rules(seed: int) -> None:
    rng = random.Random(seed)
    scheme = parse_scheme({
        "name": "随机方案", "not_applicable": rng.choice(["full_marks", "renormalise"]),
        "double_decline_bonus": rng.choice([0, 2, 5]),
        "vetoes": [{"key": "loss_rate", "op": ">=", "value": 0.5, "reason": "败诉率过高"},
                   {"key": "head_appearance_rate", "op": "<", "value": 0.1, "reason": "出庭率过低"}],
        "indicators": [
            {"key": "loss_rate", "weight": 40, "target": 0.1, "threshold": 0.4},
            {"key": "head_appearance_rate", "weight": 30, "threshold": 0.5},
            {"key": "litigation_cases", "weight": 20, "target": -0.1, "threshold": 0.5, "measure": "change"},
            {"key": "loss_rate", "id": "loss_change", "weight": 10, "target": -0.05, "threshold": 0.2,
             "measure": "change"},
        ]} if seed % 2 else {**BASE, "not_applicable": rng.choice(["full_marks", "renormalise"])})
    grouped = _random_grouped(rng, 300)
    min_cases = rng.choice([1, 3])
    got = score_frame(grouped, scheme, min_cases)
    expected = [{"group_id": r["group_id"], "group_name": r["group_name"], **_reference_score_row(r, scheme, min_cases)}
                for r in grouped.iter_rows(named=True)]
    assert got.height == len(expected)
    for row, want in zip(got.iter_rows(named=True), expected, strict=True):
        assert want.keys() <= row.keys()
        for key, value in want.items():
            if isinstance(value, float):
                assert row[key] == pytest.approx(value, abs=1e-9), (row["group_name"], key)
            else:
                assert row[key] == value, (row["group_name"], key)
