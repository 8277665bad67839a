"""Running the dashboard under Streamlit's AppTest: open a page (with URL parameters and a lazy tab),
read its exceptions and the big number of a KPI tile."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.support.paths import ROOT

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
