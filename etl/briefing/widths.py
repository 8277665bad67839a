"""Table column widths shared by the PDF and DOCX writers: content-proportional, and a figure never
breaks across lines ("下降66.7%" stays whole; a heading or a long name may wrap)."""

from __future__ import annotations

from collections.abc import Callable

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


def measured_widths(table: Table, total: float, measure: Callable[[str], float], em: float,
                    padding: float) -> list[float]:
    """Widths in the units of ``total``; ``measure`` gives a text's width, ``em`` one character's.

    Natural width: the widest cell or heading. Minimum: for a figure column (``numeric``) its widest
    cell, so no figure wraps; for a text column four characters (names and contents wrap).
    Headings always may wrap, character by character, as Chinese tables do.
    """
    numeric = table.numeric or (False,) * len(table.columns)
    natural, whole, minimum = [], [], []
    for index, heading in enumerate(table.columns):
        cells = [row[index] for row in table.rows]
        widest_cell = max((measure(c) for c in cells), default=0.0) + padding
        natural.append(max(widest_cell, measure(heading) + padding))
        whole.append(max(widest_cell, 2 * em + padding))
        floor = widest_cell if numeric[index] else min(widest_cell, 4 * em + padding)
        minimum.append(max(floor, 2 * em + padding))
    if sum(whole) <= total:  # every cell fits on one line if only the headings wrap: prefer that
        return column_widths(natural, whole, total)
    return column_widths(natural, minimum, total)


def table_widths(table: Table, total: float, em: float) -> list[float]:
    """Column widths for ``table`` in the units of ``total``, ``em`` being one character's width."""
    return measured_widths(table, total, lambda text: approx_width(text) * em, em, em)


#: A chart is never taller than this (mm): a quarter of the A4 type area, so it cannot leave half a
#: page empty in front of it, in the PDF or in Word.
CHART_MAX_H_MM = 50.0


def chart_size_mm(width_px: int, height_px: int, content_width_mm: float) -> tuple[float, float]:
    """A chart's width and height on the page: 95% of the type area's width, at most
    :data:`CHART_MAX_H_MM` high, keeping its proportions."""
    width = content_width_mm * 0.95
    height = width * height_px / width_px
    if height > CHART_MAX_H_MM:
        width, height = width * CHART_MAX_H_MM / height, CHART_MAX_H_MM
    return width, height
