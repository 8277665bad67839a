"""Small typed helpers to insert dimensions and facts into a test database.

Every helper takes an open SQLAlchemy ``Connection`` (use ``engine.begin()``), returns the new row's
id and fills required columns with harmless defaults, so a test states only what it is about::

    with engine.begin() as conn:
        county = add_county(conn, "示范县")
        unit = add_unit(conn, "示范县自然资源局", county, short_name="自然资源局")
        add_case(conn, defendant_unit_id=unit, filed_on=date(2025, 3, 1))
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy import Connection, Table

from etl.db.models import (
    AssessmentScheme,
    DisputeCase,
    JointTask,
    LitigationCase,
    Recommendation,
    ReconsiderationCase,
    Region,
    RegionAlias,
    RegionLevel,
    SubjectArea,
    Target,
    Unit,
    UnitAlias,
)
from etl.regions import set_jurisdiction

_serial = itertools.count(1)


def _insert(conn: Connection, model: type, **values: Any) -> int:
    table: Table = model.__table__  # type: ignore[attr-defined]
    result = conn.execute(table.insert().values(**values))
    return int(result.inserted_primary_key[0])


def add_county(conn: Connection, name: str = "示范县") -> int:
    """The jurisdiction the database serves (also recorded in app_meta, as ``liandong init`` does)."""
    return set_jurisdiction(conn, name, RegionLevel.COUNTY)


def add_township(conn: Connection, name: str, county_id: int, aliases: tuple[str, ...] = ()) -> int:
    region_id = _insert(conn, Region, name=name, level=RegionLevel.TOWNSHIP.value, parent_id=county_id)
    for alias in aliases:
        _insert(conn, RegionAlias, region_id=region_id, alias=alias)
    return region_id


def add_unit(conn: Connection, name: str, region_id: int, short_name: str | None = None,
             unit_type: str = "agency", township_id: int | None = None, aliases: tuple[str, ...] = (),
             sort_order: int = 0) -> int:
    unit_id = _insert(conn, Unit, name=name, short_name=short_name, unit_type=unit_type, region_id=region_id,
                      township_id=township_id, active=True, sort_order=sort_order)
    for alias in aliases:
        _insert(conn, UnitAlias, unit_id=unit_id, alias=alias)
    return unit_id


def add_area(conn: Connection, name: str, sort_order: int = 0) -> int:
    return _insert(conn, SubjectArea, name=name, sort_order=sort_order)


def add_case(conn: Connection, *, court: str = "示范县人民法院", case_number: str | None = None,
             instance: str = "first", defendant_unit_id: int | None = None, township_id: int | None = None,
             subject_area_id: int | None = None, filed_on: dt.date | None = None,
             hearing_on: dt.date | None = None, closed_on: dt.date | None = None, outcome: str | None = None,
             head_appeared: bool | None = None, **extra: Any) -> int:
    """A litigation case; the 案号 defaults to a unique first-instance number.

    ``head_appeared`` is the short form of a ledger's 是/否: yes → appearance ``head``, no → ``absent``;
    pass ``appearance=`` for who appeared (principal, deputy, agent_only …)."""
    n = next(_serial)
    code = {"first": "行初", "second": "行终", "retrial": "行再", "non_litigation": "行审"}.get(instance, "行他")
    return _insert(conn, LitigationCase, court=court,
                   case_number=case_number or f"(2025)豫0928{code}{n}号", instance=instance,
                   defendant_unit_id=defendant_unit_id, township_id=township_id, subject_area_id=subject_area_id,
                   filed_on=filed_on, hearing_on=hearing_on, closed_on=closed_on, outcome=outcome,
                   **({} if head_appeared is None else {"appearance": "head" if head_appeared else "absent"}),
                   **extra)


def add_reconsideration(conn: Connection, *, respondent_unit_id: int | None = None,
                        received_on: dt.date | None = None, decided_on: dt.date | None = None,
                        decision: str | None = None, township_id: int | None = None, **extra: Any) -> int:
    return _insert(conn, ReconsiderationCase, case_number=f"示复字〔2025〕{next(_serial)}号",
                   respondent_unit_id=respondent_unit_id, received_on=received_on, decided_on=decided_on,
                   decision=decision, township_id=township_id, **extra)


def add_dispute(conn: Connection, *, channel: str, result: str = "in_progress", unit_id: int | None = None,
                received_on: dt.date | None = None, concluded_on: dt.date | None = None,
                township_id: int | None = None, **extra: Any) -> int:
    return _insert(conn, DisputeCase, reference=f"JF{next(_serial):05d}", channel=channel, result=result,
                   unit_id=unit_id, received_on=received_on, concluded_on=concluded_on, township_id=township_id,
                   **extra)


def add_recommendation(conn: Connection, *, addressee_unit_id: int | None = None, kind: str = "judicial",
                       issued_on: dt.date | None = None, due_on: dt.date | None = None,
                       answered_on: dt.date | None = None, rectified: bool | None = None,
                       township_id: int | None = None, **extra: Any) -> int:
    return _insert(conn, Recommendation, reference=f"示法建〔2025〕{next(_serial)}号", kind=kind,
                   addressee_unit_id=addressee_unit_id, issued_on=issued_on, due_on=due_on,
                   answered_on=answered_on, rectified=rectified, township_id=township_id, **extra)


def add_task(conn: Connection, *, lead_unit_id: int | None = None, deadline: dt.date | None = None,
             status: str = "open", completed_on: dt.date | None = None, content: str = "双清单任务",
             township_id: int | None = None, **extra: Any) -> int:
    return _insert(conn, JointTask, reference=f"RW{next(_serial):05d}", content=content, lead_unit_id=lead_unit_id,
                   deadline=deadline, status=status, completed_on=completed_on, township_id=township_id, **extra)


def add_target(conn: Connection, year: int, indicator_key: str, value: float, scope_type: str = "region",
               scope_id: int | None = None) -> int:
    return _insert(conn, Target, year=year, indicator_key=indicator_key, value=value, scope_type=scope_type,
                   scope_id=scope_id)


def add_scheme(conn: Connection, year: int, definition: dict[str, Any], name: str = "考核方案") -> int:
    return _insert(conn, AssessmentScheme, year=year, name=name, definition=definition)


#: A scheme that ranks on the count of lawsuits alone (fewer is better), so that every unit with a
#: record takes a place and the order is plain: for tests whose subject is not the scoring.
COUNT_ONLY_SCHEME: dict[str, Any] = {"min_measured_weight": 0, "indicators": [
    {"key": "litigation_cases", "weight": 100, "target": 0, "threshold": 5}]}
