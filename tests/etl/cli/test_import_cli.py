"""The CLI as staff use it: exit codes, --json per file, --report, batches, rollback, unmatched, map-name."""

from __future__ import annotations

import json
from pathlib import Path

import fastexcel
import pytest
from typer.testing import CliRunner

from etl.cli.app import app
from etl.db.engine import make_engine
from etl.regions import set_jurisdiction
from tests.support.paths import LEDGERS

runner = CliRunner()


@pytest.fixture
def db(sqlite_url: str) -> str:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    engine.dispose()
    return sqlite_url


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_import_json_report_batches_rollback(db: str, tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    code, out = run("import", str(LEDGERS / "units_with_aliases.xlsx"), str(LEDGERS / "court_ledger_messy.xlsx"),
                    "--json", "--report", str(report), "--db", db)
    assert code == 0, out
    files = json.loads(out)
    assert [(f["kind"], f["rows_read"], f["accepted"], f["held"], f["duplicates"], f["skipped"], f["rejected"],
             f["batch_id"]) for f in files] == [("units", 6, 4, 0, 0, 2, 0, 1), ("litigation", 14, 6, 1, 1, 3, 3, 2)]
    workbook = fastexcel.read_excel(report.read_bytes())
    assert workbook.sheet_names == ["汇总", "拒绝明细", "待确认明细", "修正明细", "跳过明细", "列映射"]
    assert workbook.load_sheet("拒绝明细").to_polars().height == 3
    held = workbook.load_sheet("待确认明细").to_polars()
    assert held.select("行号", "列", "值").rows() == [(12, "结案方式", "部分支持")]
    summary = workbook.load_sheet("汇总").to_polars()
    assert (summary["读取行数"] == summary["接受"] + summary["取值待确认"] + summary["合并重复"] + summary["跳过"]
            + summary["拒绝"]).all()
    code, out = run("import", str(LEDGERS / "court_ledger_messy.xlsx"), "--db", db)
    assert code == 0 and "未重复导入" in out
    code, out = run("batches", "--json", "--db", db)
    assert [b["id"] for b in json.loads(out)] == [2, 1]
    code, out = run("unmatched", "--json", "--db", db)
    assert {"name": "河清县翠湖管委会", "field": "被告", "target": "unit", "column": "defendant", "rows": 1} in json.loads(out)
    code, out = run("map-name", "翠湖管委会", "--unit", "住建局", "--db", db)
    assert code == 0 and "重新归属 1 行" in out
    code, out = run("rollback", "2", "--db", db)
    assert code == 0 and "已回滚" in out
    code, out = run("rollback", "2", "--db", db)
    assert code == 1 and "已回滚，无需重复操作" in out


def test_nothing_importable_exits_non_zero_with_a_chinese_message(db: str, tmp_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("会议纪要\n无表格\n", encoding="utf-8")
    code, out = run("import", str(notes), "--db", db)
    assert code == 1 and "未找到可识别的表头" in out
    code, out = run("import", str(tmp_path / "missing.xlsx"), "--db", db)
    assert code == 1 and "文件不存在" in out


def test_dry_run_and_template(db: str, tmp_path: Path) -> None:
    code, out = run("import", str(LEDGERS / "litigation_gb18030.csv"), "--dry-run", "--json", "--db", db)
    assert code == 0 and json.loads(out)[0]["status"] == "dry_run" and json.loads(out)[0]["batch_id"] is None
    target = tmp_path / "t.xlsx"
    code, out = run("template", "disputes", "--out", str(target))
    assert code == 0 and fastexcel.read_excel(target.read_bytes()).sheet_names == ["争议化解台账", "说明"]
    code, out = run("template", "nonsense", "--out", str(target))
    assert code == 1 and "未知的台账类型" in out


def test_an_unknown_township_name_can_be_mapped_to_a_township(db: str, tmp_path: Path) -> None:
    ledger = tmp_path / "t.csv"
    ledger.write_text("审理法院,案号,所属乡镇\n河清县人民法院,（2025）豫0928行初90号,老城乡\n", encoding="utf-8")
    code, out = run("import", str(LEDGERS / "townships.xlsx"), str(ledger), "--db", db)
    assert code == 0, out
    code, out = run("unmatched", "--json", "--db", db)
    assert {"name": "老城乡", "field": "乡镇", "target": "township", "column": "township", "rows": 1} in json.loads(out)
    code, out = run("map-name", "老城乡", "--township", "城关镇", "--db", db)
    assert code == 0 and "重新归属 1 行" in out
    code, out = run("map-name", "老城乡", "--db", db)
    assert code == 1 and "三选一" in out


def test_rollback_at_a_terminal_says_what_it_undoes_and_asks_first(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.cli import import_commands

    run("import", str(LEDGERS / "court_ledger_messy.xlsx"), "--kind", "litigation", "--db", db)
    monkeypatch.setattr(import_commands, "at_a_terminal", lambda: True)
    declined = runner.invoke(app, ["rollback", "1", "--db", db], input="n\n")
    assert declined.exit_code == 1 and "已取消，未回滚" in declined.output
    assert "确认回滚批次1（文件“court_ledger_messy.xlsx”，行政诉讼台账，" in declined.output
    assert "将删除其新增的7行、把其更新的0行恢复为导入前的值" in declined.output
    code, out = run("batches", "--json", "--db", db)
    assert json.loads(out)[0]["status"] == "active"
    confirmed = runner.invoke(app, ["rollback", "1", "--db", db], input="y\n")
    assert confirmed.exit_code == 0 and "批次 1 已回滚" in confirmed.output
