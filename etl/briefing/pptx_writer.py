"""The briefing as a 16:9 deck for presenting at the conference: one slide per section.

Same content objects as the DOCX/PDF; long tables are split across slides rather than shrunk.
East-Asian fonts are set explicitly on every run (``a:ea``), as python-pptx only sets Latin ones: the
公文 faces by name with PowerPoint's substitution hints (``office_fonts``), so no font file is needed.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Length, Pt

from etl.briefing.model import Briefing, Section, Table
from etl.briefing.office_fonts import OFFICIAL, OfficeFace, OfficeFonts, pptx_east_asian

if TYPE_CHECKING:
    from pptx.presentation import Presentation as Deck
    from pptx.slide import Slide
    from pptx.text.text import _Run

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
RED = RGBColor(0xC0, 0x00, 0x00)  # type: ignore[no-untyped-call]  # python-pptx leaves RGBColor() unannotated
ROWS_PER_SLIDE = 12


def _font(run: _Run, face: OfficeFace, size: float, bold: bool = False, colour: RGBColor | None = None) -> None:
    run.font.name, run.font.size, run.font.bold = face.name, Pt(size), bold
    if colour is not None:
        run.font.color.rgb = colour
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        for key, value in pptx_east_asian(face).items():
            el.set(key, value)


def _text_box(slide: Slide, text: str, top: Length, height: Length, face: OfficeFace, size: float, *,
              bold: bool = False, colour: RGBColor | None = None) -> None:
    box = slide.shapes.add_textbox(Inches(0.6), top, Emu(WIDTH - Inches(1.2)), height)  # Length - Length is an int
    frame = box.text_frame
    frame.word_wrap = True
    for number, line in enumerate(text.split("\n")):
        par = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        _font(par.add_run(), face, size, bold, colour)
        par.runs[0].text = line


def _title(slide: Slide, text: str, fonts: OfficeFonts) -> None:
    _text_box(slide, text, Inches(0.3), Inches(0.8), fonts.heading, 28, bold=True, colour=RED)


def _section_slide(prs: Deck, sec: Section, fonts: OfficeFonts) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _title(slide, sec.heading, fonts)
    text_width = WIDTH - Inches(1.2) if sec.chart is None else Inches(6.2)
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.3), text_width, Inches(5.8))
    box.text_frame.word_wrap = True
    for number, paragraph in enumerate(sec.paragraphs):
        par = box.text_frame.paragraphs[0] if number == 0 else box.text_frame.add_paragraph()
        run = par.add_run()
        # Sections now carry several paragraphs: a smaller size keeps them on the slide.
        _font(run, fonts.body, 14 if sec.chart is not None or len(sec.paragraphs) > 2 else 18)
        run.text = paragraph
    if sec.chart is not None:
        slide.shapes.add_picture(io.BytesIO(sec.chart.png), Inches(7.0), Inches(1.5), width=Inches(5.8))


def _table_slides(prs: Deck, table: Table, fonts: OfficeFonts) -> None:
    for start in range(0, max(1, len(table.rows)), ROWS_PER_SLIDE):
        rows = table.rows[start:start + ROWS_PER_SLIDE]
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        suffix = f"（{start // ROWS_PER_SLIDE + 1}）" if len(table.rows) > ROWS_PER_SLIDE else ""
        _title(slide, table.title + suffix, fonts)
        shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), Inches(0.5), Inches(1.3),
                                       WIDTH - Inches(1.0), Inches(0.4) * (len(rows) + 1))
        for r, values in enumerate((table.columns, *rows)):
            for c, value in enumerate(values):
                par = shape.table.cell(r, c).text_frame.paragraphs[0]
                run = par.add_run()
                _font(run, fonts.heading if r == 0 else fonts.body, 12, bold=r == 0)
                run.text = value


def write_pptx(briefing: Briefing, fonts: OfficeFonts = OFFICIAL) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    cover = prs.slides.add_slide(prs.slide_layouts[6])
    _text_box(cover, briefing.masthead, Inches(1.6), Inches(1.2), fonts.title, 40, bold=True, colour=RED)
    _text_box(cover, f"{briefing.issue_line}\n{briefing.title}\n{briefing.office}    {briefing.issued_label}",
              Inches(3.2), Inches(2.5), fonts.body, 22)
    summary = prs.slides.add_slide(prs.slide_layouts[6])
    _title(summary, "总体情况", fonts)
    _text_box(summary, briefing.headline, Inches(1.3), Inches(5.5), fonts.body, 22)
    for sec in briefing.sections:
        if sec.paragraphs or sec.chart is not None:
            _section_slide(prs, sec, fonts)
        for table in sec.tables:
            _table_slides(prs, table, fonts)
    for annex in briefing.annexes:  # the league tables and lists, as on paper
        if annex.chart is not None:
            _section_slide(prs, Section(annex.title, (), annex.chart), fonts)
        for table in annex.tables:
            _table_slides(prs, table, fonts)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
