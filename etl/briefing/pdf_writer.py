"""The briefing as a PDF with its Chinese fonts embedded, built directly with fpdf2.

Why fpdf2 rather than converting the DOCX with LibreOffice: it is a pip dependency (no office suite
on the server, no subprocess, ~100 ms), it subsets and embeds the CFF-flavoured Noto CJK collections
as well as TrueType 仿宋/小标宋, and the PDF then carries exactly the fonts chosen in ``fonts.py``.
The layout follows the DOCX (GB/T 9704 margins, 三号 body, fixed 28 pt lines, "— N —" page numbers).
"""

from __future__ import annotations

import io
import re

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import FontFace as PdfFontFace

from etl.briefing.fonts import FontSet
from etl.briefing.model import Briefing, Table
from etl.briefing.widths import column_widths

PT = 25.4 / 72  # millimetres per point
LEFT, TOP, RIGHT, BOTTOM = 28.0, 37.0, 26.0, 35.0
CONTENT_W = 210 - LEFT - RIGHT
BODY_PT, TITLE_PT, MASTHEAD_PT, TABLE_PT = 16, 22, 30, 9
LINE = 28 * PT
INDENT = "\u3000\u3000"  # two ideographic spaces: the first-line indent of Chinese prose
RED = (192, 0, 0)


# Chinese line-breaking rules (避头尾): punctuation that may not open or close a line.
NO_LINE_START = set("，。、；：？！）》」』”’%,.;:!?)]}…·—")
NO_LINE_END = set("（《「『“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9.%+\-]+|.", re.S)


def wrap_cjk(text: str, width: float, measure) -> list[str]:  # noqa: ANN001
    """Greedy line breaking of Chinese prose that keeps numbers whole and obeys 避头尾.

    ``measure`` returns the width of a string in the current font (pure, so it is testable).
    """
    tokens = _TOKEN.findall(text)
    lines: list[list[str]] = [[]]
    for token in tokens:
        line = lines[-1]
        if not line or measure("".join(line) + token) <= width:
            line.append(token)
            continue
        if token[0] in NO_LINE_START and len(line) == 1:
            line.append(token)  # nothing to pull down: let the mark hang past the margin
            continue
        carry: list[str] = []
        # A closing mark takes its predecessor to the next line, and so does a run of closing marks.
        while len(line) > 1 and (carry[0] if carry else token)[0] in NO_LINE_START:
            carry.insert(0, line.pop())
        while len(line) > 1 and line[-1][-1] in NO_LINE_END:
            carry.insert(0, line.pop())  # an opening mark goes with what it opens
        lines.append(carry + [token])
    return ["".join(line) for line in lines if line]


class _BriefingPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-BOTTOM + 12)
        self.set_font("body", size=14)
        self.cell(0, 8, f"— {self.page_no()} —", align=Align.C)


def _register(pdf: FPDF, fonts: FontSet) -> None:
    faces = [("title", fonts.title), ("body", fonts.body), ("heading", fonts.heading)]
    if fonts.fallback is not None:
        faces.append(("fallback", fonts.fallback))
    for name, face in faces:
        pdf.add_font(name, "", str(face.path), collection_font_number=face.index)
        # Recomputing glyph bounds of a CJK CFF subset costs ~1 s per face; the original font's
        # bounding box (a superset) is just as valid for the embedded subset.
        pdf.fonts[name].ttfont.recalcBBoxes = False
    if fonts.fallback is not None:
        pdf.set_fallback_fonts(["fallback"])


