"""The briefing's 督办 part per meeting and its 府检联动 section, on a literal county
(tests/conference_factories.py): the figures are the indicator layer's and the meetings' own."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.fonts import discover_fonts
from etl.metrics import load_facts, parse_period
from tests.conference_factories import conference_county


def briefing(engine: Engine):  # type: ignore[no-untyped-def]
    conference_county(engine)
    return assemble_briefing(load_facts(engine), parse_period("2025"), BriefScope(), discover_fonts(),
                             issued_on=dt.date(2025, 12, 1))


def test_the_follow_up_part_reports_each_meetings_decisions(engine: Engine) -> None:
    follow = next(s for s in briefing(engine).sections if "逾期任务" in s.heading)
    table = next(t for t in follow.tables if t.title == "联席会议议定事项落实情况")
    # Judged on the data's last day, 2025-11-20: the first meeting's task 2025-03 is overdue.
    assert table.rows == (("2025年第一次府院联动联席会议", "2025-03-20", "3", "2", "1", "1"),
                          ("2025年第二次府检联动联席会议", "2025-06-18", "1", "0", "0", "0"),
                          ("2025年第三次联席会议", "2025-09-25", "1", "1", "1", "0"))
    assert ("本期召开及此前仍有逾期事项的联席会议3次，议定事项5项，已完成3项（其中按期完成2项），逾期未完成1项"
            "（各次会议情况见下表）。") in follow.paragraphs


def test_the_procuratorate_section_reports_supervision_and_both_recommendation_rates(engine: Engine) -> None:
    section = next(s for s in briefing(engine).sections if s.heading.endswith("府检联动情况"))
    assert section.paragraphs[0].startswith("行政检察监督案件数3件")
    assert section.paragraphs[1].startswith("监督案件检察建议占比50%（办结行政检察监督案件2件，其中以检察建议结案1件）")
    assert any(p.startswith("检察建议落实率50%（到期检察建议2件，其中按期答复并整改1件）") for p in section.paragraphs)
    assert any(p.startswith("司法建议落实率50%（到期司法建议2件，其中按期答复并整改1件）") for p in section.paragraphs)
