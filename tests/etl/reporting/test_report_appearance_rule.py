"""A hearing report meets the ledger through the ledgers' one appearance rule: the report speaks the
``appearance`` vocabulary, and whether a deputy counts as the head is the definitions' choice
(``deputy_counts_as_head``), not the reporting module's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, select, update

from etl.db.models import LitigationCase
from etl.metrics import IndicatorConfig
from etl.reporting import conflicts, resolve, writes
from etl.reporting.terms import APPEARANCES, Reporter
from etl.vocab import Appearance
from tests.ledger_factories import briefing_ledger

DEPUTY_REPORT = {"subject": "hearing", "appearance": "deputy", "appeared_name": "王某"}


def test_report_codes_are_the_ledgers_appearance_codes() -> None:
    assert set(APPEARANCES) <= {a.value for a in Appearance}


def test_a_deputy_agrees_with_a_head_on_record_unless_the_definitions_say_deputies_do_not_count() -> None:
    ledger = {"hearing_on": "2025-05-01", "appearance": "head"}  # 负责人出庭, rank not recorded
    assert conflicts.disagreement(DEPUTY_REPORT, ledger) is None
    strict = IndicatorConfig(deputy_counts_as_head=False)
    assert conflicts.disagreement(DEPUTY_REPORT, ledger, strict) == (
        "出庭情况 负责人出庭，负责人出庭 是", "副职（王某），负责人出庭 否")


def test_a_ledger_without_an_appearance_disagrees_with_any_report() -> None:
    said = conflicts.disagreement({**DEPUTY_REPORT, "appearance": "absent", "appeared_name": None},
                                  {"hearing_on": "2025-05-01", "appearance": None})
    assert said == ("出庭情况 空，负责人出庭 空", "未出庭，负责人出庭 否")


def test_the_office_writes_a_hearing_report_into_the_ledgers_appearance(engine: Engine) -> None:
    ids: dict[str, Any] = briefing_ledger(engine)
    with engine.begin() as conn:  # one of 住建局's suits was heard with the head in court
        court, stored = conn.execute(select(LitigationCase.court, LitigationCase.case_number)
                                     .where(LitigationCase.defendant_unit_id == ids["housing"])
                                     .order_by(LitigationCase.id)).first()
        case_number = stored.replace("(", "（").replace(")", "）")  # as an import stores it
        conn.execute(update(LitigationCase).where(LitigationCase.case_number == stored, LitigationCase.court == court)
                     .values(case_number=case_number, hearing_on=dt.date(2025, 5, 1), appearance="head"))
    with engine.begin() as conn:
        writes.record_hearing(conn, Reporter("lly", "liaison", unit_id=ids["housing"]), court, case_number,
                              "agent_only", "李某")
    with engine.connect() as conn:
        [conflict] = conflicts.open_conflicts(conn).to_dicts()
    assert conflict["report_says"] == "委托代理人（李某），负责人出庭 否"
    with engine.begin() as conn:
        resolve.resolve_conflict(conn, Reporter("office", "admin"), conflict["report_id"], "report")
        after = conn.execute(select(LitigationCase.appearance).where(
            LitigationCase.court == court, LitigationCase.case_number == case_number)).scalar_one()
        still = conflicts.open_conflicts(conn)
    assert after == "agent_only"
    assert still.is_empty(), still.to_dicts()
