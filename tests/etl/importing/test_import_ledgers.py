"""The importer end to end on SQLite and PostgreSQL: a messy court ledger, a GB18030 CSV and a dimension
sheet with aliases import with hand-computed counts; the unmatched defendant is queued and counts
county-wide only; re-import is a no-op; rollback restores the database.

The fixtures are in tests/fixtures/ledgers (see build_fixtures.py, which comments every row).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from sqlalchemy import Engine, select

from etl.db.meta import data_version
from etl.db.models import ImportBatch, LitigationCase, Region, RegionLevel, Unit
from etl.importing.batches import RollbackError, rollback_batch
from etl.importing.pipeline import FileResult, ImportOptions, import_file
from etl.importing.unmatched import create_unit, map_name_to_unit, unmatched_names
from etl.metrics import Filters, compute_grouped, compute_indicators, load_facts, year_period
from etl.regions import set_jurisdiction
from tests.support.paths import LEDGERS

COURT = "河清县人民法院"


def load(engine: Engine, name: str, **options: object) -> FileResult:
    return import_file(engine, name, (LEDGERS / name).read_bytes(), ImportOptions(**options))  # type: ignore[arg-type]


def counts(result: FileResult) -> tuple[int, int, int, int, int, int]:
    """read, accepted, held, merged duplicates, skipped, rejected — the first is the sum of the others."""
    p = result.prepared
    assert p.rows_read == p.accepted + p.held + p.duplicates + p.skipped + p.rejected
    return (p.rows_read, p.accepted, p.held, p.duplicates, p.skipped, p.rejected)


@pytest.fixture
def county(engine: Engine) -> dict[str, int]:
    """河清县 with its units (from the aliases sheet) and townships; returns name → id."""
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    units = load(engine, "units_with_aliases.xlsx")
    towns = load(engine, "townships.xlsx")
    assert units.status == "imported" and towns.status == "imported"
    with engine.connect() as conn:
        ids = {name: uid for uid, name in conn.execute(select(Unit.id, Unit.name))}
        ids |= {name: rid for rid, name in conn.execute(select(Region.id, Region.name)
                                                         .where(Region.level == RegionLevel.TOWNSHIP))}
    return ids


def cases(engine: Engine) -> dict[str, dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(select(LitigationCase)).mappings().all()
    return {str(r["case_number"]): dict(r) for r in rows}


def test_dimension_sheet_with_aliases_imports_units_and_skips_notes(engine: Engine) -> None:
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    result = load(engine, "units_with_aliases.xlsx")
    # 6 rows under the header: 4 units, a blank row and a 注 row.
    assert counts(result) == (6, 4, 0, 0, 2, 0)
    assert result.counts.inserted == 4
    with engine.connect() as conn:
        types = {name: kind for name, kind in conn.execute(select(Unit.name, Unit.unit_type))}
    assert types["柳屯镇人民政府"] == "township_gov" and types["河清县自然资源局"] == "agency"
    assert set(result.prepared.skipped_rows["reason"]) == {"空行", "注释/说明行"}


def test_messy_court_ledger_counts_and_values(engine: Engine, county: dict[str, int]) -> None:
    result = load(engine, "court_ledger_messy.xlsx")
    # Rows 4–17: 7 valid (rows 4,5,6,8,13,14,15) of which row 13 repeats row 4 → 6 accepted + 1 merged;
    # row 12 (结案方式 部分支持, a wording no vocabulary knows) is stored and held;
    # skipped: blank row 7, 合计 row 16, 注 row 17; rejected: rows 9 (date), 10 (案号), 11 (closed<filed).
    assert counts(result) == (14, 6, 1, 1, 3, 3)
    assert result.status == "imported" and result.counts.inserted == 7
    rejected = result.prepared.rejected_cells
    assert rejected.select("source_row", "column").rows() == [(9, "立案日期"), (10, "案号"), (11, "结案日期")]
    assert result.prepared.held_cells.select("source_row", "column", "field", "value").rows() == [
        (12, "结案方式", "outcome", "部分支持")]
    assert result.prepared.court == COURT  # from the 填报单位 line
    got = cases(engine)
    assert set(got) == {"（2025）豫0928行初1号", "（2025）豫0928行初2号", "（2025）豫0928行初3号",
                        "（2025）豫0928行初4号", "（2025）豫0928行初7号", "（2025）豫0928行终1号", "（2025）豫0928行审复2号"}
    held = got["（2025）豫0928行初7号"]
    assert (held["outcome_raw"], held["outcome"], held["closed_on"]) == ("部分支持", None, dt.date(2025, 6, 1))
    first = got["（2025）豫0928行初1号"]  # the later row 13 won
    assert (first["outcome"], first["closed_on"], first["source_row"]) == ("revoked", dt.date(2025, 3, 25), 13)
    assert first["defendant_unit_id"] == county["河清县自然资源局"] and first["township_id"] == county["柳屯镇"]
    second = got["（2025）豫0928行初2号"]  # full-width digits, short name 人社局, former name 柳屯乡
    assert second["case_number_raw"] == "(２０２５)豫0928行初2号"
    assert second["defendant_unit_id"] == county["河清县人力资源和社会保障局"]
    assert second["township_id"] == county["柳屯镇"]
    assert (second["filed_on"], second["hearing_on"], second["appearance"], second["appearance_raw"]) == (
        dt.date(2025, 2, 3), dt.date(2025, 3, 10), "head", "√")
    third = got["（2025）豫0928行初3号"]  # 〔〕 brackets, 县住建局, Excel serial 45700, 出庭
    assert (third["filed_on"], third["defendant_unit_id"], third["appearance"]) == (
        dt.date(2025, 2, 12), county["河清县住房和城乡建设局"], "head")
    assert got["（2025）豫0928行初4号"]["defendant_unit_id"] is None
    assert got["（2025）豫0928行初4号"]["appearance"] == "absent"  # ×
    assert got["（2025）豫0928行终1号"]["instance"] == "second"
    assert got["（2025）豫0928行终1号"]["appearance"] == "absent"  # 未出庭
    assert got["（2025）豫0928行审复2号"]["instance"] == "non_litigation"  # 行审复, not 行审 misread
    assert {c["court"] for c in got.values()} == {COURT}


def test_unmatched_defendant_is_queued_and_counts_county_wide_only(engine: Engine, county: dict[str, int]) -> None:
    load(engine, "court_ledger_messy.xlsx")
    with engine.connect() as conn:
        queue = unmatched_names(conn)
    assert ("河清县翠湖管委会", "被告", 1) in queue.select("name", "field", "rows").rows()
    facts = load_facts(engine)
    period = year_period(2025)
    # First-instance cases filed in 2025: 行初1–4 and the held 行初7 → 5 county-wide; by unit only 4
    # (翠湖 is no unit's). A held outcome still counts as a case filed.
    assert compute_indicators(facts, period, Filters())["litigation_cases"].value == 5
    by_unit = compute_grouped(facts, period, Filters(), by="unit")
    assert by_unit["litigation_cases"].sum() == 4


def test_mapping_an_unmatched_name_stores_alias_and_reattributes(engine: Engine, county: dict[str, int]) -> None:
    load(engine, "court_ledger_messy.xlsx")
    load(engine, "litigation_gb18030.csv")  # adds 翠湖管委会 (without the county prefix) once more
    with engine.begin() as conn:
        before = data_version(conn)
        changed = map_name_to_unit(conn, "翠湖管委会", "住建局")
        assert data_version(conn) > before
    assert changed == 2  # 河清县翠湖管委会 (prefix stripped) and 翠湖管委会
    got = cases(engine)
    assert got["（2025）豫0928行初4号"]["defendant_unit_id"] == county["河清县住房和城乡建设局"]
    assert got["（2025）豫0928行初9号"]["defendant_unit_id"] == county["河清县住房和城乡建设局"]
    with engine.begin() as conn:
        unit_id, moved = create_unit(conn, "冯二")
        assert moved == 1 and unmatched_names(conn).filter(pl.col("target") != "value").is_empty()


def test_gb18030_csv_updates_a_case_across_files_and_rollback_restores_it(
        engine: Engine, county: dict[str, int]) -> None:
    first = load(engine, "court_ledger_messy.xlsx")
    csv = load(engine, "litigation_gb18030.csv")
    # 5 rows under the header: 3 cases, a blank row, a 合计 row; 行初2 exists → update.
    assert counts(csv) == (5, 3, 0, 0, 2, 0)
    assert (csv.counts.inserted, csv.counts.updated, csv.counts.unchanged) == (2, 1, 0)
    updated = cases(engine)["（2025）豫0928行初2号"]
    assert (updated["outcome"], updated["closed_on"]) == ("withdrawn", dt.date(2025, 6, 1))
    assert updated["hearing_on"] == dt.date(2025, 3, 10)  # the CSV has no 开庭日期 column: kept
    assert cases(engine)["（2025）豫0928行初8号"]["appearance"] == "absent"  # N
    with engine.begin() as conn:
        with pytest.raises(RollbackError, match=f"批次 {csv.batch_id}"):
            rollback_batch(conn, first.batch_id or 0)  # a later batch rewrote one of its rows
    with engine.begin() as conn:
        rollback_batch(conn, csv.batch_id or 0)
    restored = cases(engine)
    assert len(restored) == 7
    assert (restored["（2025）豫0928行初2号"]["outcome"], restored["（2025）豫0928行初2号"]["closed_on"],
            restored["（2025）豫0928行初2号"]["batch_id"]) == (None, None, first.batch_id)
    with engine.begin() as conn:
        rollback_batch(conn, first.batch_id or 0)
        status = conn.execute(select(ImportBatch.status).where(ImportBatch.id == first.batch_id)).scalar()
    assert cases(engine) == {} and status == "rolled_back"


def test_reimporting_the_same_file_is_a_noop_and_identical_rows_are_unchanged(
        engine: Engine, county: dict[str, int]) -> None:
    first = load(engine, "court_ledger_messy.xlsx")
    before = cases(engine)
    again = load(engine, "court_ledger_messy.xlsx")
    assert again.status == "already_imported" and again.batch_id == first.batch_id
    assert "未重复导入" in again.message and cases(engine) == before
    # The same rows in another file (different bytes): a new batch that changes nothing.
    renamed = import_file(engine, "copy.csv", _as_csv(first), ImportOptions())
    assert renamed.status == "imported"
    assert (renamed.counts.inserted, renamed.counts.updated) == (0, 0)
    assert renamed.counts.unchanged == 7


def _as_csv(result: FileResult) -> bytes:
    """The stored rows of a ledger written back as a UTF-8 CSV with the same court and values."""
    header = "审理法院,案号,原告,被告,案由,立案日期,开庭日期,结案日期,结案方式,负责人是否出庭,所属乡镇"
    lines = [header]
    for row in result.prepared.rows.iter_rows(named=True):
        lines.append(",".join([
            row["court"], row["case_number_raw"], row["plaintiff"] or "", row["defendant_raw"] or "",
            row["cause"] or "", str(row["filed_on"] or ""), str(row["hearing_on"] or ""),
            str(row["closed_on"] or ""), row["outcome_raw"] or "", row["appearance_raw"] or "", row["township_raw"] or ""]))
    return "\n".join(lines).encode("utf-8")


def test_rolling_back_a_dimension_sheet_unattributes_rows_instead_of_failing(
        engine: Engine, county: dict[str, int]) -> None:
    load(engine, "court_ledger_messy.xlsx")
    with engine.connect() as conn:
        units_batch = conn.execute(select(ImportBatch.id).where(ImportBatch.kind == "units")).scalar_one()
    with engine.begin() as conn:
        rollback_batch(conn, units_batch)
    with engine.connect() as conn:
        assert conn.execute(select(Unit.id)).first() is None
        queue = unmatched_names(conn)
    assert {c["defendant_unit_id"] for c in cases(engine).values()} == {None}
    # Every defendant is back in the queue: 自然资源局 ×1, 人社局, 县住建局, 住建局 ×2, 翠湖, 冯二.
    assert queue.filter(pl.col("field") == "被告")["rows"].sum() == 7
    again = load(engine, "units_with_aliases.xlsx")  # same file again: the earlier batch is rolled back
    assert again.status == "imported" and again.counts.inserted == 4
    assert cases(engine)["（2025）豫0928行初2号"]["defendant_unit_id"] is not None  # re-attributed
