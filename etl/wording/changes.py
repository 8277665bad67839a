"""A change and its direction, always saying which kind it is.

- A rate moves in percentage points (下降0.6个百分点), never in per cent of itself.
- A count moves by a relative per cent (下降5.7%) when the earlier figure is large enough to carry
  one, otherwise by whole cases (增加1件): a township going from 1 to 2 lawsuits has not "risen 100%".
- Equal figures are 持平; a move too small to show at one decimal is still named (略有上升),
  never 持平, because the figures do not say "unchanged".
- No earlier figure: 无可比数据; no current figure: 不适用.

``basis`` turns the short form of tiles and tables into the prose of documents and the CLI
(同比下降0.6个百分点, 环比增加2件, 无去年同期可比数据).
"""

from __future__ import annotations

from typing import Literal

from etl.wording.numbers import Lang, not_applicable, points, trim

Basis = Literal["yoy", "pop"]
#: The fewest records an earlier count (or a rate's denominator) needs before a per cent is stated.
DEFAULT_MIN_RECORDS = 10
_EPS = 1e-12

_BASIS = {"yoy": ("同比", "year on year"), "pop": ("环比", "on the previous period")}
_EARLIER = {"yoy": ("去年同期", "a year earlier"), "pop": ("上期", "in the previous period")}
_UP = {"zh": "上升", "en": "up"}
_DOWN = {"zh": "下降", "en": "down"}


def _no_comparison(lang: Lang, basis: Basis | None) -> str:
    if basis is None:
        return "无可比数据" if lang == "zh" else "no comparison"
    earlier_zh, earlier_en = _EARLIER[basis]
    return f"无{earlier_zh}可比数据" if lang == "zh" else f"no figure {earlier_en}"


def _with_basis(short: str, lang: Lang, basis: Basis | None) -> str:
    if basis is None:
        return short
    zh, en = _BASIS[basis]
    return f"{zh}{short}" if lang == "zh" else f"{short} {en}"


def _slight(rising: bool, smallest: str, lang: Lang, basis: Basis | None) -> str:
    if lang == "zh":
        text = f"略有{'上升' if rising else '下降'}"
        return _with_basis(text, lang, basis) + (f"（不足{smallest}）" if basis else "")
    text = f"slightly {'up' if rising else 'down'}"
    return _with_basis(text, lang, basis) + (f" (< {smallest})" if basis else "")


def rate_change(current: float | None, previous: float | None, lang: Lang = "zh", *,
                basis: Basis | None = None) -> str:
    """A rate's move in percentage points: 下降0.6个百分点 / down 0.6 pp; with ``basis`` as prose."""
    if current is None:
        return not_applicable(lang)
    if previous is None:
        return _no_comparison(lang, basis)
    delta = current - previous
    if abs(delta) < _EPS:
        return _with_basis("持平" if lang == "zh" else "unchanged", lang, basis)
    shown = points(delta)
    if shown == "0":
        return _slight(delta > 0, "0.1个百分点" if lang == "zh" else "0.1 pp", lang, basis)
    verb = (_UP if delta > 0 else _DOWN)[lang]
    return _with_basis(f"{verb}{shown}个百分点" if lang == "zh" else f"{verb} {shown} pp", lang, basis)


def count_change(current: int | float | None, previous: int | float | None, lang: Lang = "zh", *,
                 basis: Basis | None = None, min_records: int = DEFAULT_MIN_RECORDS) -> str:
    """A count's move: relative per cent from ``min_records`` earlier cases up, whole cases below."""
    if current is None:
        return not_applicable(lang)
    if previous is None:
        return _no_comparison(lang, basis)
    cur, prev = int(round(current)), int(round(previous))
    if cur == prev:
        return _with_basis("持平" if lang == "zh" else "unchanged", lang, basis)
    rising = cur > prev
    if prev < max(min_records, 1):
        n = abs(cur - prev)
        if lang == "zh":
            return _with_basis(f"{'增加' if rising else '减少'}{n}件", lang, basis)
        return _with_basis(f"{'up' if rising else 'down'} {n} {'case' if n == 1 else 'cases'}", lang, basis)
    shown = trim(abs(cur - prev) / prev * 100)
    if shown == "0":
        return _slight(rising, "0.1%", lang, basis)
    verb = (_UP if rising else _DOWN)[lang]
    return _with_basis(f"{verb}{shown}%" if lang == "zh" else f"{verb} {shown}%", lang, basis)


def stored_change(change: float | None, kind: str, lang: Lang = "zh") -> str:
    """The short form from a stored change alone (``kind`` "pp"/"points" or "relative"), for callers
    that hold no counts; prefer :func:`count_change`, which knows when a per cent would mislead."""
    if change is None:
        return _no_comparison(lang, None)
    if kind in {"pp", "points"}:
        return rate_change(change, 0.0, lang)
    if abs(change) < _EPS:
        return "持平" if lang == "zh" else "unchanged"
    shown = trim(abs(change) * 100)
    if shown == "0":
        return _slight(change > 0, "0.1%", lang, None)
    verb = (_UP if change > 0 else _DOWN)[lang]
    return f"{verb}{shown}%" if lang == "zh" else f"{verb} {shown}%"


def change_is_good(change: float | None, direction: str | None) -> bool | None:
    """Whether a change is an improvement: a falling loss rate is good, a falling appearance rate bad."""
    if change is None or direction is None or abs(change) < _EPS:
        return None
    return (change < 0) == (direction == "lower")


def change_symbol(change: float | None) -> str:
    """▲ up, ▼ down, ● unchanged or not comparable — the same rule as the words (a slight move is a move)."""
    if change is None or abs(change) < _EPS:
        return "●"
    return "▲" if change > 0 else "▼"
