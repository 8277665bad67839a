"""The account, token and audit commands, and serve's refusal to listen beyond localhost unguarded."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from etl.cli import app

runner = CliRunner()


def test_users_tokens_and_audit_commands_round_trip(sqlite_url: str) -> None:
    added = runner.invoke(app, ["users", "add", "office", "--role", "admin", "--password-stdin", "--db", sqlite_url],
                          input="a long enough password\n")
    assert added.exit_code == 0, added.output
    listed = json.loads(runner.invoke(app, ["users", "list", "--json", "--db", sqlite_url]).output)
    assert listed == [{"username": "office", "role": "admin", "unit_id": None, "township_id": None, "disabled": False}]

    token_out = runner.invoke(app, ["tokens", "add", "会议室", "--db", sqlite_url]).output
    assert "/screen?token=" in token_out
    assert runner.invoke(app, ["tokens", "revoke", "1", "--db", sqlite_url]).exit_code == 0
    again = runner.invoke(app, ["tokens", "revoke", "1", "--db", sqlite_url])
    assert again.exit_code != 0 and "已撤销" in again.output
    tokens = json.loads(runner.invoke(app, ["tokens", "list", "--json", "--db", sqlite_url]).output)
    assert tokens[0]["revoked"] is True and tokens[0]["valid"] is False

    events = json.loads(runner.invoke(app, ["audit", "--json", "--db", sqlite_url]).output)
    assert [e["action"] for e in events] == ["token_change", "token_change", "user_change"]


def test_liaison_needs_a_known_unit(sqlite_url: str) -> None:
    result = runner.invoke(app, ["users", "add", "x", "--role", "liaison", "--unit", "不存在局", "--password-stdin",
                                 "--db", sqlite_url], input="a long enough password\n")
    assert result.exit_code != 0
    assert "未找到单位" in result.output


def test_serve_refuses_public_address_without_accounts(sqlite_url: str) -> None:
    result = runner.invoke(app, ["serve", "--address", "0.0.0.0", "--db", sqlite_url])
    assert result.exit_code == 1
    assert "拒绝" in result.output and "liandong users add" in result.output
