"""Pure pieces of the briefing: chart specs, table cells, PDF column widths, headline wording."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from etl.briefing.assemble import BriefScope, assemble_briefing, scope_label
from etl.briefing.charts import COLOURS, CURRENT, EARLIER, build_comparison_bars, build_ranking_bars
from etl.briefing.fonts import discover_fonts
from etl.briefing.tables import cell
from etl.briefing.widths import column_widths
from etl.metrics import facts_from_frames, parse_period

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


@pytest.mark.parametrize(("row", "key", "expected"), [
    ({"loss_rate": None, "loss_rate__num": 0, "loss_rate__den": 0}, "loss_rate", "—"),
    ({"loss_rate": 0.0, "loss_rate__num": 0, "loss_rate__den": 12}, "loss_rate", "0%"),
    ({"loss_rate": 0.125, "loss_rate__num": 2, "loss_rate__den": 16}, "loss_rate", "12.5%"),
    ({"loss_rate": 1 / 9, "loss_rate__num": 1, "loss_rate__den": 9}, "loss_rate", "1/9"),  # too few for a rate
    ({"litigation_cases": 3}, "litigation_cases", "3"),
])
def test_table_cells(row: dict, key: str, expected: str) -> None:
    assert cell(row, key, min_records=10) == expected


@pytest.mark.parametrize(("natural", "minimum", "total", "expected"), [
    ([10, 30], [5, 5], 80, [20, 60]),  # fits: natural proportions, stretched
    ([10, 90], [8, 8], 50, [8 + 34 * 2 / 84, 8 + 34 * 82 / 84]),  # too wide: minimums plus shares
    ([8, 8], [8, 8], 10, [8, 8]),  # never below a minimum, even if the table overflows
])
def test_column_widths_never_go_below_one_character(natural: list[float], minimum: list[float], total: float,
                                                    expected: list[float]) -> None:
    assert column_widths(natural, minimum, total) == pytest.approx(expected)


@pytest.mark.usefixtures("cjk_fonts")
def test_double_decline_is_stated_when_both_fell() -> None:
    units = pl.DataFrame({"id": [1], "name": ["示范县自然资源局"], "unit_type": ["agency"]})
    dates = [(D(2025, 2, 1), D(2025, 4, 1), "dismissed"), (D(2024, 2, 1), D(2024, 4, 1), "revoked"),
             (D(2024, 3, 1), D(2024, 5, 1), "dismissed")]
    lit = pl.DataFrame({"id": [1, 2, 3], "unit_id": [1, 1, 1], "instance": ["first"] * 3,
                        "filed_on": [d[0] for d in dates], "closed_on": [d[1] for d in dates],
                        "outcome": [d[2] for d in dates]})
    facts = facts_from_frames(units=units, litigation=lit, region_name="示范县")
    briefing = assemble_briefing(facts, parse_period("2025H1"), BriefScope(), discover_fonts(), issued_on=D(2025, 7, 1))
    # 1 filing against 2 → 减少1件 (too few for a per cent); loss 0 of 1 against 1 of 2: both fell.
    assert briefing.headline.startswith("2025年上半年，示范县行政诉讼发案量1件，同比减少1件，审结一审案件1件，其中败诉0件，"
                                        "实现发案量和败诉率“双下降”。")
    assert scope_label(facts, BriefScope("unit", 1, "自然资源局")) == "示范县自然资源局"


@pytest.mark.parametrize(("period", "label"), [
    ("2025", "2025年"), ("2025H2", "2025年下半年"), ("2025Q1", "2025年第一季度"), ("2025-03", "2025年3月"),
    ("2025YTD", "2025年1月1日至"), ("2025-01-01..2025-02-15", "2025-01-01至2025-02-15"),
])
@pytest.mark.usefixtures("cjk_fonts")
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


def test_a_figure_never_wraps_when_headings_can() -> None:
    """下降66.7% keeps its column width; the long heading above it wraps instead."""
    from etl.briefing.model import Table
    from etl.briefing.widths import approx_width, table_widths

    columns = ("排名", "单位", "发案量", "同比", "任务按期完成率", "复议纠错率", "建议落实率", "出庭应诉率", "得分")
    row = ("1", "住建局", "12", "下降66.7%", "100%", "12.5%", "0/1", "100%", "98.8")
    table = Table("", columns, (row,), (True, False, True, True, True, True, True, True, True))
    em = 3.5  # 10 pt in mm
    widths = table_widths(table, 156.0, em)
    for value, width in zip(row, widths, strict=True):
        assert width >= (approx_width(value) + 1) * em - 1e-9, value
