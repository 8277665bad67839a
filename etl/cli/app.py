"""The Typer application and the options every command shares."""

from __future__ import annotations

from typing import Annotated

import typer

from etl.config import Settings, load_settings

app = typer.Typer(
    name="liandong",
    help="联动看板 Liandong: import ledgers, compute indicators, serve the dashboard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLAlchemy URL; default $LIANDONG_DB_URL, else data/liandong.sqlite."),
]


def settings_for(db: str | None) -> Settings:
    return load_settings(db)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clear message (Chinese first) on stderr and return the exit to raise."""
    typer.echo(message, err=True)
    return typer.Exit(code)
