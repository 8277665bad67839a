"""``liandong map-value``, ``unmap-value`` and ``vocabulary`` as staff use them: exit codes, Chinese
messages, the queue's text form, and a vocabulary file taken from one county to another."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli.app import app
from etl.db.engine import make_engine
from etl.regions import set_jurisdiction
from tests.support.paths import LEDGERS

runner = CliRunner()
DISPUTES = str(LEDGERS / "real" / "05_disputes_local_code.xlsx")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def county(template: Path, path: Path) -> str:
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    engine.dispose()
    return url


@pytest.fixture
def db(sqlite_template: Path, tmp_path: Path) -> str:
    return county(sqlite_template, tmp_path / "a.sqlite")


def test_map_value_explains_what_it_cannot_do(db: str) -> None:
    run("import", DISPUTES, "--db", db)
    code, out = run("unmatched", "--db", db)
    assert code == 0 and "C类\t化解结果\t1 行\t取值待确认（--column result）" in out
    for args, message in ((("--like", "差不多"), "也无法识别"), (("--code", "lost"), "没有代码“lost”"),
                          (("--like", "未成功", "--code", "failure"), "二选一")):
        code, out = run("map-value", "C类", "--column", "result", *args, "--db", db)
        assert code == 1 and message in out
    code, out = run("map-value", "C类", "--column", "outcomes", "--like", "未成功", "--db", db)
    assert code == 1 and "未知的列“outcomes”" in out
    code, out = run("unmap-value", "C类", "--column", "result", "--db", db)
    assert code == 1 and "没有“C类”" in out


def test_a_vocabulary_file_releases_the_same_spelling_in_another_county(db: str, sqlite_template: Path,
                                                                        tmp_path: Path) -> None:
    run("import", DISPUTES, "--db", db)
    assert run("map-value", "C类", "--column", "result", "--like", "未成功", "--db", db)[0] == 0
    code, out = run("vocabulary", "add-header", "调处结果", "--kind", "disputes", "--field", "result", "--db", db)
    assert code == 0 and "调处结果" in out
    code, out = run("vocabulary", "list", "--json", "--db", db)
    assert [(e["section"], e["name"], e["written"], e["target"]) for e in json.loads(out)] == [
        ("value", "dispute_result", "C类", "failure"), ("header", "disputes", "调处结果", "result")]
    exported = tmp_path / "词表.toml"
    assert run("vocabulary", "export", "--out", str(exported), "--db", db)[0] == 0
    other = county(sqlite_template, tmp_path / "b.sqlite")
    run("import", DISPUTES, "--db", other)
    code, out = run("vocabulary", "import", str(exported), "--db", other)
    assert code == 0 and "新增 2" in out and "1 条记录" in out
    code, out = run("unmatched", "--json", "--db", other)
    assert [e for e in json.loads(out) if e["target"] == "value"] == []
    code, out = run("vocabulary", "remove-header", "调处结果", "--kind", "disputes", "--db", other)
    assert code == 0
    code, out = run("vocabulary", "remove-header", "调处结果", "--kind", "disputes", "--db", other)
    assert code == 1 and "没有“调处结果”" in out
