"""One table of figures through every surface: the KPI tile, the wall screen, the CLI, 预警 and the
documents must say each figure in the same words (zero, one, small n, rising, falling, no earlier
figure, not applicable), because they all call ``etl.wording``."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dashboard.screen.models import kpi_panel
from dashboard.views import tile
from etl.cli.metrics_commands import indicator_line
from etl.metrics import INDICATORS, Filters, IndicatorValue, MetricsResult, parse_period
from etl.wording.sentences import figure_sentence, target_message, volume_rise_message

H1 = parse_period("2025H1")
MIN_RECORDS = 10  # data/indicators.toml rate_min_records


@dataclass(frozen=True)
class Case:
    name: str
    figure: IndicatorValue
    said: tuple[str, ...]  # the figure surfaces (tile, wall screen, CLI) all use these words
    tile_value: str  # what the tile and the screen show as the figure
    document: tuple[str, ...]  # the briefing's sentence uses these words
    warning: tuple[str, ...] = ()  # 预警 uses these words (a rate off target, a rising count)
    never: tuple[str, ...] = ()  # neither the document nor 预警 may use these (a rate over too few records)


def rate(key: str, value: float | None, num: int, den: int, previous: float | None, target: float | None,
         status: str) -> IndicatorValue:
    change = None if value is None or previous is None else value - previous
    return IndicatorValue(key, value, num, den, previous, change, "points", target, status)


def count(value: int, previous: int | None, sequential: int | None = None) -> IndicatorValue:
    change = None if previous in (None, 0) else (value - previous) / previous  # type: ignore[operator]
    return IndicatorValue("litigation_cases", value, value, None, previous, change, "relative", None, "n/a",
                          sequential)


CASES = (
    Case("zero held at zero", rate("loss_rate", 0.0, 0, 40, 0.0, 0.02, "met"),
         ("0%", "持平"), "0%", ("保持为零", "控制在目标（2%）以内"), never=("未实现",)),
    Case("one loss over many closures", rate("loss_rate", 1 / 86, 1, 86, 0.02, 0.02, "met"),
         ("1.2%", "下降0.8个百分点"), "1.2%", ("1.2%", "同比下降0.8个百分点", "控制在目标（2%）以内")),
    Case("one loss over a small number", rate("loss_rate", 1 / 9, 1, 9, 0.0, 0.02, "missed"),
         ("11.1%", "上升11.1个百分点", "1/9件"), "11.1%", ("审结一审案件9件，其中败诉1件",),
         warning=("审结一审案件9件，其中败诉1件", "高于目标（2%）"), never=("11.1%",)),
    Case("rising rate near its floor", rate("head_appearance_rate", 0.986, 71, 72, 0.976, 1.0, "close"),
         ("98.6%", "上升1个百分点"), "98.6%", ("98.6%", "同比上升1个百分点", "接近目标（100%），相差1.4个百分点"),
         warning=("98.6%", "接近目标（100%），相差1.4个百分点")),
    Case("no earlier figure", rate("head_appearance_rate", 0.9, 18, 20, None, None, "n/a"),
         ("90%", "无"), "90%", ("90%", "无去年同期可比数据")),
    Case("not applicable", rate("loss_rate", None, 0, 0, 0.02, 0.02, "n/a"),
         ("不适用",), "不适用", ("不适用（本期无审结一审案件）",), never=("0%",)),
    Case("rising count", count(110, 88, 100), ("110件", "上升25%"), "110件", ("110件", "同比上升25%", "环比上升10%"),
         warning=("同比上升25%（110件，上年同期88件）",)),
    Case("falling small count", count(2, 5, 3), ("2件", "减少3件"), "2件", ("2件", "同比减少3件", "环比减少1件"),
         never=("下降60%",)),
    Case("count with nothing a year earlier", count(3, 0, 1), ("3件", "增加3件"), "3件", ("同比增加3件",),
         warning=("同比增加3件（3件，上年同期0件）",), never=("%",)),
)


def result_with(case: Case) -> MetricsResult:
    """A result whose every indicator is not applicable except the case's own."""
    empty = {i.key: IndicatorValue(i.key, None, 0, 0 if i.is_rate else None, None, None,
                                   "points" if i.is_rate else "relative", None, "n/a") for i in INDICATORS}
    return MetricsResult(H1, H1.year_earlier(), H1.previous(), Filters(),
                         {**empty, case.figure.key: case.figure}, None)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_surface_says_the_figure_in_the_same_words(case: Case) -> None:
    key, figure = case.figure.key, case.figure
    shown = tile(result_with(case), key, "zh")
    screen = next(t for t in kpi_panel(result_with(case), "zh").tiles if t.key == key)
    figures = {"tile": f"{shown.value} {shown.change} {shown.basis or ''}",
               "screen": f"{screen.value} {screen.change} {screen.basis or ''}",
               "cli": indicator_line(key, figure, MIN_RECORDS)}
    document = figure_sentence(key, figure, min_records=MIN_RECORDS)
    if key == "litigation_cases":
        warning = volume_rise_message(int(figure.value or 0), int(figure.previous or 0), min_records=MIN_RECORDS)
    else:
        warning = target_message(key, figure, min_records=MIN_RECORDS)
    assert shown.value == screen.value == case.tile_value
    for surface, text in figures.items():
        for words in case.said:
            assert words in text, f"{surface}: {words!r} not in {text!r}"
    for words in case.document:
        assert words in document, f"document: {words!r} not in {document!r}"
    for words in case.warning:
        assert words in warning, f"预警: {words!r} not in {warning!r}"
    for words in case.never:
        assert words not in document, f"document says {words!r}: {document!r}"
        assert not case.warning or words not in warning, f"预警 says {words!r}: {warning!r}"
