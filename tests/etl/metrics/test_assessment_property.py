"""Property: under the default scheme, improving one indicator of one unit never lowers its score —
whatever the other units did (the relative item compares with a county average the unit is part of)."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.metrics import load_default_scheme
from etl.metrics.ranking import score_frame

SCHEME = load_default_scheme()
#: Rates of the default scheme and which way is better (numerator down for a loss, up for a success).
RATES = {"loss_rate": -1, "head_appearance_rate": 1, "substantive_resolution_rate": 1,
         "reconsideration_correction_rate": -1, "recommendation_adoption_rate": 1, "task_on_time_rate": 1}


@st.composite
def county(draw: st.DrawFn) -> list[dict[str, int]]:
    units = []
    for _ in range(draw(st.integers(2, 5))):
        unit = {"litigation_cases": draw(st.integers(0, 12)), "litigation_cases__previous": draw(st.integers(0, 12))}
        for key in RATES:
            den = draw(st.integers(0, 8))
            unit[f"{key}__den"], unit[f"{key}__num"] = den, draw(st.integers(0, den))
        units.append(unit)
    return units


def frame(units: list[dict[str, int]]) -> pl.DataFrame:
    rows = []
    for n, unit in enumerate(units, start=1):
        row = {"group_id": n, "group_name": f"单位{n}", "double_decline": False, **unit}
        for key in RATES:
            row[key] = unit[f"{key}__num"] / unit[f"{key}__den"] if unit[f"{key}__den"] else None
        rows.append(row)
    return pl.DataFrame(rows)


def improved(units: list[dict[str, int]], who: int, what: str) -> list[dict[str, int]] | None:
    """The county with one unit's one indicator a step better, or None when it cannot improve."""
    unit = dict(units[who])
    if what == "litigation_cases":
        if unit[what] == 0:
            return None
        unit[what] -= 1
    else:
        num, den = unit[f"{what}__num"], unit[f"{what}__den"]
        step = RATES[what]
        if not 0 <= num + step <= den:
            return None
        unit[f"{what}__num"] = num + step
    return [unit if n == who else u for n, u in enumerate(units)]


def score(units: list[dict[str, int]], who: int) -> float:
    value = score_frame(frame(units), SCHEME, 3)["score"][who]
    assert value is not None  # volume is always scored, so the base score exists
    return float(value)


@settings(max_examples=150, deadline=None)
@given(county(), st.data())
def test_improving_one_indicator_of_one_unit_never_lowers_its_score(units: list[dict[str, int]],
                                                                     data: st.DataObject) -> None:
    who = data.draw(st.integers(0, len(units) - 1))
    what = data.draw(st.sampled_from(["litigation_cases", *RATES]))
    better = improved(units, who, what)
    if better is None:
        return
    assert score(better, who) >= score(units, who) - 1e-9, (what, units[who])
