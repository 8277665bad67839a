"""What the issue asks the briefing to show, on the demo county (messy ledger spellings included):

the 2025 briefing's 正文 fits four A4 pages, then each 附件 starts its own page under "附件N", and the
正文 names every 2025 lost case; the 2026H1 briefing lists the tasks that were overdue on 30 June and
finished in July (the demo's half-year with such tasks: in 2025 none was finished that late); reminders go to responsible units only, each once; the DOCX reads back the same.
"""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import pytest
from docx import Document

from etl.briefing.annexes import OVERDUE_TASKS_TABLE, TASKS_ANNEX
from etl.briefing.assemble import BriefScope
from etl.briefing.cases import lost_cases
from etl.briefing.generate import build_file
from etl.db.engine import make_engine
from etl.metrics import load_facts, parse_period
from tests.briefing_factories import ISSUED, demo_database, first_page_with, flat, pdf_pages

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, cjk_fonts: object) -> dict:
    directory = tmp_path_factory.mktemp("must_show")
    url = demo_database(directory)
    engine = make_engine(url)
    facts = load_facts(engine)
    engine.dispose()
    issued = {"2025": ISSUED, "2026H1": dt.date(2026, 7, 10)}
    files = {(p, fmt): build_file(facts, p, BriefScope(), fmt, issued_on=issued[p]) for p in issued
             for fmt in ("pdf", "docx")}
    return {"facts": facts, "files": files, "dir": directory}


def test_2025_body_is_at_most_four_pages_then_each_annex_on_its_own_page(demo: dict) -> None:
    result = demo["files"][("2025", "pdf")]
    pages = pdf_pages(result.content, demo["dir"], "brief2025")
    annexes = result.briefing.annexes
    assert len(annexes) >= 2
    first = first_page_with(pages, "附件1")
    assert first is not None and first <= 5, f"正文 runs to page {first and first - 1}"
    assert "附件：1." in flat("".join(pages[:first - 1]))  # the 附件 list closes the 正文
    for number, annex in enumerate(annexes, 1):
        page = first_page_with(pages, f"附件{number}")
        assert page is not None
        lines = [flat(row) for row in pages[page - 1].splitlines() if row.strip()]
        assert lines[0] == f"附件{number}" and lines[1] == flat(annex.title)  # heading line, then title
    assert "报：" in flat(pages[-1]) and "发：" in flat(pages[-1])  # the 版记 closes the last page


def test_2025_body_names_every_lost_case_with_defendant_area_and_judgment(demo: dict) -> None:
    facts = demo["facts"]
    lost = lost_cases(facts, parse_period("2025"))
    assert lost.height >= 3  # the demo has several 2025 losses
    result = demo["files"][("2025", "pdf")]
    pages = pdf_pages(result.content, demo["dir"], "brief2025b")
    body = flat("".join(pages[:first_page_with(pages, "附件1") - 1]))  # type: ignore[operator]
    for row in lost.iter_rows(named=True):
        assert flat(row["case_number"]) in body
        assert f"被告{row['defendant']}" in body
    assert "判决撤销" in body
    text = "\n".join(p.text for p in Document(io.BytesIO(demo["files"][("2025", "docx")].content)).paragraphs)
    assert all(row["case_number"] in text for row in lost.iter_rows(named=True))


def test_2026h1_lists_the_tasks_overdue_on_30_june_and_finished_in_july(demo: dict) -> None:
    tasks = demo["facts"].tasks
    # Overdue on 30 June: due before it (a task due that very day was not late yet), finished in July.
    late = tasks.filter((pl.col("deadline") < pl.date(2026, 6, 30)) & (pl.col("status") == "done")
                        & (pl.col("completed_on") > pl.date(2026, 6, 30)) & (pl.col("completed_on") < pl.date(2026, 8, 1)))
    assert late.height >= 1, "the demo county has a task due before 30 June 2026 and finished in July"
    result = demo["files"][("2026H1", "pdf")]
    annex = next(a for a in result.briefing.annexes if a.title == TASKS_ANNEX)
    overdue = next(t for t in annex.tables if t.title.startswith(OVERDUE_TASKS_TABLE))
    # (任务内容, 完成时限, 实际完成): task topics repeat across units, so a row is matched on all three.
    listed = {row[1:4] for row in overdue.rows}
    for row in late.iter_rows(named=True):
        # finished after the period: listed, with the day it was finished
        assert (row["content"], str(row["deadline"]), str(row["completed_on"])) in listed
    assert "截至2026年6月30日" in overdue.title
    pages = pdf_pages(result.content, demo["dir"], "brief2026h1")
    assert all(flat(content) in flat("".join(pages)) for content in late["content"])


def test_reminders_name_responsible_units_once_never_the_government_or_a_place(demo: dict) -> None:
    facts = demo["facts"]
    briefing = demo["files"][("2025", "pdf")].briefing
    units = facts.units.with_columns(pl.coalesce("short_name", "name").alias("short"))
    kinds = dict(zip(units["short"], units["unit_type"], strict=True))
    assert briefing.reminders and len(set(briefing.reminders)) == len(briefing.reminders)
    assert all(kinds.get(name) in {"agency", "township_gov"} for name in briefing.reminders)
    assert not set(briefing.reminders) & set(facts.townships["name"])  # 柳湾镇 is a place, not a unit
    section = next(s for s in briefing.sections if s.heading.endswith("提醒督促"))
    text = "".join(section.paragraphs)
    for name in briefing.reminders:
        assert sum(line.split("：")[0].split("、").count(name) for line in section.paragraphs[1:]) == 1, name
    assert "县政府：" not in text and "、县政府" not in text


def test_a_year_has_no_period_on_period_comparison(demo: dict) -> None:
    briefing = demo["files"][("2025", "pdf")].briefing
    assert "环比" not in "".join(p for s in briefing.sections for p in s.paragraphs)
    half = demo["files"][("2026H1", "pdf")].briefing
    assert "环比" in "".join(half.sections[0].paragraphs)


def test_docx_annexes_start_new_pages_and_keep_east_asian_fonts(demo: dict) -> None:
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(demo["files"][("2025", "docx")].content))
    headings = [p for p in doc.paragraphs if p.text.startswith("附件") and p.text[2:].isdigit()]
    assert [p.text for p in headings] == [f"附件{n}" for n in range(1, len(headings) + 1)] and headings
    assert all(p.paragraph_format.page_break_before for p in headings)
    record = [p.text for p in doc.paragraphs if p.text[:2] in {"报：", "送：", "发："}]
    assert [line[:2] for line in record] == ["报：", "送：", "发："]
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert all(r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs)
    texts = [p.text for p in doc.paragraphs]
    body = "".join(texts[:texts.index("附件1")])
    assert "司法建议/检察建议" not in body and "司法建议和检察建议落实率" in body  # no slash in prose
