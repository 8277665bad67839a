"""The demo county writes its ledgers in words the shipped vocabulary knows, each meaning the code the
generator stored: an imported copy of the demo would hold nothing, and a mapping the office makes
(which recomputes the rows of its spelling only) can never rewrite a demo row."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.catalog import FACT_TABLES
from etl.demo import generate_demo
from etl.mappings import YES_NO, default_mappings


@pytest.mark.parametrize("seed", [1, 7])
def test_every_raw_spelling_of_the_demo_means_its_stored_code(seed: int) -> None:
    [(_, frames)] = list(generate_demo(seed, "county", dt.date(2026, 6, 30)).county_facts())
    maps = default_mappings()
    wrong = []
    for table in FACT_TABLES:
        frame = frames[table.table_name]
        for link in table.vocabularies:
            if link.raw_column not in frame.columns:
                continue
            pairs = frame.select(link.raw_column, link.column).unique().drop_nulls(link.raw_column)
            for raw, code in pairs.iter_rows():
                meant = maps.code_of(link.vocabulary, raw)
                if link.vocabulary == YES_NO and meant is not None:
                    meant = meant == "true"
                if meant != code:
                    wrong.append((table.name, link.field, raw, code, meant))
    assert wrong == []
