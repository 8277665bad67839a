"""No page makes the browser fetch anything from outside the server: a government intranet should not
send (and may block) such traffic. The favicon came from fonts.gstatic.com on every page load."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["/?period=2025H1", "/litigation?period=2025H1", "/screen?period=2025&rotate=5"])
def test_every_request_stays_on_the_server(server: str, page: Any, path: str) -> None:
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname or ""))  # data: URLs: ""
    page.goto(server + path)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1, .lds .lds-body', timeout=60_000)
    page.wait_for_timeout(3_000)  # the favicon and fonts are asked for after the first paint
    outside = sorted({h for h in hosts if h not in ("127.0.0.1", "localhost", "")})
    assert hosts and not outside, outside
    icon = page.locator('link[rel~="icon"], link[rel="shortcut icon"]').first.get_attribute("href") or ""
    assert urlsplit(icon).hostname in (None, "127.0.0.1", "localhost"), icon
