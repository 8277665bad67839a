"""Pure Altair chart builders for the briefing, and their rendering to PNG without a browser.

Builders return ``alt.Chart`` objects tested on ``to_dict()``; :func:`render_chart` (:func:`render_png`
in a document's font) turns one into the image embedded in DOCX, PDF and PPTX through vl-convert (no
Chromium needed), in a worker process (``etl.briefing.chart_process``). Every label and title is a :func:`etl.text_safety.sanitise_label`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl

from etl.briefing.chart_process import render_vegalite_png
from etl.briefing.fonts import ChartFont, FontSet
from etl.briefing.model import Chart
from etl.text_safety import CONTROL_CHARS, sanitise_label

CURRENT = "本期"
EARLIER = "去年同期"
COLOURS = {CURRENT: "#b22222", EARLIER: "#9e9e9e"}  # official-document red against a neutral grey
WIDTH, HEIGHT = 360, 170
WIDE_WIDTH = 420  # a chart across the type area of an A4 page


def _value_axis(rate: bool) -> alt.Axis:
    """Counts get whole-number ticks: half a lawsuit is not a thing."""
    return alt.Axis(format=".0%", title=None) if rate else alt.Axis(format="d", tickMinStep=1, title=None)


def build_comparison_bars(items: Sequence[tuple[str, float | None, float | None]], *, rate: bool,
                          title: str) -> alt.Chart:
    """本期 against 去年同期 for each indicator; a not-applicable value is left out, not drawn as 0."""
    items = [(sanitise_label(label), current, previous) for label, current, previous in items]
    title = sanitise_label(title)
    rows = [(label, which, value) for label, current, previous in items
            for which, value in ((CURRENT, current), (EARLIER, previous)) if value is not None]
    frame = pl.DataFrame(rows, schema={"指标": pl.String, "期间": pl.String, "数值": pl.Float64}, orient="row")
    axis = _value_axis(rate)
    labels = [label for label, _, _ in items]
    base = alt.Chart(frame, title=title, width=WIDTH, height=HEIGHT)
    bars = base.mark_bar().encode(
        x=alt.X("指标:N", sort=labels, axis=alt.Axis(labelAngle=0, title=None)),
        xOffset=alt.XOffset("期间:N", sort=[CURRENT, EARLIER]),
        y=alt.Y("数值:Q", axis=axis),
        color=alt.Color("期间:N", sort=[CURRENT, EARLIER],
                        scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())),
                        legend=alt.Legend(title=None, orient="top")),
    )
    text = base.mark_text(dy=-6, fontSize=11).encode(
        x=alt.X("指标:N", sort=labels), xOffset=alt.XOffset("期间:N", sort=[CURRENT, EARLIER]),
        y=alt.Y("数值:Q"), text=alt.Text("数值:Q", format=".1%" if rate else "d"),
    )
    return alt.layer(bars, text)  # type: ignore[return-value]


def build_ranking_bars(items: Sequence[tuple[str, float]], *, rate: bool, title: str,
                       limit: int = 10) -> alt.Chart:
    """The units with the highest values, largest first: who needs attention."""
    items = [(sanitise_label(name), value) for name, value in items]
    title = sanitise_label(title)
    top = sorted(items, key=lambda item: (-item[1], item[0]))[:limit]
    frame = pl.DataFrame(top, schema={"名称": pl.String, "数值": pl.Float64}, orient="row")
    order = [name for name, _ in top]
    base = alt.Chart(frame, title=title, width=WIDTH, height=max(60, 18 * len(top)))
    bars = base.mark_bar(color=COLOURS[CURRENT]).encode(
        y=alt.Y("名称:N", sort=order, axis=alt.Axis(title=None)),
        x=alt.X("数值:Q", axis=_value_axis(rate)),
    )
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(
        y=alt.Y("名称:N", sort=order), x=alt.X("数值:Q"), text=alt.Text("数值:Q", format=".1%" if rate else "d"),
    )
    return alt.layer(bars, text)  # type: ignore[return-value]


def render_chart(chart: alt.Chart, title: str, fonts: FontSet | ChartFont) -> Chart:
    """:func:`render_png` in a document's chart font: a PDF's font files, or for DOCX/PPTX the
    system's fonts by name (``fonts.chart_font``)."""
    font = fonts.chart if isinstance(fonts, FontSet) else fonts
    return render_png(chart, title, font.family, font.directory)


def render_png(chart: alt.Chart, title: str, font_family: str, font_dir: Path | None = None,
               scale: float = 2.0) -> Chart:
    """Render with the briefing's Chinese font; a renderer failure raises ``ChartRenderError``."""
    spec = _without_control_chars(chart.configure(font=font_family).configure_view(stroke=None).to_dict())
    png = render_vegalite_png(spec, str(font_dir) if font_dir is not None else None, scale)
    width, height = _png_size(png)
    return Chart(title=sanitise_label(title), png=png, width_px=width, height_px=height)


def _without_control_chars(value: Any) -> Any:
    """Every string of a spec without control characters, whichever builder made it: the renderer's
    SVG text is XML, and a control character there is what made it abort."""
    if isinstance(value, str):
        return CONTROL_CHARS.sub("", value)
    if isinstance(value, dict):
        return {k: _without_control_chars(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_control_chars(v) for v in value]
    return value


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which PNG guarantees comes first."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def build_paired_bars(items: Sequence[tuple[str, float, float]], *, title: str, limit: int = 8) -> alt.Chart:
    """本期 against 去年同期 per category (领域), horizontal, busiest first: where cases come from and rise."""
    items = [(sanitise_label(label), current, previous) for label, current, previous in items]
    title = sanitise_label(title)
    top = sorted(items, key=lambda item: (-item[1], -item[2], item[0]))[:limit]
    rows = [(label, which, value) for label, current, previous in top
            for which, value in ((CURRENT, current), (EARLIER, previous))]
    frame = pl.DataFrame(rows, schema={"类别": pl.String, "期间": pl.String, "数值": pl.Float64}, orient="row")
    order = [label for label, _, _ in top]
    base = alt.Chart(frame, title=title, width=WIDE_WIDTH, height=max(60, 26 * len(top)))
    bars = base.mark_bar().encode(
        y=alt.Y("类别:N", sort=order, axis=alt.Axis(title=None)),
        yOffset=alt.YOffset("期间:N", sort=[CURRENT, EARLIER]),
        x=alt.X("数值:Q", axis=_value_axis(False)),
        color=alt.Color("期间:N", sort=[CURRENT, EARLIER],
                        scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())),
                        legend=alt.Legend(title=None, orient="top")),
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(
        y=alt.Y("类别:N", sort=order), yOffset=alt.YOffset("期间:N", sort=[CURRENT, EARLIER]),
        x=alt.X("数值:Q"), text=alt.Text("数值:Q", format="d"),
    )
    return alt.layer(bars, text)  # type: ignore[return-value]
