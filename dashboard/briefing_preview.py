"""The on-screen preview of a briefing, built once per briefing.

A province briefing holds ~8,500 warning sentences and league tables of thousands of rows. Written
as one Streamlit element per paragraph, the preview cost ~1 s per rerun; here each section becomes
one block of escaped HTML (at most :data:`MAX_PARAGRAPHS` sentences, with a note of how many were
left out), each table a Polars frame for ``st.dataframe`` and each chart a PNG already scaled to the
preview width; the briefing itself is kept pickled for the downloads. The DOCX/PDF/PPTX files are
unchanged: they always hold every sentence and row.
"""

from __future__ import annotations

import html
import io
import pickle
from dataclasses import dataclass

import polars as pl

from etl.briefing.model import Briefing, Section, Table
from etl.export_safety import safe_frame

#: Sentences shown per section; the rest are counted in a note (the files hold them all).
MAX_PARAGRAPHS = 60
#: Width of a chart in the preview, in CSS pixels.
CHART_WIDTH = 560


@dataclass(frozen=True)
class PreviewTable:
    title: str
    frame: pl.DataFrame  # formula-safe (the grid's own CSV export is not)
    note: str


@dataclass(frozen=True)
class PreviewSection:
    html: str  # heading and sentences, escaped
    chart_png: bytes | None
    chart_title: str
    tables: tuple[PreviewTable, ...]


@dataclass(frozen=True)
class Preview:
    header_html: str
    sections: tuple[PreviewSection, ...]
    title: str
    file_stem: str
    #: The briefing itself, pickled: a quarter of its size as objects (a province's: 4 MB against 17 MB),
    #: unpickled only when a file is downloaded.
    briefing_pickle: bytes

    def briefing(self) -> Briefing:
        loaded: Briefing = pickle.loads(self.briefing_pickle)  # noqa: S301 - our own bytes, never user input
        return loaded


def _p(text: str, style: str = "") -> str:
    """One escaped paragraph; line breaks kept (a blank line would end the HTML block in Markdown)."""
    body = "<br>".join(html.escape(line) for line in text.splitlines()) if text else ""
    return f"<p style='{style}'>{body}</p>" if style else f"<p>{body}</p>"


def header_html(briefing: Briefing) -> str:
    """Masthead, issue line, title, 主送 and headline as one block."""
    return ("<div>"
            f"<h2 style='color:#c00000;text-align:center'>{html.escape(briefing.masthead)}</h2>"
            + _p(f"{briefing.issue_line}　{briefing.office}　{briefing.issued_label}", "text-align:center")
            + f"<h3 style='text-align:center'>{html.escape(briefing.title)}</h3>"
            + (_p(briefing.addressee) if briefing.addressee else "")
            + _p(briefing.headline) + "</div>")


def section_html(section: Section, limit: int = MAX_PARAGRAPHS) -> str:
    """Heading and the first ``limit`` sentences, escaped, with a note of how many were left out."""
    shown = (*section.paragraphs, *section.closing)[:limit]
    parts = [_p(section.heading, "font-weight:700"), *(_p(p) for p in shown)]
    total = len(section.paragraphs) + len(section.closing)
    left_out = total - len(shown)
    if left_out > 0:
        parts.append(_p(f"……另有{left_out:,}条未在预览中列出，下载的简报中载有全部{total:,}条。",
                        "color:#5F6B7A;font-size:0.9em"))
    return "<div>" + "".join(parts) + "</div>"


def table_frame(table: Table) -> pl.DataFrame:
    """The table's cells as strings, one column per heading (a repeated heading gets a suffix)."""
    names: list[str] = []
    for column in table.columns:
        name = column
        while name in names:
            name += " "
        names.append(name)
    frame = pl.DataFrame([list(row) for row in table.rows], schema={n: pl.String for n in names}, orient="row")
    return safe_frame(frame)


def scaled_png(png: bytes, width: int = CHART_WIDTH) -> bytes:
    """The chart at the preview width, as ``st.image(width=...)`` would scale it on every rerun."""
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    if image.width <= width:
        return png
    height = int(1.0 * image.height * width / image.width)
    out = io.BytesIO()
    image.resize((width, height), resample=Image.Resampling.BILINEAR).save(out, format="PNG")
    return out.getvalue()


def build_preview(briefing: Briefing) -> Preview:
    """The body's sections, the 附件 list, then each annex (its tables) as a section of its own."""
    annexes = tuple(Section(f"附件{n}　{annex.title}", annex.paragraphs, tables=annex.tables)
                    for n, annex in enumerate(briefing.annexes, 1))
    listing = (Section("", briefing.annex_lines),) if briefing.annexes else ()
    sections = tuple(
        PreviewSection(section_html(s), scaled_png(s.chart.png) if s.chart is not None else None,
                       s.chart.title if s.chart is not None else "",
                       tuple(PreviewTable(t.title, table_frame(t), t.note) for t in s.tables))
        for s in (*briefing.sections, *listing, *annexes))
    return Preview(header_html(briefing), sections, briefing.title, briefing.file_stem,
                   pickle.dumps(briefing, protocol=pickle.HIGHEST_PROTOCOL))


__all__ = ["CHART_WIDTH", "MAX_PARAGRAPHS", "Preview", "build_preview", "header_html", "section_html"]
