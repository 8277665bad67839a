"""Wall-screen panels on a hand-made county: every figure equals the indicator layer's and a hand count.

The fixture (period 2025H1 against 2024H1):
- lawsuits filed: 自然资源局 3 (Jan, Feb, Feb), 公安局 1 (Mar) = 4; a year earlier 5 → 减少1件 (too few for a per cent);
- closed in 2025H1: 3, one lost → 33.3%; in 2024H1: 2, one lost → 50%; so 双下降 is 是;
- by township: 柳湾镇 2 (a year earlier 4, 减少2件), 杏坡镇 2 (a year earlier 1, 增加1件);
- open tasks past deadline on the latest record date (2025-05-10): 70 and 9 days; one overdue
  recommendation.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from dashboard.screen import html, models
from dashboard.screen.build import build_screen, panel_body, resolve_scope
from dashboard.screen.config import PANEL_KEYS, parse_screen_params
from etl.metrics import Facts, Filters, compute_indicators, facts_from_frames, parse_period

D = dt.date
H1 = parse_period("2025H1")


def lit(uid: int, town: int, filed: dt.date, closed: dt.date | None = None, outcome: str | None = None) -> dict:
    return {"unit_id": uid, "township_id": town, "instance": "first", "filed_on": filed, "closed_on": closed,
            "outcome": outcome}


@pytest.fixture(scope="module")
def facts() -> Facts:
    rows = [
        lit(1, 10, D(2025, 1, 10), D(2025, 3, 1), "revoked"),
        lit(1, 10, D(2025, 2, 5), D(2025, 4, 1), "claim_dismissed"),
        lit(1, 11, D(2025, 2, 20)),
        lit(2, 11, D(2025, 3, 15), D(2025, 5, 10), "claim_dismissed"),
        lit(1, 10, D(2024, 1, 15), D(2024, 2, 1), "claim_dismissed"),
        lit(2, 10, D(2024, 2, 10)),
        lit(1, 10, D(2024, 3, 3)),
        lit(2, 11, D(2024, 5, 1)),
        lit(3, 10, D(2024, 6, 1), D(2024, 6, 20), "revoked"),
    ]
    litigation = pl.DataFrame([{"id": i + 1, **r} for i, r in enumerate(rows)])
    units = pl.DataFrame({"id": [1, 2, 3], "name": ["示范县自然资源局", "示范县公安局", "柳湾镇人民政府"],
                          "short_name": ["自然资源局", "公安局", None],
                          "unit_type": ["agency", "agency", "township_gov"], "active": [True] * 3})
    townships = pl.DataFrame({"id": [10, 11], "name": ["柳湾镇", "杏坡镇"], "short_name": ["柳湾", "杏坡"]})
    tasks = pl.DataFrame({"id": [1, 2, 3], "unit_id": [2, 1, 1], "content": ["整改公安执法问题", "建立土地征收协调机制", "已完成"],
                          "assigned_on": [D(2025, 1, 5)] * 3, "deadline": [D(2025, 5, 1), D(2025, 3, 1), D(2025, 3, 1)],
                          "status": ["open", "open", "done"], "completed_on": [None, None, D(2025, 2, 1)]})
    recs = pl.DataFrame({"id": [1], "unit_id": [1], "issued_on": [D(2025, 2, 1)], "due_on": [D(2025, 4, 1)],
                         "answered_on": [None]})
    targets = pl.DataFrame({"year": [2025], "indicator_key": ["loss_rate"], "scope_type": ["region"],
                            "scope_id": [None], "value": [0.10]})
    return facts_from_frames(litigation=litigation, units=units, townships=townships, tasks=tasks,
                             recommendations=recs, targets=targets, region_name="示范县", is_demo=True)


def test_kpi_panel_shows_the_indicator_layer_figures_and_the_double_decline(facts: Facts) -> None:
    result = compute_indicators(facts, H1)
    panel = models.kpi_panel(result, "zh")
    values = {t.key: t.value for t in panel.tiles}
    assert values["litigation_cases"] == "4件"
    assert values["loss_rate"] == "33.3%"
    assert values["double_decline"] == "是"
    assert len(panel.tiles) == 6
    loss = next(t for t in panel.tiles if t.key == "loss_rate")
    assert loss.status == "missed" and loss.change_good is True  # above the 10% target, but falling
    assert panel.change_symbols[0] == "▼" and panel.change_symbols[1] == "▼"


def test_trend_panel_pairs_each_month_with_the_same_month_last_year(facts: Facts) -> None:
    result = compute_indicators(facts, H1)
    months = models.grouped(facts, H1, Filters(), "month")
    panel = models.trend_panel(result, months, "zh")
    assert [(m.label, m.this_year, m.last_year) for m in panel.months] == [
        ("1月", 1, 1), ("2月", 2, 1), ("3月", 1, 1), ("4月", 0, 0), ("5月", 0, 1), ("6月", 0, 1)]
    assert not any(m.partial for m in panel.months) and panel.note == ""
    assert panel.ticks == (0, 1, 2)
    assert (panel.total, panel.previous, panel.change) == ("4件", "5件", "减少1件")
    assert panel.change_symbol == "▼" and panel.change_good is True


def test_trend_panel_labels_every_bar_and_draws_a_value_axis(facts: Facts) -> None:
    markup = html.trend_html(models.trend_panel(compute_indicators(facts, H1), models.grouped(
        facts, H1, Filters(), "month"), "zh"), "zh")
    feb = re.search(r'<div class="lds-month" data-this="2" data-last="1">(.*?)<div class="lds-mlabel">', markup)
    assert feb is not None
    # Last year's bar then this year's, each with its count written on it, heights on the axis' scale.
    assert re.findall(r'<div class="lds-b (\w+)" style="height:([\d.]+)%"><span class="lds-v">(\d+)</span>',
                      feb.group(1)) == [("last", "50.0", "1"), ("this", "100.0", "2")]
    assert re.findall(r'<span class="lds-tick" style="bottom:([\d.]+)%">(\d+)</span>', markup) == [
        ("0.0", "0"), ("50.0", "1"), ("100.0", "2")]


def test_the_unfinished_month_is_compared_with_the_same_days_last_year_and_marked() -> None:
    # Data to 20 November 2025: 1 case in November so far; a year earlier 2 by the 20th and 5 in all.
    filed = [D(2025, 11, 3), D(2024, 11, 2), D(2024, 11, 19), D(2024, 11, 21), D(2024, 11, 25), D(2024, 11, 30)]
    facts = facts_from_frames(litigation=pl.DataFrame(
        [{"id": i + 1, "unit_id": 1, "instance": "first", "filed_on": day} for i, day in enumerate(filed)]),
        units=pl.DataFrame({"id": [1], "name": ["甲局"], "unit_type": ["agency"]}))
    assert facts.as_of == D(2025, 11, 3)
    config, _ = parse_screen_params({"period": "2025", "panels": "trend"})
    markup = build_screen(facts, config, "trend", "10:00:00")
    november = re.search(r'<div class="lds-month part" data-this="(\d+)" data-last="(\d+)" data-partial=1>', markup)
    assert november is not None and november.groups() == ("1", "1")  # 1–3 November 2024: one case, not five
    assert "本月未完" in markup and "上年同期也只计11月1日至3日" in markup
    assert 'data-this="0" data-last="0"' not in markup.split("11月")[-1]  # no December after the data date


def test_agencies_panel_lists_busiest_agencies_with_loss_rate_status(facts: Facts) -> None:
    panel = models.agencies_panel(facts, models.grouped(facts, H1, Filters(), "unit"), "zh")
    assert [(r.name, r.value, r.note, r.symbol) for r in panel.rows] == [
        ("自然资源局", "3件", "败诉率 50%", "✗"),
        ("公安局", "1件", "败诉率 0%", "✓"),
    ]
    assert [round(r.share, 3) for r in panel.rows] == [1.0, 0.333]


def test_townships_panel_says_the_change_with_a_symbol(facts: Facts) -> None:
    panel = models.townships_panel(models.grouped(facts, H1, Filters(), "township"), "zh", (10,))
    assert [(r.name, r.value, r.note, r.symbol, r.status, r.highlight) for r in panel.rows] == [
        ("杏坡镇", "2件", "同比 增加1件", "▲", "missed", False),
        ("柳湾镇", "2件", "同比 减少2件", "▼", "met", True),
    ]


def test_overdue_panel_lists_oldest_open_tasks_first(facts: Facts) -> None:
    panel = models.overdue_panel(facts, Filters(), "zh")
    assert [(label, value) for label, value, _ in panel.headline] == [
        ("逾期未完成双清单任务", "2项"), ("逾期未回复司法/检察建议", "1件")]
    assert [(r.name, r.value) for r in panel.rows] == [("自然资源局：建立土地征收协调机制", "70天"),
                                                      ("公安局：整改公安执法问题", "9天")]


def test_ranking_panel_shows_top_three_and_no_duplicate_bottom_for_a_small_league(facts: Facts) -> None:
    panel = models.ranking_panel(facts, H1, "unit")
    assert 1 <= len(panel.top) <= 3
    assert panel.bottom == ()  # three units: the bottom three would repeat the top three


def test_every_panel_keeps_to_six_items_and_shows_status_symbols(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025H1"})
    for key in PANEL_KEYS:
        markup = build_screen(facts, config, key, "10:00:00")
        assert f'data-panel="{key}"' in markup
        assert markup.count('class="lds-tile"') + markup.count('class="lds-row') <= 6
        assert "演示数据" in markup and "示范县" in markup and "2025年上半年" in markup
    kpi = build_screen(facts, config, "kpi", "10:00:00")
    assert "✓" in kpi or "✗" in kpi


def test_scope_from_the_url_filters_every_figure_and_reports_unknown_names(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025H1", "township": "柳湾,无此镇"})
    scope = resolve_scope(facts, config, "zh")
    assert scope.filters == Filters(township_ids=(10,))
    assert scope.label == "柳湾镇" and "无此镇" in scope.notices[0]
    _, body = panel_body("kpi", facts, H1, scope, "zh")
    assert ">2件<" in body  # only 柳湾镇's two lawsuits


def test_empty_period_shows_a_sentence_not_an_empty_chart(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2019"})
    for key in ("trend", "agencies"):
        assert "所选期间和范围内没有数据。" in build_screen(facts, config, key, "10:00:00")


def test_invalid_period_falls_back_with_a_notice(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025H3"})
    assert "期间无效" in build_screen(facts, config, "kpi", "10:00:00")


def test_names_from_the_database_are_escaped() -> None:
    row = models.BarRow(name="<script>alert(1)</script>", share=0.5, value="1件")
    markup = html.list_html(models.ListPanel((row,)), "zh")
    assert "<script>" not in markup and "&lt;script&gt;" in markup


def test_english_screen_uses_english_labels(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025H1", "lang": "en"})
    markup = build_screen(facts, config, "trend", "10:00:00")
    assert "Lawsuits filed by month" in markup and "2025H1" in markup


def test_double_decline_tile_says_achieved_and_a_count_without_target_has_no_status(facts: Facts) -> None:
    markup = html.kpi_html(models.kpi_panel(compute_indicators(facts, H1), "zh"), "zh")
    tiles = dict(re.findall(r'data-kpi="(\w+)"(.*?)(?=data-kpi=|$)', markup, flags=re.S))
    assert "✓ 实现" in tiles["double_decline"]
    assert "lds-status" not in tiles["litigation_cases"]
    assert "✗ 未达标" in tiles["loss_rate"]


@pytest.mark.parametrize(("change", "symbol", "note", "status"),
                         [(3, "▲", "3", "met"), (-2, "▼", "2", "missed"), (0, "●", "0", "n/a"),
                          (None, "●", "—", "n/a")])
def test_rank_rows_show_the_move_by_symbol_and_colour(change: int | None, symbol: str, note: str,
                                                      status: str) -> None:
    row = models._rank_row({"rank": 2, "group_id": 1, "group_name": "示范县自然资源局", "score": 88.46,
                            "rank_change": change}, {1: "自然资源局"}, (1,))
    assert (row.name, row.value, row.symbol, row.note, row.status, row.highlight) == (
        "2. 自然资源局", "88.5", symbol, note, status, True)


def test_a_scoped_screen_shows_its_own_rank_when_neither_top_nor_bottom() -> None:
    # Eight units with identical figures tie at rank 1 and are listed by name: 单位4 is in neither end.
    units = pl.DataFrame({"id": list(range(1, 9)), "name": [f"单位{i}" for i in range(1, 9)],
                          "unit_type": ["agency"] * 8, "active": [True] * 8})
    # Three suits each, none lost: enough measured (volume and loss rate) for the default scheme to rank them.
    rows = [lit(i, 10, D(2025, 1, 5), D(2025, 2, 1), "claim_dismissed") for i in range(1, 9) for _ in range(3)]
    facts = facts_from_frames(litigation=pl.DataFrame([{"id": n + 1, **r} for n, r in enumerate(rows)]),
                              units=units, townships=pl.DataFrame({"id": [10], "name": ["柳湾镇"]}))
    panel = models.ranking_panel(facts, H1, "unit", highlight=(4,))
    assert [r.name for r in panel.top] == ["1. 单位1", "1. 单位2", "1. 单位3"]
    assert [r.name for r in panel.bottom] == ["1. 单位6", "1. 单位7", "1. 单位8"]
    assert [(r.name, r.highlight) for r in panel.own] == [("1. 单位4", True)]
    assert models.ranking_panel(facts, H1, "unit", highlight=(2,)).own == ()
    assert "本范围排名" in html.rank_html(panel, "zh")


@pytest.mark.parametrize(("rotate", "seconds"), [(3, 11), (20, 45), (600, 125)])
def test_screen_carries_when_to_declare_itself_offline(facts: Facts, rotate: int, seconds: int) -> None:
    config, _ = parse_screen_params({"period": "2025H1", "rotate": str(rotate)})
    markup = build_screen(facts, config, "kpi", "10:00:00", rendered="123.5")
    assert f'data-stale-after="{seconds}"' in markup and 'data-rendered="123.5"' in markup
    assert "连接中断" in markup  # hidden until the browser sees no server run for that long
