"""Periods: every kind, its 同比 and 环比 spans, month splitting and bad input."""

from __future__ import annotations

from datetime import date as d

import pytest

from etl.metrics import PeriodError, PeriodKind, parse_period

TODAY = d(2025, 6, 15)


@pytest.mark.parametrize(("text", "kind", "span", "year_earlier", "previous", "label"), [
    ("2025", PeriodKind.YEAR, (d(2025, 1, 1), d(2025, 12, 31)), (d(2024, 1, 1), d(2024, 12, 31)),
     (d(2024, 1, 1), d(2024, 12, 31)), "2025年"),
    ("2025H1", PeriodKind.HALF, (d(2025, 1, 1), d(2025, 6, 30)), (d(2024, 1, 1), d(2024, 6, 30)),
     (d(2024, 7, 1), d(2024, 12, 31)), "2025年上半年"),
    ("2025h2", PeriodKind.HALF, (d(2025, 7, 1), d(2025, 12, 31)), (d(2024, 7, 1), d(2024, 12, 31)),
     (d(2025, 1, 1), d(2025, 6, 30)), "2025年下半年"),
    ("2025Q1", PeriodKind.QUARTER, (d(2025, 1, 1), d(2025, 3, 31)), (d(2024, 1, 1), d(2024, 3, 31)),
     (d(2024, 10, 1), d(2024, 12, 31)), "2025年第一季度"),
    ("2025Q3", PeriodKind.QUARTER, (d(2025, 7, 1), d(2025, 9, 30)), (d(2024, 7, 1), d(2024, 9, 30)),
     (d(2025, 4, 1), d(2025, 6, 30)), "2025年第三季度"),
    ("2025-01", PeriodKind.MONTH, (d(2025, 1, 1), d(2025, 1, 31)), (d(2024, 1, 1), d(2024, 1, 31)),
     (d(2024, 12, 1), d(2024, 12, 31)), "2025年1月"),
    ("2024-02", PeriodKind.MONTH, (d(2024, 2, 1), d(2024, 2, 29)), (d(2023, 2, 1), d(2023, 2, 28)),
     (d(2024, 1, 1), d(2024, 1, 31)), "2024年2月"),
    ("2025YTD", PeriodKind.YTD, (d(2025, 1, 1), d(2025, 6, 15)), (d(2024, 1, 1), d(2024, 6, 15)),
     (d(2024, 1, 1), d(2024, 6, 15)), "2025年1月1日至6月15日"),
    ("2024YTD", PeriodKind.YTD, (d(2024, 1, 1), d(2024, 12, 31)), (d(2023, 1, 1), d(2023, 12, 31)),
     (d(2023, 1, 1), d(2023, 12, 31)), "2024年1月1日至12月31日"),
    ("2025-01-01..2025-06-30", PeriodKind.CUSTOM, (d(2025, 1, 1), d(2025, 6, 30)),
     (d(2024, 1, 1), d(2024, 6, 30)), (d(2024, 7, 4), d(2024, 12, 31)), "2025-01-01至2025-06-30"),  # 181 days
    ("2024-02-29..2024-03-01", PeriodKind.CUSTOM, (d(2024, 2, 29), d(2024, 3, 1)),
     (d(2023, 2, 28), d(2023, 3, 1)), (d(2024, 2, 27), d(2024, 2, 28)), "2024-02-29至2024-03-01"),
])
def test_period_kinds_and_their_comparison_spans(text: str, kind: PeriodKind, span: tuple, year_earlier: tuple,
                                                 previous: tuple, label: str) -> None:
    p = parse_period(text, today=TODAY)
    assert (p.kind, (p.start, p.end), p.label_zh) == (kind, span, label)
    assert (p.year_earlier().start, p.year_earlier().end) == year_earlier
    assert (p.previous().start, p.previous().end) == previous
    if kind == PeriodKind.CUSTOM:
        assert p.previous().days == p.days  # a custom range is preceded by a range as long


def test_months_of_a_period_are_clipped_to_it() -> None:
    months = parse_period("2025-01-15..2025-03-10").months()
    assert [(m.start, m.end) for m in months] == [(d(2025, 1, 15), d(2025, 1, 31)), (d(2025, 2, 1), d(2025, 2, 28)),
                                                  (d(2025, 3, 1), d(2025, 3, 10))]


@pytest.mark.parametrize("text", ["", "25", "2025H3", "2025Q0", "2025-13", "2025-02-30..2025-03-01",
                                  "2025-06-30..2025-01-01", "上半年"])
def test_bad_period_text_raises_a_chinese_message(text: str) -> None:
    with pytest.raises(PeriodError) as err:
        parse_period(text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))


@pytest.mark.parametrize(("text", "canonical"), [
    ("2025年", "2025"), ("2025年度", "2025"), ("2025年上半年", "2025H1"), ("2025下半年", "2025H2"),
    ("2025年第三季度", "2025Q3"), ("2025年第3季度", "2025Q3"), ("2025年6月", "2025-06"), ("2025年至今", "2025YTD"),
    ("2025-01-01至2025-06-30", "2025-01-01..2025-06-30"), ("2025/1/1～2025/6/30", "2025-01-01..2025-06-30"),
    ("２０２５Ｑ３", "2025Q3"), (" 2025h1 ", "2025H1"),
])
def test_chinese_and_full_width_spellings_mean_the_same_period(text: str, canonical: str) -> None:
    assert parse_period(text, today=TODAY) == parse_period(canonical, today=TODAY)


def test_a_month_cut_short_compares_with_the_same_days_a_year_earlier() -> None:
    import datetime as dt

    unfinished = parse_period("2025YTD", today=dt.date(2025, 11, 20)).months()[-1]
    assert not unfinished.is_whole
    earlier = unfinished.year_earlier()
    assert (earlier.start, earlier.end) == (dt.date(2024, 11, 1), dt.date(2024, 11, 20))
    # A whole month still maps to the whole month, however many days it has.
    february = parse_period("2025-02")
    assert february.is_whole and february.year_earlier().end == dt.date(2024, 2, 29)
