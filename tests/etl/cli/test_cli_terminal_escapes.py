"""What strangers typed reaches the administrator's terminal as text, not as commands to it: escape
sequences in a login name, an unmatched ledger name or a file name print escaped (``\\x1b``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert
from typer.testing import CliRunner

from etl.auth import accounts
from etl.cli import app
from etl.db.engine import make_engine
from etl.db.models import Meeting
from etl.importing.pipeline import ImportOptions, import_file
from tests.factories import add_case, add_county
from tests.geo_factories import collection, feature, geojson_bytes, polygon

runner = CliRunner()
ESCAPE = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"  # set the window title, clear the screen, turn red
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m"


@pytest.fixture
def hostile(sqlite_url: str) -> str:
    engine: Engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        add_county(conn, "示范县")
        add_case(conn, defendant_raw=f"某局{ESCAPE}", filed_on=dt.date(2025, 3, 1))
        accounts.add_account(conn, "office", "a long enough password", "admin")
        accounts.authenticate(conn, f"admin{ESCAPE}", "guess")
        accounts.authenticate(conn, "admin\u202egnp.exe", "guess")  # a right-to-left override
    data = "单位名称,别名\n示范县自然资源局,自然资源局\n".encode()
    import_file(engine, f"名录{ESCAPE}.csv", data, ImportOptions(kind="units"))
    engine.dispose()
    return sqlite_url


@pytest.mark.parametrize(("command", "expected"), [
    (["audit"], f"admin{SHOWN}"),
    (["unmatched"], f"某局{SHOWN}"),
    (["batches"], f"名录{SHOWN}.csv"),
])
def test_listings_print_control_characters_escaped(hostile: str, command: list[str], expected: str) -> None:
    result = runner.invoke(app, [*command, "--db", hostile])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert expected in result.output


def test_format_characters_are_escaped_too(hostile: str) -> None:
    result = runner.invoke(app, ["audit", "--db", hostile])
    assert "\u202e" not in result.output and "admin\\u202egnp.exe" in result.output


def test_json_output_stays_exact(hostile: str) -> None:
    """--json is for programs: the value is the stored one, JSON-escaped by the encoder."""
    result = runner.invoke(app, ["audit", "--json", "--db", hostile])
    assert result.exit_code == 0 and "\x1b" not in result.output and "\\u001b" in result.output


def test_an_outline_files_property_names_print_escaped(hostile: str, tmp_path: Path) -> None:
    """An outline file's column is a property name it chose, and a reason may quote it."""
    key = f"NAME{ESCAPE}"
    document = collection([feature({key: "杏坡镇"}, polygon(0, 0)), feature({key: None}, polygon(1, 0))])
    path = tmp_path / "边界.geojson"
    path.write_bytes(geojson_bytes(document))
    result = runner.invoke(app, ["import", str(path), "--name-field", key, "--db", hostile])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert f"[NAME{SHOWN}]" in result.output and f"属性“NAME{SHOWN}”为空" in result.output


def test_the_meeting_register_prints_names_escaped(hostile: str) -> None:
    """A register filled before the importer removed control characters (or by another tool)."""
    engine: Engine = make_engine(hostile)
    with engine.begin() as conn:
        conn.execute(insert(Meeting).values(name=f"2025年第一次联席会议{ESCAPE}", kind="court",
                                            held_on=dt.date(2025, 3, 1), minutes_no=f"纪〔2025〕1号{ESCAPE}"))
    engine.dispose()
    result = runner.invoke(app, ["meetings", "--year", "2025", "--as-of", "2025-12-31", "--db", hostile])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert f"2025年第一次联席会议{SHOWN}" in result.output and f"纪〔2025〕1号{SHOWN}" in result.output
