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

from sqlalchemy import Connection, Engine

from etl.importing.pipeline import FileResult, ImportOptions, import_file, load_prepared, prepare_file
from etl.importing.spec import SPECS
from etl.mappings import default_mappings
from etl.text_safety import CONTROL_CHARS

FormValue = str | dt.date | None


def form_csv(kind: str, values: Mapping[str, FormValue], only_given: bool = False) -> bytes:
    """The one-row ledger: the kind's template header, then the values (dates as ISO, blanks empty).

    ``only_given`` writes only the columns in ``values``, so the import updates those and leaves the
    row's other columns as they are (a correction rather than a whole record)."""
    spec, maps = SPECS[kind], default_mappings()
    columns = [c for c in spec.columns if not only_given or c.field in values]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([maps.label(kind, c.field) for c in columns])
    writer.writerow([_cell(values.get(c.field)) for c in columns])
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


def import_correction(conn: Connection, kind: str, values: Mapping[str, FormValue], actor: str | None,
                      source: str) -> FileResult:
    """Correct some columns of one ledger row inside the caller's transaction: a one-row ledger of only
    those columns (and the business key), imported as its own batch, so it is validated, audited and
    undone by ``liandong rollback`` like any import. ``source`` names why (it becomes the file name)."""
    key = "、".join(_cell(values.get(field)) for field in SPECS[kind].key)
    name = f"{source}-{SPECS[kind].label}-{key or '未命名'}.csv"
    options = ImportOptions(kind=kind, imported_by=actor)
    prepared = prepare_file(conn, name, form_csv(kind, values, only_given=True), options)
    return prepared if prepared.status == "failed" else load_prepared(conn, prepared, options)
