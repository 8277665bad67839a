"""The assessment in the briefing's 附件: the unit league one table per assessment category, and the
考核得分明细 as one entry of the annex list — for the county, not for one unit — printing the same
scores as ``etl.metrics.rank`` under the database's short names."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Engine

from etl.briefing.annexes import ANNEXES, build_annexes, unit_league
from etl.briefing.assessment_annex import assessment_tables
from etl.briefing.data import BriefScope, gather
from etl.metrics import load_facts, parse_period, rank
from tests.ledger_factories import briefing_ledger


def test_county_briefing_carries_the_score_breakdown_with_the_rankings_scores(engine: Engine) -> None:
    ids = briefing_ledger(engine)
    facts = load_facts(engine)
    period = parse_period("2025H1")
    data = gather(facts, period, BriefScope())
    assert [title for title, _ in ANNEXES].count("考核得分明细") == 1
    annexes = build_annexes(data)
    assert annexes[-1].title == "考核得分明细" and annexes[-1].tables == assessment_tables(data)
    ranking = rank(facts, period, by="unit")
    tables = {t.title: t for t in annexes[-1].tables}
    assert next(iter(tables)).startswith("考核计分方法")
    departments = tables["县直部门考核得分"]
    rows = {r[departments.columns.index("名称")]: r for r in departments.rows}
    assert set(rows) == {"自然资源局", "住建局"}  # short names; the township government is ranked apart
    for unit, name in ((ids["land"], "自然资源局"), (ids["housing"], "住建局")):
        score = ranking.filter(pl.col("group_id") == unit)["score"][0]
        printed = rows[name][departments.columns.index("得分")]
        assert printed == ("—" if score is None else f"{score:.2f}".rstrip("0").rstrip("."))
    assert [r[1] for r in tables["乡镇(街道)考核得分"].rows] == ["柳河镇人民政府"]


def test_unit_league_restarts_places_per_category(engine: Engine) -> None:
    briefing_ledger(engine)
    data = gather(load_facts(engine), parse_period("2025H1"), BriefScope())
    titles = [table.title for table in unit_league(data)]
    assert titles == ["（县直部门，2025年上半年）", "（乡镇(街道)，2025年上半年）"]


def test_a_units_briefing_leaves_the_score_breakdown_out(engine: Engine) -> None:
    ids = briefing_ledger(engine)
    data = gather(load_facts(engine), parse_period("2025H1"), BriefScope("unit", ids["housing"], "示范县住房和城乡建设局"))
    assert assessment_tables(data) == ()
    assert "考核得分明细" not in [annex.title for annex in build_annexes(data)]
