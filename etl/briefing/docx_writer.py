"""The briefing as a DOCX laid out in the conventions of official documents (GB/T 9704).

A4; margins 37/35/28/26 mm (top/bottom/left/right); red masthead; title in 小标宋 style 二号;
body 仿宋 三号 (16 pt) on a fixed 28 pt line; first-level headings 黑体; page numbers "— 1 —".
python-docx only sets the Latin font of a run, so every run also gets ``w:eastAsia`` explicitly —
without it Word falls back to its default East-Asian font.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from etl.briefing.fonts import FontSet
from etl.briefing.model import Briefing, Table
from etl.briefing.widths import table_widths

RED = RGBColor(0xC0, 0x00, 0x00)
BODY_PT, TITLE_PT, MASTHEAD_PT, TABLE_PT = 16, 22, 30, 10.5
LINE_PT = 28
CONTENT_WIDTH_MM = 210 - 28 - 26
TITLE_CHARS_PER_LINE = 20  # 二号 (22 pt) characters across 156 mm, digits counted as full width


def set_run_font(run: Run, family: str, size_pt: float, *, bold: bool = False,
                 colour: RGBColor | None = None) -> None:
    """Latin and East-Asian font both, so Chinese text is not left to Word's default."""
    run.font.name = family
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)


def _paragraph(doc_or_cell, text: str, family: str, size: float, *, bold: bool = False,  # noqa: ANN001
               align: WD_ALIGN_PARAGRAPH | None = None, indent: bool = False,
               colour: RGBColor | None = None, fixed_line: bool = True) -> Paragraph:
    par = doc_or_cell.add_paragraph()
    fmt = par.paragraph_format
    if fixed_line:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT if size <= BODY_PT else size * 1.4)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)  # two characters, as official documents indent
    if align is not None:
        par.alignment = align
    set_run_font(par.add_run(text), family, size, bold=bold, colour=colour)
    return par


def _red_rule(par: Paragraph) -> None:
    """The red separator line under the masthead (版头分隔线)."""
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _page_number_footer(section, family: str) -> None:  # noqa: ANN001
    """Footer "— N —" with a PAGE field, centred, 四号 (14 pt)."""
    par = section.footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(par.add_run("— "), family, 14)
    run = par.add_run()
    set_run_font(run, family, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    set_run_font(par.add_run(" —"), family, 14)


def _table_styles(doc, fonts: FontSet) -> tuple[object, object]:  # noqa: ANN001
    """Paragraph styles for table cells: fonts set once on the style, not on each of ~1,000 runs."""
    styles = []
    for name, face, bold in (("简报表头", fonts.heading, True), ("简报表格", fonts.body, False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.name, style.font.size, style.font.bold = face.family, Pt(TABLE_PT), bold
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face.family)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        styles.append(style)
    return styles[0], styles[1]


def _table(doc, table: Table, fonts: FontSet, styles: tuple[object, object]) -> None:  # noqa: ANN001
    _paragraph(doc, table.title, fonts.heading.family, 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               fixed_line=False)
    head_id, cell_id = (style.style_id for style in styles)  # type: ignore[attr-defined]
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = table_widths(table, CONTENT_WIDTH_MM, TABLE_PT * 25.4 / 72)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:  # Word reads the cell widths, LibreOffice the grid
            cell.width = Mm(width)
    numeric = table.numeric or (False,) * len(table.columns)
    for row_cells, values in zip(grid.rows, (table.columns, *table.rows), strict=True):
        is_head = values is table.columns
        for cell, value, is_num in zip(row_cells.cells, values, numeric, strict=True):
            par = cell.paragraphs[0]
            par._p.get_or_add_pPr().style = head_id if is_head else cell_id  # by id: Paragraph.style is O(styles)
            par.alignment = (WD_ALIGN_PARAGRAPH.CENTER if is_head else
                             WD_ALIGN_PARAGRAPH.RIGHT if is_num else WD_ALIGN_PARAGRAPH.LEFT)
            par.add_run(value)
    if table.note:
        _paragraph(doc, table.note, fonts.body.family, TABLE_PT, fixed_line=False)


def write_docx(briefing: Briefing, fonts: FontSet) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = fonts.body.family, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body.family)
    doc.core_properties.title = briefing.title
    doc.core_properties.author = briefing.office

    styles = _table_styles(doc, fonts)
    title, body, heading = fonts.title.family, fonts.body.family, fonts.heading.family
    _paragraph(doc, briefing.masthead, title, MASTHEAD_PT, bold=fonts.title.bold, colour=RED,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    if briefing.is_demo:
        _paragraph(doc, "（演示数据 · 示范县为虚构地区）", body, 12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, briefing.issue_line, body, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    office = _paragraph(doc, f"{briefing.office}\t{briefing.issued_label}", body, 14)
    office.paragraph_format.tab_stops.add_tab_stop(Mm(CONTENT_WIDTH_MM),
                                                   alignment=2)  # WD_TAB_ALIGNMENT.RIGHT
    _red_rule(office)
    _paragraph(doc, "", body, BODY_PT)
    title_par = _paragraph(doc, briefing.title_parts[0], title, TITLE_PT, bold=fonts.title.bold,
                           align=WD_ALIGN_PARAGRAPH.CENTER)
    if len(briefing.title) > TITLE_CHARS_PER_LINE:  # break between scope/period and the rest, as typeset
        title_par.runs[0].add_break()
    set_run_font(title_par.add_run(briefing.title_parts[1]), title, TITLE_PT, bold=fonts.title.bold)
    _paragraph(doc, "", body, BODY_PT)
    _paragraph(doc, briefing.headline, body, BODY_PT, indent=True)
    for sec in briefing.sections:
        _paragraph(doc, sec.heading, heading, BODY_PT, bold=fonts.heading.bold, indent=True)
        for text in sec.paragraphs:
            _paragraph(doc, text, body, BODY_PT, indent=True)
        if sec.chart is not None:
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            width_mm = min(CONTENT_WIDTH_MM, sec.chart.width_px / 2 * 25.4 / 96 * 1.3)
            par.add_run().add_picture(io.BytesIO(sec.chart.png), width=Mm(width_mm))
        for table in sec.tables:
            _table(doc, table, fonts, styles)
    _page_number_footer(section, body)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
