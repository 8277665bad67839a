"""A document whose every text the writers can lay out, whatever names the database holds.

Names reach a 简报 or 通报 from ledgers. The importer removes control characters and refuses names
longer than their column, but a database filled before that (or by another tool) may still hold
them: DOCX refuses a control character outright, and a table row holding a 10,000-character name is
taller than a PDF page. Paragraphs keep their full text; headings, titles, table cells and the other
one-line fields are labels (:func:`etl.text_safety.sanitise_label`).
"""

from __future__ import annotations

from dataclasses import replace

from etl.briefing.model import Annex, Chart, Document, Section, Table
from etl.text_safety import sanitise_document_text, sanitise_label

#: A table cell may be free text (a task's content), longer than a name but never taller than a page.
CELL_MAX_CHARS = 300


def sanitise_document(document: Document) -> Document:
    """The same document with every text fit for DOCX, PDF and PPTX."""
    return replace(
        document,
        masthead=sanitise_label(document.masthead),
        issue_line=sanitise_label(document.issue_line),
        office=sanitise_label(document.office),
        title_parts=(sanitise_label(document.title_parts[0]), sanitise_label(document.title_parts[1])),
        headline=sanitise_document_text(document.headline),
        addressee=sanitise_label(document.addressee),
        sections=tuple(_section(s) for s in document.sections),
        annexes=tuple(_annex(a) for a in document.annexes),
        distribution=tuple((sanitise_label(k), sanitise_document_text(v)) for k, v in document.distribution),
        reminders=tuple(sanitise_label(r) for r in document.reminders),
    )


def _section(section: Section) -> Section:
    return replace(section, heading=sanitise_label(section.heading),
                   paragraphs=tuple(sanitise_document_text(p) for p in section.paragraphs),
                   chart=_chart(section.chart), tables=tuple(_table(t) for t in section.tables),
                   closing=tuple(sanitise_document_text(p) for p in section.closing))


def _annex(annex: Annex) -> Annex:
    return replace(annex, title=sanitise_label(annex.title), tables=tuple(_table(t) for t in annex.tables),
                   paragraphs=tuple(sanitise_document_text(p) for p in annex.paragraphs))


def _chart(chart: Chart | None) -> Chart | None:
    return None if chart is None else replace(chart, title=sanitise_label(chart.title))


def _table(table: Table) -> Table:
    return replace(table, title=sanitise_label(table.title), note=sanitise_document_text(table.note),
                   columns=tuple(sanitise_label(c) for c in table.columns),
                   rows=tuple(tuple(sanitise_label(cell, CELL_MAX_CHARS) for cell in row) for row in table.rows))
