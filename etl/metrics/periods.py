"""Reporting periods: year, half, quarter, month, year to date, custom range.

Every figure is compared with the same span one year earlier (同比) and, for counts, with the
immediately preceding span of the same kind (环比); both are derived here so every screen, document
and CLI agrees on what "last year" and "last period" mean.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from etl.years import EARLIEST_YEAR, LATEST_YEAR


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    YTD = "ytd"
    CUSTOM = "custom"


class PeriodError(ValueError):
    """A period text that cannot be parsed; the message is Chinese first, for the CLI and the UI."""


@dataclass(frozen=True)
class Period:
    """An inclusive date span with the kind that decides what its previous span is."""

    start: dt.date
    end: dt.date
    kind: PeriodKind
    label_zh: str
    label_en: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> tuple[Period, ...]:
        """The calendar months the span touches, each clipped to the span (for grouping by month)."""
        result: list[Period] = []
        year, month = self.start.year, self.start.month
        while dt.date(year, month, 1) <= self.end:
            m = month_period(year, month)
            result.append(replace(m, start=max(m.start, self.start), end=min(m.end, self.end)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(result)

    def year_earlier(self) -> Period:
        """The same span one year earlier (同比); 29 February maps to 28 February.

        A whole calendar period maps to the whole period a year earlier (February to all of last
        February, 29th or not). A part of one — a month cut short by the data date, say the 1st to the
        20th of the unfinished month — maps to the same days a year earlier: comparing 20 days with a
        whole month would read as a fall that is only the days not yet gone by.
        """
        start, end = _shift_year(self.start, -1), _shift_year(self.end, -1)
        if self.kind == PeriodKind.CUSTOM:
            return Period(start, end, self.kind, f"{start}至{end}", f"{start}..{end}")
        rebuilt = _rebuild(self.kind, start, end)
        if self.is_whole:
            return rebuilt
        return replace(rebuilt, start=start, end=end)

    @property
    def is_whole(self) -> bool:
        """Whether the span is its whole calendar period (a year to date and a custom range always are)."""
        if self.kind in (PeriodKind.CUSTOM, PeriodKind.YTD):
            return True
        whole = _rebuild(self.kind, self.start, self.end)
        return (whole.start, whole.end) == (self.start, self.end)

    def previous(self) -> Period:
        """The preceding span of the same kind (环比): last month, last quarter, last half, last year."""
        if self.kind == PeriodKind.YEAR:
            return year_period(self.start.year - 1)
        if self.kind == PeriodKind.HALF:
            half = 1 if self.start.month == 1 else 2
            return half_period(self.start.year - 1, 2) if half == 1 else half_period(self.start.year, 1)
        if self.kind == PeriodKind.QUARTER:
            q = (self.start.month - 1) // 3 + 1
            return quarter_period(self.start.year - 1, 4) if q == 1 else quarter_period(self.start.year, q - 1)
        if self.kind == PeriodKind.MONTH:
            y, m = (self.start.year - 1, 12) if self.start.month == 1 else (self.start.year, self.start.month - 1)
            return month_period(y, m)
        if self.kind == PeriodKind.YTD:
            # A year to date has no natural predecessor of the same kind; the same span a year
            # earlier is what readers expect, so 环比 equals 同比 here.
            return self.year_earlier()
        end = self.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=self.days - 1)
        return Period(start, end, PeriodKind.CUSTOM, f"{start}至{end}", f"{start}..{end}")

    def pinned_spec(self) -> str:
        """The period in the CLI syntax, naming the same dates on any later day: a year to date is pinned
        to its last day (``2026YTD-11-20``), whereas ``2026YTD`` would grow with the data."""
        if self.kind == PeriodKind.YTD:
            return f"{self.start.year}YTD-{self.end.month:02d}-{self.end.day:02d}"
        if self.kind == PeriodKind.CUSTOM or not self.is_whole:
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        return self.label_en

    def to_json_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "kind": str(self.kind),
                "label_zh": self.label_zh, "label_en": self.label_en}


def _shift_year(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return dt.date(year, day.month, min(day.day, last))


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR, f"{year}年", str(year))


def half_period(year: int, half: int) -> Period:
    start, end = (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else (dt.date(year, 7, 1),
                                                                                 dt.date(year, 12, 31))
    return Period(start, end, PeriodKind.HALF, f"{year}年{'上' if half == 1 else '下'}半年", f"{year}H{half}")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    end = dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    return Period(dt.date(year, first, 1), end, PeriodKind.QUARTER, f"{year}年第{'一二三四'[quarter - 1]}季度",
                  f"{year}Q{quarter}")


def month_period(year: int, month: int) -> Period:
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    return Period(dt.date(year, month, 1), end, PeriodKind.MONTH, f"{year}年{month}月", f"{year}-{month:02d}")


def ytd_period(year: int, through: dt.date) -> Period:
    """1 January to ``through`` (clipped to the year), e.g. 截至6月30日."""
    end = min(max(through, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    return Period(dt.date(year, 1, 1), end, PeriodKind.YTD, f"{year}年1月1日至{end.month}月{end.day}日",
                  f"{year} YTD to {end.isoformat()}")


def _rebuild(kind: PeriodKind, start: dt.date, end: dt.date) -> Period:
    if kind == PeriodKind.YEAR:
        return year_period(start.year)
    if kind == PeriodKind.HALF:
        return half_period(start.year, 1 if start.month == 1 else 2)
    if kind == PeriodKind.QUARTER:
        return quarter_period(start.year, (start.month - 1) // 3 + 1)
    if kind == PeriodKind.MONTH:
        return month_period(start.year, start.month)
    return ytd_period(start.year, end)


_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})H([12])$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YTD = re.compile(r"^(\d{4})YTD$")
#: A year to date pinned to its last day (``2026YTD-11-20``) or month (``2026YTD-11``): what a shared
#: link carries, so that it shows the same dates next month as today.
_YTD_THROUGH = re.compile(r"^(\d{4})YTD-(\d{1,2})(?:-(\d{1,2}))?$")
_RANGE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\.\.(\d{4}-\d{1,2}-\d{1,2})$")


def _date(text: str) -> dt.date:
    y, m, d = (int(part) for part in text.split("-"))
    return dt.date(y, m, d)


_ZH = ((re.compile(r"^(\d{4})年?上半年$"), r"\1H1"), (re.compile(r"^(\d{4})年?下半年$"), r"\1H2"),
       (re.compile(r"^(\d{4})年?第?([1-4一二三四])季度?$"), None), (re.compile(r"^(\d{4})年(\d{1,2})月$"), r"\1-\2"),
       (re.compile(r"^(\d{4})年?(?:至今|截至目前|YTD)$"), r"\1YTD"), (re.compile(r"^(\d{4})年(?:度)?$"), r"\1"),
       (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:至|到|~|\.\.)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
        r"\1-\2-\3..\4-\5-\6"))


def _from_chinese(raw: str) -> str:
    """Accept the spellings of a 通报 (2025年上半年, 2025年第三季度, 2025年6月 …) as well."""
    for pattern, replacement in _ZH:
        m = pattern.match(raw)
        if not m:
            continue
        if replacement is None:  # quarter: Chinese numeral or digit
            return f"{m[1]}Q{'1234'['一二三四'.index(m[2])] if m[2] in '一二三四' else m[2]}"
        return pattern.sub(replacement, raw)
    return raw


def parse_period(text: str, today: dt.date | None = None) -> Period:
    """Parse ``2025``, ``2025H1``, ``2025Q3``, ``2025-06``, ``2025YTD`` or ``2025-01-01..2025-06-30``;
    ``2025YTD-06-30`` (or ``2025YTD-06``, to the month's end) is a year to date through a fixed day.

    Chinese spellings (2025年, 2025年上半年, 2025年第三季度, 2025年6月, 2025年至今, …至…) are accepted
    too. ``today`` (default: the system date) ends a year to date; pass the data's latest record
    date to make ``YTD`` mean "as far as the ledgers go". Years outside 1980–2100 (``etl.years``) are
    refused: ``0001-01-01..9999-12-31`` has no year before it to compare with.
    """
    period = _parse(text, today)
    if period.start.year < EARLIEST_YEAR or period.end.year > LATEST_YEAR:
        raise PeriodError(f"期间超出支持的范围（{EARLIEST_YEAR}—{LATEST_YEAR}年）：{text}"
                          f" (periods must lie between {EARLIEST_YEAR} and {LATEST_YEAR})")
    return period


def _parse(text: str, today: dt.date | None) -> Period:
    raw = _from_chinese(unicodedata.normalize("NFKC", text or "").strip().replace(" ", "").upper())
    raw = raw.replace("－", "-").replace("～", "..")
    try:
        if m := _YEAR.match(raw):
            return year_period(int(m[1]))
        if m := _HALF.match(raw):
            return half_period(int(m[1]), int(m[2]))
        if m := _QUARTER.match(raw):
            return quarter_period(int(m[1]), int(m[2]))
        if m := _MONTH.match(raw):
            if not 1 <= int(m[2]) <= 12:
                raise PeriodError(f"月份无效：{text}")
            return month_period(int(m[1]), int(m[2]))
        if m := _YTD.match(raw):
            return ytd_period(int(m[1]), today or dt.date.today())
        if m := _YTD_THROUGH.match(raw):
            year, month = int(m[1]), int(m[2])
            through = dt.date(year, month, int(m[3]) if m[3] else calendar.monthrange(year, month)[1])
            return ytd_period(year, through)
        if m := _RANGE.match(raw):
            start, end = _date(m[1]), _date(m[2])
            if end < start:
                raise PeriodError(f"期间的结束日期早于开始日期：{text}")
            return Period(start, end, PeriodKind.CUSTOM, f"{start}至{end}", f"{start}..{end}")
    except ValueError as exc:
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f"日期无效：{text}（{exc}）") from None
    raise PeriodError(
        f"无法识别的期间：{text!r}。可用格式：2025、2025H1、2025Q3、2025-06、2025YTD、2025-01-01..2025-06-30"
        " (unrecognised period)"
    )
