"""Numbers the Chinese way: 件 and 万 for counts, per cent for rates, 天 for durations, 不适用 for none.

Rates are held as fractions (0.018) and written with one decimal at most and no trailing zero
(1.8%, 2%, 100%), as official documents write them; a rate with no denominator is 不适用, never 0%.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Lang = Literal["zh", "en"]

NOT_APPLICABLE = {"zh": "不适用", "en": "n/a"}


def not_applicable(lang: Lang = "zh") -> str:
    return NOT_APPLICABLE[lang]


def trim(number: float, digits: int = 1) -> str:
    """``number`` with at most ``digits`` decimals and no trailing zeros: 1.0 → "1", 12.50 → "12.5"."""
    text = f"{number:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def count(value: float | int | None, lang: Lang = "zh", unit: bool = True) -> str:
    """A count of cases: 83件, 1.23万件 (≥ 10,000); English agrees in number (1 case, 2 cases)."""
    if value is None:
        return not_applicable(lang)
    number = int(round(value))
    if lang == "zh":
        text = trim(number / 10000, 2) + "万" if abs(number) >= 10000 else str(number)
        return text + ("件" if unit else "")
    return f"{number:,}" + ((" case" if abs(number) == 1 else " cases") if unit else "")


def percent(value: float | None, lang: Lang = "zh", digits: int = 1) -> str:
    """A fraction as a percentage: 0.018 → 1.8%, 0.02 → 2%, 1.0 → 100%, None → 不适用.

    A rate above zero that would round to 0% says so (<0.1%): a county with one loss in 3,000
    closures has not "0%" losses.
    """
    if value is None:
        return not_applicable(lang)
    if 0 < value * 100 < 0.5 * 10 ** -digits:
        return f"<{10 ** -digits:g}%"
    return f"{trim(value * 100, digits)}%"


def points(delta: float) -> str:
    """A difference of two fractions in percentage points, unsigned: -0.006 → "0.6"."""
    return trim(abs(delta) * 100)


def days(value: float | None, lang: Lang = "zh") -> str:
    if value is None:
        return not_applicable(lang)
    shown = f"{float(value):.0f}"
    return f"{shown}天" if lang == "zh" else f"{shown} {'day' if shown in ('1', '-1') else 'days'}"


def time_left(days_left: int, lang: Lang = "zh", *, statutory: bool = False) -> str:
    """Where a matter stands against its deadline: 剩20天 / 今日到期 / 逾期143天 — 超期 for a statutory
    time limit (6 months, 60 days, 2 months), 逾期 for a deadline someone set (化解期限, 完成时限)."""
    if days_left > 0:
        return f"剩{days_left}天" if lang == "zh" else f"{days(days_left, lang)} left"
    if days_left == 0:
        return "今日到期" if lang == "zh" else "due today"
    if lang == "zh":
        return f"{'超期' if statutory else '逾期'}{-days_left}天"
    return f"{days(-days_left, lang)} {'past the limit' if statutory else 'overdue'}"


def flag(value: bool | None, lang: Lang = "zh") -> str:
    if value is None:
        return not_applicable(lang)
    return ("是" if value else "否") if lang == "zh" else ("Yes" if value else "No")


def value(figure: float | int | bool | None, fmt: str, lang: Lang = "zh") -> str:
    """Dispatch on an indicator's format key (count, rate, days, flag)."""
    if figure is None:
        return not_applicable(lang)
    if fmt == "rate":
        return percent(float(figure), lang)
    if fmt == "days":
        return days(float(figure), lang)
    if fmt == "flag" or isinstance(figure, bool):
        return flag(bool(figure), lang)
    return count(figure, lang)


def date(day: dt.date | None, lang: Lang = "zh") -> str:
    """A date as documents write it: 2025年3月24日 (English: 2025-03-24); None → —."""
    if day is None:
        return "—"
    year, month, dom = day.year, day.month, day.day
    return f"{year}年{month}月{dom}日" if lang == "zh" else f"{year:04d}-{month:02d}-{dom:02d}"
