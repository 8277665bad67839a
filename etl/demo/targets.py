"""Yearly targets: region-wide, per county (at city/province scale), and a few unit/township ones.

Indicator keys are those of docs/indicators.md. A rate target is a floor for "higher is better"
indicators and a ceiling for loss and correction rates; ``litigation_cases`` is a ceiling on filings.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.db.models import ScopeType
from etl.demo.dimensions import Geography
from etl.demo.profile import FIRST_YEAR


def region_targets(year: int) -> dict[str, float]:
    tighter = year >= 2024  # the 2024 conference raised the bar
    return {
        "loss_rate": 0.02 if tighter else 0.025,
        "head_appearance_rate": 1.0 if tighter else 0.95,
        "substantive_resolution_rate": 0.8,
        "pre_litigation_mediation_rate": 0.6,
        "pre_enforcement_settlement_rate": 0.45,
        "reconsideration_correction_rate": 0.15,
        "reconsideration_settlement_rate": 0.35,
        "recommendation_adoption_rate": 0.9,
        "task_on_time_rate": 0.9,
    }


#: (unit stem, indicator, value): agencies under watch get their own targets.
UNIT_TARGETS = (
    ("自然资源局", "loss_rate", 0.03),
    ("住房和城乡建设局", "head_appearance_rate", 1.0),
    ("人力资源和社会保障局", "loss_rate", 0.02),
    ("综合行政执法局", "litigation_cases", 8.0),
)
TOWNSHIP_TARGETS = (("柳湾镇", "litigation_cases", 10.0), ("枫渡镇", "litigation_cases", 8.0))


def targets(geo: Geography, end: dt.date) -> pl.DataFrame:
    main = geo.counties[0]
    unit_ids = {u.spec.stem: u.id for u in main.units}
    township_ids = {t.name: t.id for t in main.townships}
    rows: list[dict[str, object]] = []
    for year in range(FIRST_YEAR, end.year + 1):
        scopes: list[int | None] = [None]
        if len(geo.counties) > 1:
            scopes += [c.id for c in geo.counties]
        for scope_id in scopes:
            rows += [{"year": year, "indicator_key": key, "scope_type": str(ScopeType.REGION), "scope_id": scope_id,
                      "value": value} for key, value in region_targets(year).items()]
        rows += [{"year": year, "indicator_key": key, "scope_type": str(ScopeType.UNIT), "scope_id": unit_ids[stem],
                  "value": value} for stem, key, value in UNIT_TARGETS]
        rows += [{"year": year, "indicator_key": key, "scope_type": str(ScopeType.TOWNSHIP),
                  "scope_id": township_ids[name], "value": value} for name, key, value in TOWNSHIP_TARGETS]
    return pl.DataFrame(rows, schema={"year": pl.Int64, "indicator_key": pl.String, "scope_type": pl.String,
                                      "scope_id": pl.Int64, "value": pl.Float64})
