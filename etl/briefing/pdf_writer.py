"""Official documents as PDF with their Chinese fonts embedded, built directly with fpdf2.

Why fpdf2 rather than converting the DOCX with LibreOffice: it is a pip dependency (no office suite
on the server, no subprocess, ~100 ms), it subsets and embeds the CFF-flavoured Noto CJK collections
as well as TrueType 仿宋/小标宋, and the PDF then carries exactly the fonts chosen in ``fonts.py``.
The layout follows the DOCX (GB/T 9704 margins, 三号 body, fixed 28 pt lines, "— N —" page numbers;
each 附件 on its own page; the 版记 at the foot of the last page).

A chart that does not fit where it falls waits until after the next paragraph that does, instead
of breaking the page early: no page is left half empty in front of a chart.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import FontFace as PdfFontFace
from fpdf.fonts import TTFFont

from etl.briefing.fonts import FontSet
from etl.briefing.model import Chart, Document, Table, heading_level
from etl.briefing.widths import chart_size_mm, measured_widths

PT = 25.4 / 72  # millimetres per point
LEFT, TOP, RIGHT, BOTTOM = 28.0, 37.0, 26.0, 35.0
CONTENT_W = 210 - LEFT - RIGHT
BODY_PT, TITLE_PT, MASTHEAD_PT, TABLE_PT, ANNEX_TITLE_PT, RECORD_PT = 16, 22, 30, 10, 18, 14
LINE = 28 * PT
INDENT = "\u3000\u3000"  # two ideographic spaces: the first-line indent of Chinese prose
RED = (192, 0, 0)
#: A chart may shrink to this share of its size to fit the space left on a page.
CHART_MIN_SCALE = 0.8
#: A table's note is set on 6 mm lines; to end on its table's page rather than leave a line alone on the
#: next, it may close up to 4.6 mm (the 10 pt characters still clear each other).
NOTE_LINE, NOTE_LINE_TIGHT = 6.0, 4.6


# Chinese line-breaking rules (避头尾): punctuation that may not open or close a line.
NO_LINE_START = set("，。、；：？！）》」』”’%,.;:!?)]}…·—")
NO_LINE_END = set("（《「『“‘([{")
#: A 案号 breaks only after its year: "(2024)" and "示0928行初180号" each stay whole, as a number does.
_TOKEN = re.compile(r"[(（〔]\d{4}[)）〕]|[\u4e00-\u9fff]{1,3}\d{4}[\u4e00-\u9fff]{1,3}\d{1,5}号|[A-Za-z0-9.%+\-]+|.",
                    re.S)


def wrap_cjk(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
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


class _DocumentPdf(FPDF):
    #: The face of （一） headings: 楷体 where one was found, else the body's (registered once only).
    second_level = "body"

    def footer(self) -> None:
        self.set_y(-BOTTOM + 12)
        self.set_font("body", size=14)
        self.cell(0, 8, f"— {self.page_no()} —", align=Align.C)


def _register(pdf: _DocumentPdf, fonts: FontSet) -> None:
    faces = [("title", fonts.title), ("body", fonts.body), ("heading", fonts.heading)]
    if fonts.subheading is not None and fonts.subheading != fonts.body:
        faces.append(("subheading", fonts.subheading))
        pdf.second_level = "subheading"
    if fonts.fallback is not None:
        faces.append(("fallback", fonts.fallback))
    for name, face in faces:
        pdf.add_font(name, "", str(face.path), collection_font_number=face.index)
        # Recomputing glyph bounds of a CJK CFF subset costs ~1 s per face; the original font's
        # bounding box (a superset) is just as valid for the embedded subset.
        font = pdf.fonts[name]
        assert isinstance(font, TTFFont)  # add_font() of a file always makes one
        font.ttfont.recalcBBoxes = False
    if fonts.fallback is not None:
        pdf.set_fallback_fonts(["fallback"])


def _text(pdf: FPDF, text: str, font: str, size: float, *, align: Align = Align.J,
          colour: tuple[int, int, int] = (0, 0, 0), line: float | None = None, parts: tuple[str, ...] = (),
          hanging: str = "") -> None:
    """Set prose line by line; justified lines get even extra spacing, as typeset Chinese does.

    ``hanging``: text whose width indents every line after the first (a 附件 list, a 版记 line).
    """
    pdf.set_font(font, size=size)
    pdf.set_text_color(*colour)
    height = line or max(LINE, size * 1.4 * PT)
    indent = pdf.get_string_width(hanging) if hanging else 0.0
    lines = wrap_cjk(text, CONTENT_W, pdf.get_string_width)
    if indent and len(lines) > 1:  # the first line has the full width; the rest wrap narrower
        lines = [lines[0], *wrap_cjk(text[len(lines[0]):], CONTENT_W - indent, pdf.get_string_width)]
    if parts and len(lines) > 1:
        # A title too long for one line breaks between its parts, not wherever the width runs out.
        lines = [wrapped for part in parts for wrapped in wrap_cjk(part, CONTENT_W, pdf.get_string_width)]
    for number, content in enumerate(lines):
        width = CONTENT_W - (indent if number else 0.0)
        pdf.set_char_spacing(0)
        spacing = 0.0
        if align == Align.J and number < len(lines) - 1 and len(content) > 1:
            spacing = (width - pdf.get_string_width(content)) / (len(content) - 1)
        pdf.set_char_spacing(max(0.0, spacing))
        pdf.set_x(LEFT + (indent if number else 0.0))
        pdf.cell(width, height, content, align=Align.L if align == Align.J else align,
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_char_spacing(0)
    pdf.set_text_color(0, 0, 0)


def _table(pdf: FPDF, table: Table) -> None:
    size = TABLE_PT - 1 if table.dense else TABLE_PT
    padding, leading = (0.4, 1.2) if table.dense else (0.8, 1.5)
    if table.title:
        title_line = 6 if table.dense else 8
        # Never a table's title alone at the foot of a page (the DOCX keeps it with the next paragraph): it
        # needs room for its heading row, which may take two lines, and two rows under it.
        if _room(pdf) < title_line + 4 * (size * leading * PT + 2 * padding):
            pdf.add_page()
        _text(pdf, table.title, "heading", 12, align=Align.C, line=title_line)
    pdf.set_font("body", size=size)
    numeric = table.numeric or (False,) * len(table.columns)
    heading_style = PdfFontFace(family="heading", emphasis="", size_pt=size, fill_color=(235, 235, 235))
    widths = measured_widths(table, CONTENT_W, pdf.get_string_width, pdf.get_string_width("国"), 2 * padding + 0.6)
    with pdf.table(col_widths=widths, padding=padding, width=CONTENT_W, line_height=size * leading * PT,
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
        _note(pdf, table.note)
    pdf.ln(_gap_after(table))


def _gap_after(table: Table) -> float:
    return 0.5 if table.dense else 3


def _note(pdf: FPDF, note: str) -> None:
    """A table's note in one piece: closed up to end on the table's page, else moved whole to the next."""
    pdf.set_font("body", size=TABLE_PT)
    lines = len(wrap_cjk(note, CONTENT_W, pdf.get_string_width))
    line, room = NOTE_LINE, _room(pdf) - 0.01  # a hair under the room: fpdf breaks when a cell passes it
    if room < lines * NOTE_LINE:
        if room >= lines * NOTE_LINE_TIGHT:
            line = room / lines
        else:
            pdf.add_page()
    _text(pdf, note, "body", TABLE_PT, line=line)


def _room(pdf: FPDF) -> float:
    return pdf.h - BOTTOM - pdf.get_y()


def _place(pdf: FPDF, chart: Chart, force: bool = False, most: float = 1.0) -> bool:
    """Draw ``chart`` if it fits (shrunk by at most :data:`CHART_MIN_SCALE`); ``force``: on a new page;
    ``most``: the largest share of its size to draw it at."""
    width, height = chart_size_mm(chart.width_px, chart.height_px, CONTENT_W)
    scale = min(most, _room(pdf) / (height + 2))
    if scale < CHART_MIN_SCALE:
        if not force:
            return False
        pdf.add_page()
        scale = 1.0
    width, height = width * scale, height * scale
    pdf.image(io.BytesIO(chart.png), x=LEFT + (CONTENT_W - width) / 2, w=width, h=height)
    pdf.ln(2)
    return True


def _masthead(pdf: FPDF, doc: Document) -> None:
    pdf.set_font("title", size=MASTHEAD_PT)
    # An office's name (a notice's masthead) is longer than a 简报's: shrink it to one line.
    size = min(MASTHEAD_PT, 0.96 * MASTHEAD_PT * CONTENT_W / max(pdf.get_string_width(doc.masthead), 1.0))
    _text(pdf, doc.masthead, "title", size, align=Align.C, colour=RED, line=MASTHEAD_PT * 1.4 * PT)
    if doc.is_demo:
        _text(pdf, "（演示数据 · 示范县为虚构地区）", "body", 12, align=Align.C, line=7)
    if doc.issue_line:
        _text(pdf, doc.issue_line, "body", BODY_PT, align=Align.C)
    if not doc.signed:  # a signed notice gives office and date in its 落款 instead
        pdf.set_font("body", size=14)
        y = pdf.get_y()
        pdf.cell(CONTENT_W / 2, LINE, doc.office, align=Align.L)
        pdf.set_xy(LEFT + CONTENT_W / 2, y)
        pdf.cell(CONTENT_W / 2, LINE, doc.issued_label, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _rule(pdf, pdf.get_y() + 1, 0.6, RED)
    pdf.ln(LINE * 0.8)


def _rule(pdf: FPDF, y: float, width: float, colour: tuple[int, int, int] = (0, 0, 0)) -> None:
    pdf.set_draw_color(*colour)
    pdf.set_line_width(width)
    pdf.line(LEFT, y, LEFT + CONTENT_W, y)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)


def _body(pdf: _DocumentPdf, doc: Document) -> None:
    _text(pdf, doc.title, "title", TITLE_PT, align=Align.C, parts=doc.title_parts)
    pdf.ln(LINE / 3)
    if doc.addressee:
        _text(pdf, doc.addressee, "body", BODY_PT, align=Align.L)
    if doc.headline:
        _text(pdf, INDENT + doc.headline, "body", BODY_PT)
    waiting: list[Chart] = []

    def settle() -> None:
        while waiting and _place(pdf, waiting[0]):
            waiting.pop(0)

    for sec in doc.sections:
        if sec.heading:  # a one-page notice's sections may run on without a heading
            if _room(pdf) < 3 * LINE:  # a heading keeps at least two lines of its section with it
                pdf.add_page()
            level = "heading" if heading_level(sec.heading) == 1 else pdf.second_level  # 一、 in 黑体, （一） in 楷体
            _text(pdf, INDENT + sec.heading, level, BODY_PT, align=Align.L)
        for paragraph in sec.paragraphs:
            _text(pdf, INDENT + paragraph, "body", BODY_PT)
            settle()
        if sec.chart is not None:
            waiting.append(sec.chart)
            settle()
        for table in sec.tables:
            _table(pdf, table)
        for paragraph in sec.closing:
            _text(pdf, INDENT + paragraph, "body", BODY_PT)
            settle()
    for chart in waiting:
        _place(pdf, chart, force=True)
    if doc.annex_lines:
        pdf.ln(LINE / 2)
        for line in doc.annex_lines:
            _text(pdf, INDENT + line, "body", BODY_PT, align=Align.L, hanging=INDENT + "附件：")
    if doc.signed:
        pdf.ln(LINE)
        _text(pdf, doc.office, "body", BODY_PT, align=Align.R)
        _text(pdf, doc.issued_label + "\u3000\u3000", "body", BODY_PT, align=Align.R)


def _annexes(pdf: FPDF, doc: Document) -> None:
    for number, annex in enumerate(doc.annexes, 1):
        pdf.add_page()
        _text(pdf, f"附件{number}", "heading", BODY_PT, align=Align.L)
        _text(pdf, annex.title, "title", ANNEX_TITLE_PT, align=Align.C)
        pdf.ln(2)
        for paragraph in annex.paragraphs:
            _text(pdf, INDENT + paragraph, "body", 14, line=9)
        if annex.chart is not None:
            _place(pdf, annex.chart, force=True, most=_chart_scale_for(pdf, annex.chart, annex.tables))
        for table in annex.tables:
            _table(pdf, table)


def _chart_scale_for(pdf: FPDF, chart: Chart, tables: tuple[Table, ...]) -> float:
    """The size to draw an annex's chart (the townships' map) at so that the tables under it end on the same
    page where shrinking it (down to :data:`CHART_MIN_SCALE`) allows; else its full size. Tried on a
    recording that is rewound: a page left holding only a table's last rows or its note reads as a mistake."""
    _, height = chart_size_mm(chart.width_px, chart.height_px, CONTENT_W)
    if not tables:
        return 1.0
    page = pdf.page
    for scale in (1.0, 0.9, CHART_MIN_SCALE):
        with pdf.offset_rendering() as trial:
            trial.set_y(trial.get_y() + height * scale + 2)
            for table in tables:
                _table(trial, table)  # type: ignore[arg-type]  # the recorder stands in for the FPDF
            # The space after the last table may fall past the foot of the page: nothing is drawn there.
            ends = trial.page == page and trial.get_y() - _gap_after(tables[-1]) <= pdf.page_break_trigger
        if ends:
            return scale
    return 1.0


