"""``liandong notice`` takes the indicator definitions in force (``LIANDONG_INDICATORS_FILE``), like
``liandong metrics`` and the dashboard: with deputies no longer counted as the head, the 出庭应诉通报
counts fewer appearances."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from etl.cli import app
from etl.config import DEFAULT_INDICATORS_FILE
from etl.db.engine import make_engine
from etl.metrics import load_definitions, load_facts, parse_period
from etl.notices.appearance import assemble_appearance_notice
from etl.wording.numbers import count

runner = CliRunner()


@pytest.mark.slow
def test_the_appearance_notice_follows_the_definitions_file(demo_url: str, tmp_path: Path) -> None:
    strict_file = tmp_path / "indicators.toml"
    shutil.copy(DEFAULT_INDICATORS_FILE, strict_file)
    text = strict_file.read_text(encoding="utf-8")
    assert "deputy_counts_as_head = true" in text
    strict_file.write_text(text.replace("deputy_counts_as_head = true", "deputy_counts_as_head = false"),
                           encoding="utf-8")
    engine = make_engine(demo_url)
    facts = load_facts(engine)
    engine.dispose()
    period = parse_period("2025")
    shipped = int(assemble_appearance_notice(facts, period).figures["appeared"])
    strict = int(assemble_appearance_notice(facts, period, config=load_definitions(strict_file)).figures["appeared"])
    assert strict < shipped  # the demo county has deputies in court: the edit must show

    out = tmp_path / "notice.docx"
    result = runner.invoke(app, ["notice", "appearance", "--period", "2025", "--out", str(out), "--db", demo_url,
                                 "--date", dt.date(2026, 1, 5).isoformat()],
                           env={"LIANDONG_INDICATORS_FILE": str(strict_file)})
    assert result.exit_code == 0, result.output
    written = "\n".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert f"负责人出庭{count(strict)}" in written
    assert f"负责人出庭{count(shipped)}" not in written
