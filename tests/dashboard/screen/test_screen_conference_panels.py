"""The wall screen's key-case and time-limit panels on literal frames: figures worked out by hand,
overdue first, at most four rows, every text escaped."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard.screen.build import build_screen
from dashboard.screen.conference_panels import keycases_panel, limits_panel
from dashboard.screen.config import parse_screen_params
from etl.metrics import Facts, Filters, compute_indicators, facts_from_frames, parse_period

D = dt.date
DAY = D(2025, 11, 20)  # the data's last day (a key case resolved then)


@pytest.fixture(scope="module")
def facts() -> Facts:
    units = pl.DataFrame({"id": [1, 2], "name": ["示范县住房和城乡建设局", "示范县自然资源局"],
                          "short_name": ["住建局", "自然资源局"], "unit_type": ["agency"] * 2, "active": [True] * 2})
    keys = pl.DataFrame([
        {"id": 1, "reference": "SQ-1", "name": "李某等12户拆迁安置争议", "unit_id": 1, "leader": "李副县长",
         "listed_on": D(2025, 4, 10), "due_on": D(2025, 6, 30), "status": "open"},  # 143 days overdue
        {"id": 2, "reference": "ZD-2", "name": "<b>某公司</b>行政处罚争议", "unit_id": 2, "leader": None,
         "listed_on": D(2025, 5, 1), "due_on": D(2025, 12, 10), "status": "open"},  # 20 days left
        {"id": 3, "reference": "ZD-3", "name": "王某征收补偿案", "unit_id": 2, "leader": "张副县长",
         "listed_on": D(2025, 3, 1), "due_on": D(2025, 9, 30), "status": "resolved", "resolved_on": DAY},
    ])
    litigation = pl.DataFrame([
        {"id": 1, "unit_id": 2, "instance": "first", "case_number": "（2025）豫0928行初1号", "filed_on": D(2025, 3, 1),
         "closed_on": None},  # 264 days: past six months (ended 2025-09-01) by 80 days
        {"id": 2, "unit_id": 1, "instance": "first", "case_number": "（2025）豫0928行初2号", "filed_on": D(2025, 6, 1),
         "closed_on": None},  # 172 of 183 days: near
    ])
    reviews = pl.DataFrame([{"id": 1, "unit_id": 1, "case_number": "河复〔2025〕9号", "received_on": D(2025, 9, 1),
                             "decided_on": None}])  # 80 days: past 60 by 20
    return facts_from_frames(units=units, keycases=keys, litigation=litigation, reconsideration=reviews,
                             region_name="示范县")


def test_the_key_case_panel_counts_open_and_overdue_and_lists_the_overdue_first(facts: Facts) -> None:
    result = compute_indicators(facts, parse_period("2025"))
    panel = keycases_panel(facts, result, Filters(), DAY, "zh")
    assert [(label, value) for label, value, _ in panel.headline] == [
        ("化解中的重点案件", "2件"), ("逾期未化解", "1件"), ("本期重点案件化解率", "33.3%")]
    assert [(r.name, r.value, r.note, r.status) for r in panel.rows] == [
        ("住建局：李某等12户拆迁安置争议", "逾期143天", "李副县长", "missed"),
        ("自然资源局：<b>某公司</b>行政处罚争议", "剩20天", "", "close")]


def test_the_time_limit_panel_counts_what_is_past_its_limit_per_kind(facts: Facts) -> None:
    panel = limits_panel(facts, Filters(), DAY, "zh")
    assert [(label, value, status) for label, value, status in panel.headline] == [
        ("一审诉讼超6个月未结", "1件", "missed"), ("复议超60日未决", "1件", "missed"), ("建议超2个月未复", "0件", "met")]
    assert [(r.name, r.value, r.note) for r in panel.rows] == [
        ("诉讼：（2025）豫0928行初1号", "超期80天", "自然资源局"), ("复议：河复〔2025〕9号", "超期20天", "住建局"),
        ("诉讼：（2025）豫0928行初2号", "剩11天", "住建局")]


def test_both_panels_render_escaped_within_six_items(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025", "panels": "keycases,limits"})
    assert config.panels == ("keycases", "limits")
    for key in config.panels:
        markup = build_screen(facts, config, key, "10:00:00")
        assert f'data-panel="{key}"' in markup and "截至 2025-11-20" in markup
        assert markup.count('class="lds-row') <= 6
    assert "&lt;b&gt;某公司&lt;/b&gt;" in build_screen(facts, config, "keycases", "10:00:00")
