"""Formal Chinese sentences written from figures.

The briefing must never state a change the figures do not support, so every sentence here is
built from the numbers alone: a rise says 上升/增加, a fall 下降/减少, equality 持平, and a missing
comparison or a zero denominator says so (不适用 / 无可比数据). Rates change in 个百分点, counts in
relative per cent; both are always labelled. These are pure functions with table-driven tests.
"""

from __future__ import annotations

from typing import Literal

Direction = Literal["lower", "higher"] | None

NOT_APPLICABLE = "不适用"


def format_percent(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage as leaders read it: 0.018 → 1.8%, 1.0 → 100%, None → 不适用."""
    if value is None:
        return NOT_APPLICABLE
    text = f"{value * 100:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def format_count(value: int | None, unit: str = "件") -> str:
    return NOT_APPLICABLE if value is None else f"{value}{unit}"


def format_points(delta: float) -> str:
    """A difference of two fractions in percentage points, unsigned: 0.006 → 0.6."""
    text = f"{abs(delta) * 100:.1f}".rstrip("0").rstrip(".")
    return text


Basis = Literal["同比", "环比"]
_EARLIER = {"同比": "去年同期", "环比": "上期"}


def count_change(current: int | None, previous: int | None, *, basis: Basis = "同比") -> str:
    """How a count moved against its comparison period, as relative per cent.

    A previous value of zero has no relative change, so the absolute difference is given instead.
    """
    earlier = _EARLIER[basis]
    if current is None:
        return NOT_APPLICABLE
    if previous is None:
        return f"无{earlier}可比数据"
    if current == previous:
        return f"{basis}持平"
    if previous == 0:
        return f"{basis}增加{current}件（{earlier}为0件）"
    ratio = abs(current - previous) / previous
    verb = "上升" if current > previous else "下降"
    shown = format_percent(ratio)
    if shown == "0%":
        return f"{basis}略有{verb}（不足0.1%）"
    return f"{basis}{verb}{shown}"


def rate_change(current: float | None, previous: float | None, *, basis: Basis = "同比") -> str:
    """How a rate moved, in percentage points; a move too small to show is still named, never 持平."""
    earlier = _EARLIER[basis]
    if current is None:
        return NOT_APPLICABLE
    if previous is None:
        return f"无{earlier}可比数据"
    if current == previous:
        return f"与{earlier}持平"
    verb = "上升" if current > previous else "下降"
    points = format_points(current - previous)
    if points == "0":
        return f"较{earlier}略有{verb}（不足0.1个百分点）"
    return f"较{earlier}{verb}{points}个百分点"


def rate_with_basis(value: float | None, numerator: int | None, denominator: int | None,
                    numerator_word: str, denominator_word: str) -> str:
    """A rate together with the case counts it rests on, because a county's rates rest on few cases."""
    if value is None or not denominator:
        return f"{NOT_APPLICABLE}（本期无{denominator_word}）"
    return f"{format_percent(value)}（{denominator_word}{denominator}件，其中{numerator_word}{numerator or 0}件）"


def is_double_decline(cases: int | None, cases_previous: int | None,
                      loss_rate: float | None, loss_rate_previous: float | None) -> bool | None:
    """双下降: both strictly lower than a year earlier; None when either comparison is missing."""
    if None in (cases, cases_previous, loss_rate, loss_rate_previous):
        return None
    assert cases is not None and cases_previous is not None
    assert loss_rate is not None and loss_rate_previous is not None
    return cases < cases_previous and loss_rate < loss_rate_previous


def double_decline_sentence(cases: int | None, cases_previous: int | None,
                            loss_rate: float | None, loss_rate_previous: float | None) -> str:
    verdict = is_double_decline(cases, cases_previous, loss_rate, loss_rate_previous)
    if verdict is None:
        return "因缺少去年同期可比数据，暂无法评价“双下降”目标"
    if verdict:
        return "实现发案量和败诉率“双下降”"
    misses = []
    assert cases is not None and cases_previous is not None
    assert loss_rate is not None and loss_rate_previous is not None
    if not cases < cases_previous:
        misses.append("发案量")
    if not loss_rate < loss_rate_previous:
        misses.append("败诉率")
    return f"未实现“双下降”（{'和'.join(misses)}未同比下降）"


def target_phrase(value: float | None, target: float | None, direction: Direction) -> str:
    """Whether a rate met its target; 'lower is better' targets are ceilings, others floors."""
    if target is None or direction is None:
        return ""
    if value is None:
        return f"目标值{format_percent(target)}，本期{NOT_APPLICABLE}"
    if direction == "higher":
        if value >= target:
            return f"达到目标值{format_percent(target)}"
        return f"未达到目标值{format_percent(target)}"
    if value <= target:
        return f"控制在目标值{format_percent(target)}以内"
    return f"超过目标值{format_percent(target)}"


def judgement_of_change(current: float | None, previous: float | None, direction: Direction) -> str:
    """好转/变差/持平 for a league-table remark, from the direction in which the indicator is good."""
    if current is None or previous is None or direction is None:
        return "—"
    if current == previous:
        return "持平"
    improved = current < previous if direction == "lower" else current > previous
    return "好转" if improved else "变差"
