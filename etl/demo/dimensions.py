"""The demo's region hierarchy, units and subject areas, with the ids the fact generators refer to.

Ids are assigned here (from 1) so facts can be generated without a database round trip; the loader
writes them explicitly into emptied tables and moves PostgreSQL's sequences past them. Names are
invented and marked 示范 so no figure can be mistaken for a real place's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from etl.db.models import RegionLevel, UnitType
from etl.demo.catalog import (
    COURT,
    GOVERNMENT,
    MEMBER_UNITS,
    PROCURATORATE,
    SUBJECT_AREA_ALIASES,
    TOWNSHIP_GOV_AREAS,
    TOWNSHIP_GOV_WEIGHT,
    TOWNSHIPS,
    TownshipSpec,
    UnitSpec,
)
from etl.demo.profile import RENAME_DATE, ScaleSpec
from etl.vocab import SUBJECT_AREAS

PROVINCE = "示范省"
PROVINCE_ABBR = "示"  # the 案号 province abbreviation, like 豫
MAIN_CITY = "示范市"
MAIN_COUNTY = "示范县"
RAILWAY_COURT = "示范铁路运输法院"  # centralised jurisdiction: a court outside the defendant's county
HIGH_COURT = "示范省高级人民法院"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class TownshipRef:
    id: int
    name: str
    spec: TownshipSpec
    spellings: tuple[str, ...]  # name, county + name, short form (the former name before the rename)


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str
    spec: UnitSpec
    spellings: tuple[str, ...]
    township: TownshipRef | None = None


@dataclass(frozen=True)
class County:
    id: int
    name: str
    stem: str  # 示范 for 示范县: prefixes reference numbers (示范府复〔2024〕3号)
    code: str  # six-digit division code; its last four digits are the court code in a 案号
    city_name: str
    city_code: str  # two digits: the intermediate court's code (示09行终)
    government: UnitRef
    court: UnitRef
    procuratorate: UnitRef
    units: tuple[UnitRef, ...]  # every possible defendant: government, agencies, township governments
    townships: tuple[TownshipRef, ...]


@dataclass(frozen=True)
class Geography:
    jurisdiction: str
    jurisdiction_level: str
    jurisdiction_id: int
    counties: tuple[County, ...]
    frames: dict[str, pl.DataFrame]  # table name → rows with explicit ids, in insertion order


def chinese_number(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


class _Rows:
    """Collects rows per table and hands out ids."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, object]]] = {}

    def add(self, table: str, **values: object) -> int:
        rows = self.rows.setdefault(table, [])
        row_id = len(rows) + 1
        rows.append({"id": row_id, **values})
        return row_id


def _unit_spellings(name: str, spec: UnitSpec) -> tuple[str, ...]:
    forms = [name, "县" + spec.stem, spec.short_name, *spec.aliases]
    if len(spec.stem) >= 3 and not spec.stem.startswith(("委", "人民")):
        forms.append(spec.stem)
    return tuple(dict.fromkeys(forms))


def _add_unit(rows: _Rows, county_id: int, county: str, spec: UnitSpec, order: int) -> UnitRef:
    name = county + spec.stem
    unit_id = rows.add("unit", name=name, short_name=spec.short_name, unit_type=str(spec.unit_type),
                       region_id=county_id, township_id=None, active=True, sort_order=order)
    for alias in dict.fromkeys((spec.short_name, "县" + spec.stem, *spec.aliases)):  # 人社局, 县自然资源局 …
        if alias != name:
            rows.add("unit_alias", unit_id=unit_id, alias=alias)
    return UnitRef(unit_id, name, spec, _unit_spellings(name, spec))


def _add_township(rows: _Rows, county_id: int, county: str, spec: TownshipSpec) -> TownshipRef:
    short = spec.name.removesuffix("街道").removesuffix("镇").removesuffix("乡")
    short = "开发区" if spec.name == "经济开发区" else short
    region_id = rows.add("region", name=spec.name, short_name=short, level=str(RegionLevel.TOWNSHIP),
                         parent_id=county_id, code=None, valid_from=None, valid_to=None)
    rows.add("region_alias", region_id=region_id, alias=short, valid_from=None, valid_to=None)
    if spec.former_name:
        rows.add("region_alias", region_id=region_id, alias=spec.former_name, valid_from=None,
                 valid_to=RENAME_DATE - dt.timedelta(days=1))
    return TownshipRef(region_id, spec.name, spec, (spec.name, county + spec.name, short))


def _township_gov(rows: _Rows, county_id: int, county: str, twp: TownshipRef, order: int) -> UnitRef:
    zone = twp.name.endswith("开发区")
    name = twp.name + ("管理委员会" if zone else "人民政府")
    short = twp.name + ("管委会" if zone else "政府")
    spec = UnitSpec(name, short, (), TOWNSHIP_GOV_WEIGHT, TOWNSHIP_GOV_AREAS, UnitType.TOWNSHIP_GOV,
                    twp.spec.worsening)
    unit_id = rows.add("unit", name=name, short_name=short, unit_type=str(UnitType.TOWNSHIP_GOV),
                       region_id=county_id, township_id=twp.id, active=True, sort_order=order)
    rows.add("unit_alias", unit_id=unit_id, alias=short)
    return UnitRef(unit_id, name, spec, (name, short, county + name), twp)


