"""The briefing's 督办 part per meeting and its 府检联动 sentence, on a literal county
(tests/conference_factories.py): the figures are the indicator layer's and the meetings' own. The 正文
says the period's meetings in one clause and 府检联动 in one sentence; each meeting's decisions are a table
of the 双清单 annex, beside the tasks overdue — so the 正文 keeps to four pages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from etl.briefing.annexes import MEETINGS_TABLE, OVERDUE_TASKS_TABLE, TASKS_ANNEX
from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.fonts import discover_fonts
from etl.briefing.model import Document
from etl.metrics import load_facts, parse_period
from tests.conference_factories import conference_county

pytestmark = pytest.mark.usefixtures("cjk_fonts")  # a briefing is set in fontconfig's CJK fonts


def briefing(engine: Engine) -> Document:
    conference_county(engine)
    return assemble_briefing(load_facts(engine), parse_period("2025"), BriefScope(), discover_fonts(),
                             issued_on=dt.date(2025, 12, 1))


def follow_up(brief: Document) -> str:
    section = next(s for s in brief.sections if "双清单任务完成情况" in s.heading)
    assert not section.tables  # the 正文 carries no table
    return "".join(section.paragraphs)


def test_the_tasks_annex_gives_each_meetings_decisions_then_the_tasks_overdue(engine: Engine) -> None:
    brief = briefing(engine)
    number, annex = next((n, a) for n, a in enumerate(brief.annexes, 1) if a.title == TASKS_ANNEX)
    meetings, overdue = annex.tables
    # Judged on the data's last day, 2025-11-20: the first meeting's task 2025-03 is overdue.
    assert meetings.title == f"{MEETINGS_TABLE}（截至2025年11月20日）"
    assert meetings.rows == (("2025年第一次府院联动联席会议", "2025-03-20", "3", "2", "1", "1"),
                             ("2025年第二次府检联动联席会议", "2025-06-18", "1", "0", "0", "0"),
                             ("2025年第三次联席会议", "2025-09-25", "1", "1", "1", "0"))
    assert overdue.title.startswith(OVERDUE_TASKS_TABLE) and len(overdue.rows) == 1
    # The 正文 sums the period's meetings and points at the annex once, with the tasks overdue.
    assert (f"截至2025年11月20日，本期召开联席会议3次，议定事项5项，已完成3项；逾期未完成的双清单任务1项"
            f"（详见附件{number}）") in follow_up(brief)


def test_the_procuratorate_sentence_reports_supervision_and_both_recommendation_rates(engine: Engine) -> None:
    text = follow_up(briefing(engine))
    sentence = text[text.index("府检联动方面，"):]
    assert sentence.startswith("府检联动方面，行政检察监督案件数3件，")
    # Two closed supervision cases and two recommendations of each kind due: counts, not rates (too few).
    assert "办结行政检察监督案件2件，其中以检察建议结案1件" in sentence
    assert "到期检察建议2件，其中按期答复并整改1件" in sentence
    assert "到期司法建议2件，其中按期答复并整改1件" in sentence
    assert sentence.endswith("。")
