"""Every change of data leaves exactly one audit event, with who and what, committed in the same
transaction as the change; on SQLite and PostgreSQL, and through the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from etl import audit
from etl.auth.visibility import ranking_names_visible, set_ranking_names_visible
from etl.cli import app
from etl.db.engine import make_engine
from etl.db.models import AuditEvent, Unit
from etl.importing.batches import RollbackError, rollback_batch
from etl.importing.pipeline import ImportOptions, import_file
from etl.importing.unmatched import create_unit, map_name_to_township, map_name_to_unit
from etl.metrics.admin import delete_scheme, save_scheme, save_target
from etl.regions import set_jurisdiction
from tests.ledger_factories import briefing_ledger
from tests.support.paths import LEDGERS

SCHEME = {"indicators": [{"key": "loss_rate", "weight": 70, "target": 0.05, "threshold": 0.3},
                         {"key": "head_appearance_rate", "weight": 30, "target": 1.0, "threshold": 0.5}]}
runner = CliRunner()


def events(engine: Engine) -> list[tuple[str | None, str, dict[str, Any]]]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.detail)
                            .order_by(AuditEvent.id)).all()
    return [(r.actor, r.action, r.detail or {}) for r in rows]


def read(engine: Engine, name: str, by: str | None = None, dry_run: bool = False) -> Any:
    return import_file(engine, name, (LEDGERS / name).read_bytes(), ImportOptions(imported_by=by, dry_run=dry_run))


@pytest.fixture
def county(engine: Engine) -> Engine:
    """河清县 with units and townships imported (two import events by "setup")."""
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    assert read(engine, "units_with_aliases.xlsx", "setup").status == "imported"
    assert read(engine, "townships.xlsx", "setup").status == "imported"
    return engine


def test_an_import_is_one_event_with_file_kind_counts_and_batch(county: Engine) -> None:
    before = len(events(county))
    assert read(county, "court_ledger_messy.xlsx", "office", dry_run=True).status == "dry_run"
    result = read(county, "court_ledger_messy.xlsx", "office")
    again = read(county, "court_ledger_messy.xlsx", "office")  # same content: nothing written, nothing logged
    assert again.status == "already_imported"
    new = events(county)[before:]
    assert len(new) == 1
    actor, action, detail = new[0]
    assert (actor, action) == ("office", audit.IMPORT)
    assert detail["file_name"] == "court_ledger_messy.xlsx" and detail["kind"] == "litigation"
    assert detail["batch_id"] == result.batch_id
    # The fixture's hand-counted figures (test_import_ledgers): 14 read, 6 accepted, 1 held, 3 rejected.
    assert (detail["rows_read"], detail["accepted"], detail["held"], detail["rejected"], detail["inserted"]) == (
        14, 6, 1, 3, 7)


def test_a_rollback_is_one_event_and_a_refused_one_none(county: Engine) -> None:
    batch = read(county, "court_ledger_messy.xlsx", "office").batch_id
    before = len(events(county))
    with county.begin() as conn:
        touched = rollback_batch(conn, batch, actor="office")
    with pytest.raises(RollbackError), county.begin() as conn:
        rollback_batch(conn, batch, actor="office")
    new = events(county)[before:]
    assert new == [("office", audit.ROLLBACK, {"batch_id": batch, "file_name": "court_ledger_messy.xlsx",
                                                "kind": "litigation", "rows": touched})]
    assert touched == 7


def test_name_mappings_and_unit_creation_are_each_one_event(county: Engine) -> None:
    read(county, "court_ledger_messy.xlsx", "office")
    with county.begin() as conn:
        conn.exec_driver_sql("UPDATE litigation_case SET township_id = NULL, township_raw = '老城乡' "
                             "WHERE id = (SELECT MIN(id) FROM litigation_case)")
    before = len(events(county))
    with county.begin() as conn:
        mapped = map_name_to_unit(conn, "河清县翠湖管委会", "河清县住房和城乡建设局", actor="office")
        town_rows = map_name_to_township(conn, "老城乡", "城关镇", actor="office")
        _, created_rows = create_unit(conn, "河清县新设局", actor="office")
    new = events(county)[before:]
    assert [(a, act, d["op"], d["rows"]) for a, act, d in new] == [
        ("office", audit.NAME_MAPPING, "unit_alias", mapped), ("office", audit.NAME_MAPPING, "township_alias", town_rows),
        ("office", audit.NAME_MAPPING, "create_unit", created_rows)]
    assert (mapped, town_rows, created_rows) == (1, 1, 0)
    assert new[0][2]["name"] == "河清县翠湖管委会" and new[0][2]["unit"] == "河清县住房和城乡建设局"


def test_target_scheme_and_setting_changes_are_each_one_event(engine: Engine) -> None:
    with engine.begin() as conn:
        save_target(conn, 2025, "loss_rate", 0.02, actor="office")
        save_scheme(conn, 2025, SCHEME, name="2025年方案", actor="office")
        assert delete_scheme(conn, 2025, actor="office")
        assert not delete_scheme(conn, 2025, actor="office")  # nothing to reset: nothing logged
        set_ranking_names_visible(conn, True, actor="office")
        assert ranking_names_visible(conn)
    assert events(engine) == [
        ("office", audit.TARGET_CHANGE, {"year": 2025, "indicator": "loss_rate", "scope_type": "region",
                                         "scope_id": None, "value": 0.02}),
        ("office", audit.SCHEME_CHANGE, {"op": "save", "year": 2025, "name": "2025年方案",
                                         "indicators": ["loss_rate", "head_appearance_rate"]}),
        ("office", audit.SCHEME_CHANGE, {"op": "reset", "year": 2025}),
        ("office", audit.SETTING_CHANGE, {"setting": "ranking_names_visible", "value": True}),
    ]


def test_a_change_that_fails_leaves_no_audit_event(engine: Engine) -> None:
    with pytest.raises(RuntimeError), engine.begin() as conn:
        save_target(conn, 2025, "loss_rate", 0.02, actor="office")
        raise RuntimeError("the rest of the request failed")
    assert events(engine) == []


def test_audit_filters_by_action_and_actor_newest_first(engine: Engine) -> None:
    with engine.begin() as conn:
        save_target(conn, 2025, "loss_rate", 0.02, actor="a")
        save_target(conn, 2025, "loss_rate", 0.03, actor="b")
        set_ranking_names_visible(conn, True, actor="a")
    with engine.connect() as conn:
        mine = audit.list_events(conn, actor="a")
        targets_of_a = audit.list_events(conn, action=audit.TARGET_CHANGE, actor="a")
        assert audit.list_actors(conn) == ["a", "b"]
    assert mine["action"].to_list() == [audit.SETTING_CHANGE, audit.TARGET_CHANGE]
    assert targets_of_a.height == 1 and "value=0.02" in targets_of_a["detail"][0]


@pytest.mark.usefixtures("cjk_fonts")
def test_cli_changes_are_logged_as_the_operating_system_user(sqlite_url: str, tmp_path: Path) -> None:
    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    before = len(events(engine))
    # No connection of ours stays open while the commands run: `liandong scheme` reads facts through
    # ADBC, a second SQLite library in this process, which breaks the WAL locks of open sqlite3
    # connections (https://sqlite.org/howtocorrupt.html §2.2), so a pooled connection would read stale.
    engine.dispose()
    scheme = tmp_path / "s.json"
    scheme.write_text('{"indicators": [{"key": "loss_rate", "weight": 100, "target": 0.05, "threshold": 0.3}]}',
                      encoding="utf-8")
    csv = tmp_path / "t.csv"
    csv.write_text("审理法院,案号,被告\n示范县人民法院,（2025）豫0928行初90号,示范县水利局\n", encoding="utf-8")
    out = tmp_path / "b.docx"
    for args in (["import", str(csv)], ["map-name", "示范县水利局", "--create"], ["rollback", "1"],
                 ["scheme", "--year", "2025", "--load", str(scheme)], ["settings", "--ranking-names", "show"],
                 ["brief", "--period", "2025H1", "--out", str(out), "--unit", "自然资源局"]):
        result = runner.invoke(app, [*args, "--db", sqlite_url])
        assert result.exit_code == 0, (args, result.output)
    engine = make_engine(sqlite_url)
    new = events(engine)[before:]
    engine.dispose()
    # Issuing a briefing records its 期号 (briefing_issue), then the file written (briefing).
    assert [action for _, action, _ in new] == [audit.IMPORT, audit.NAME_MAPPING, audit.ROLLBACK, audit.SCHEME_CHANGE,
                                                audit.SETTING_CHANGE, audit.BRIEFING_ISSUE, audit.BRIEFING]
    assert {actor for actor, _, _ in new} == {audit.cli_actor()} and audit.cli_actor().startswith("cli:")
    assert new[-1][2]["format"] == "docx" and new[-1][2]["unit"] == "自然资源局"
    shown = runner.invoke(app, ["audit", "--actor", audit.cli_actor(), "--action", "briefing", "--db", sqlite_url])
    assert shown.exit_code == 0 and shown.output.count("生成简报") == 1  # the action in words, as on the page


def test_rolling_back_an_older_batch_keeps_a_later_name_mapping(county: Engine) -> None:
    """Batch 2 updates a row whose defendant was unmatched; the name is mapped afterwards; rolling
    batch 2 back restores the row's pre-batch values, and the mapping still applies to it."""
    head = "审理法院,案号,被告,立案日期\n"
    row = "河清县人民法院,（2025）豫0928行初91号,河清县翠湖管委会,{}\n"
    first = import_file(county, "a.csv", (head + row.format("2025-03-01")).encode())
    second = import_file(county, "b.csv", (head + row.format("2025-03-02")).encode())
    assert (first.status, second.status, second.counts.updated) == ("imported", "imported", 1)
    with county.begin() as conn:
        map_name_to_unit(conn, "河清县翠湖管委会", "河清县住房和城乡建设局", actor="office")
        housing = conn.exec_driver_sql("SELECT id FROM unit WHERE name = '河清县住房和城乡建设局'").scalar_one()
    with county.begin() as conn:
        rollback_batch(conn, second.batch_id, actor="office")
    with county.connect() as conn:
        filed, unit = conn.exec_driver_sql("SELECT filed_on, defendant_unit_id FROM litigation_case").one()
    assert str(filed) == "2025-03-01" and unit == housing


def test_a_units_batch_cannot_be_rolled_back_while_targets_or_accounts_name_its_units(county: Engine) -> None:
    from etl.auth.accounts import add_account

    with county.connect() as conn:
        units_batch, housing = conn.exec_driver_sql(
            "SELECT b.id, u.id FROM import_batch b, unit u WHERE b.kind = 'units' "
            "AND u.name = '河清县住房和城乡建设局'").one()
    with county.begin() as conn:
        save_target(conn, 2025, "loss_rate", 0.05, scope_type="unit", scope_id=housing, actor="office")
    with pytest.raises(RollbackError, match="目标值（手工设置）"), county.begin() as conn:
        rollback_batch(conn, units_batch, actor="office")
    with county.begin() as conn:
        conn.exec_driver_sql("DELETE FROM target")
        add_account(conn, "lly", "a-long-password-1", "liaison", unit_id=housing)
    with pytest.raises(RollbackError, match="联络员账号“lly”"), county.begin() as conn:
        rollback_batch(conn, units_batch, actor="office")
    with county.connect() as conn:
        assert conn.execute(select(Unit.id).where(Unit.id == housing)).scalar() == housing
