"""The command line speaks Chinese: usage errors, ``--help`` without Rich boxes, type tags or RST markup,
a port already taken (said before any address is printed), and a mapping's did-you-mean."""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.cli.chinese import chinese, display_width

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_a_missing_option_is_said_in_chinese_without_boxes() -> None:
    code, out = run("metrics")
    assert code == 2
    assert "错误：缺少选项 --period。" in out and "运行“liandong metrics --help”查看帮助。" in out
    assert "用法：liandong metrics [选项]" in out
    assert "Missing option" not in out and "Usage:" not in out and "╭" not in out


@pytest.mark.parametrize(("args", "expected"), [
    (("metrics", "--period", "2025", "--bogus"), "错误：没有选项 --bogus。"),
    (("importt",), "错误：没有命令“importt”。是否指“import”？"),
    (("metrics", "--period"), "错误：选项 --period 后面需要一个值。"),
    (("rollback", "abc"), "错误：batch_id 的值无效：应为整数"),
])
def test_usage_errors_are_chinese(args: tuple[str, ...], expected: str) -> None:
    code, out = run(*args)
    assert code == 2 and expected in out, out


def test_help_is_chinese_plain_and_aligned() -> None:
    code, out = run("--help")
    assert code == 0
    assert out.startswith("用法：liandong [选项] 命令 [参数]…") and "显示本帮助并退出。" in out
    assert "  metrics      某期间、某范围的全部指标" in out and "  rollback     回滚一个批次" in out
    assert "  meetings     某年的联席会议及其议定事项的落实情况" in out and "  vocabulary   本单位补充的表头写法" in out
    code, out = run("metrics", "--help")
    assert "<bool>" not in out and "<str>" not in out and "``" not in out and "╭" not in out
    # The type tags keep their width, so the option column stays aligned.
    options = [re.match(r"(  --\S+(?: <[^>]*>)? +)\S", line) for line in out.splitlines()]
    columns = {display_width(m.group(1)) for m in options if m}
    assert len(columns) == 1, out


def test_every_command_help_is_free_of_markup_and_english_boxes() -> None:
    for command in ("init", "demo", "serve", "import", "rollback", "brief", "audit", "users add", "tokens add",
                    "case-flag set", "notice losses", "notice review", "meetings"):
        code, out = run(*command.split(), "--help")
        assert code == 0, command
        for leftover in ("``", "(issue", "<bool>", "Usage:", "Show this message"):
            assert leftover not in out, (command, leftover)


def test_the_translation_leaves_unknown_text_alone() -> None:
    assert chinese("示范县 something else") == "示范县 something else"


def test_serve_moves_to_the_next_free_port_and_says_so_before_the_address(sqlite_url: str,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.cli import db_commands

    started: list[list[str]] = []

    def fake_exec(executable: str, cmd: list[str], env: dict[str, Any]) -> None:
        started.append(cmd)
        raise SystemExit(0)

    monkeypatch.setattr(db_commands.os, "execve", fake_exec)
    monkeypatch.setattr(db_commands.os, "chdir", lambda path: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out = run("serve", "--port", str(port), "--db", sqlite_url)
    assert code == 0, out
    moved = started[0][started[0].index("--server.port") + 1]
    assert int(moved) > port
    notice = out.index(f"端口 {port} 已被其他程序占用，改用端口 {moved}（也可用 --port 指定）")
    assert notice < out.index(f"联动看板 http://localhost:{moved}")
    assert f"localhost:{port}\n" not in out  # never the address of the program holding the port
