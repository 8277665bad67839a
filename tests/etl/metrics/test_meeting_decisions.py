"""Each meeting's decisions on a literal county: tasks find their meeting by name or by 纪要文号 (any
bracket style, alone or inside a longer text), and every task is counted somewhere."""

from __future__ import annotations

from datetime import date as d

import polars as pl

from etl.access import ViewerScope, facts_for_viewer
from etl.mappings import default_mappings
from etl.metrics import Filters, facts_from_frames, parse_period
from etl.metrics.links import link_tasks_to_meetings
from etl.metrics.meetings import KIND_LABELS, NO_MEETING, decisions_by_meeting, meeting_tasks
from etl.names import normalise_text

MEETINGS = pl.DataFrame([
    {"id": 1, "name": "2025年第一次府院联动联席会议", "kind": "court", "held_on": d(2025, 3, 20),
     "minutes_no": "河府院联纪〔2025〕1号"},
    {"id": 2, "name": "2025年第二次府检联动联席会议", "kind": "procuratorate", "held_on": d(2025, 6, 20),
     "minutes_no": "河府检联纪〔2025〕2号"},
    {"id": 3, "name": "2024年第四次联席会议", "kind": "joint", "held_on": d(2024, 12, 10), "minutes_no": None},
])


def task(i: int, meeting: str | None, status: str, deadline: d | None, completed: d | None = None,
         unit: int = 1, assigned: d | None = d(2025, 4, 1)) -> dict:
    return {"id": i, "meeting": meeting, "status": status, "deadline": deadline, "completed_on": completed,
            "unit_id": unit, "assigned_on": assigned}


TASKS = pl.DataFrame([
    task(1, "2025年第一次府院联动联席会议", "done", d(2025, 5, 1), d(2025, 4, 20)),  # on time
    task(2, "河府院联纪[2025]1号", "done", d(2025, 5, 1), d(2025, 5, 9)),  # the 纪要文号, other brackets: late
    task(3, "第一次联席会议纪要（河府院联纪〔2025〕1号）", "open", d(2025, 5, 1), unit=2),  # 文号 inside: overdue
    task(4, "河府检联纪（2025）2号", "open", d(2025, 9, 30)),  # not yet due on 1 July
    task(5, "2025年第二次 府检联动联席会议", "cancelled", d(2025, 9, 30)),  # a space in the name
    task(6, "专题会商会", "open", d(2025, 6, 1)),  # a meeting the register lacks
    task(7, None, "open", None, assigned=d(2025, 5, 1)),  # names no meeting
    task(8, "2024年第四次联席会议", "open", d(2025, 2, 1), assigned=d(2024, 12, 15)),  # an earlier meeting
])
FACTS = facts_from_frames(meetings=MEETINGS, tasks=TASKS)
JULY = d(2025, 7, 1)


def by_name(frame: pl.DataFrame) -> dict[str, dict]:
    return {r["name"]: r for r in frame.iter_rows(named=True)}


def test_tasks_find_their_meeting_by_name_or_minutes_number() -> None:
    linked = link_tasks_to_meetings(FACTS.tasks, FACTS.frame("meetings"))
    assert dict(zip(linked["id"], linked["meeting_id"], strict=True)) == {
        1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: None, 7: None, 8: 3}


def test_each_meeting_counts_decisions_done_on_time_and_overdue_today() -> None:
    rows = by_name(decisions_by_meeting(FACTS, as_of=JULY))
    first = rows["2025年第一次府院联动联席会议"]
    assert (first["decisions"], first["done"], first["done_on_time"], first["open"], first["overdue"]) == (3, 2, 1, 1, 1)
    second = rows["2025年第二次府检联动联席会议"]  # the cancelled task is no decision to follow up
    assert (second["decisions"], second["done"], second["open"], second["overdue"], second["cancelled"]) == (1, 0, 1, 0, 1)
    assert (rows["专题会商会"]["registered"], rows["专题会商会"]["overdue"]) == (False, 1)
    assert (rows[NO_MEETING]["decisions"], rows[NO_MEETING]["overdue"]) == (1, 0)  # no deadline: never overdue
    assert sum(r["decisions"] + r["cancelled"] for r in rows.values()) == TASKS.height  # nothing lost
    # The register first, in date order, then what the tasks name beyond it, then the tasks naming none.
    assert list(by_name(decisions_by_meeting(FACTS, as_of=JULY))) == [
        "2024年第四次联席会议", "2025年第一次府院联动联席会议", "2025年第二次府检联动联席会议", "专题会商会", NO_MEETING]


