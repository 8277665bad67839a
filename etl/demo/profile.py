"""The demo county's magnitudes per year and the sizes of the larger benchmark scales.

Figures follow docs/domain.md ("Demo county figures"): a few hundred lawsuits a year, loss rate
falling from about 2.8% to 1.8%, head appearance in the high 90s, substantive resolution around 80%,
reconsideration settlement around 35%, pre-enforcement settlement around 46%. A year after the last one
listed keeps the last value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from etl.db.models import DisputeChannel

FIRST_YEAR = 2023
RENAME_DATE = dt.date(2024, 6, 1)  # 桑堤乡 → 桑堤镇

#: Filings by calendar month: few around Spring Festival (Jan/Feb), more in Q2–Q4.
SEASONALITY = (0.55, 0.5, 0.9, 1.1, 1.1, 1.15, 1.0, 0.95, 1.1, 0.95, 1.15, 1.2)


def by_year(values: dict[int, float], year: int) -> float:
    """The value for ``year``, clamped to the first/last year given."""
    years = sorted(values)
    return values[min(max(year, years[0]), years[-1])]


@dataclass(frozen=True)
class CountyProfile:
    """Yearly volumes (per county, before the scale's volume factor) and rates."""

    first_instance: dict[int, float] = field(default_factory=lambda: {2023: 215, 2024: 198, 2025: 184, 2026: 176})
    loss_rate: dict[int, float] = field(default_factory=lambda: {2023: 0.029, 2024: 0.024, 2025: 0.019, 2026: 0.017})
    head_appearance: dict[int, float] = field(
        default_factory=lambda: {2023: 0.955, 2024: 0.965, 2025: 0.975, 2026: 0.98})
    appeal_share_of_judgments: float = 0.45  # appealed to the intermediate court (~40 a year)
    retrial_share_of_appeals: float = 0.12  # then applied for retrial at the high court (~5 a year)
    review_per_year: float = 20  # 非诉执行审查
    reconsideration: dict[int, float] = field(default_factory=lambda: {2023: 56, 2024: 60, 2025: 66, 2026: 70})
    reconsideration_settlement: float = 0.35
    reconsideration_correction: dict[int, float] = field(
        default_factory=lambda: {2023: 0.15, 2024: 0.13, 2025: 0.12, 2026: 0.11})
    disputes: dict[str, float] = field(default_factory=lambda: {
        DisputeChannel.PRE_LITIGATION_MEDIATION: 60, DisputeChannel.PRE_ENFORCEMENT_SETTLEMENT: 25,
        DisputeChannel.COORDINATION: 100, DisputeChannel.RECONSIDERATION_MEDIATION: 30})
    dispute_success: dict[str, float] = field(default_factory=lambda: {
        DisputeChannel.PRE_LITIGATION_MEDIATION: 0.60, DisputeChannel.PRE_ENFORCEMENT_SETTLEMENT: 0.46,
        DisputeChannel.COORDINATION: 0.95, DisputeChannel.RECONSIDERATION_MEDIATION: 0.90})
    judicial_recommendations: float = 12
    procuratorial_recommendations: float = 16
    meetings_per_year: int = 4
    tasks_per_meeting: tuple[int, int] = (8, 12)
    key_lawsuits: float = 10  # first-instance lawsuits listed as key cases a year
    key_disputes: float = 10  # major disputes listed as key cases a year
    supervision: float = 30  # the procuratorate's administrative supervision cases a year
    procuratorate_disputes: float = 15  # disputes resolved with the procuratorate (检察机关参与化解)


@dataclass(frozen=True)
class ScaleSpec:
    """How many counties, grouped in how many cities, and a multiplier on every volume."""

    name: str
    cities: int
    counties_per_city: int
    volume: float
    label: str

    @property
    def counties(self) -> int:
        return self.cities * self.counties_per_city


SCALES: dict[str, ScaleSpec] = {
    "county": ScaleSpec("county", 1, 1, 1.0, "县级（示范县）"),
    "city": ScaleSpec("city", 1, 10, 1.0, "市级（示范市，10 个县区）"),
    "province": ScaleSpec("province", 15, 10, 8.0, "省级（示范省，150 个县区，压力测试）"),
}
