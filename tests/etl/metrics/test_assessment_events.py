"""Events: a 重大败诉 flagged by the office vetoes, an overdue recommendation deducts (capped), each named
in the breakdown; flags are set and cleared through the CLI and the audited writes, on both databases."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from etl import audit
from etl.case_flags import CaseFlagError, clear_case_flag, list_case_flags, set_case_flag
from etl.cli import app
from etl.db.models import AuditEvent
from etl.metrics import facts_from_frames, load_facts, parse_period, parse_scheme, rank
from etl.metrics.assessment_events import EVENT_SOURCES, collect_events
from etl.metrics.breakdown import score_breakdown
from tests.factories import add_case, add_county, add_unit

Y2025 = parse_period("2025")
D = dt.date
SCHEME = {"name": "测试", "min_cases": 1, "indicators": [{"key": "loss_rate", "weight": 100, "threshold": 0.5}],
          "events": [{"kind": "major_loss", "action": "veto"},
                     {"kind": "overdue_recommendation", "action": "deduct", "per": 2, "cap": 3}]}
UNITS = pl.DataFrame({"id": [1, 2], "name": ["甲局", "乙局"], "unit_type": ["agency", "agency"]})


def facts(flags: pl.DataFrame | None = None) -> object:
    cases = pl.DataFrame({"id": [1, 2, 3], "unit_id": [1, 1, 2], "instance": ["first"] * 3, "court": ["县法院"] * 3,
                          "case_number": ["（2025）示0928行初1号", "（2025）示0928行初2号", "（2025）示0928行初3号"],
                          "closed_on": [D(2025, 3, 1), D(2025, 4, 1), D(2025, 5, 1)],
                          "outcome": ["revoked", "claim_dismissed", "claim_dismissed"]})
    # 乙局: two recommendations answered late or not at all, a third on time; one due after the data ends.
    recs = pl.DataFrame({"id": [1, 2, 3, 4], "unit_id": [2, 2, 2, 2], "kind": ["procuratorial"] * 4,
                         "reference": ["检建〔2025〕1号", "检建〔2025〕2号", "检建〔2025〕3号", "检建〔2025〕4号"],
                         "due_on": [D(2025, 3, 1), D(2025, 6, 1), D(2025, 7, 1), D(2025, 12, 30)],
                         "answered_on": [D(2025, 3, 20), None, D(2025, 6, 20), None], "rectified": [True] * 4})
    return facts_from_frames(litigation=cases, recommendations=recs, units=UNITS, as_of=D(2025, 12, 1),
                             **({"case_flags": flags} if flags is not None else {}))


def test_overdue_recommendations_deduct_per_item_up_to_the_cap_and_are_named() -> None:
    f = facts()
    events = collect_events(f, Y2025, ("overdue_recommendation",))
    # 1号 answered after its deadline, 2号 never; 3号 on time; 4号 not yet due on the latest data.
    assert events["reference"].to_list() == ["检建〔2025〕1号", "检建〔2025〕2号"]
    table = rank(f, Y2025, scheme=parse_scheme(SCHEME))
    row = table.filter(pl.col("group_name") == "乙局").row(0, named=True)
    # 乙局: loss 0% → 100; two events × 2 = 4, capped at 3 → 97.
    assert (row["overdue_recommendation__events"], row["deduction"], row["score"]) == (2, 3.0, 97.0)
    lines = score_breakdown(table, parse_scheme(SCHEME), events, 2)
    named = lines.filter(pl.col("section") == "event")
    assert named["points"].to_list() == [-2.0, -1.0]
    assert "检建〔2025〕1号" in named["value"][0] and "才回复" in named["value"][0]
    assert "逾期未回复" in named["value"][1]
    assert lines["points"][:-1].sum() == pytest.approx(lines["points"][-1]) == 97.0


def test_a_flagged_major_loss_vetoes_and_ranks_last_with_the_case_named() -> None:
    flags = pl.DataFrame({"court": ["县法院"], "case_number": ["（2025）示0928行初1号"], "kind": ["major_loss"],
                          "note": ["造成群体性上访"], "flagged_on": [D(2025, 12, 1)]})
    f = facts(flags)
    table = rank(f, Y2025, scheme=parse_scheme(SCHEME))
    assert table.select("group_name", "rank", "vetoed", "score").rows() == [
        ("乙局", 1, False, 97.0), ("甲局", 2, True, 0.0)]
    assert table.filter(pl.col("group_name") == "甲局")["veto_reason"][0] == "重大败诉案件1件"
    events = collect_events(f, Y2025, tuple(EVENT_SOURCES))
    lines = score_breakdown(table, parse_scheme(SCHEME), events, 1)
    event = lines.filter(pl.col("section") == "event").row(0, named=True)
    assert "（2025）示0928行初1号" in event["value"] and "造成群体性上访" in event["value"]
    assert lines["points"][:-1].sum() == pytest.approx(0.0) and lines["points"][-1] == 0.0
    # The flag of a case closed in another year is not an event of 2025.
    assert rank(f, parse_period("2024"), scheme=parse_scheme(SCHEME))["vetoed"].to_list() == [False, False]


def test_flags_are_set_cleared_and_audited_and_feed_the_ranking(engine: Engine) -> None:
    with engine.begin() as conn:
        county = add_county(conn)
        unit = add_unit(conn, "示范县自然资源局", county)
        add_case(conn, defendant_unit_id=unit, court="示范县人民法院", case_number="（2025）示0928行初15号",
                 filed_on=D(2025, 1, 5), closed_on=D(2025, 3, 1), outcome="revoked")
    with engine.begin() as conn:
        # Typed with half-width brackets, as a clerk might.
        assert set_case_flag(conn, "(2025)示0928行初15号", note="重大", actor="office") == (
            "示范县人民法院", "（2025）示0928行初15号")
        with pytest.raises(CaseFlagError, match="未找到"):
            set_case_flag(conn, "（2025）示0928行初99号", actor="office")
    with engine.connect() as conn:
        flags = list_case_flags(conn)
    assert flags.select("case_number", "kind", "note", "defendant").rows() == [
        ("（2025）示0928行初15号", "major_loss", "重大", "示范县自然资源局")]
    table = rank(load_facts(engine), Y2025, scheme=parse_scheme(SCHEME))
    assert table["vetoed"].to_list() == [True]
    with engine.begin() as conn:
        assert clear_case_flag(conn, "（2025）示0928行初15号", actor="office")
        assert not clear_case_flag(conn, "（2025）示0928行初15号", actor="office")
    assert rank(load_facts(engine), Y2025, scheme=parse_scheme(SCHEME))["vetoed"].to_list() == [False]
    with engine.connect() as conn:
        logged = conn.execute(select(AuditEvent.actor, AuditEvent.detail).where(
            AuditEvent.action == audit.CASE_FLAG).order_by(AuditEvent.id)).all()
    assert [(actor, detail["op"]) for actor, detail in logged] == [("office", "set"), ("office", "clear")]


def test_the_case_flag_command_sets_lists_and_clears(db_url: str, engine: Engine) -> None:
    with engine.begin() as conn:
        county = add_county(conn)
        unit = add_unit(conn, "示范县住房和城乡建设局", county)
        add_case(conn, defendant_unit_id=unit, court="示范县人民法院", case_number="（2025）示0928行初7号",
                 closed_on=D(2025, 3, 1), outcome="confirmed_illegal")
    runner = CliRunner()
    done = runner.invoke(app, ["case-flag", "set", "（2025）示0928行初7号", "--note", "强拆", "--db", db_url])
    assert done.exit_code == 0, done.output
    assert "标记为重大败诉" in done.output
    listed = runner.invoke(app, ["case-flag", "list", "--json", "--db", db_url])
    assert [r["case_number"] for r in json.loads(listed.output)] == ["（2025）示0928行初7号"]
    missing = runner.invoke(app, ["case-flag", "set", "（2025）示0928行初8号", "--db", db_url])
    assert missing.exit_code == 1 and "未找到" in missing.output
    cleared = runner.invoke(app, ["case-flag", "clear", "（2025）示0928行初7号", "--db", db_url])
    assert cleared.exit_code == 0 and "已取消" in cleared.output
