"""A briefing whose every text the document writers can lay out, whatever names the database holds.

Names reach the briefing from ledgers. The importer removes control characters and refuses names
longer than their column, but a database filled before that (or by another tool) may still hold
them: DOCX refuses a control character outright, and a table row holding a 10,000-character name is
taller than a PDF page. Paragraphs keep their full text; table cells and titles are labels
(:func:`etl.text_safety.sanitise_label`).
"""

from __future__ import annotations

from dataclasses import replace

from etl.briefing.model import Briefing, Section, Table
from etl.text_safety import sanitise_document_text, sanitise_label

#: A table cell may be free text (a task's content), longer than a name but never taller than a page.
CELL_MAX_CHARS = 300


def sanitise_briefing(briefing: Briefing) -> Briefing:
    """The same briefing with every text fit for DOCX, PDF and PPTX."""
    return replace(
        briefing,
        region=sanitise_label(briefing.region),
        scope_label=sanitise_label(briefing.scope_label),
        period_label=sanitise_label(briefing.period_label),
        office=sanitise_label(briefing.office),
        headline=sanitise_document_text(briefing.headline),
        sections=tuple(_section(s) for s in briefing.sections),
        reminders=tuple(sanitise_label(r) for r in briefing.reminders),
    )


def _section(section: Section) -> Section:
    return replace(section, heading=sanitise_label(section.heading),
                   paragraphs=tuple(sanitise_document_text(p) for p in section.paragraphs),
                   tables=tuple(_table(t) for t in section.tables))


def _table(table: Table) -> Table:
    return replace(table, title=sanitise_label(table.title), note=sanitise_document_text(table.note),
                   columns=tuple(sanitise_label(c) for c in table.columns),
                   rows=tuple(tuple(sanitise_label(cell, CELL_MAX_CHARS) for cell in row) for row in table.rows))
