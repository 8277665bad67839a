"""Every rule of the shared wording (``etl.wording``), table-driven, in Chinese and English."""

from __future__ import annotations

import pytest

from etl.metrics import INDICATORS
from etl.wording import changes, labels, numbers, status, verdicts


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (0, "zh", "0件"), (1, "zh", "1件"), (187, "zh", "187件"), (12345, "zh", "1.23万件"), (20000, "zh", "2万件"),
    (None, "zh", "不适用"), (1, "en", "1 case"), (2, "en", "2 cases"), (12345, "en", "12,345 cases"),
    (None, "en", "n/a"),
])
def test_counts_use_jian_wan_and_agree_in_number(value: int | None, lang: str, expected: str) -> None:
    assert numbers.count(value, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "expected"), [
    (0.018, "1.8%"), (0.02, "2%"), (1.0, "100%"), (0.0, "0%"), (0.125, "12.5%"), (0.4625, "46.2%"),
    (0.0003, "<0.1%"), (None, "不适用"),
])
def test_rates_have_one_decimal_at_most_and_no_trailing_zero(value: float | None, expected: str) -> None:
    assert numbers.percent(value) == expected


@pytest.mark.parametrize(("current", "previous", "lang", "basis", "expected"), [
    (0.018, 0.024, "zh", None, "下降0.6个百分点"),
    (0.018, 0.024, "zh", "yoy", "同比下降0.6个百分点"),
    (0.03, 0.018, "en", "yoy", "up 1.2 pp year on year"),
    (0.5, 0.5, "zh", "yoy", "同比持平"),
    (0.5, 0.5, "zh", None, "持平"),
    (0.0183, 0.0182, "zh", None, "略有上升"),
    (0.0181, 0.0182, "zh", "yoy", "同比略有下降（不足0.1个百分点）"),
    (0.0183, 0.0182, "en", "yoy", "slightly up year on year (< 0.1 pp)"),
    (0.5, None, "zh", "yoy", "无去年同期可比数据"),
    (0.5, None, "zh", None, "无可比数据"),
    (1.0, 0.9, "zh", "pop", "环比上升10个百分点"),
    (None, 0.5, "zh", "yoy", "不适用"),
])
def test_rates_move_in_percentage_points_and_a_slight_move_is_named(
        current: float | None, previous: float | None, lang: str, basis: str | None, expected: str) -> None:
    assert changes.rate_change(current, previous, lang, basis=basis) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("current", "previous", "lang", "basis", "expected"), [
    (83, 88, "zh", "yoy", "同比下降5.7%"),
    (110, 88, "zh", None, "上升25%"),
    (88, 88, "zh", "yoy", "同比持平"),
    (0, 0, "zh", None, "持平"),
    (3, 0, "zh", "yoy", "同比增加3件"),   # nothing a year earlier: no per cent of zero
    (2, 1, "zh", None, "增加1件"),         # 1 → 2 is not "+100%"
    (4, 9, "zh", "pop", "环比减少5件"),
    (2, 1, "en", "yoy", "up 1 case year on year"),
    (1, 4, "en", None, "down 3 cases"),
    (0, 12, "zh", None, "下降100%"),
    (10001, 10000, "zh", "yoy", "同比略有上升（不足0.1%）"),
    (3, None, "zh", "pop", "无上期可比数据"),
    (None, 3, "zh", "yoy", "不适用"),
])
def test_counts_move_by_a_per_cent_only_when_the_earlier_count_can_carry_one(
        current: int | None, previous: int | None, lang: str, basis: str | None, expected: str) -> None:
    assert changes.count_change(current, previous, lang, basis=basis) == expected  # type: ignore[arg-type]


def test_the_per_cent_threshold_is_the_configured_minimum() -> None:
    assert changes.count_change(6, 4, min_records=3) == "上升50%"
    assert changes.count_change(6, 4, min_records=5) == "增加2件"


@pytest.mark.parametrize(("change", "direction", "good", "symbol"), [
    (-0.01, "lower", True, "▼"), (0.01, "lower", False, "▲"), (-0.01, "higher", False, "▼"),
    (0.0004, "higher", True, "▲"), (0.0, "lower", None, "●"), (None, "higher", None, "●"), (0.01, None, None, "▲"),
])
def test_good_direction_and_symbol_follow_the_same_rule_as_the_words(
        change: float | None, direction: str | None, good: bool | None, symbol: str) -> None:
    assert changes.change_is_good(change, direction) is good
    assert changes.change_symbol(change) == symbol


