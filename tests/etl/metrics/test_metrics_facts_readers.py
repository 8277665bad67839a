"""The Arrow-native readers (ADBC, ConnectorX) give exactly the frames of the SQLAlchemy row reader,
on SQLite and PostgreSQL with the demo county; ``auto`` falls back to rows when no reader applies."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from sqlalchemy import Engine, create_engine

from etl.demo import load_demo
from etl.metrics import facts as facts_module
from etl.metrics import load_facts
from etl.metrics.facts import FACT_NAMES, LITIGATION_SCHEMA, _arrow_uri, _conform_arrow, _read_arrow

ARROW = ("adbc", "connectorx")


@pytest.fixture
def demo(db_url: str, engine: Engine) -> Engine:
    load_demo(db_url, seed=20231225, scale="county", replace=False)
    return engine


def _assert_same_facts(a: object, b: object) -> None:
    for name in FACT_NAMES:
        assert_frame_equal(a.frame(name), b.frame(name), check_row_order=True), name
    for name in ("units", "townships", "areas", "targets", "counties"):
        assert_frame_equal(getattr(a, name), getattr(b, name), check_row_order=True), name
    for attr in ("schemes", "data_version", "region_name", "is_demo", "as_of"):
        assert getattr(a, attr) == getattr(b, attr), attr


@pytest.mark.parametrize("reader", ARROW)
def test_arrow_readers_give_the_row_readers_frames_on_the_demo_county(demo: Engine, reader: str) -> None:
    rows = load_facts(demo, reader="sqlalchemy")
    assert rows.litigation.height > 100 and rows.disputes.height > 100
    # Nulls are present in the columns whose parsing differs between readers (dates, booleans).
    assert rows.litigation["closed_on"].null_count() > 0
    arrow = load_facts(demo, reader=reader)
    _assert_same_facts(arrow, rows)
    assert arrow.litigation.schema == LITIGATION_SCHEMA
    assert arrow.litigation["instance"].dtype == pl.Categorical()


def test_auto_reader_uses_an_arrow_path_when_one_applies(demo: Engine) -> None:
    frames = _read_arrow(demo, "adbc")  # raises if ADBC is not usable here: auto would silently fall back
    assert set(frames) == set(FACT_NAMES)
    _assert_same_facts(load_facts(demo), load_facts(demo, reader="sqlalchemy"))


def test_in_memory_sqlite_is_read_through_its_own_connection_only() -> None:
    """Another connection to ``sqlite://`` would open a different, empty database."""
    engine = create_engine("sqlite://")
    assert _arrow_uri(engine) is None
    with pytest.raises(LookupError):
        _read_arrow(engine, "adbc")


def test_empty_tables_keep_their_schema(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    for reader in ("sqlalchemy", *ARROW):
        facts = load_facts(engine, reader=reader)
        assert facts.litigation.height == 0
        assert facts.litigation.schema == LITIGATION_SCHEMA


def test_unexpected_date_text_is_an_error_not_a_guess() -> None:
    raw = pl.DataFrame({c: [None] for c in LITIGATION_SCHEMA}).with_columns(
        pl.lit("2025/01/02").alias("filed_on"))
    with pytest.raises(pl.exceptions.InvalidOperationError):
        _conform_arrow(raw, LITIGATION_SCHEMA)
    ok = _conform_arrow(raw.with_columns(pl.lit("2025-01-02").alias("filed_on")), LITIGATION_SCHEMA)
    assert ok["filed_on"].to_list() == [dt.date(2025, 1, 2)]


def test_auto_reader_falls_back_to_rows_when_the_arrow_read_fails(demo: Engine,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    expected = load_facts(demo, reader="sqlalchemy")
    calls: list[str] = []

    def broken(engine: Engine, reader: str) -> dict[str, pl.DataFrame]:
        calls.append(reader)
        raise RuntimeError("driver missing")

    monkeypatch.setattr(facts_module, "_read_arrow", broken)
    _assert_same_facts(load_facts(demo), expected)
    # auto never opens a SQLite file with a second SQLite library (see the next test)
    assert calls == ([] if demo.url.get_backend_name() == "sqlite" else ["adbc", "connectorx"])
    with pytest.raises(RuntimeError):
        load_facts(demo, reader="adbc")  # a forced reader does not hide its failure


def test_auto_never_reads_a_sqlite_file_through_a_second_sqlite_library(sqlite_url: str) -> None:
    """ADBC and ConnectorX bundle their own SQLite; closing their connection would drop the POSIX locks of
    this process's other connections to the file. An engine kept open across an import must still see
    the new data and must not fail with "disk I/O error"."""
    engine = create_engine(sqlite_url)
    assert facts_module._AUTO_ARROW.get("sqlite", ()) == ()
    before = load_facts(engine)
    load_demo(sqlite_url, seed=7, scale="county", replace=False)  # a write while the engine's pool is open
    after = load_facts(engine)
    assert after.data_version != before.data_version
    assert after.litigation.height > 0 and before.litigation.height == 0
    engine.dispose()
