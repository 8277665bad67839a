"""The dashboard's formatting entry point writes figures in the shared wording (``etl.wording``):
件, %, 个百分点, 万, and 不适用 for a rate without denominator."""

from __future__ import annotations

import pytest

from dashboard.formatting import change_is_good, fmt_change, fmt_count, fmt_rate, fmt_value
from dashboard.i18n import STRINGS, t


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(0, "zh", "0件"), (187, "zh", "187件"), (12345, "zh", "1.23万件"), (20000, "zh", "2万件"),
     (12345, "en", "12,345 cases"), (None, "zh", "不适用"), (None, "en", "n/a"),
     (1, "en", "1 case"), (1.0, "en", "1 case"), (0, "en", "0 cases"), (2, "en", "2 cases"), (1, "zh", "1件")],
)
def test_counts_use_jian_and_wan(value: int | None, lang: str, expected: str) -> None:
    assert fmt_count(value, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"), [(0.018, "1.8%"), (0.0, "0%"), (1.0, "100%"), (0.02, "2%"), (None, "不适用")],
)
def test_rates_are_fractions_shown_as_percent_and_null_is_not_applicable(value: float | None, expected: str) -> None:
    assert fmt_rate(value) == expected


@pytest.mark.parametrize(
    ("change", "kind", "lang", "expected"),
    [(-0.006, "pp", "zh", "下降0.6个百分点"), (0.012, "pp", "zh", "上升1.2个百分点"),
     (-0.125, "relative", "zh", "下降12.5%"), (0.0, "relative", "zh", "持平"), (0.0004, "pp", "zh", "略有上升"), (0.0, "pp", "zh", "持平"),
     (None, "pp", "zh", "无可比数据"), (-0.006, "pp", "en", "down 0.6 pp"), (0.5, "relative", "en", "up 50%")],
)
def test_changes_say_points_for_rates_and_percent_for_counts(change: float | None, kind: str, lang: str,
                                                              expected: str) -> None:
    assert fmt_change(change, kind, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "direction", "expected"),
    [(-0.01, "lower", True), (0.01, "lower", False), (-0.01, "higher", False), (0.01, "higher", True),
     (0.0, "lower", None), (None, "higher", None), (0.01, None, None)],
)
def test_a_falling_loss_rate_is_good_and_a_falling_appearance_rate_is_bad(
        change: float | None, direction: str | None, expected: bool | None) -> None:
    assert change_is_good(change, direction) is expected


def test_value_dispatches_on_indicator_format() -> None:
    assert fmt_value(0.25, "rate") == "25%"
    assert fmt_value(7, "count") == "7件"
    assert fmt_value(12.4, "days") == "12天"
    assert fmt_value(None, "rate", "en") == "n/a"


def test_every_string_has_both_languages_and_unknown_keys_show_themselves() -> None:
    assert all(zh and en for zh, en in STRINGS.values())
    assert t("no_such_key") == "no_such_key"
    assert t("based_on", "zh", num=1, den=3) == "1/3件"


@pytest.mark.parametrize(("value", "expected"), [(1, "1 day"), (0.6, "1 day"), (2, "2 days"), (0, "0 days")])
def test_days_agree_in_number_in_english(value: float, expected: str) -> None:
    assert fmt_value(value, "days", "en") == expected