def _county(rows: _Rows, city_id: int, city: str, city_code: str, name: str, code: str) -> County:
    county_id = rows.add("region", name=name, short_name=name.removesuffix("县"), level=str(RegionLevel.COUNTY),
                         parent_id=city_id, code=code, valid_from=None, valid_to=None)
    townships = tuple(_add_township(rows, county_id, name, spec) for spec in TOWNSHIPS)
    government = _add_unit(rows, county_id, name, GOVERNMENT, 0)
    members = [_add_unit(rows, county_id, name, spec, i + 1) for i, spec in enumerate(MEMBER_UNITS)]
    court = _add_unit(rows, county_id, name, COURT, len(members) + 1)
    procuratorate = _add_unit(rows, county_id, name, PROCURATORATE, len(members) + 2)
    govs = [_township_gov(rows, county_id, name, twp, len(members) + 3 + i) for i, twp in enumerate(townships)]
    return County(county_id, name, name.removesuffix("县"), code, city, city_code, government, court,
                  procuratorate, (government, *members, *govs), townships)


def _city_names(spec: ScaleSpec) -> list[tuple[str, str]]:
    """(name, two-digit code): 示范市 is 09 so that 示范县 is 990928, as in the 案号 （2024）示0928行初15号."""
    codes = [9] + [n for n in range(1, spec.cities + 2) if n != 9]
    names = [MAIN_CITY] + [f"示范{chinese_number(k + 1)}市" for k in range(1, spec.cities)]
    return [(names[k], f"{codes[k]:02d}") for k in range(spec.cities)]


def build_geography(spec: ScaleSpec) -> Geography:
    rows = _Rows()
    province_id = rows.add("region", name=PROVINCE, short_name="示范", level=str(RegionLevel.PROVINCE),
                           parent_id=None, code="990000", valid_from=None, valid_to=None)
    counties: list[County] = []
    main_city_id = 0
    for k, (city, city_code) in enumerate(_city_names(spec)):
        city_id = rows.add("region", name=city, short_name=city.removesuffix("市"), level=str(RegionLevel.CITY),
                           parent_id=province_id, code=f"99{city_code}00", valid_from=None, valid_to=None)
        main_city_id = main_city_id or city_id
        stem = "示范" if k == 0 else f"示范{chinese_number(k + 1)}"
        for j in range(spec.counties_per_city):
            if k == 0 and j == 0:
                name, code = MAIN_COUNTY, f"99{city_code}28"
            else:
                name, code = f"{stem}{_TIANGAN[j - 1 if k == 0 else j]}县", f"99{city_code}{j + 1:02d}"
            counties.append(_county(rows, city_id, city, city_code, name, code))
    for name, code, level in demo_courts(counties):
        rows.add("court", name=name, code=code, level=level)
    for i, area in enumerate(SUBJECT_AREAS):
        area_id = rows.add("subject_area", name=area, sort_order=i)
        for alias in SUBJECT_AREA_ALIASES.get(area, ()):
            rows.add("subject_area_alias", subject_area_id=area_id, alias=alias)
    if spec.cities > 1:
        jurisdiction, level, jid = PROVINCE, RegionLevel.PROVINCE, province_id
    elif spec.counties_per_city > 1:
        jurisdiction, level, jid = MAIN_CITY, RegionLevel.CITY, main_city_id
    else:
        jurisdiction, level, jid = MAIN_COUNTY, RegionLevel.COUNTY, counties[0].id
    frames = {table: pl.DataFrame(table_rows, infer_schema_length=None) for table, table_rows in rows.rows.items()}
    return Geography(jurisdiction, str(level), jid, tuple(counties), frames)


def demo_courts(counties: list[County]) -> list[tuple[str, str, str]]:
    """(name, 案号 code, level) of every court the demo's 案号 name: each county's basic court, each city's
    intermediate court, the railway court and the high court (``data/courts/demo_courts.csv`` lists the
    county-scale ones, for ``liandong import``)."""
    courts = [(c.court.name, f"{PROVINCE_ABBR}{c.code[2:]}", "基层") for c in counties]
    cities = dict.fromkeys((c.city_name, c.city_code) for c in counties)
    courts += [(f"{city}中级人民法院", f"{PROVINCE_ABBR}{code}", "中级") for city, code in cities]
    return [*courts, (RAILWAY_COURT, f"{PROVINCE_ABBR}7101", "专门"), (HIGH_COURT, PROVINCE_ABBR, "高级")]


def subject_area_ids() -> dict[str, int]:
    """Subject-area ids as ``build_geography`` assigns them (in SUBJECT_AREAS order, from 1)."""
    return {area: i + 1 for i, area in enumerate(SUBJECT_AREAS)}
