"""The meeting chart and the conference tables: segments add up to each meeting's decisions, the bars keep
the meetings' order and colours, the latest meeting comes first."""

from __future__ import annotations

from datetime import date as d

import polars as pl

from dashboard import theme
from dashboard.charts import build_decision_bars
from dashboard.conference_views import decision_segments, meeting_table, newest_first, short_name
from etl.metrics.meetings import NO_MEETING, PROGRESS_SCHEMA

MEETINGS = pl.DataFrame([
    {"meeting_id": 1, "name": "示范县2025年第一次联席会议", "kind": "court", "held_on": d(2025, 3, 1), "registered": True,
     "decisions": 5, "done": 3, "done_on_time": 2, "open": 2, "overdue": 1, "cancelled": 0},
    {"meeting_id": 2, "name": "示范县2025年第二次联席会议", "kind": "joint", "held_on": d(2025, 6, 1), "registered": True,
     "decisions": 4, "done": 0, "done_on_time": 0, "open": 4, "overdue": 0, "cancelled": 1},
    {"meeting_id": None, "name": "专题会商会", "kind": None, "held_on": None, "registered": False,
     "decisions": 1, "done": 1, "done_on_time": 1, "open": 0, "overdue": 0, "cancelled": 0},
    {"meeting_id": None, "name": NO_MEETING, "kind": None, "held_on": None, "registered": False,
     "decisions": 2, "done": 0, "done_on_time": 0, "open": 2, "overdue": 2, "cancelled": 0},
], schema_overrides={k: v for k, v in PROGRESS_SCHEMA.items() if k in ("meeting_id", "held_on", "kind")}).with_columns(
    pl.lit(None, pl.String).alias("minutes_no"), pl.lit(None, pl.String).alias("attendees"))


def test_the_four_states_add_up_to_each_meetings_decisions() -> None:
    segments = decision_segments(MEETINGS, "示范县", "zh")
    assert segments["label"].to_list() == ["2025年第一次联席会议", "2025年第二次联席会议", "专题会商会（未入会议台账）",
                                           NO_MEETING]
    summed = segments.select(pl.sum_horizontal("done_on_time", "done_late", "not_due", "overdue"))
    assert summed.to_series().to_list() == MEETINGS["decisions"].to_list()
    assert segments.row(0) == ("2025年第一次联席会议", 2, 1, 1, 1)


def test_the_latest_meeting_comes_first_and_unregistered_ones_stay_last() -> None:
    assert newest_first(MEETINGS)["meeting_id"].to_list() == [2, 1, None, None]
    table = meeting_table(newest_first(MEETINGS), "示范县", "en")
    assert table.columns[0] == "Meeting" and table["Kind"].to_list()[:2] == ["Joint", "Court–government"]


def test_the_bars_stack_in_order_with_the_latest_meeting_on_top() -> None:
    fig = build_decision_bars(decision_segments(newest_first(MEETINGS), "示范县", "zh")).to_dict()
    assert [t["name"] for t in fig["data"]] == ["按期完成", "逾期完成", "未到期", "逾期未完成"]
    assert [t["marker"]["color"] for t in fig["data"]][::3] == [theme.GOOD, theme.BAD]
    assert list(fig["data"][0]["y"])[-1] == "2025年第二次联席会议"  # Plotly draws the last category on top
    assert fig["layout"]["barmode"] == "stack"


def test_a_name_keeps_its_prefix_outside_its_own_county() -> None:
    assert short_name("示范县2025年第一次联席会议", "示范县") == "2025年第一次联席会议"
    assert short_name("示范甲县2025年第一次联席会议", "示范县") == "示范甲县2025年第一次联席会议"


def test_dates_stay_dates_and_an_unknown_one_stays_empty() -> None:
    table = meeting_table(newest_first(MEETINGS), "示范县", "zh")
    assert table.schema["召开日期"] == pl.Date  # the grid and the xlsx download sort and show it as a date
    assert table["召开日期"].to_list() == [d(2025, 6, 1), d(2025, 3, 1), None, None]
