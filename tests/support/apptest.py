"""Running the dashboard under Streamlit's AppTest: open a page (with URL parameters and a lazy tab),
put a logged-in viewer into its session, read its exceptions and the big number of a KPI tile."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.auth import Viewer
from etl.auth import sessions
from etl.db.models import Role
from tests.support.paths import ROOT

#: Where dashboard.auth keeps the viewer of a logged-in session.
SESSION_VIEWER_KEY = "liandong_viewer"

APP = str(ROOT / "dashboard" / "app.py")


def run_page(page: str, params: dict[str, object] | None = None, tab: tuple[str, str] | None = None) -> AppTest:
    """The app opened with URL ``params``, switched to ``page`` (a file in pages/) and, with ``tab``
    = (session key, label), to one of its lazy tabs."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(params or {})
    at.run()
    if page != "overview":
        at.switch_page(f"../pages/{page}.py").run()
    if tab:
        at.session_state[tab[0]] = tab[1]
        at.run()
    return at


def log_in(at: AppTest, engine: Engine, username: str, role: Role, *, unit_id: int | None = None,
           township_id: int | None = None) -> None:
    """The session of a real login of ``username``: logged in now, with the account's fingerprint, which
    the login gate re-checks on every run (a viewer without it counts as logged out)."""
    with engine.begin() as conn:  # begin: the first fingerprint of a database creates its signing secret
        fingerprint = sessions.fingerprint(conn, username)
    at.session_state[SESSION_VIEWER_KEY] = Viewer(username, role, unit_id=unit_id, township_id=township_id,
                                                  logged_in_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                                                  fingerprint=fingerprint)


def errors(at: AppTest) -> list[str]:
    """The messages of every exception block the run showed."""
    return [e.message for e in at.exception]


def tile_value(at: AppTest, key: str) -> str:
    """The big number of one KPI tile, read from the rendered HTML."""
    for element in at.get("html"):
        body = element.proto.body
        match = re.search(rf'data-kpi="{key}".*?class="ld-value">([^<]*)<', body)
        if match:
            return match.group(1)
    raise AssertionError(f"no tile {key}")