def _record(pdf: FPDF, doc: Document) -> None:
    """The 版记 at the foot of the last page: a line per 报/送/发, between rules."""
    if not doc.distribution:
        return
    pdf.set_font("body", size=RECORD_PT)
    line = RECORD_PT * 1.6 * PT
    heights = [len(wrap_cjk(f"{label}：{text}", CONTENT_W - pdf.get_string_width(label + "："),
                            pdf.get_string_width)) * line + 1.5 for label, text in doc.distribution]
    needed = sum(heights) + 4
    if _room(pdf) < needed:
        pdf.add_page()
    pdf.set_y(pdf.h - BOTTOM - needed)
    _rule(pdf, pdf.get_y(), 0.5)
    pdf.ln(1.5)
    for index, (label, text) in enumerate(doc.distribution):
        _text(pdf, f"{label}：{text}", "body", RECORD_PT, align=Align.L, line=line, hanging=f"{label}：")
        _rule(pdf, pdf.get_y() + 0.5, 0.5 if index == len(doc.distribution) - 1 else 0.2)
        pdf.ln(1.5)


def write_pdf(doc: Document, fonts: FontSet) -> bytes:
    pdf = _DocumentPdf(orientation="P", unit="mm", format="A4")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(doc.title)
    pdf.set_author(doc.office)
    pdf.set_lang("zh-CN")
    _register(pdf, fonts)
    pdf.add_page()
    _masthead(pdf, doc)
    _body(pdf, doc)
    _annexes(pdf, doc)
    _record(pdf, doc)
    return bytes(pdf.output())
