"""The fact-table catalogue, walked entry by entry: every description agrees with the model, the
import spec, the header synonyms and the indicator registry, and a ledger row written through the
importer comes back through the reader as one frame row of the entry's schema, on both engines.

A new ledger kind is covered by these tests as soon as it has its entry.
"""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from sqlalchemy import Date, Engine

from etl.catalog import FACT_NAMES, FACT_TABLES, FactTable, fact_table
from etl.catalog.columns import DATE, SUBJECT, TOWNSHIP, UNIT
from etl.db import models
from etl.importing.pipeline import ImportOptions, import_file
from etl.importing.spec import FACT_KINDS, SPECS
from etl.mappings import default_mappings
from etl.metrics import INDICATORS, load_facts
from etl.metrics.facts import LITIGATION_SCHEMA
from tests import factories as f

ENTRIES = pytest.mark.parametrize("table", FACT_TABLES, ids=FACT_NAMES)


def test_the_catalogue_lists_every_fact_model_once() -> None:
    assert [t.model for t in FACT_TABLES] == list(models.FACT_TABLES)
    assert len(set(FACT_NAMES)) == len(FACT_NAMES) and FACT_KINDS == FACT_NAMES
    assert [fact_table(n).name for n in FACT_NAMES] == list(FACT_NAMES)
    with pytest.raises(KeyError):
        fact_table("targets")


@ENTRIES
def test_every_frame_column_is_read_from_a_model_column_that_exists(table: FactTable) -> None:
    columns = table.table.c
    for column in table.frame_columns:
        assert column.model_column in columns, f"{table.name}.{column.name} ← {column.model_column}"
    assert len(table.schema) == len(table.frame_columns), "frame column names are unique"
    # The responsible unit is read by name into ``unit_id``, whatever its column is called.
    assert table.select().selected_columns.keys() == list(table.schema)
    assert table.schema["unit_id"] == pl.Int64()


def _foreign_target(table: FactTable, column: str) -> str:
    [key] = list(table.table.c[column].foreign_keys)
    return key.target_fullname


@ENTRIES
def test_name_links_point_from_a_raw_spelling_to_the_right_dimension(table: FactTable) -> None:
    targets = {"unit": "unit.id", "township": "region.id", "subject": "subject_area.id"}
    for link in table.name_links:
        assert link.raw_column in table.table.c and link.id_column in table.table.c
        assert _foreign_target(table, link.id_column) == targets[link.target]
    # An unmatched name is shown by its spelling (drill-through, the 督办 lists), so the frame keeps it.
    assert table.unit.raw_column in table.schema


@ENTRIES
def test_dates_are_date_columns_and_deadlines_are_not_events(table: FactTable) -> None:
    assert table.event_dates, "the latest event date dates the data"
    assert not set(table.event_dates) & set(table.deadlines)
    for column in table.date_columns:
        assert table.schema[column] == pl.Date()
        assert isinstance(table.table.c[column].type, Date)


@ENTRIES
def test_the_import_spec_fits_the_entry(table: FactTable) -> None:
    spec = table.spec
    fields = {c.field for c in spec.columns}
    assert spec.kind == table.name and SPECS[table.name] is spec
    assert set(spec.key) <= fields and set(spec.required_per_row) <= fields and set(spec.defaults) <= fields
    typed = {c.type: c.field for c in spec.columns if c.type in (UNIT, TOWNSHIP, SUBJECT)}
    assert typed == {UNIT: table.unit.field, TOWNSHIP: table.township.field, SUBJECT: table.area.field}
    for order in spec.date_order:
        assert spec.column(order.earlier).type == DATE and spec.column(order.later).type == DATE
    headers = default_mappings().headers[table.name]
    assert fields <= set(headers), f"header synonyms missing for {sorted(fields - set(headers))}"


def test_every_indicator_reads_date_columns_of_a_catalogued_table() -> None:
    for ind in INDICATORS:
        table = fact_table(ind.table)
        for column in {ind.date_column, ind.numerator_date_column} - {None}:
            assert column in table.date_columns, f"{ind.key}: {column}"


def test_the_litigation_frame_keeps_todays_columns_and_types() -> None:
    """Derived from the catalogue, the frame stays what the engine, tests and benchmarks were built on."""
    assert [(n, str(t)) for n, t in LITIGATION_SCHEMA.items()] == [
        ("id", "Int64"), ("unit_id", "Int64"), ("township_id", "Int64"), ("area_id", "Int64"),
        ("region_id", "Int64"), ("court", "Categorical"), ("instance", "Categorical"), ("case_number", "String"),
        ("plaintiff", "String"), ("defendant_raw", "String"), ("filed_on", "Date"), ("hearing_on", "Date"),
        ("closed_on", "Date"), ("outcome", "Categorical"), ("appearance", "Categorical"),
        ("outcome_held", "Boolean"), ("appearance_held", "Boolean")]


def _example_csv(table: FactTable) -> bytes:
    """One ledger row of the spec's own examples, under the first header spelling of each field."""
    maps = default_mappings()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([maps.label(table.name, c.field) for c in table.spec.columns])
    writer.writerow([c.example for c in table.spec.columns])
    return out.getvalue().encode("utf-8")


@ENTRIES
def test_an_example_row_imports_and_reads_back_as_one_frame_row(table: FactTable, engine: Engine) -> None:
    with engine.begin() as conn:
        county = f.add_county(conn, "河清县")
        f.add_township(conn, "柳屯镇", county)
        f.add_area(conn, "土地征收")
        units = {example: f.add_unit(conn, f"河清县{example.removeprefix('县')}", county)
                 for example in {c.example for c in table.spec.columns if c.type == UNIT}}
    result = import_file(engine, f"{table.name}.csv", _example_csv(table), ImportOptions(kind=table.name))
    assert result.status == "imported" and result.prepared.rejected == 0, result.message
    assert result.prepared.held == 0, "every example value is a spelling the shipped vocabulary knows"
    facts = load_facts(engine, reader="sqlalchemy")
    frame = facts.frame(table.name)
    assert frame.schema == pl.Schema(table.schema) and frame.height == 1
    row = frame.row(0, named=True)
    assert row["unit_id"] == units[table.spec.column(table.unit.field).example]
    assert row["township_id"] is not None and row["area_id"] is not None and row["region_id"] == county
    assert not any(row[c] for c in table.held_columns)
    events = [row[c] for c in table.event_dates if row[c] is not None]
    assert events and facts.as_of == max(events)
