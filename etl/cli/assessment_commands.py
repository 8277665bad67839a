"""``liandong case-flag …``: the office marks a lawsuit as 重大败诉 (an assessment event), audited."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from sqlalchemy import Engine

from etl.audit import cli_actor
from etl.case_flags import FLAG_KINDS, CaseFlagError, clear_case_flag, list_case_flags, set_case_flag
from etl.cli.app import DbOption, app, fail, settings_for
from etl.db.engine import make_engine
from etl.db.migrate import upgrade

flags_app = typer.Typer(help="案件标记 case flags (重大败诉): set, clear, list", no_args_is_help=True)
app.add_typer(flags_app, name="case-flag")

KindOption = Annotated[str, typer.Option("--kind", help="标记类型：major_loss（重大败诉）")]
CourtOption = Annotated[str | None, typer.Option("--court", help="法院（同一案号在多个法院时必填）")]


def _engine(db: str | None) -> Engine:
    url = settings_for(db).db_url
    upgrade(url)
    return make_engine(url)


@flags_app.command("set")
def flag_set(case_number: str, kind: KindOption = "major_loss", court: CourtOption = None,
             note: Annotated[str | None, typer.Option("--note", help="认定理由")] = None, db: DbOption = None) -> None:
    """Flag a lawsuit (by 案号) as 重大败诉; the assessment scheme decides what that costs."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            court_name, number = set_case_flag(conn, case_number, kind, note, court, actor=cli_actor())
    except CaseFlagError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"已将 {court_name} {number} 标记为{FLAG_KINDS[kind][0]}")


@flags_app.command("clear")
def flag_clear(case_number: str, kind: KindOption = "major_loss", court: CourtOption = None,
               db: DbOption = None) -> None:
    """Remove a lawsuit's flag."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            removed = clear_case_flag(conn, case_number, kind, court, actor=cli_actor())
    except CaseFlagError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    if not removed:
        raise fail(f"案号“{case_number}”没有“{FLAG_KINDS[kind][0]}”标记")
    typer.echo(f"已取消 {case_number} 的{FLAG_KINDS[kind][0]}标记")


@flags_app.command("list")
def flag_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False, db: DbOption = None) -> None:
    """Every flagged lawsuit, newest first."""
    engine = _engine(db)
    with engine.connect() as conn:
        flags = list_case_flags(conn)
    engine.dispose()
    if as_json:
        typer.echo(json.dumps(flags.to_dicts(), ensure_ascii=False, indent=2, default=str))
        return
    if flags.is_empty():
        typer.echo("没有已标记的案件。")
    for r in flags.iter_rows(named=True):
        label = FLAG_KINDS.get(r["kind"], (r["kind"],))[0]
        note = f"：{r['note']}" if r["note"] else ""
        typer.echo(f"  {label} {r['court']} {r['case_number']}（{r['defendant'] or '案件不在库中'}）{note}")
