"""Seeded random draws for the demo: months, days, weighted picks, quotas.

Every draw goes through one ``random.Random`` per county, seeded from a string, so a given seed and end
date reproduce the same county byte for byte (``Random`` seeds strings through SHA-512, independent of
``PYTHONHASHSEED``). Key rates are set by quota rather than by coin flips (see ``quota``), so a small
county still shows the intended figures instead of noise around them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

import polars as pl

from etl.demo.catalog import SURNAMES, WordingTable
from etl.demo.profile import FIRST_YEAR, SEASONALITY

T = TypeVar("T")
_SEASON_TOTAL = sum(SEASONALITY)


def county_rng(seed: int, county_code: str) -> random.Random:
    return random.Random(f"liandong-demo:{seed}:{county_code}")


def months_until(end: dt.date) -> list[tuple[int, int]]:
    """Calendar months from January of FIRST_YEAR through the month of ``end``."""
    return [(y, m) for y in range(FIRST_YEAR, end.year + 1) for m in range(1, 13) if (y, m) <= (end.year, end.month)]


def elapsed_share(year: int, month: int, end: dt.date) -> float:
    """The part of the month already lived at ``end`` (1.0 for past months)."""
    if (year, month) != (end.year, end.month):
        return 1.0
    return end.day / calendar.monthrange(year, month)[1]


def month_count(rng: random.Random, per_year: float, month: int, share: float, seasonal: bool = True) -> int:
    """A noisy count around the seasonal expectation.

    Normal with 0.7 × the Poisson spread: a little tamer than real ledgers, so that every seed keeps
    the yearly magnitudes of the profile.
    """
    weight = SEASONALITY[month - 1] / _SEASON_TOTAL if seasonal else 1 / 12
    mean = per_year * weight * share
    if mean <= 0:
        return 0
    return max(0, round(rng.gauss(mean, 0.7 * math.sqrt(mean))))


def day_in_month(rng: random.Random, year: int, month: int, end: dt.date) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    if (year, month) == (end.year, end.month):
        last = end.day
    return dt.date(year, month, rng.randint(1, last))


def not_after(day: dt.date, end: dt.date) -> dt.date | None:
    """A date that has not happened yet at ``end`` is unknown in the ledger."""
    return day if day <= end else None


class WeightedPicker(Generic[T]):
    """Weighted choice by bisection over cumulative weights: fast enough for millions of draws."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        pairs = [(item, w) for item, w in zip(items, weights, strict=True) if w > 0]
        self.items = [item for item, _ in pairs]
        self.cumulative = list(accumulate(w for _, w in pairs))

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


def pick_wording(rng: random.Random, table: WordingTable) -> tuple[str, str]:
    """A normalised key and one of its raw spellings, from a (key, weight, spellings) table."""
    key, _, spellings = rng.choices(table, weights=[w for _, w, _ in table])[0]
    return str(key), rng.choice(spellings)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(("某", "某某", "某某"))


def quota(group: str | list[str], rate: pl.Expr, weight: pl.Expr, uniform: str) -> pl.Expr:
    """True for round(n × rate) rows of each group, chosen with probability rising with ``weight``.

    Weighted sampling without replacement (Efraimidis–Spirakis): the rows with the largest u^(1/w).
    """
    key = pl.col(uniform).pow(1.0 / weight)
    rank = key.rank("ordinal", descending=True).over(group)
    return rank <= (pl.len().over(group) * rate).round()