def _text(pdf: FPDF, text: str, font: str, size: float, *, align: Align = Align.J,
          colour: tuple[int, int, int] = (0, 0, 0), line: float | None = None, parts: tuple[str, ...] = ()) -> None:
    """Set prose line by line; justified lines get even extra spacing, as typeset Chinese does."""
    pdf.set_font(font, size=size)
    pdf.set_text_color(*colour)
    height = line or max(LINE, size * 1.4 * PT)
    lines = wrap_cjk(text, CONTENT_W, pdf.get_string_width)
    if parts and len(lines) > 1:
        # A title too long for one line breaks between its parts, not wherever the width runs out.
        lines = [wrapped for part in parts for wrapped in wrap_cjk(part, CONTENT_W, pdf.get_string_width)]
    for number, content in enumerate(lines):
        pdf.set_char_spacing(0)
        spacing = 0.0
        if align == Align.J and number < len(lines) - 1 and len(content) > 1:
            spacing = (CONTENT_W - pdf.get_string_width(content)) / (len(content) - 1)
        pdf.set_char_spacing(max(0.0, spacing))
        pdf.cell(CONTENT_W, height, content, align=Align.L if align == Align.J else align,
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_char_spacing(0)
    pdf.set_text_color(0, 0, 0)


def _widths(pdf: FPDF, table: Table) -> list[float]:
    padding = 2 * 0.8 + 0.6
    columns = list(zip(table.columns, *table.rows, strict=True))
    natural = [max(pdf.get_string_width(v) for v in column) + padding for column in columns]
    minimum = [min(n, pdf.get_string_width("国国") + padding) for n in natural]
    return column_widths(natural, minimum, CONTENT_W)


def _table(pdf: FPDF, table: Table) -> None:
    _text(pdf, table.title, "heading", 12, align=Align.C, line=8)
    pdf.set_font("body", size=TABLE_PT)
    numeric = table.numeric or (False,) * len(table.columns)
    heading_style = PdfFontFace(family="heading", emphasis="", size_pt=TABLE_PT, fill_color=(235, 235, 235))
    with pdf.table(col_widths=_widths(pdf, table), padding=0.8, width=CONTENT_W, line_height=TABLE_PT * 1.5 * PT,
                   headings_style=heading_style, wrapmode=WrapMode.CHAR,
                   text_align=tuple("RIGHT" if n else "LEFT" for n in numeric)) as grid:
        header = grid.row()
        for name in table.columns:
            header.cell(name, align=Align.C)
        for values in table.rows:
            row = grid.row()
            for value in values:
                row.cell(value)
    if table.note:
        _text(pdf, table.note, "body", TABLE_PT, line=6)
    pdf.ln(3)


def write_pdf(briefing: Briefing, fonts: FontSet) -> bytes:
    pdf = _BriefingPdf(orientation="P", unit="mm", format="A4")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(briefing.title)
    pdf.set_author(briefing.office)
    pdf.set_lang("zh-CN")
    _register(pdf, fonts)
    pdf.add_page()

    _text(pdf, briefing.masthead, "title", MASTHEAD_PT, align=Align.C, colour=RED)
    if briefing.is_demo:
        _text(pdf, "（演示数据 · 示范县为虚构地区）", "body", 12, align=Align.C, line=7)
    _text(pdf, briefing.issue_line, "body", BODY_PT, align=Align.C)
    pdf.set_font("body", size=14)
    y = pdf.get_y()
    pdf.cell(CONTENT_W / 2, LINE, briefing.office, align=Align.L)
    pdf.set_xy(LEFT + CONTENT_W / 2, y)
    pdf.cell(CONTENT_W / 2, LINE, briefing.issued_label, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    pdf.line(LEFT, pdf.get_y() + 1, LEFT + CONTENT_W, pdf.get_y() + 1)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.ln(LINE)
    _text(pdf, briefing.title, "title", TITLE_PT, align=Align.C, parts=briefing.title_parts)
    pdf.ln(LINE / 2)
    _text(pdf, INDENT + briefing.headline, "body", BODY_PT)
    for sec in briefing.sections:
        _text(pdf, INDENT + sec.heading, "heading", BODY_PT, align=Align.L)
        for paragraph in sec.paragraphs:
            _text(pdf, INDENT + paragraph, "body", BODY_PT)
        if sec.chart is not None:
            width = min(CONTENT_W, sec.chart.width_px / 2 * PT * 1.3)
            height = width * sec.chart.height_px / sec.chart.width_px
            if pdf.get_y() + height > pdf.h - BOTTOM:
                pdf.add_page()
            pdf.image(io.BytesIO(sec.chart.png), x=LEFT + (CONTENT_W - width) / 2, w=width, h=height)
            pdf.ln(2)
        for table in sec.tables:
            _table(pdf, table)
    return bytes(pdf.output())
