"""存在问题, 下步工作 and 提醒督促 follow rules from the figures: a problem needs enough records to be
one, reminders go to responsible units (never the county government or a place), each once."""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.briefing.annexes import NAMED_IN_BODY
from etl.briefing.assemble import BriefScope
from etl.briefing.data import gather
from etl.briefing.findings import findings, problem_paragraphs, reminder_paragraphs, reminders, task_reminder
from etl.metrics import facts_from_frames, parse_period

D = dt.date
UNITS = pl.DataFrame({"id": [1, 2, 3, 4], "name": ["示范县人民政府", "示范县自然资源局", "柳湾镇人民政府", "示范县司法局"],
                      "short_name": ["县政府", "自然资源局", "柳湾镇政府", "司法局"],
                      "unit_type": ["government", "agency", "township_gov", "agency"], "township_id": [None, None, 7, None],
                      "sort_order": [0, 1, 2, 3]})
TOWNS = pl.DataFrame({"id": [7], "name": ["柳湾镇"]})


def _facts() -> object:
    lit = pl.DataFrame({
        "id": [1, 2, 3], "unit_id": [1, 3, 2], "township_id": [7, 7, 7], "instance": ["first"] * 3,
        "case_number": ["(2025)示0928行初1号", "(2025)示0928行初2号", "(2025)示0928行初3号"],
        "filed_on": [D(2025, 1, 5)] * 3, "hearing_on": [D(2025, 2, 1), D(2025, 2, 2), None],
        "closed_on": [D(2025, 3, 1), D(2025, 3, 2), None], "outcome": ["revoked", "revoked", None],
        "appearance": ["principal", "absent", None]})
    disputes = pl.DataFrame({"id": [1], "unit_id": [2], "channel": ["pre_enforcement_settlement"], "result": ["failure"],
                             "received_on": [D(2025, 2, 1)], "concluded_on": [D(2025, 3, 1)]})
    tasks = pl.DataFrame({"id": [1, 2], "unit_id": [4, 1], "content": ["完善衔接机制", "县政府督办事项"],
                          "deadline": [D(2025, 5, 1), D(2025, 5, 1)], "status": ["open", "open"]})
    targets = pl.DataFrame({"year": [2025], "indicator_key": ["pre_enforcement_settlement_rate"],
                            "scope_type": ["region"], "scope_id": [None], "value": [0.45]})
    return facts_from_frames(litigation=lit, disputes=disputes, tasks=tasks, targets=targets, units=UNITS,
                             townships=TOWNS, region_name="示范县", as_of=D(2025, 12, 31))


def test_one_failed_settlement_is_not_a_problem_but_lost_cases_and_overdue_tasks_are() -> None:
    data = gather(_facts(), parse_period("2025H1"), BriefScope())  # type: ignore[arg-type]
    assert data.result["pre_enforcement_settlement_rate"].status == "missed"  # 0 of 1 against 45% …
    text = problem_paragraphs(findings(data))[0]
    assert "执前和解" not in text  # … but one record is no trend
    assert "发生败诉案件2件，涉及2个单位" in text and "2项双清单任务逾期未完成" in text


def test_reminders_skip_the_county_government_and_name_each_unit_once() -> None:
    data = gather(_facts(), parse_period("2025H1"), BriefScope())  # type: ignore[arg-type]
    names = dict(zip(UNITS["id"], UNITS["short_name"], strict=True))
    lines = reminders(data, names)
    assert [name for name, _ in lines] == ["柳湾镇政府", "司法局"]  # not 县政府 (lost a case, has a task), not 柳湾镇
    assert dict(lines)["柳湾镇政府"] == "败诉1件；1件庭审负责人未出庭"
    assert reminder_paragraphs(lines)[1:] == ("柳湾镇政府：败诉1件；1件庭审负责人未出庭。", "司法局：1项双清单任务逾期未完成。")


def _many_overdue(units_behind: int) -> object:
    """``units_behind`` agencies, each with one 双清单 task overdue at 30 June 2025; one of them also lost a case."""
    ids = list(range(1, units_behind + 1))
    units = pl.DataFrame({"id": ids, "name": [f"示范县第{i}局" for i in ids], "short_name": [f"第{i}局" for i in ids],
                          "unit_type": ["agency"] * units_behind, "township_id": [None] * units_behind,
                          "sort_order": ids})
    lit = pl.DataFrame({"id": [1], "unit_id": [1], "township_id": [7], "instance": ["first"],
                        "case_number": ["(2025)示0928行初1号"], "filed_on": [D(2025, 1, 5)], "hearing_on": [D(2025, 2, 1)],
                        "closed_on": [D(2025, 3, 1)], "outcome": ["revoked"], "appearance": ["principal"]})
    tasks = pl.DataFrame({"id": ids, "unit_id": ids, "content": [f"任务{i}" for i in ids],
                          "deadline": [D(2025, 5, 1)] * units_behind, "status": ["open"] * units_behind})
    return facts_from_frames(litigation=lit, tasks=tasks, units=units, townships=TOWNS, region_name="示范县",
                             as_of=D(2025, 12, 31))


def test_the_task_reminder_counts_the_units_the_problems_count() -> None:
    n = NAMED_IN_BODY + 2  # the last one a court: a partner, not an addressee of reminders, with an overdue task
    ids = list(range(1, n + 1))
    units = pl.DataFrame({"id": ids, "name": [f"示范县第{i}局" for i in ids], "short_name": [f"第{i}局" for i in ids],
                          "unit_type": ["agency"] * (n - 1) + ["court"], "township_id": [None] * n, "sort_order": ids})
    tasks = pl.DataFrame({"id": ids, "unit_id": ids, "content": [f"任务{i}" for i in ids],
                          "deadline": [D(2025, 5, 1)] * n, "status": ["open"] * n})
    facts = facts_from_frames(tasks=tasks, units=units, townships=TOWNS, region_name="示范县", as_of=D(2025, 12, 31))
    data = gather(facts, parse_period("2025H1"), BriefScope())  # type: ignore[arg-type]
    problem = next(f.problem for f in findings(data) if "双清单任务逾期未完成" in f.problem)
    assert problem.endswith(f"涉及{n}个单位")
    assert task_reminder(data) == f"{n}个单位的双清单任务逾期未完成。"


def test_overdue_tasks_of_a_few_units_are_reminded_unit_by_unit() -> None:
    data = gather(_many_overdue(NAMED_IN_BODY), parse_period("2025H1"), BriefScope())  # type: ignore[arg-type]
    names = dict(zip(data.facts.units["id"], data.facts.units["short_name"], strict=True))
    lines = dict(reminders(data, names))
    assert len(lines) == NAMED_IN_BODY and lines["第1局"] == "败诉1件；1项双清单任务逾期未完成"
    assert task_reminder(data, "（详见附件3）") == ""


def test_overdue_tasks_of_many_units_are_counted_and_left_to_their_annex() -> None:
    data = gather(_many_overdue(NAMED_IN_BODY + 1), parse_period("2025H1"), BriefScope())  # type: ignore[arg-type]
    names = dict(zip(data.facts.units["id"], data.facts.units["short_name"], strict=True))
    lines = reminders(data, names)
    assert lines == [("第1局", "败诉1件")]  # still named for its own lost case, once
    tasks = task_reminder(data, "（详见附件3）")
    assert tasks == f"{NAMED_IN_BODY + 1}个单位的双清单任务逾期未完成（详见附件3）。"
    assert reminder_paragraphs(lines, tasks)[1:] == ("第1局：败诉1件。", tasks)
