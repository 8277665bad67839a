"""The joint conference's ledgers through the importer, on SQLite and PostgreSQL: the meeting register,
key cases, supervision cases and tasks with 配合单位/责任领导 — templates, messy wording with hand-counted
rows (tests/conference_factories.py comments every row), re-import as a no-op, rollback."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import polars as pl
import pytest
from sqlalchemy import Engine, func, select

from etl.db.models import JointTask, KeyCase, Meeting, SupervisionCase
from etl.importing.batches import rollback_batch
from etl.importing.pipeline import ImportOptions, import_file
from etl.importing.template import build_template
from etl.importing.unmatched import unmatched_names
from etl.importing.vocabulary import map_value, unmap_value
from etl.mappings import default_mappings
from tests.conference_factories import (
    EXPECTED,
    MEETINGS,
    SHEETS,
    conference_dimension,
    import_sheet,
    xlsx,
)

KINDS = pytest.mark.parametrize("kind", ["meetings", "tasks", "keycases", "supervision"])
MODELS = {"meetings": Meeting, "tasks": JointTask, "keycases": KeyCase, "supervision": SupervisionCase}


def rows(engine: Engine, kind: str) -> list[dict[str, object]]:
    model = MODELS[kind]
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(model.__table__).order_by(model.__table__.c.id)).mappings()]


@pytest.mark.parametrize("kind", ["meetings", "keycases", "supervision"])
def test_the_template_has_every_column_under_its_first_header_and_explains_it(kind: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(build_template(kind)))
    data, notes = book.worksheets
    headers = [c.value for c in data[1]]
    assert headers == [spellings[0] for spellings in default_mappings().headers[kind].values()]
    assert data.max_row == 1  # no example row a clerk could import as a real meeting or case
    assert notes.cell(1, 1).value == "列名" and notes.max_row >= len(headers) + 1
    example = [c.value for c in notes[1]].index("示例") + 1
    assert all(notes.cell(row, example).value not in (None, "") for row in (2, 3))  # the examples are here


@KINDS
def test_a_messy_sheet_is_detected_and_every_row_accounted_for(engine: Engine, kind: str) -> None:
    conference_dimension(engine)
    result = import_sheet(engine, kind)
    p = result.prepared
    assert (result.status, p.kind) == ("imported", kind), result.message
    assert (p.rows_read, p.accepted, p.held, p.duplicates, p.skipped, p.rejected) == tuple(
        vars(EXPECTED[kind]).values())
    assert p.rows_read == p.accepted + p.held + p.duplicates + p.skipped + p.rejected
    assert len(rows(engine, kind)) == p.accepted + p.held


def test_meetings_are_normalised_and_the_corrected_row_wins(engine: Engine) -> None:
    county = conference_dimension(engine)
    result = import_sheet(engine, "meetings")
    got = {r["name"]: r for r in rows(engine, "meetings")}
    assert sorted(got) == ["2025年第一次府院联动联席会议", "2025年第三次联席会议", "2025年第二次府检联动联席会议",
                           "2025年第四次府院联动联席会议"]
    first, third = got["2025年第一次府院联动联席会议"], got["2025年第三次联席会议"]
    assert (first["kind"], first["held_on"], first["host_unit_id"]) == ("court", dt.date(2025, 3, 20),
                                                                       county.units["司法局"])
    assert (third["kind"], third["kind_raw"], third["minutes_no"]) == ("joint", "联合", "河府院检联纪〔2025〕3号")
    assert got["2025年第二次府检联动联席会议"]["kind"] == "procuratorate"
    # A meeting type no vocabulary knows holds its row: stored with the spelling, the code to be confirmed.
    assert result.prepared.rejected_cells.is_empty()
    cells = result.prepared.held_cells
    assert set(cells.select("source_row", "column", "field", "value").iter_rows()) == {(8, "会议类型", "kind", "专题会")}
    fourth = got["2025年第四次府院联动联席会议"]
    assert (fourth["kind"], fourth["kind_raw"], fourth["held_on"]) == (None, "专题会", dt.date(2025, 12, 10))


def test_tasks_keep_their_partner_units_and_leader_as_written(engine: Engine) -> None:
    county = conference_dimension(engine)
    import_sheet(engine, "tasks")
    first = {r["reference"]: r for r in rows(engine, "tasks")}["2025-01"]
    assert (first["partner_units"], first["leader"], first["lead_unit_id"]) == (
        "住建局、柳屯镇人民政府", "张副县长", county.units["自然资源局"])


def test_key_cases_keep_a_lawsuits_case_number_in_its_canonical_form(engine: Engine) -> None:
    county = conference_dimension(engine)
    import_sheet(engine, "keycases")
    got = {r["reference"]: r for r in rows(engine, "keycases")}
    assert sorted(got) == ["SQ-2025-007", "ZD-2025-03", "（2025）豫0928行初15号"]
    lawsuit = got["（2025）豫0928行初15号"]
    assert (lawsuit["status"], lawsuit["resolved_on"], lawsuit["unit_id"], lawsuit["township_id"]) == (
        "resolved", dt.date(2025, 8, 20), county.units["自然资源局"], county.township)
    assert got["ZD-2025-03"]["status"] == "open"  # a blank status is 化解中
    assert (got["SQ-2025-007"]["status_raw"], got["SQ-2025-007"]["leader"]) == ("推进中", "李副县长")


def test_supervision_cases_read_types_results_and_the_supervised_unit(engine: Engine) -> None:
    county = conference_dimension(engine)
    result = import_sheet(engine, "supervision")
    got = {r["reference"]: r for r in rows(engine, "supervision")}
    assert [(got[k]["kind"], got[k]["result"]) for k in sorted(got)] == [
        ("non_litigation_enforcement", "recommendation"), ("litigation", "not_supported"),
        ("illegal_conduct", "in_progress"), (None, "in_progress")]
    assert got["河检行监〔2025〕3号"]["supervised_unit_id"] == county.units["住建局"]
    assert result.prepared.rejected_cells.is_empty()
    assert set(result.prepared.held_cells["value"]) == {"行政公益诉讼"}  # not a supervision type: held
    assert got["河检行监〔2025〕4号"]["kind_raw"] == "行政公益诉讼"


@KINDS
def test_reimporting_is_a_noop_and_a_resaved_copy_changes_nothing(engine: Engine, kind: str) -> None:
    conference_dimension(engine)
    data = xlsx(SHEETS[kind])  # once: a workbook records when it was saved
    first = import_file(engine, f"{kind}.xlsx", data, ImportOptions())
    again = import_file(engine, f"{kind}.xlsx", data, ImportOptions())
    assert again.status == "already_imported" and again.batch_id == first.batch_id
    resaved = import_sheet(engine, kind, [*SHEETS[kind], ["注：复核后重新报送"]])  # other bytes, same records
    assert resaved.status == "imported"
    assert (resaved.counts.inserted, resaved.counts.updated, resaved.counts.unchanged) == (
        0, 0, EXPECTED[kind].accepted + EXPECTED[kind].held)


def test_rollback_restores_an_updated_meeting_and_then_removes_the_register(engine: Engine) -> None:
    conference_dimension(engine)
    first = import_sheet(engine, "meetings")
    moved = [row[:] for row in MEETINGS]
    moved[3][3] = "2025年3月21日"  # the first meeting's date corrected in a later file
    second = import_sheet(engine, "meetings", moved)
    assert (second.counts.updated, second.counts.unchanged) == (1, 3)  # the held 第四次 meeting unchanged too
    held = {r["name"]: r["held_on"] for r in rows(engine, "meetings")}
    assert held["2025年第一次府院联动联席会议"] == dt.date(2025, 3, 21)
    with engine.begin() as conn:
        rollback_batch(conn, second.batch_id or 0)
    held = {r["name"]: r["held_on"] for r in rows(engine, "meetings")}
    assert held["2025年第一次府院联动联席会议"] == dt.date(2025, 3, 20)
    with engine.begin() as conn:
        rollback_batch(conn, first.batch_id or 0)
        assert conn.execute(select(func.count()).select_from(Meeting.__table__)).scalar_one() == 0


@pytest.mark.parametrize("kind", ["keycases", "supervision"])
def test_rollback_of_a_key_case_or_supervision_sheet_leaves_no_row(engine: Engine, kind: str) -> None:
    conference_dimension(engine)
    result = import_sheet(engine, kind)
    assert rows(engine, kind)
    with engine.begin() as conn:
        rollback_batch(conn, result.batch_id or 0)
    assert rows(engine, kind) == []


def test_a_units_sheet_is_not_mistaken_for_a_meeting_register(engine: Engine) -> None:
    conference_dimension(engine)
    units = import_sheet(engine, "units", [["名称", "类型", "别名"], ["河清县信访局", "部门", "信访局"]])
    assert units.prepared.kind == "units", units.message


def test_the_conference_ledgers_held_values_wait_in_the_queue_and_one_mapping_releases_them(engine: Engine) -> None:
    conference_dimension(engine)
    import_sheet(engine, "meetings")
    import_sheet(engine, "supervision")
    with engine.connect() as conn:
        queue = unmatched_names(conn).filter(pl.col("target") == "value")
    assert set(queue.select("name", "field", "column", "rows").iter_rows()) == {
        ("专题会", "会议类型", "meeting_kind", 1), ("行政公益诉讼", "监督类型", "supervision_kind", 1)}
    with engine.begin() as conn:
        meeting = map_value(conn, "专题会", "meeting_kind", like="府院联动", actor="office")
        supervision = map_value(conn, "行政公益诉讼", "supervision_kind", code="illegal_conduct", actor="office")
    assert (meeting.code, meeting.rows, supervision.code, supervision.rows) == ("court", 1, "illegal_conduct", 1)
    assert {r["name"]: r["kind"] for r in rows(engine, "meetings")}["2025年第四次府院联动联席会议"] == "court"
    assert {r["reference"]: r["kind"] for r in rows(engine, "supervision")}["河检行监〔2025〕4号"] == "illegal_conduct"
    with engine.begin() as conn:
        assert unmap_value(conn, "专题会", "meeting_kind", actor="office") == 1  # held again
        assert unmatched_names(conn).filter(pl.col("target") == "value")["column"].to_list() == ["meeting_kind"]
    # A key case's 状态 is held the same way, under its own key (the tasks' column is "status").
    grid = [row[:] for row in SHEETS["keycases"]]
    grid[3][7] = "暂缓"
    assert import_sheet(engine, "keycases", grid).prepared.held == 1
    with engine.connect() as conn:
        assert ("暂缓", "key_case_status", 1) in unmatched_names(conn).select("name", "column", "rows").rows()
