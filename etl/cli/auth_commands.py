"""``liandong users …``, ``liandong tokens …`` and ``liandong audit``."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from sqlalchemy import Engine

from etl import audit, audit_text
from etl.auth import accounts, tokens, visibility
from etl.cli.app import DbOption, app, fail, settings_for
from etl.db.engine import make_engine
from etl.db.migrate import upgrade
from etl.dimensions import load_name_resolvers
from etl.localtime import local_text
from etl.names import Dimension, Resolution, unresolved_message
from etl.text_safety import escape_nonprintable as printable

users_app = typer.Typer(help="账号管理 accounts: add, list, disable, enable, reset-password", no_args_is_help=True)
tokens_app = typer.Typer(help="大屏令牌 display tokens for /screen: add, list, revoke", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")

CLI_ACTOR = audit.cli_actor()


def _resolved(resolution: Resolution, dimension: Dimension) -> int:
    if resolution.id is None:
        raise fail(unresolved_message(dimension, resolution))
    return resolution.id


def _engine(db: str | None) -> Engine:
    url = settings_for(db).db_url
    upgrade(url)
    return make_engine(url)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("密码 Password", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
def users_add(
    name: str,
    role: Annotated[str, typer.Option(help="admin | leader | liaison")],
    unit: Annotated[str | None, typer.Option(help="联络员所属单位 (liaison only)")] = None,
    township: Annotated[str | None, typer.Option(help="联络员所属乡镇 (liaison only)")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    db: DbOption = None,
) -> None:
    """Create an account."""
    engine = _engine(db)
    with engine.begin() as conn:
        unit_id = township_id = None
        names = load_name_resolvers(conn) if unit or township else None
        if names is not None and unit:
            unit_id = _resolved(names.units.lookup(unit), "unit")
        if names is not None and township:
            township_id = _resolved(names.townships.lookup(township), "township")
        try:
            account = accounts.add_account(conn, name, _read_password(password_stdin), role,
                                           unit_id=unit_id, township_id=township_id, actor=CLI_ACTOR)
        except accounts.AccountError as exc:
            raise fail(str(exc)) from None
    typer.echo(f"已创建账号 {account.username} ({account.role.value})")


@users_app.command("list")
def users_list(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List accounts."""
    engine = _engine(db)
    with engine.connect() as conn:
        rows = [
            {"username": a.username, "role": a.role.value, "unit_id": a.unit_id, "township_id": a.township_id,
             "disabled": a.disabled}
            for a in accounts.list_accounts(conn)
        ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        state = "停用" if r["disabled"] else "启用"
        typer.echo(f"{printable(r['username'])}\t{r['role']}\t{state}")


@users_app.command("disable")
def users_disable(name: str, db: DbOption = None) -> None:
    """Disable an account (it can no longer log in)."""
    _set_disabled(name, True, db)


@users_app.command("enable")
def users_enable(name: str, db: DbOption = None) -> None:
    """Re-enable a disabled account."""
    _set_disabled(name, False, db)


def _set_disabled(name: str, disabled: bool, db: str | None) -> None:
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            accounts.set_disabled(conn, name, disabled, actor=CLI_ACTOR)
    except accounts.AccountError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"{name}: {'已停用' if disabled else '已启用'}")


@users_app.command("reset-password")
def users_reset_password(
    name: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
    db: DbOption = None,
) -> None:
    """Set a new password."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            accounts.reset_password(conn, name, _read_password(password_stdin), actor=CLI_ACTOR)
    except accounts.AccountError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"{name}: 密码已重置")


@tokens_app.command("add")
def tokens_add(
    label: str,
    expires_days: Annotated[int | None, typer.Option(help="Expire after N days.")] = None,
    db: DbOption = None,
) -> None:
    """Create a display token and print it once (only its hash is stored)."""
    engine = _engine(db)
    with engine.begin() as conn:
        token, info = tokens.create_token(conn, label, expires_days, actor=CLI_ACTOR)
    typer.echo(f"令牌 #{info.id} ({label}): {token}")
    typer.echo(f"大屏地址 screen URL: /screen?token={token}")


@tokens_app.command("list")
def tokens_list(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List display tokens (never the tokens themselves)."""
    engine = _engine(db)
    with engine.connect() as conn:
        infos = tokens.list_tokens(conn)
    now = audit.utcnow()
    rows = [{"id": t.id, "label": t.label, "created_at": t.created_at.isoformat(),
             "expires_at": t.expires_at.isoformat() if t.expires_at else None,
             "revoked": t.revoked_at is not None, "valid": t.is_valid(now)} for t in infos]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"#{r['id']}\t{printable(r['label'])}\t{'有效' if r['valid'] else '无效'}\t"
                   f"到期 {r['expires_at'] or '不限'}")


@tokens_app.command("revoke")
def tokens_revoke(token_id: int, db: DbOption = None) -> None:
    """Revoke a display token by its number."""
    engine = _engine(db)
    with engine.begin() as conn:
        done = tokens.revoke_token(conn, token_id, actor=CLI_ACTOR)
    if not done:
        raise fail(f"令牌 #{token_id} 不存在或已撤销")
    typer.echo(f"令牌 #{token_id} 已撤销")


@app.command("audit")
def audit_log(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Newest N events.")] = 200,
    action: Annotated[str | None, typer.Option(help="Only this action, e.g. login_failed.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor, e.g. cli:root or a user name.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show the audit log (newest first)."""
    engine = _engine(db)
    with engine.connect() as conn:
        events = audit.list_events(conn, limit=limit, action=action, actor=actor)
    timezone = settings_for(db).timezone
    if as_json:
        typer.echo(json.dumps([{"id": r["id"], "at": r["at"].isoformat(), "at_local": local_text(r["at"], timezone),
                                "timezone": timezone, "actor": r["actor"], "action": r["action"],
                                "text": audit_text.describe(r["action"], json.loads(r["data"])),
                                "detail": json.loads(r["data"])} for r in events.to_dicts()], ensure_ascii=False))
        return
    shown = audit_text.events_in_words(events, timezone)
    typer.echo("\t".join(shown.columns))
    for row in shown.iter_rows():  # actors and details hold what strangers typed: no raw escapes
        typer.echo("\t".join(printable(cell) for cell in row))


@app.command("settings")
def settings_command(
    ranking_names: Annotated[str | None, typer.Option(
        "--ranking-names", help="show | hide: whether liaison officers see other units' names in rankings")] = None,
    db: DbOption = None,
) -> None:
    """Show or change access settings (each change is audited)."""
    if ranking_names not in (None, "show", "hide"):
        raise fail(f"--ranking-names 只能是 show 或 hide，而不是 {ranking_names!r}")
    engine = _engine(db)
    with engine.begin() as conn:
        if ranking_names is not None:
            visibility.set_ranking_names_visible(conn, ranking_names == "show", actor=CLI_ACTOR)
        visible = visibility.ranking_names_visible(conn)
    engine.dispose()
    shown = "显示 (show)" if visible else "隐藏 (hide)"
    typer.echo(f"联络员在排名中看到其他名称 ranking names for liaisons: {shown}")
