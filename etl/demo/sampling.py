"""Seeded random draws for the demo: months, days, weighted picks, quotas.

Every draw goes through one ``random.Random`` per county, seeded from a string, so a given seed and end
date reproduce the same county byte for byte (``Random`` seeds strings through SHA-512, independent of
``PYTHONHASHSEED``). Key rates are set by quota rather than by coin flips (see ``quota``), so a small
county still shows the intended figures instead of noise around them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import random
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

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


class MonthlyCounts:
    """Monthly counts of one series whose running total follows the seasonal expectation.

    The jitter is applied to the running total, not to each month: months vary as ledgers do, while a
    year's total stays close to the profile, so a small county's yearly figures are not left to chance.
    """

    def __init__(self, rng: random.Random, seasonal: bool = True) -> None:
        self.rng, self.seasonal = rng, seasonal
        self.expected = 0.0
        self.issued = 0

    def next(self, per_year: float, month: int, share: float = 1.0) -> int:
        weight = SEASONALITY[month - 1] / _SEASON_TOTAL if self.seasonal else 1 / 12
        mean = per_year * weight * share
        self.expected += mean
        jitter = self.rng.gauss(0.0, 0.6 * math.sqrt(mean)) if mean > 0 else 0.0
        count = max(0, round(self.expected + jitter) - self.issued)
        self.issued += count
        return count


def day_in_month(rng: random.Random, year: int, month: int, end: dt.date) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    if (year, month) == (end.year, end.month):
        last = end.day
    return dt.date(year, month, rng.randint(1, last))


def not_after(day: dt.date, end: dt.date) -> dt.date | None:
    """A date that has not happened yet at ``end`` is unknown in the ledger."""
    return day if day <= end else None


class Deck(Generic[T]):
    """Weighted draws that keep to their weights: each item is in the deck in proportion to its weight
    (largest remainder), dealt without replacement and reshuffled when empty.

    Independent draws let a small county's shares wander by chance, so a unit meant to get worse could
    look better; dealing from a deck keeps every year's shares close to the profile.
    """

    def __init__(self, items: Sequence[T], weights: Sequence[float], size: int = 200) -> None:
        total = sum(weights)
        quotas = [w / total * size for w in weights]
        counts = [int(q) for q in quotas]
        by_remainder = sorted(range(len(quotas)), key=lambda i: counts[i] - quotas[i])
        for i in by_remainder[: size - sum(counts)]:
            counts[i] += 1
        self.cards = [item for item, n in zip(items, counts, strict=True) for _ in range(n)]
        self.hand: list[T] = []

    def deal(self, rng: random.Random) -> T:
        if not self.hand:
            self.hand = self.cards[:]
            rng.shuffle(self.hand)
        return self.hand.pop()


def cumulative(weights: Sequence[float]) -> list[float]:
    """What ``Random.choices(weights=…)`` computes on every call; passed as ``cum_weights`` it draws
    exactly the same items from the same random numbers."""
    return list(itertools.accumulate(weights))


_TABLE_WEIGHTS: dict[int, tuple[WordingTable, list[float]]] = {}


def pick_wording(rng: random.Random, table: WordingTable) -> tuple[str, str]:
    """A normalised key and one of its raw spellings, from a (key, weight, spellings) table."""
    cached = _TABLE_WEIGHTS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _TABLE_WEIGHTS[id(table)] = (table, cumulative([w for _, w, _ in table]))
    key, _, spellings = rng.choices(table, cum_weights=cached[1])[0]
    return str(key), rng.choice(spellings)


def rows_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """``pl.DataFrame(rows, infer_schema_length=None)`` built column by column: the same columns (in
    first-seen order) and types, without converting a dict per row (a fifth of the generation time)."""
    keys = dict.fromkeys(rows[0]) if rows else {}
    if any(len(row) != len(keys) for row in rows) or not all(key in rows[-1] for key in keys):
        keys = dict.fromkeys(key for row in rows for key in row)
    return pl.DataFrame({key: [row.get(key) for row in rows] for key in keys})


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(("某", "某某", "某某"))


def quota(group: str | list[str], rate: pl.Expr, weight: pl.Expr, uniform: str) -> pl.Expr:
    """True for round(n × rate) rows of each group, chosen with probability rising with ``weight``.

    Weighted sampling without replacement (Efraimidis–Spirakis): the rows with the largest u^(1/w).
    """
    key = pl.col(uniform).pow(1.0 / weight)
    rank = key.rank("ordinal", descending=True).over(group)
    return rank <= (pl.len().over(group) * rate).round()
