"""Table column widths shared by the PDF and DOCX writers: content-proportional, never too narrow."""

from __future__ import annotations

from etl.briefing.model import Table


def column_widths(natural: list[float], minimum: list[float], total: float) -> list[float]:
    """Share ``total`` among columns: natural widths when they fit, else minimums plus a fair share.

    A column narrower than one character would make the table's line breaker loop forever, so no
    column ever gets less than its minimum.
    """
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    spare = max(0.0, total - sum(minimum))
    extra = [max(0.0, n - m) for n, m in zip(natural, minimum, strict=True)]
    return [m + (spare * e / sum(extra) if sum(extra) else 0.0) for m, e in zip(minimum, extra, strict=True)]


def approx_width(text: str) -> float:
    """Width in em: a Chinese character is 1, a Latin letter or digit about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def table_widths(table: Table, total: float, em: float) -> list[float]:
    """Column widths for ``table`` in the units of ``total``, ``em`` being one character's width."""
    columns = list(zip(table.columns, *table.rows, strict=True))
    natural = [(max(approx_width(v) for v in column) + 1.0) * em for column in columns]
    minimum = [min(n, 3.0 * em) for n in natural]
    return column_widths(natural, minimum, total)
