"""Pure pieces of the briefing: chart specs, table cells, PDF column widths, headline wording."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from etl.briefing.assemble import BriefScope, assemble_briefing, scope_label
from etl.briefing.charts import COLOURS, CURRENT, EARLIER, build_comparison_bars, build_ranking_bars
from etl.briefing.fonts import discover_fonts
from etl.briefing.sections import rate_sentence
from etl.briefing.tables import cell, compact_count_change, short_name
from etl.briefing.widths import column_widths
from etl.metrics import IndicatorValue, facts_from_frames, parse_period

D = dt.date


def _data(spec: dict) -> list[dict]:
    datasets = spec["datasets"]
    return next(iter(datasets.values()))


def test_comparison_bars_leave_out_not_applicable_values_instead_of_drawing_zero() -> None:
    spec = build_comparison_bars([("诉前调解", 0.6, 0.5), ("执前和解", None, 0.4)], rate=True, title="t").to_dict()
    rows = {(r["指标"], r["期间"]): r["数值"] for r in _data(spec)}
    assert rows == {("诉前调解", CURRENT): 0.6, ("诉前调解", EARLIER): 0.5, ("执前和解", EARLIER): 0.4}
    bars = spec["layer"][0]["encoding"]
    assert bars["x"]["sort"] == ["诉前调解", "执前和解"]  # indicator order as given, not alphabetical
    assert bars["color"]["scale"]["range"] == [COLOURS[CURRENT], COLOURS[EARLIER]]
    assert bars["y"]["axis"]["format"] == ".0%"


def test_ranking_bars_show_the_largest_first_and_at_most_ten() -> None:
    items = [(f"单位{i:02d}", float(i)) for i in range(1, 13)] + [("甲局", 12.0)]
    spec = build_ranking_bars(items, rate=False, title="t").to_dict()
    order = spec["layer"][0]["encoding"]["y"]["sort"]
    assert order[:3] == ["单位12", "甲局", "单位11"] and len(order) == 10
    assert spec["layer"][0]["encoding"]["x"]["axis"]["tickMinStep"] == 1  # whole lawsuits only


@pytest.mark.parametrize(("current", "previous", "expected"), [
    (3, 2, "上升50%"), (1, 2, "下降50%"), (2, 2, "持平"), (2, 0, "新增2件"), (0, 0, "持平"), (2, None, "—"),
])
def test_compact_count_change_keeps_the_prose_wording(current: int, previous: int | None, expected: str) -> None:
    assert compact_count_change(current, previous) == expected


@pytest.mark.parametrize(("value", "key", "expected"), [
    (None, "loss_rate", "—"), (0.0, "loss_rate", "0%"), (0.125, "loss_rate", "12.5%"), (3, "litigation_cases", "3"),
])
def test_table_cells(value: float | None, key: str, expected: str) -> None:
    assert cell(value, key) == expected


@pytest.mark.parametrize(("name", "region", "expected"), [
    ("示范县自然资源局", "示范县", "自然资源局"), ("柳河镇人民政府", "示范县", "柳河镇人民政府"),
    ("示范县局", "示范县", "示范县局"), ("示范县自然资源局", None, "示范县自然资源局"),
])
def test_short_name_drops_only_the_regions_own_prefix(name: str, region: str | None, expected: str) -> None:
    assert short_name(name, region) == expected


@pytest.mark.parametrize(("natural", "minimum", "total", "expected"), [
    ([10, 30], [5, 5], 80, [20, 60]),  # fits: natural proportions, stretched
    ([10, 90], [8, 8], 50, [8 + 34 * 2 / 84, 8 + 34 * 82 / 84]),  # too wide: minimums plus shares
    ([8, 8], [8, 8], 10, [8, 8]),  # never below a minimum, even if the table overflows
])
def test_column_widths_never_go_below_one_character(natural: list[float], minimum: list[float], total: float,
                                                    expected: list[float]) -> None:
    assert column_widths(natural, minimum, total) == pytest.approx(expected)


def test_double_decline_is_stated_when_both_fell() -> None:
    units = pl.DataFrame({"id": [1], "name": ["示范县自然资源局"], "unit_type": ["agency"]})
    dates = [(D(2025, 2, 1), D(2025, 4, 1), "dismissed"), (D(2024, 2, 1), D(2024, 4, 1), "revoked"),
             (D(2024, 3, 1), D(2024, 5, 1), "dismissed")]
    lit = pl.DataFrame({"id": [1, 2, 3], "unit_id": [1, 1, 1], "instance": ["first"] * 3,
                        "filed_on": [d[0] for d in dates], "closed_on": [d[1] for d in dates],
                        "outcome": [d[2] for d in dates]})
    facts = facts_from_frames(units=units, litigation=lit, region_name="示范县")
    briefing = assemble_briefing(facts, parse_period("2025H1"), BriefScope(), discover_fonts(), issued_on=D(2025, 7, 1))
    # 1 filing against 2 → 下降50%; loss 0/1 = 0% against 1/2 = 50% → 下降50个百分点.
    assert briefing.headline.startswith("2025年上半年，示范县行政诉讼发案量1件，同比下降50%，败诉率0%，"
                                        "较去年同期下降50个百分点，实现发案量和败诉率“双下降”。")
    assert scope_label(facts, BriefScope("unit", 1, "自然资源局")) == "示范县自然资源局"


def _value(key: str, value: float | None, num: int, den: int | None, previous: float | None,
           target: float | None) -> IndicatorValue:
    return IndicatorValue(key=key, value=value, numerator=num, denominator=den, previous=previous, change=None,
                          change_kind="points", target=target, status="n/a")


@pytest.mark.parametrize(("value", "expected"), [
    (_value("loss_rate", 0.02, 1, 50, 0.03, 0.02),
     "行政诉讼败诉率2%（审结一审案件50件，其中败诉1件），较去年同期下降1个百分点，控制在目标值2%以内。"),
    (_value("recommendation_adoption_rate", None, 0, 0, 0.9, 0.9),
     "司法建议/检察建议落实率不适用（本期无到期司法建议、检察建议）。"),
    (_value("head_appearance_rate", 0.9, 9, 10, None, None),
     "行政机关负责人出庭应诉率90%（开庭审理案件10件，其中负责人出庭9件），无去年同期可比数据。"),
])
def test_rate_sentence_states_value_basis_change_and_target(value: IndicatorValue, expected: str) -> None:
    assert rate_sentence(value.key, value) == expected


@pytest.mark.parametrize(("period", "label"), [
    ("2025", "2025年"), ("2025H2", "2025年下半年"), ("2025Q1", "2025年第一季度"), ("2025-03", "2025年3月"),
    ("2025YTD", "2025年1月1日至"), ("2025-01-01..2025-02-15", "2025-01-01至2025-02-15"),
])
def test_every_period_kind_gives_a_briefing(period: str, label: str) -> None:
    from etl.briefing.generate import build_file

    units = pl.DataFrame({"id": [1], "name": ["示范县自然资源局"], "unit_type": ["agency"]})
    lit = pl.DataFrame({"id": [1], "unit_id": [1], "instance": ["first"], "filed_on": [D(2025, 2, 1)]})
    facts = facts_from_frames(units=units, litigation=lit, region_name="示范县", as_of=D(2025, 6, 30))
    result = build_file(facts, period, BriefScope(), "docx", issued_on=D(2025, 7, 1))
    assert label in result.briefing.title and result.content[:2] == b"PK"


def test_table_widths_give_long_names_room_and_keep_every_column_readable() -> None:
    from etl.briefing.model import Table
    from etl.briefing.widths import approx_width, table_widths

    assert approx_width("自然资源局") == 5 and approx_width("12.5%") == pytest.approx(2.75)
    table = Table("t", ("排名", "单位", "得分"), (("1", "示范县住房和城乡建设局", "100"),))
    widths = table_widths(table, 100.0, 4.0)
    assert sum(widths) == pytest.approx(100.0)
    assert widths[1] > widths[0] + widths[2]
