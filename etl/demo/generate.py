"""The demo data as frames, without a database: dimensions up front, facts streamed county by county.

Streaming keeps the province scale (150 counties, over a million lawsuits) within memory: each county's
frames are written and dropped before the next is generated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import polars as pl

from etl.demo.conference import (
    county_leaders,
    key_cases,
    procuratorate_disputes,
    supervision_cases,
    with_partners_and_leaders,
)
from etl.demo.context import CaseNumbers, CountyContext
from etl.demo.dimensions import County, Geography, build_geography
from etl.demo.disputes import dispute_cases
from etl.demo.followups import joint_tasks, recommendations
from etl.demo.litigation import litigation_cases
from etl.demo.profile import FIRST_YEAR, SCALES, CountyProfile, ScaleSpec
from etl.demo.reconsideration import reconsideration_cases
from etl.demo.sampling import county_rng
from etl.demo.targets import targets

DEFAULT_SEED = 20231225
#: Fact tables in the order they are generated and written.
FACT_TABLES = ("litigation_case", "reconsideration_case", "dispute_case", "recommendation", "joint_task", "meeting",
               "key_case", "supervision_case")


class DemoError(Exception):
    """A demo load that cannot go ahead; the message is for the user (Chinese first)."""


@dataclass(frozen=True)
class DemoData:
    seed: int
    scale: ScaleSpec
    end: dt.date
    geography: Geography
    targets: pl.DataFrame
    profile: CountyProfile = field(default_factory=CountyProfile)

    def county_facts(self) -> Iterator[tuple[County, dict[str, pl.DataFrame]]]:
        """Each county's fact frames in turn; iterating twice yields identical frames."""
        numbers = CaseNumbers()  # shared: appeals of all counties of a city go to one intermediate court
        for county in self.geography.counties:
            ctx = CountyContext(county, county_rng(self.seed, county.code), self.profile, self.scale.volume,
                                self.end, numbers)
            # The conference's own ledgers draw from a second stream: the first stays as it always was.
            conference = CountyContext(county, county_rng(self.seed, f"{county.code}:conference"), self.profile,
                                       self.scale.volume, self.end, numbers)
            # In this order: each generator continues the county's one random stream.
            litigation = litigation_cases(ctx)
            reviews = reconsideration_cases(ctx)
            disputes = dispute_cases(ctx)
            recs = recommendations(ctx)
            tasks, meetings = joint_tasks(ctx)
            leaders = county_leaders(conference.rng)
            yield county, {
                "litigation_case": litigation,
                "reconsideration_case": reviews,
                "dispute_case": pl.concat([disputes, procuratorate_disputes(conference)], how="diagonal_relaxed"),
                "recommendation": recs,
                "joint_task": with_partners_and_leaders(conference, tasks, leaders),
                "meeting": meetings,
                "key_case": key_cases(conference, litigation, disputes, leaders),
                "supervision_case": supervision_cases(conference),
            }


def resolve_scale(scale: str) -> ScaleSpec:
    if scale not in SCALES:
        raise DemoError(f"未知的演示数据规模 {scale!r}，可选：{'、'.join(SCALES)} (unknown scale)")
    return SCALES[scale]


def generate_demo(seed: int = DEFAULT_SEED, scale: str = "county", end: dt.date | None = None) -> DemoData:
    """The demo for ``seed`` and ``scale`` with no date after ``end`` (default: today)."""
    spec = resolve_scale(scale)
    end = end or dt.date.today()
    if end < dt.date(FIRST_YEAR, 1, 1):
        raise DemoError(f"演示数据从 {FIRST_YEAR} 年 1 月开始，截止日期 {end} 太早 (end date before {FIRST_YEAR})")
    geography = build_geography(spec)
    return DemoData(seed, spec, end, geography, targets(geography, end))
