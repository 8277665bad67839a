"""The ``liandong`` command line. Each module imported below adds its commands to :data:`app`."""

from __future__ import annotations

from etl.cli import auth_commands, db_commands  # noqa: F401  (users, tokens, audit; init, demo, serve)
from etl.cli import metrics_commands  # noqa: F401
from etl.cli import import_commands  # noqa: F401
from etl.cli import brief_commands  # noqa: F401
from etl.cli.app import app


def main() -> None:
    app()
