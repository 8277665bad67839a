"""``liandong meetings --year 2025 --json`` on a literal county (tests/conference_factories.py): each
meeting with its decisions, done, done on time and overdue, tasks linked by meeting name and by 纪要文号;
"today" from the injectable clock or ``--as-of``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from etl.cli import app as cli_app
from etl.cli import meeting_commands
from tests.conference_factories import conference_county


def meetings_json(db_url: str, *args: str) -> dict:
    out = CliRunner().invoke(cli_app, ["meetings", "--year", "2025", "--json", "--db", db_url, *args])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_each_meeting_of_the_year_with_decisions_done_on_time_and_overdue(db_url: str, engine: Engine) -> None:
    conference_county(engine)
    out = meetings_json(db_url, "--as-of", "2025-12-31")
    got = [(m["name"], m["date"], m["kind"], m["minutes_no"], m["decisions"], m["done"], m["done_on_time"],
            m["overdue"]) for m in out["meetings"]]
    assert got == [
        ("2025年第一次府院联动联席会议", "2025-03-20", "court", "河府院联纪〔2025〕1号", 3, 2, 1, 1),
        ("2025年第二次府检联动联席会议", "2025-06-18", "procuratorate", "河府检联纪〔2025〕2号", 1, 0, 0, 0),
        ("2025年第三次联席会议", "2025-09-25", "joint", "河府院检联纪〔2025〕3号", 1, 1, 1, 0),
    ]
    assert out["as_of"] == "2025-12-31" and out["not_in_register"] == []
    assert out["meetings"][1]["cancelled"] == 1 and out["meetings"][0]["kind_label"] == "府院联动"


def test_today_comes_from_the_clock_unless_a_day_is_given(db_url: str, engine: Engine,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    conference_county(engine)
    monkeypatch.setattr(meeting_commands, "today", lambda: dt.date(2026, 4, 1))
    april = {m["name"]: m["overdue"] for m in meetings_json(db_url)["meetings"]}
    assert april["2025年第二次府检联动联席会议"] == 1  # its open task was due on 2026-03-31
    july = {m["name"]: m["overdue"] for m in meetings_json(db_url, "--as-of", "2025-07-01")["meetings"]}
    assert july == {"2025年第一次府院联动联席会议": 0, "2025年第二次府检联动联席会议": 0, "2025年第三次联席会议": 0}


def test_another_year_has_no_meetings_and_the_text_says_so(db_url: str, engine: Engine) -> None:
    conference_county(engine)
    assert meetings_json(db_url, "--as-of", "2025-12-31").get("year") == 2025
    out = CliRunner().invoke(cli_app, ["meetings", "--year", "2024", "--as-of", "2025-12-31", "--db", db_url])
    assert out.exit_code == 0 and "会议台账中没有该年度的会议" in out.output
    bad = CliRunner().invoke(cli_app, ["meetings", "--year", "2025", "--as-of", "去年", "--db", db_url])
    assert bad.exit_code != 0 and "--as-of" in bad.output


def test_the_text_output_words_each_meetings_decisions(db_url: str, engine: Engine) -> None:
    conference_county(engine)
    out = CliRunner().invoke(cli_app, ["meetings", "--year", "2025", "--as-of", "2025-12-31", "--db", db_url])
    assert out.exit_code == 0, out.output
    assert "2025年第一次府院联动联席会议（府院联动，河府院联纪〔2025〕1号）：议定事项3项，已完成2项（其中按期完成1项），逾期未完成1项" \
        in out.output
