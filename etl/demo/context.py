"""What every fact generator of one county needs: its units, seeded draws and ledger spellings.

Worsening units and townships (``UnitSpec.worsening``) get a growing share of cases each year and a
growing risk weight, which the quotas use to give them more losses and missed appearances.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from etl.demo.catalog import COMPANY_KINDS, SUBJECT_AREA_ALIASES
from etl.demo.dimensions import County, TownshipRef, UnitRef, subject_area_ids
from etl.demo.profile import FIRST_YEAR, RENAME_DATE, CountyProfile
from etl.demo.sampling import Deck, cumulative, person_name

VOLUME_GROWTH = 0.35  # share of a worsening unit grows by 35% of its base per year
RISK_GROWTH = 1.5  # its risk weight for losses and missed appearances grows faster


class CaseNumbers:
    """Running numbers per (court, year, type code): shared by the counties of a court's area."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, int, str], int] = {}

    def next(self, court: str, year: int, kind: str) -> int:
        key = (court, year, kind)
        self._last[key] = self._last.get(key, 0) + 1
        return self._last[key]


def trend(worsening: bool, year: int, growth: float) -> float:
    return 1.0 + growth * (year - FIRST_YEAR) if worsening else 1.0


@dataclass
class CountyContext:
    county: County
    rng: random.Random
    profile: CountyProfile
    volume: float
    end: dt.date
    numbers: CaseNumbers
    area_ids: dict[str, int] = field(default_factory=subject_area_ids)
    _decks: dict[tuple[str, int], Deck[UnitRef]] = field(default_factory=dict)
    _township_decks: dict[tuple[str, int], Deck[TownshipRef]] = field(default_factory=dict)
    _areas: dict[int, tuple[tuple[str, ...], list[float]]] = field(default_factory=dict)  # unit id → draw table

    def defendant(self, year: int, purpose: str = "litigation") -> UnitRef:
        """A unit dealt by its share of ``purpose`` (lawsuits, reviews …) that year."""
        key = (purpose, year)
        if key not in self._decks:
            units = self.county.units
            self._decks[key] = Deck(units, [u.spec.weight * trend(u.spec.worsening, year, VOLUME_GROWTH)
                                            for u in units])
        return self._decks[key].deal(self.rng)

    def township_for(self, unit: UnitRef, year: int, share: float = 0.85,
                     purpose: str = "litigation") -> TownshipRef | None:
        """A township government's own township; otherwise most cases arose in some township."""
        if unit.township is not None:
            return unit.township
        if self.rng.random() >= share:
            return None
        key = (purpose, year)
        if key not in self._township_decks:
            towns = self.county.townships
            self._township_decks[key] = Deck(towns, [t.spec.weight * trend(t.spec.worsening, year, VOLUME_GROWTH)
                                                     for t in towns])
        return self._township_decks[key].deal(self.rng)

    def risk(self, unit: UnitRef, township: TownshipRef | None, year: int) -> float:
        worse_town = township is not None and township.spec.worsening
        return trend(unit.spec.worsening, year, RISK_GROWTH) * trend(worse_town, year, RISK_GROWTH / 2)

    def area(self, unit: UnitRef) -> str:
        cached = self._areas.get(unit.id)
        if cached is None:
            names, weights = zip(*unit.spec.areas, strict=True)
            cached = self._areas[unit.id] = (names, cumulative(weights))
        return self.rng.choices(cached[0], cum_weights=cached[1])[0]

    def area_raw(self, area: str) -> str:
        aliases = SUBJECT_AREA_ALIASES.get(area, ())
        return self.rng.choice(aliases) if aliases and self.rng.random() < 0.2 else area

    def unit_raw(self, unit: UnitRef) -> str:
        r, forms = self.rng.random(), unit.spellings
        if r < 0.4 or len(forms) == 1:
            return forms[0]
        if r < 0.65:
            return forms[1]
        if r < 0.85 and len(forms) > 2:
            return forms[2]
        return self.rng.choice(forms)

    def township_raw(self, township: TownshipRef | None, day: dt.date) -> str | None:
        if township is None:
            return None
        former = township.spec.former_name
        if former and day < RENAME_DATE and self.rng.random() < 0.9:
            return former
        r = self.rng.random()
        forms = township.spellings
        return forms[0] if r < 0.75 else forms[1] if r < 0.9 else forms[2]

    def party(self) -> str:
        """A plaintiff or applicant: usually a person (姓某某), sometimes a company of the county."""
        rng = self.rng
        if rng.random() < 0.15:
            return self.county.name + "".join(rng.sample("鑫源泰丰恒昌宏达华瑞兴隆金盛", 2)) + rng.choice(COMPANY_KINDS)
        return person_name(rng)
