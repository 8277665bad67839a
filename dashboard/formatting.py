"""Figures on screens, in the one wording every surface shares (``etl.wording``).

Kept as the dashboard's entry point for formatting, with no rule of its own: counts, rates, changes
and statuses are written by ``etl.wording`` so a tile, a chart label, the CLI and the briefing say a
figure the same way.
"""

from __future__ import annotations

from dashboard.i18n import Lang
from etl.wording import changes, numbers


def fmt_count(value: float | int | None, lang: Lang = "zh", unit: bool = True) -> str:
    """A count of cases: 83件, 1.23万件; English agrees in number (1 case, 2 cases)."""
    return numbers.count(value, lang, unit)


def fmt_rate(value: float | None, lang: Lang = "zh", digits: int = 1) -> str:
    """A rate held as a fraction (0.018) shown as a percentage (1.8%, 2%, 100%)."""
    return numbers.percent(value, lang, digits)


def fmt_value(value: float | int | bool | None, fmt: str, lang: Lang = "zh") -> str:
    """Dispatch on an indicator's format key (count, rate, days, flag)."""
    return numbers.value(value, fmt, lang)


def fmt_change(change: float | None, kind: str, lang: Lang = "zh") -> str:
    """A stored change with its kind said out loud (``"pp"`` for rates, ``"relative"`` for counts).

    Where the counts are at hand, :func:`etl.wording.changes.count_change` is better: it gives whole
    cases instead of a per cent when the earlier count is small.
    """
    return changes.stored_change(change, kind, lang)


change_is_good = changes.change_is_good