@pytest.mark.parametrize(("value", "target", "direction", "state", "lang", "expected"), [
    (1.0, 0.9, "higher", "met", "zh", "达到目标（90%）"),
    (1.0, 1.0, "higher", "met", "zh", "达到目标（100%）"),
    (0.986, 1.0, "higher", "close", "zh", "接近目标（100%），相差1.4个百分点"),
    (0.417, 0.45, "higher", "missed", "zh", "未达到目标（45%），相差3.3个百分点"),
    (0.012, 0.02, "lower", "met", "zh", "控制在目标（2%）以内"),
    (0.021, 0.02, "lower", "close", "zh", "略高于目标（2%）"),
    (0.033, 0.02, "lower", "missed", "zh", "高于目标（2%）"),
    (0.033, 0.02, "lower", "missed", "en", "above the target (2%)"),
    (0.986, 1.0, "higher", "close", "en", "close to the target (100%), 1.4 pp short"),
    (None, 0.8, "higher", "n/a", "zh", ""),
    (0.5, None, "higher", "n/a", "zh", ""),
])
def test_target_clause_reads_lower_targets_as_ceilings(value: float | None, target: float | None, direction: str,
                                                       state: str, lang: str, expected: str) -> None:
    assert status.target_clause(value, target, direction, state, lang) == expected  # type: ignore[arg-type]


def test_status_labels_in_both_languages() -> None:
    assert [status.status_label(s) for s in ("met", "close", "missed", "n/a", None)] == \
        ["达标", "接近", "未达标", "不适用", "不适用"]
    assert status.status_label("close", "en") == "close"


@pytest.mark.parametrize(("figures", "kind", "state", "short", "sentence"), [
    ((7, 8, 0.018, 0.024), "half", "met", "是", "实现发案量和败诉率“双下降”"),
    ((8, 8, 0.018, 0.024), "year", "missed", "否", "未实现“双下降”（发案量未同比下降）"),
    ((7, 8, 0.024, 0.024), "year", "missed", "否", "未实现“双下降”（败诉率未同比下降）"),
    ((9, 8, 0.03, 0.024), "year", "missed", "否", "未实现“双下降”（发案量和败诉率未同比下降）"),
    ((7, 8, 0.0, 0.0), "year", "met", "败诉率保持为零", "发案量同比下降，败诉率保持为零"),
    ((9, 8, 0.0, 0.0), "year", "missed", "否", "败诉率保持为零，但发案量未同比下降"),
    ((9, 8, 0.3, 0.0), "month", "n/a", "按年评价", "“双下降”按年度评价，月度不作结论"),
    ((7, None, 0.018, 0.024), "year", "n/a", "不适用", "因缺少去年同期可比数据，暂无法评价“双下降”"),
    ((7, 8, None, 0.024), "year", "n/a", "不适用", "因缺少去年同期可比数据，暂无法评价“双下降”"),
])
def test_double_decline_never_calls_a_zero_held_at_zero_or_a_month_a_miss(
        figures: tuple, kind: str, state: str, short: str, sentence: str) -> None:
    verdict = verdicts.double_decline(*figures, period_kind=kind)
    assert (verdict.status, verdict.short, verdict.sentence) == (state, short, sentence)
    assert verdicts.double_decline(*figures, period_kind=kind, lang="en").status == state


def test_every_indicator_has_each_label_form_and_prose_has_no_slash() -> None:
    for ind in INDICATORS:
        assert labels.label(ind.key) == ind.label_zh and labels.label(ind.key, "en") == ind.label_en
        assert "/" not in labels.prose_label(ind.key) and labels.short_label(ind.key)
        if ind.is_rate:
            assert all(labels.basis_words(ind.key, lang) for lang in ("zh", "en"))
    assert labels.prose_label("recommendation_adoption_rate") == "司法建议和检察建议落实率"
    assert labels.vocab_label("outcome", "revoked") == "判决撤销" and labels.vocab_label("outcome", "x") == "x"
