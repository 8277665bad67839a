"""AppTest of the conference's pages on a literal county (tests/conference_factories.py): the 督办 page
grouped by meeting with the CLI's figures, the administrators' meeting form, key cases on 争议化解, the
府检联动 page against ``liandong metrics``, and the 办理时限 tab."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from etl.cli import app as cli_app
from etl.db.engine import make_engine
from etl.db.models import AuditEvent, Meeting
from tests.conference_factories import conference_county
from tests.support.apptest import errors, run_page, tile_value

PERIOD = {"period": "2025"}


@pytest.fixture
def county_url(sqlite_url: str, use_db) -> str:  # type: ignore[no-untyped-def]
    engine = make_engine(sqlite_url)
    conference_county(engine)
    engine.dispose()
    use_db(sqlite_url)
    return sqlite_url


def cli_json(url: str, *args: str) -> dict:
    out = CliRunner().invoke(cli_app, [*args, "--json", "--db", url])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def chart(at, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return next(json.loads(c.proto.spec)["data"] for c in at.get("plotly_chart")
                if json.loads(c.proto.spec)["data"][0]["type"] == kind)


def test_the_tasks_page_groups_decisions_by_meeting_as_the_cli_counts_them(county_url: str) -> None:
    at = run_page("tasks", PERIOD)
    assert not errors(at)
    # Latest first; the data end on 2025-11-20, so the CLI is asked about that day too.
    cli = cli_json(county_url, "meetings", "--year", "2025", "--as-of", "2025-11-20")["meetings"][::-1]
    bars = {trace["name"]: trace for trace in chart(at, "bar")}
    assert list(bars) == ["按期完成", "逾期完成", "未到期", "逾期未完成"]
    assert list(bars["按期完成"]["y"])[::-1] == [m["name"] for m in cli]  # plotly lists the top bar last
    for trace, key in (("按期完成", "done_on_time"), ("逾期未完成", "overdue")):
        assert list(bars[trace]["x"])[::-1] == [m[key] for m in cli]
    totals = [sum(bars[name]["x"][i] for name in bars) for i in range(len(cli))][::-1]
    assert totals == [m["decisions"] for m in cli]
    table = at.dataframe[0].value
    assert list(table["会议"]) == [m["name"] for m in cli] and list(table["逾期未完成"]) == [m["overdue"] for m in cli]
    # The first meeting's decisions, overdue first (2025-03, by 纪要文号), then by deadline.
    at.selectbox(key="task_meeting").set_value(2).run()
    listed = at.dataframe[1].value
    assert list(listed["编号"]) == ["2025-03", "2025-02", "2025-01"]
    assert "张副县长" in set(listed["责任领导"]) and "住建局、柳屯镇人民政府" in set(listed["配合单位"])


def test_an_administrator_registers_a_meeting_through_the_form(county_url: str) -> None:
    at = run_page("tasks", PERIOD)
    at.text_input(key="mf_name").set_value("2025年第四次府院联动联席会议")
    at.selectbox(key="mf_kind").set_value("府院联动")
    at.text_input(key="mf_minutes").set_value("河府院联纪〔2025〕4号")
    at.button(key="FormSubmitter:meeting_form-保存").click().run()
    assert not errors(at)
    assert any("已登记" in s.value for s in at.success), [e.value for e in at.error]
    engine = make_engine(county_url)
    with engine.connect() as conn:
        row = conn.execute(select(Meeting.kind, Meeting.minutes_no, Meeting.host_unit_id)
                           .where(Meeting.name == "2025年第四次府院联动联席会议")).one()
        audited = conn.execute(select(AuditEvent.detail)
                               .where(AuditEvent.action == "import", AuditEvent.actor == "localhost")).scalars().all()
    engine.dispose()
    assert row.kind == "court" and row.minutes_no == "河府院联纪〔2025〕4号" and row.host_unit_id is not None
    assert [(d["file_name"], d["kind"], d["inserted"]) for d in audited] == [
        ("表单录入-联席会议台账-2025年第四次府院联动联席会议.csv", "meetings", 1)]
    at.button(key="FormSubmitter:meeting_form-保存").click().run()  # saved again: the same entry, no change
    assert at.info and "未重复导入" in at.info[-1].value


def test_a_form_the_importer_refuses_says_why(county_url: str) -> None:
    at = run_page("tasks", PERIOD)
    at.text_input(key="mf_name").set_value("")  # a meeting needs its name
    at.button(key="FormSubmitter:meeting_form-保存").click().run()
    assert not errors(at)
    assert at.error and "会议名称" in at.error[0].value


def test_key_cases_are_listed_overdue_first_on_the_disputes_page(county_url: str) -> None:
    at = run_page("disputes", PERIOD, tab=("disp_tab", "重点案件"))
    assert not errors(at)
    cli = cli_json(county_url, "metrics", "--period", "2025")["indicators"]
    assert tile_value(at, "key_cases") == f"{cli['key_cases']['value']}件" == "3件"
    listed = at.dataframe[0].value
    # SQ-2025-007 is past its 化解期限 (2025-06-30) on 2025-11-20; ZD-2025-03 is due in 2026.
    assert list(listed["编号/案号"]) == ["SQ-2025-007", "ZD-2025-03", "（2025）豫0928行初15号"]
    assert list(listed["期限"])[:2] == ["逾期143天", "剩131天"]
    assert list(listed["包案领导"])[0] == "李副县长"


def test_the_procuratorate_page_shows_the_cli_figures(county_url: str) -> None:
    at = run_page("procuratorate", PERIOD)
    assert not errors(at)
    cli = cli_json(county_url, "metrics", "--period", "2025")["indicators"]
    assert tile_value(at, "supervision_cases") == f"{cli['supervision_cases']['value']}件" == "3件"
    assert tile_value(at, "supervision_recommendation_share") == "50%"  # 1 of the 2 closed
    kinds = chart(at, "bar")[0]
    assert sorted(zip(kinds["y"], kinds["x"], strict=True)) == [
        ("行政诉讼监督", 1), ("行政违法行为监督", 1), ("行政非诉执行监督", 1)]
    assert sum(chart(at, "pie")[0]["values"]) == cli["supervision_recommendation_share"]["denominator"]
    for tab in ("检察建议", "办理时限", "案件清单"):
        at.session_state["proc_tab"] = tab
        at.run()
        assert not errors(at), tab
    assert list(at.dataframe[0].value["案件编号"]) == ["河检行监〔2025〕1号", "河检行监〔2025〕2号", "河检行监〔2025〕3号"]


def test_the_time_limits_tab_lists_days_to_close_per_unit(county_url: str) -> None:
    at = run_page("reconsideration", PERIOD, tab=("rec_tab", "办理时限"))
    assert not errors(at)
    assert any("行政复议60日" in c.value for c in at.caption)
    assert [s.value for s in at.subheader][:2] == ["按单位", "按领域"]


def test_the_supervision_tile_opens_its_cases_in_their_own_words(county_url: str) -> None:
    at = run_page("procuratorate", PERIOD)
    cases = tile_value(at, "supervision_cases").removesuffix("件")
    at.button(key="tile_drill_supervision_cases").click().run()
    assert not errors(at)
    listed = next(d.value for d in at.dataframe if "监督类型" in d.value.columns)
    assert len(listed) == int(cases)
    assert set(listed["监督类型"]) == {"行政诉讼监督", "行政非诉执行监督", "行政违法行为监督"}  # not the stored keys


def test_the_key_case_tile_opens_the_key_cases_overdue_first(county_url: str) -> None:
    at = run_page("disputes", PERIOD, tab=("disp_tab", "重点案件"))
    at.button(key="tile_drill_key_cases").click().run()
    assert not errors(at)
    listed = next(d.value for d in at.dataframe if "包案领导" in d.value.columns)
    assert len(listed) == int(tile_value(at, "key_cases").removesuffix("件"))
    assert list(listed["期限"])[0] == "逾期143天"  # the key-case list's state, not a task's 未完成
