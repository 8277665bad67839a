"""Who a page is rendered for: a person with an account, the local administrator, or a wall screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from etl.db.models import Role


@dataclass(frozen=True)
class Viewer:
    """The person (or screen) the page is rendered for."""

    username: str
    role: Role
    unit_id: int | None = None
    township_id: int | None = None
    display_only: bool = False
    logged_in_at: dt.datetime | None = None
    #: ``etl.auth.sessions.fingerprint`` of the account at login: compared on every run, so a logout,
    #: disable or password reset elsewhere ends this session at its next click.
    fingerprint: str | None = None
    #: The display token a wall screen opened with (re-checked by id on every rotation).
    token_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
