"""Numbers the Chinese way: 件, %, 个百分点, 万 for large counts, 不适用 for a rate with no denominator.

Pure functions, used by KPI tiles, tables and chart labels so every screen writes a figure alike.
"""

from __future__ import annotations

from dashboard.i18n import Lang, t


def fmt_count(value: float | int | None, lang: Lang = "zh", unit: bool = True) -> str:
    """A count of cases; ≥ 10,000 is written with 万 in Chinese (1.23万件); English agrees in number
    (1 case, 0 cases, 2 cases)."""
    if value is None:
        return t("not_applicable", lang)
    number = int(round(value))
    if lang == "zh":
        text = f"{number / 10000:.2f}".rstrip("0").rstrip(".") + "万" if abs(number) >= 10000 else str(number)
        return text + ("件" if unit else "")
    return f"{number:,}" + ((" case" if abs(number) == 1 else " cases") if unit else "")


def fmt_rate(value: float | None, lang: Lang = "zh", digits: int = 1) -> str:
    """A rate held as a fraction (0.018) shown as a percentage (1.8%)."""
    if value is None:
        return t("not_applicable", lang)
    return f"{value * 100:.{digits}f}%"


def fmt_value(value: float | int | bool | None, fmt: str, lang: Lang = "zh") -> str:
    """Dispatch on an indicator's format key (count, rate, days, flag)."""
    if value is None:
        return t("not_applicable", lang)
    if fmt == "rate":
        return fmt_rate(float(value), lang)
    if fmt == "days":
        days = f"{float(value):.0f}"
        return f"{days}天" if lang == "zh" else f"{days} {'day' if days in ('1', '-1') else 'days'}"
    if fmt == "flag" or isinstance(value, bool):
        return t("yes" if value else "no", lang)
    return fmt_count(value, lang)


def fmt_change(change: float | None, kind: str, lang: Lang = "zh") -> str:
    """A change with its kind said out loud: rates move in 个百分点, counts by a relative %.

    ``kind`` is ``"pp"`` (change of a rate, as a fraction: -0.006 → 下降0.6个百分点) or ``"relative"``
    (change of a count as a fraction of last year: -0.125 → 下降12.5%).
    """
    if change is None:
        return t("no_comparison", lang)
    magnitude = abs(change) * 100
    if round(magnitude, 1) == 0:
        return t("flat", lang)
    direction = t("up" if change > 0 else "down", lang)
    if kind == "pp":
        return f"{direction}{magnitude:.1f}个百分点" if lang == "zh" else f"{direction} {magnitude:.1f} pp"
    return f"{direction}{magnitude:.1f}%" if lang == "zh" else f"{direction} {magnitude:.1f}%"


def change_is_good(change: float | None, direction: str | None) -> bool | None:
    """Whether a change is an improvement: a falling loss rate is good, a falling appearance rate bad."""
    if change is None or direction is None or change == 0:
        return None
    return (change < 0) == (direction == "lower")
