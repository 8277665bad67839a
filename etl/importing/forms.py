"""A record typed into an in-app form, imported as a one-row ledger of its kind.

The form goes through the same importer as a file: the same header synonyms, wording, name
resolution and validation, one batch that ``liandong rollback`` can undo, an audit entry, and the
upsert by business key (typing a meeting again with a corrected date updates it). So a form can never
store what an imported ledger could not.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping

from sqlalchemy import Engine

from etl.importing.pipeline import FileResult, ImportOptions, import_file
from etl.importing.spec import SPECS
from etl.mappings import default_mappings
from etl.text_safety import CONTROL_CHARS

FormValue = str | dt.date | None


def form_csv(kind: str, values: Mapping[str, FormValue]) -> bytes:
    """The one-row ledger: the kind's template header, then the values (dates as ISO, blanks empty)."""
    spec, maps = SPECS[kind], default_mappings()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([maps.label(kind, c.field) for c in spec.columns])
    writer.writerow([_cell(values.get(c.field)) for c in spec.columns])
    return out.getvalue().encode("utf-8")


def _cell(value: FormValue) -> str:
    """A typed value as a cell. Control characters (a paste from another program can carry them) are
    removed here, so neither the record nor the batch named after it holds one."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return CONTROL_CHARS.sub("", value or "").strip()


def import_form(engine: Engine, kind: str, values: Mapping[str, FormValue], actor: str | None) -> FileResult:
    """Import one form entry as its own batch, named after the form and the record's key."""
    key = "、".join(_cell(values.get(field)) for field in SPECS[kind].key)
    name = f"表单录入-{SPECS[kind].label}-{key or '未命名'}.csv"
    return import_file(engine, name, form_csv(kind, values), ImportOptions(kind=kind, imported_by=actor))
