"""Official documents as DOCX laid out in the conventions of GB/T 9704.

A4; margins 37/35/28/26 mm (top/bottom/left/right); red masthead; title in 小标宋 style 二号;
body 仿宋 三号 (16 pt) on a fixed 28 pt line; first-level headings 黑体, second-level ones （一） 楷体;
page numbers "— 1 —"; each 附件 starts a new page under "附件N"; the 版记 (报/送/发) closes the document
between rules. The fonts are named, not embedded (``office_fonts``: the 公文 faces with what Word and
WPS substitute where a desk lacks one), so writing a DOCX needs no font file on this machine.
python-docx only sets the Latin font of a run, so every run also gets ``w:eastAsia`` explicitly —
without it Word falls back to its default East-Asian font.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document as new_docx
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from etl.briefing.model import Chart, Document, Table, heading_level
from etl.briefing.office_fonts import OFFICIAL, OfficeFonts, with_font_entries
from etl.briefing.widths import approx_width, chart_size_mm, table_widths

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.parfmt import CT_PPr
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.styles.style import ParagraphStyle
    from docx.table import _Cell, _Row

RED = RGBColor(0xC0, 0x00, 0x00)
BODY_PT, TITLE_PT, MASTHEAD_PT, TABLE_PT, ANNEX_TITLE_PT, RECORD_PT = 16, 22, 30, 10, 18, 14
LINE_PT = 28
CONTENT_WIDTH_MM = 210 - 28 - 26
TITLE_CHARS_PER_LINE = 20  # 二号 (22 pt) characters across 156 mm, digits counted as full width
#: The order of ``w:pPr`` children in the OOXML schema (CT_PPr).
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
             "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
             "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
             "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
             "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


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
    rfonts.set(qn("w:hint"), "eastAsia")  # “”、— … are shared by both scripts: set them as Chinese


def _paragraph(doc_or_cell: DocxDocument | _Cell, text: str, family: str, size: float, *, bold: bool = False,
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


def _insert_in_order(ppr: CT_PPr, element: BaseOxmlElement, tag: str) -> None:
    """Insert a paragraph property where the schema puts it: Word rejects a file whose ``w:pPr``
    children are out of order."""
    ppr.insert_element_before(element, *PPR_ORDER[PPR_ORDER.index(tag) + 1:])


def _spacer(doc: DocxDocument, height_pt: float) -> None:
    """Vertical space of an exact height (the PDF's gaps), not a full 28 pt empty line."""
    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(height_pt)
    fmt.space_before = fmt.space_after = Pt(0)


def _border(par: Paragraph, side: str, size: int = 8, colour: str = "000000") -> None:
    """A rule above or below a paragraph (版头分隔线, 版记 lines): ``size`` in eighths of a point."""
    ppr = par._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _insert_in_order(ppr, borders, "w:pBdr")
    edge = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", colour)):
        edge.set(qn(key), value)
    borders.append(edge)


def _page_number_footer(section: Section, family: str) -> None:
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


def _table_styles(doc: DocxDocument, fonts: OfficeFonts) -> tuple[ParagraphStyle, ParagraphStyle]:
    """Paragraph styles for table cells: fonts set once on the style, not on each of ~1,000 runs."""
    styles = []
    for name, face, bold in (("简报表头", fonts.heading, True), ("简报表格", fonts.body, False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.name, style.font.size, style.font.bold = face.name, Pt(TABLE_PT), bold
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face.name)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        styles.append(style)
    return styles[0], styles[1]


def _row_flag(row: _Row, tag: str) -> None:
    """``w:tblHeader`` (repeat the heading row on every page) or ``w:cantSplit`` on a table row."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _table(doc: DocxDocument, table: Table, fonts: OfficeFonts, styles: tuple[ParagraphStyle, ParagraphStyle]) -> None:
    if table.title:
        _paragraph(doc, table.title, fonts.heading.name, 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                   fixed_line=False)
    head_id, cell_id = (style.style_id for style in styles)
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
        _row_flag(row_cells, "tblHeader" if is_head else "cantSplit")
        for cell, value, is_num in zip(row_cells.cells, values, numeric, strict=True):
            par = cell.paragraphs[0]
            par._p.get_or_add_pPr().style = head_id if is_head else cell_id  # by id: Paragraph.style is O(styles)
            par.alignment = (WD_ALIGN_PARAGRAPH.CENTER if is_head else
                             WD_ALIGN_PARAGRAPH.RIGHT if is_num else WD_ALIGN_PARAGRAPH.LEFT)
            run = par.add_run(value)
            if table.dense:  # a one-page notice's table: one point smaller than the styles' size
                run.font.size = Pt(TABLE_PT - 1)
    if table.note:
        _paragraph(doc, table.note, fonts.body.name, TABLE_PT, fixed_line=False)


def _setup(doc: DocxDocument, document: Document, fonts: OfficeFonts) -> Section:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = fonts.body.name, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body.name)
    _chinese_defaults(doc, fonts.body.name)
    font_table = doc.part.part_related_by(RT.FONT_TABLE)
    font_table._blob = with_font_entries(font_table.blob, fonts)
    # No extra space between Chinese and digits ("2025 年"): set as the PDF is, 28 characters a line.
    ppr = normal.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        _insert_in_order(ppr, el, tag)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.office
    return section


def _chinese_defaults(doc: DocxDocument, family: str) -> None:
    """The document's defaults: the body face instead of the template's theme fonts (a theme font
    outranks a run's own font in Word), and Chinese as the language, so the text is set as Chinese."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")


def _masthead(doc: DocxDocument, document: Document, fonts: OfficeFonts) -> None:
    title, body = fonts.title.name, fonts.body.name
    # An office's name (a notice's masthead) is longer than a 简报's: shrink it to one line.
    width_pt = CONTENT_WIDTH_MM * 72 / 25.4
    size = min(MASTHEAD_PT, int(0.96 * width_pt / max(approx_width(document.masthead), 1.0)))
    _paragraph(doc, document.masthead, title, size, colour=RED,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    if document.is_demo:
        demo = _paragraph(doc, "（演示数据 · 示范县为虚构地区）", body, 12, align=WD_ALIGN_PARAGRAPH.CENTER)
        demo.paragraph_format.line_spacing = Pt(20)
    if document.issue_line:
        _paragraph(doc, document.issue_line, body, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    # A signed notice gives office and date in its 落款 instead; the red rule stays.
    line = "" if document.signed else f"{document.office}\t{document.issued_label}"
    office = _paragraph(doc, line, body, 14)
    office.paragraph_format.tab_stops.add_tab_stop(Mm(CONTENT_WIDTH_MM), alignment=2)  # WD_TAB_ALIGNMENT.RIGHT
    _border(office, "bottom", 18, "C00000")
    _spacer(doc, LINE_PT * 0.8)
    title_par = _paragraph(doc, document.title_parts[0], title, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    if len(document.title) > TITLE_CHARS_PER_LINE:  # break between scope/period and the rest, as typeset
        title_par.runs[0].add_break()
    set_run_font(title_par.add_run(document.title_parts[1]), title, TITLE_PT)
    _spacer(doc, LINE_PT / 3)


def _body(doc: DocxDocument, document: Document, fonts: OfficeFonts, styles: tuple[ParagraphStyle, ParagraphStyle]) -> None:
    body = fonts.body.name
    if document.addressee:
        _paragraph(doc, document.addressee, body, BODY_PT)
    if document.headline:
        _paragraph(doc, document.headline, body, BODY_PT, indent=True)
    for sec in document.sections:
        if sec.heading:  # a one-page notice's sections may run on without a heading
            face = fonts.heading if heading_level(sec.heading) == 1 else fonts.subheading
            title = _paragraph(doc, sec.heading, face.name, BODY_PT, indent=True)
            title.paragraph_format.keep_with_next = True  # never a heading alone at the foot of a page
        for text in sec.paragraphs:
            _paragraph(doc, text, body, BODY_PT, indent=True)
        if sec.chart is not None:
            _picture(doc, sec.chart)
        for table in sec.tables:
            _table(doc, table, fonts, styles)
        for text in sec.closing:
            _paragraph(doc, text, body, BODY_PT, indent=True)
    if document.annex_lines:
        _spacer(doc, LINE_PT / 2)
        for line in document.annex_lines:
            par = _paragraph(doc, line.lstrip("\u3000"), body, BODY_PT)
            # 附件：1.… with later numbers and wrapped titles aligned after "附件：".
            par.paragraph_format.left_indent = Pt(BODY_PT * 5)
            par.paragraph_format.first_line_indent = Pt(-BODY_PT * 3)
    if document.signed:
        _paragraph(doc, "", body, BODY_PT)
        _paragraph(doc, document.office, body, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _paragraph(doc, document.issued_label + "\u3000\u3000", body, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _picture(doc: DocxDocument, chart: Chart) -> None:
    """A chart centred at its size on the text block's width."""
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    width_mm, _ = chart_size_mm(chart.width_px, chart.height_px, CONTENT_WIDTH_MM)
    par.add_run().add_picture(io.BytesIO(chart.png), width=Mm(width_mm))


def _annexes(doc: DocxDocument, document: Document, fonts: OfficeFonts, styles: tuple[ParagraphStyle, ParagraphStyle]) -> None:
    for number, annex in enumerate(document.annexes, 1):
        label = _paragraph(doc, f"附件{number}", fonts.heading.name, BODY_PT)
        label.paragraph_format.page_break_before = True
        _paragraph(doc, annex.title, fonts.title.name, ANNEX_TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
        for text in annex.paragraphs:
            _paragraph(doc, text, fonts.body.name, 14, indent=True, fixed_line=False)
        if annex.chart is not None:
            _picture(doc, annex.chart)
        for table in annex.tables:
            _table(doc, table, fonts, styles)


def _record(doc: DocxDocument, document: Document, fonts: OfficeFonts) -> None:
    """版记: one paragraph per 报/送/发 line, a thick rule above the first and below the last."""
    for index, (label, text) in enumerate(document.distribution):
        par = _paragraph(doc, f"{label}：{text}", fonts.body.name, RECORD_PT, fixed_line=False)
        par.paragraph_format.left_indent = Pt(RECORD_PT * (len(label) + 1))
        par.paragraph_format.first_line_indent = Pt(-RECORD_PT * (len(label) + 1))
        if index == 0:
            par.paragraph_format.space_before = Pt(BODY_PT)
            _border(par, "top", 8)
        _border(par, "bottom", 8 if index == len(document.distribution) - 1 else 4)


def write_docx(document: Document, fonts: OfficeFonts = OFFICIAL) -> bytes:
    """The document as DOCX bytes, in the 公文 faces whatever fonts this machine has."""
    doc = new_docx()
    section = _setup(doc, document, fonts)
    styles = _table_styles(doc, fonts)
    _masthead(doc, document, fonts)
    _body(doc, document, fonts, styles)
    _annexes(doc, document, fonts, styles)
    _record(doc, document, fonts)
    _page_number_footer(section, fonts.body.name)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
