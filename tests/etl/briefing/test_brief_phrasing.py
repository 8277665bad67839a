"""Every branch of the sentences the briefing writes from figures: no unsupported change."""

from __future__ import annotations

import pytest

from etl.briefing.phrasing import (
    count_change,
    double_decline_sentence,
    format_count,
    format_percent,
    is_double_decline,
    judgement_of_change,
    rate_change,
    rate_with_basis,
    target_phrase,
)


@pytest.mark.parametrize(("value", "expected"), [
    (0.018, "1.8%"), (1.0, "100%"), (0.35, "35%"), (0.125, "12.5%"), (0.0, "0%"), (0.4625, "46.2%"),
    (None, "不适用"),
])
def test_format_percent_shows_one_decimal_without_trailing_zero(value: float | None, expected: str) -> None:
    assert format_percent(value) == expected


def test_format_count_says_not_applicable_for_missing() -> None:
    assert (format_count(12), format_count(None)) == ("12件", "不适用")


@pytest.mark.parametrize(("current", "previous", "basis", "expected"), [
    (7, 8, "同比", "同比下降12.5%"),
    (10, 8, "同比", "同比上升25%"),
    (8, 8, "同比", "同比持平"),
    (0, 0, "同比", "同比持平"),
    (3, 0, "同比", "同比增加3件（去年同期为0件）"),
    (3, 0, "环比", "环比增加3件（上期为0件）"),
    (0, 4, "同比", "同比下降100%"),
    (3, None, "同比", "无去年同期可比数据"),
    (3, None, "环比", "无上期可比数据"),
    (None, 3, "同比", "不适用"),
    (10001, 10000, "同比", "同比略有上升（不足0.1%）"),
    (9999, 10000, "同比", "同比略有下降（不足0.1%）"),
])
def test_count_change_names_the_direction_the_figures_show(current: int | None, previous: int | None,
                                                           basis: str, expected: str) -> None:
    assert count_change(current, previous, basis=basis) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("current", "previous", "basis", "expected"), [
    (0.018, 0.024, "同比", "较去年同期下降0.6个百分点"),
    (0.03, 0.018, "同比", "较去年同期上升1.2个百分点"),
    (0.5, 0.5, "同比", "与去年同期持平"),
    (0.5, 0.5, "环比", "与上期持平"),
    (0.0181, 0.0182, "同比", "较去年同期略有下降（不足0.1个百分点）"),
    (0.0183, 0.0182, "同比", "较去年同期略有上升（不足0.1个百分点）"),
    (0.5, None, "同比", "无去年同期可比数据"),
    (None, 0.5, "同比", "不适用"),
    (1.0, 0.9, "环比", "较上期上升10个百分点"),
])
def test_rate_change_is_in_percentage_points(current: float | None, previous: float | None, basis: str,
                                             expected: str) -> None:
    assert rate_change(current, previous, basis=basis) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("args", "expected"), [
    ((0.02, 1, 50, "败诉", "审结案件"), "2%（审结案件50件，其中败诉1件）"),
    ((0.0, 0, 12, "败诉", "审结案件"), "0%（审结案件12件，其中败诉0件）"),
    ((None, 0, 0, "败诉", "审结案件"), "不适用（本期无审结案件）"),
])
def test_rate_with_basis_states_the_cases_it_rests_on(args: tuple, expected: str) -> None:
    assert rate_with_basis(*args) == expected


@pytest.mark.parametrize(("figures", "verdict", "sentence"), [
    ((7, 8, 0.018, 0.024), True, "实现发案量和败诉率“双下降”"),
    ((8, 8, 0.018, 0.024), False, "未实现“双下降”（发案量未同比下降）"),
    ((7, 8, 0.024, 0.024), False, "未实现“双下降”（败诉率未同比下降）"),
    ((9, 8, 0.03, 0.024), False, "未实现“双下降”（发案量和败诉率未同比下降）"),
    ((7, None, 0.018, 0.024), None, "因缺少去年同期可比数据，暂无法评价“双下降”目标"),
    ((7, 8, None, 0.024), None, "因缺少去年同期可比数据，暂无法评价“双下降”目标"),
])
def test_double_decline_requires_both_strictly_lower(figures: tuple, verdict: bool | None, sentence: str) -> None:
    assert is_double_decline(*figures) is verdict
    assert double_decline_sentence(*figures) == sentence


@pytest.mark.parametrize(("value", "target", "direction", "expected"), [
    (1.0, 1.0, "higher", "达到目标值100%"),
    (0.95, 1.0, "higher", "未达到目标值100%"),
    (0.018, 0.02, "lower", "控制在目标值2%以内"),
    (0.02, 0.02, "lower", "控制在目标值2%以内"),
    (0.03, 0.02, "lower", "超过目标值2%"),
    (None, 0.8, "higher", "目标值80%，本期不适用"),
    (0.5, None, "higher", ""),
    (0.5, 0.4, None, ""),
])
def test_target_phrase_reads_lower_targets_as_ceilings(value: float | None, target: float | None,
                                                      direction: str | None, expected: str) -> None:
    assert target_phrase(value, target, direction) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("current", "previous", "direction", "expected"), [
    (0.01, 0.02, "lower", "好转"), (0.03, 0.02, "lower", "变差"), (0.9, 0.8, "higher", "好转"),
    (0.7, 0.8, "higher", "变差"), (0.8, 0.8, "higher", "持平"), (None, 0.8, "higher", "—"),
    (0.8, None, "higher", "—"), (0.8, 0.7, None, "—"),
])
def test_judgement_of_change_follows_the_good_direction(current: float | None, previous: float | None,
                                                        direction: str | None, expected: str) -> None:
    assert judgement_of_change(current, previous, direction) == expected  # type: ignore[arg-type]
