"""The ``liandong`` command line. Each module imported below adds its commands to :data:`app`."""

from __future__ import annotations

from etl.cli import (  # noqa: F401  (each module registers its commands)
    assessment_commands,
    auth_commands,
    brief_commands,
    chinese,
    db_commands,
    import_commands,
    meeting_commands,
    metrics_commands,
    vocabulary_commands,
)
from etl.cli.app import app

chinese.install(app)  # errors, help and the command summaries in Chinese, without Rich boxes


def main() -> None:
    app()