def test_overdue_depends_on_the_day_asked() -> None:
    october = by_name(decisions_by_meeting(FACTS, as_of=d(2025, 10, 1)))
    assert october["2025年第二次府检联动联席会议"]["overdue"] == 1  # task 4 was due on 30 September
    april = by_name(decisions_by_meeting(FACTS, as_of=d(2025, 4, 1)))
    assert april["2025年第一次府院联动联席会议"]["overdue"] == 0


def test_a_period_keeps_its_meetings_and_optionally_earlier_ones_with_overdue_decisions() -> None:
    year = parse_period("2025")
    held = by_name(decisions_by_meeting(FACTS, as_of=JULY, period=year))
    assert set(held) == {"2025年第一次府院联动联席会议", "2025年第二次府检联动联席会议", "专题会商会", NO_MEETING}
    follow_up = by_name(decisions_by_meeting(FACTS, as_of=JULY, period=year, with_earlier_overdue=True))
    assert set(follow_up) - set(held) == {"2024年第四次联席会议"}


def test_a_units_view_keeps_only_meetings_with_its_decisions() -> None:
    rows = by_name(decisions_by_meeting(FACTS, as_of=JULY, filters=Filters(unit_ids=(2,))))
    assert list(rows) == ["2025年第一次府院联动联席会议"]
    assert (rows["2025年第一次府院联动联席会议"]["decisions"], rows["2025年第一次府院联动联席会议"]["overdue"]) == (1, 1)


def test_a_liaison_sees_every_meeting_of_the_register_and_only_their_units_decisions() -> None:
    seen = facts_for_viewer(FACTS, ViewerScope(unit_ids=(2,)))
    assert seen.frame("meetings").height == 3  # the register is everyone's
    rows = by_name(decisions_by_meeting(seen, as_of=JULY))
    assert list(rows) == ["2025年第一次府院联动联席会议"]  # task 3 still finds its meeting by 纪要文号


def test_a_meetings_decisions_are_listed_overdue_first() -> None:
    listed = meeting_tasks(FACTS, 1, as_of=JULY)
    assert listed["id"].to_list() == [3, 1, 2]
    assert listed["days_overdue"].to_list()[0] == 61  # 1 May → 1 July
    assert meeting_tasks(FACTS, None, "专题会商会", as_of=JULY)["id"].to_list() == [6]
    assert meeting_tasks(FACTS, None, NO_MEETING, as_of=JULY)["id"].to_list() == [7]


def test_in_a_city_database_a_task_finds_the_meeting_of_its_own_county() -> None:
    meetings = pl.DataFrame([{"id": 1, "name": "2025年第一次联席会议", "region_id": 10},
                             {"id": 2, "name": "2025年第一次联席会议", "region_id": 20}])
    tasks = pl.DataFrame([{"id": 1, "meeting": "2025年第一次联席会议", "region_id": 20},
                          {"id": 2, "meeting": "2025年第一次联席会议", "region_id": 10}])
    facts = facts_from_frames(meetings=meetings, tasks=tasks)
    linked = link_tasks_to_meetings(facts.tasks, facts.frame("meetings"))
    assert linked["meeting_id"].to_list() == [2, 1]


def test_every_kind_label_the_form_offers_is_wording_the_importer_reads() -> None:
    wording = default_mappings().values["meeting_kind"]
    assert {key: wording[normalise_text(zh) or ""] for key, (zh, _) in KIND_LABELS.items()} == {
        key: key for key in KIND_LABELS}


def test_a_decision_finished_after_the_day_asked_was_overdue_on_that_day() -> None:
    # Task 2 (due 1 May) was finished on 9 May: on 5 May it was overdue, on 1 July it is done.
    may = by_name(decisions_by_meeting(FACTS, as_of=d(2025, 5, 5)))["2025年第一次府院联动联席会议"]
    assert (may["done"], may["done_on_time"], may["open"], may["overdue"]) == (1, 1, 2, 2)  # tasks 2 and 3
    assert by_name(decisions_by_meeting(FACTS, as_of=JULY))["2025年第一次府院联动联席会议"]["overdue"] == 1
