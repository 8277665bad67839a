"""Waiting on the running dashboard in Playwright by conditions, never by fixed timeouts.

Streamlit's frontend marks its root element with the connection state and the state of the script
run (``data-test-script-state``: ``initial`` → ``running`` → ``notRunning``); these helpers wait on
those attributes, on the number of runs finished since an action, and on the page's fonts and frames.
What a test then expects on the page it checks with Playwright's retrying ``expect``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: The app is connected to its server and no script run is in progress.
APP_IDLE = ('[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
            '[data-test-script-state="notRunning"]')
HEADING = '[data-testid="stMainBlockContainer"] h1'

#: Counts script runs that finish from now on (a run ends when the state turns ``notRunning``).
_COUNT_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__ldRunObserver) window.__ldRunObserver.disconnect();
  window.__ldRunsDone = 0;
  let last = app.getAttribute('data-test-script-state');
  window.__ldRunObserver = new MutationObserver(() => {
    const now = app.getAttribute('data-test-script-state');
    if (now === 'notRunning' && last !== 'notRunning') window.__ldRunsDone += 1;
    last = now;
  });
  window.__ldRunObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""

#: Resolves once every web font is loaded and the browser has painted twice since (layout settled).
_PAINTED = """async () => {
  await document.fonts.ready;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  return true;
}"""


def wait_idle(page: Any, timeout: float = 60_000) -> None:
    """Until the page is connected and its script run has finished."""
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout)


def wait_painted(page: Any) -> None:
    """Until the fonts are loaded and the current layout has been painted (for measuring, screenshots)."""
    page.evaluate(_PAINTED)


def after_run(page: Any, action: Callable[[], object], timeout: float = 60_000) -> None:
    """Do ``action`` (a click …) and wait until a script run it started has finished."""
    page.evaluate(_COUNT_RUNS)
    action()
    page.wait_for_function("() => window.__ldRunsDone > 0", timeout=timeout)
    wait_idle(page, timeout)


def open_page(page: Any, url: str, timeout: float = 60_000) -> None:
    """Load ``url`` and wait until its first script run has drawn a heading and finished."""
    page.goto(url)
    page.wait_for_selector(HEADING, timeout=timeout)
    wait_idle(page, timeout)
