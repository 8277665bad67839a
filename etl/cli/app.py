"""The Typer application and the options every command shares."""

from __future__ import annotations

from typing import Annotated

import typer

from etl.config import Settings, SettingsError, load_settings

app = typer.Typer(
    name="liandong",
    help="联动看板：导入台账、计算指标、生成简报、启动看板。Liandong: import ledgers, compute indicators, serve "
         "the dashboard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain output: no boxes, no <bool> tags (etl.cli.chinese)
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="数据库地址（SQLAlchemy URL）；默认 $LIANDONG_DB_URL，否则 data/liandong.sqlite。"),
]


def settings_for(db: str | None) -> Settings:
    """The command's settings: the environment, with ``--db`` over ``LIANDONG_DB_URL``; a bad value ends
    the command with its Chinese message (exit 2, as for a bad option)."""
    try:
        return load_settings(db)
    except SettingsError as exc:
        raise fail(str(exc), code=2) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clear message (Chinese first) on stderr and return the exit to raise."""
    typer.echo(message, err=True)
    return typer.Exit(code)
