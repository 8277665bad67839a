"""``liandong brief`` end to end: the demo county's briefing agrees with ``liandong metrics``."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from etl.cli import app
from etl.db.engine import make_engine
from etl.metrics import load_facts
from etl.wording.changes import count_change
from etl.wording.numbers import percent
from tests.ledger_factories import briefing_ledger

runner = CliRunner()
DEMO_END = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from etl.db.migrate import upgrade
    from etl.demo import load_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    upgrade(url)
    load_demo(url, end=DEMO_END)
    return url


def metrics_json(url: str, period: str, *extra: str) -> dict:
    result = runner.invoke(app, ["metrics", "--period", period, "--json", "--db", url, *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.slow
@pytest.mark.usefixtures("cjk_fonts", "poppler")
def test_demo_briefing_headline_equals_liandong_metrics(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    result = runner.invoke(app, ["brief", "--period", "2026H1", "--format", "docx", "--out", str(out),
                                 "--db", demo_url, "--issue-number", "3", "--date", "2026-07-10"])
    assert result.exit_code == 0, result.output
    assert "已生成简报" in result.output
    doc = Document(io.BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    figures = metrics_json(demo_url, "2026H1")["indicators"]
    cases, loss = figures["litigation_cases"], figures["loss_rate"]
    expected = (f"2026年上半年，示范县行政诉讼发案量{cases['value']}件，"
                f"{count_change(cases['value'], cases['previous'], basis='yoy')}，审结一审案件{loss['denominator']}件，"
                f"其中败诉{loss['numerator']}件，败诉率{percent(loss['value'])}")
    assert expected in text
    head = figures["head_appearance_rate"]
    assert f"行政机关负责人出庭应诉率{percent(head['value'])}" in text
    assert "第3期" in text
    # every agency and township of the demo county with figures is in the league tables, by its short
    # name from the database; the others are named in the table's note
    engine = make_engine(demo_url)
    units = load_facts(engine).units
    engine.dispose()
    short = dict(zip(units["name"], units["short_name"].fill_null(units["name"]), strict=True))
    cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
    notes = "\n".join(p.text for p in doc.paragraphs if p.text.startswith("注："))
    for by in ("unit", "township"):
        names = [row["name"] for row in rank_rows(demo_url, by)]
        assert len(names) > 10
        missing = [n for n in names if short.get(n, n) not in cells and short.get(n, n) not in notes]
        assert not missing, missing
    assert len(doc.inline_shapes) >= 1


def rank_rows(url: str, by: str) -> list[dict]:
    result = runner.invoke(app, ["rank", "--period", "2026H1", "--by", by, "--json", "--db", url])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["ranking"]


@pytest.mark.slow
@pytest.mark.usefixtures("cjk_fonts", "poppler")
def test_demo_township_briefing_matches_township_metrics(demo_url: str, tmp_path: Path) -> None:
    town = rank_rows(demo_url, "township")[0]["name"]
    out = tmp_path / "town.pdf"
    result = runner.invoke(app, ["brief", "--period", "2026H1", "--township", town, "--format", "pdf",
                                 "--out", str(out), "--db", demo_url])
    assert result.exit_code == 0, result.output
    text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    cases = metrics_json(demo_url, "2026H1", "--township", town)["indicators"]["litigation_cases"]
    assert f"2026年上半年，示范县{town}行政诉讼发案量{cases['value']}件" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--period", "2025H3", "--format", "docx"], "期间"),
    (["--period", "2025H1", "--format", "odt"], "不支持的格式"),
    (["--period", "2025H1", "--format", "docx", "--unit", "不存在局"], "未找到单位"),
    (["--period", "2025H1", "--format", "docx", "--date", "2025-13-01"], "无效的日期"),
])
def test_cli_rejects_bad_input_with_a_chinese_message(sqlite_url: str, tmp_path: Path, args: list[str],
                                                      message: str) -> None:
    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    engine.dispose()
    result = runner.invoke(app, ["brief", *args, "--out", str(tmp_path / "x"), "--db", sqlite_url])
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "x").exists()


@pytest.mark.usefixtures("cjk_fonts")
def test_cli_writes_each_format(sqlite_url: str, tmp_path: Path) -> None:
    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    engine.dispose()
    magic = {"docx": b"PK", "pdf": b"%PDF", "pptx": b"PK"}
    for fmt, head in magic.items():
        out = tmp_path / "sub" / f"brief.{fmt}"
        result = runner.invoke(app, ["brief", "--period", "2025H1", "--format", fmt, "--out", str(out),
                                     "--unit", "自然资源局", "--db", sqlite_url])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(head)
