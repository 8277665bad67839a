"""期号: a preview takes none; issuing takes the year's next; ``--issue N`` overrides; all recorded and audited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from etl import audit
from etl.briefing.generate import generate_from_engine
from etl.briefing.issues import issued, next_issue_number
from etl.cli import app
from etl.db.models import AuditEvent
from tests.ledger_factories import briefing_ledger

runner = CliRunner()
JULY, NEXT_YEAR = dt.date(2025, 7, 10), dt.date(2026, 1, 5)


@pytest.mark.usefixtures("cjk_fonts")
def test_preview_takes_no_number_and_issuing_counts_per_year(engine: Engine) -> None:
    briefing_ledger(engine)
    preview = generate_from_engine(engine, "2025H1", "docx", issued_on=JULY)
    assert preview.briefing.issue_line == "预览稿（未编期号）" and "预览稿" in preview.file_name
    with engine.connect() as conn:
        assert next_issue_number(conn, 2025) == 1  # the preview took nothing
    first = generate_from_engine(engine, "2025H1", "docx", issue=True, issued_on=JULY)
    second = generate_from_engine(engine, "2025H1", "pdf", issue=True, issued_on=JULY)
    chosen = generate_from_engine(engine, "2025H1", "docx", issue=True, issue_number=7, issued_on=JULY)
    new_year = generate_from_engine(engine, "2025H2", "docx", issue=True, issued_on=NEXT_YEAR)
    assert [b.briefing.issue_line for b in (first, second, chosen, new_year)] == ["第1期", "第2期", "第7期", "第1期"]
    assert first.file_name.endswith("第1期.docx")
    with engine.connect() as conn:
        assert [n for n, _, _ in issued(conn, 2025)] == [1, 2, 7]
        assert next_issue_number(conn, 2025) == 8
        events = conn.execute(select(AuditEvent.detail).where(AuditEvent.action == audit.BRIEFING_ISSUE)).scalars()
        assert sorted(e["number"] for e in events) == [1, 1, 2, 7]


@pytest.mark.usefixtures("cjk_fonts")
def test_cli_issues_by_default_and_previews_on_request(engine: Engine, db_url: str, tmp_path: Path) -> None:
    briefing_ledger(engine)
    base = ["brief", "--period", "2025H1", "--format", "docx", "--date", "2025-07-10", "--db", db_url]
    preview = runner.invoke(app, [*base, "--preview", "--out", str(tmp_path / "p.docx")])
    issued_one = runner.invoke(app, [*base, "--out", str(tmp_path / "a.docx")])
    again = runner.invoke(app, [*base, "--issue", "5", "--out", str(tmp_path / "b.docx")])
    clash = runner.invoke(app, [*base, "--preview", "--issue", "5", "--out", str(tmp_path / "c.docx")])
    assert preview.exit_code == 0 and "预览稿" in preview.output
    assert issued_one.exit_code == 0 and "第1期" in issued_one.output
    assert again.exit_code == 0 and "第5期" in again.output
    assert clash.exit_code != 0 and "不能同时使用" in clash.output
