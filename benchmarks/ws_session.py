"""One page visit spoken in Streamlit's own websocket protocol, without a browser (loadtest ``--client ws``).

What the front-end does when a page is opened (Streamlit 1.67, starlette server; read from
``streamlit/static/static/js/index.*.js`` ``connectToWebSocket`` / ``sendRerunBackMsg`` and
``streamlit/web/server/starlette/starlette_websocket.py``):

1. GET the page itself (``/litigation?period=2025``: the index HTML);
2. GET ``/_stcore/health`` — its answer sets the ``_streamlit_xsrf`` cookie — and ``/_stcore/host-config``;
3. open ``/_stcore/stream`` with the subprotocols ``["streamlit", <xsrf cookie value>]``, the cookie, a
   same-origin ``Origin`` header, offering permessage-deflate as Chromium does (Streamlit 1.67's server
   declines it, for both);
4. send one ``BackMsg.rerun_script``: the query string, the page name (the path below the base URL, no
   page script hash yet), no widget states, the browser context (time zone, locale, URL);
5. read ``ForwardMsg``s (new_session, session status, deltas, …) until ``script_finished``.

Page-ready = ``script_finished`` FINISHED_SUCCESSFULLY, with an ``h1`` heading in the main area (what the
browser mode waits for) and no exception element. An exception element, a page-not-found message, a
compile error, a closed connection or the timeout is an error. No cached-message hashes are sent, so the
server sends every element in full (a browser's first visit does the same).
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
#: What the front-end sends when it has no XSRF cookie (``getSessionTokens``).
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
FINISHED = ForwardMsg.ScriptFinishedStatus


@dataclass
class Visit:
    """One page visit: seconds to page-ready (or to the failure), and what was received."""

    seconds: float
    error: str | None
    title: str = ""  # the first h1 of the main area
    messages: int = 0
    elements: int = 0
    received_bytes: int = 0


@dataclass
class Client:
    """One simulated browser: a base URL and the cookies it keeps between visits."""

    base: str
    xsrf: str | None = None

    def _get(self, path: str) -> bytes:
        request = urllib.request.Request(self.base + path, headers={"Accept-Encoding": "identity"})
        if self.xsrf:
            request.add_header("Cookie", f"{XSRF_COOKIE}={self.xsrf}")
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own localhost server
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(header)
                if XSRF_COOKIE in cookie:
                    self.xsrf = cookie[XSRF_COOKIE].value
            body: bytes = response.read()
        return body

    def _fetch_page(self, path: str) -> None:
        self._get("/" + path)
        self._get("/_stcore/health")
        self._get("/_stcore/host-config")

    async def visit(self, path: str, timeout: float) -> Visit:
        """Open ``path`` (e.g. ``litigation?period=2025``) as a new session; never raises."""
        visit = Visit(0.0, None)
        start = time.perf_counter()
        try:
            await asyncio.wait_for(self._visit(path, visit, start), timeout)
        except TimeoutError:
            visit.error, visit.seconds = f"timeout after {timeout:.0f} s", time.perf_counter() - start
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error, not a crash
            visit.error, visit.seconds = f"{type(exc).__name__}: {exc}"[:200], time.perf_counter() - start
        return visit

    async def _visit(self, path: str, visit: Visit, start: float) -> None:
        """Fills ``visit``; its time stops at the outcome (closing the socket afterwards is not timed, as
        the browser's next navigation tears its page down untimed)."""
        await asyncio.to_thread(self._fetch_page, path)
        page, _, query = path.partition("?")
        parts = urlsplit(self.base)
        headers = {"Cookie": f"{XSRF_COOKIE}={self.xsrf}"} if self.xsrf else {}
        async with connect(f"ws://{parts.netloc}/_stcore/stream", origin=f"{parts.scheme}://{parts.netloc}",
                           subprotocols=["streamlit", self.xsrf or NO_TOKEN], additional_headers=headers,
                           max_size=None, open_timeout=None, ping_interval=None, close_timeout=2,
                           proxy=None) as socket:
            await socket.send(rerun_message(page, query, f"{self.base}/{path}").SerializeToString())
            heading = False
            async for raw in socket:
                visit.seconds = time.perf_counter() - start
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                visit.messages += 1
                visit.received_bytes += len(raw)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    visit.elements += 1
                    element = msg.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "exception":
                        visit.error = f"exception on {path}: {element.exception.type}: {element.exception.message}"[:200]
                        return
                    if which == "heading" and element.heading.tag == "h1" and msg.metadata.delta_path[:1] == [0]:
                        heading = True
                        visit.title = visit.title or element.heading.body
                elif kind == "page_not_found":
                    visit.error = f"page not found: {page}"
                    return
                elif kind == "script_finished":
                    if msg.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                        heading, visit.title = False, ""  # the script reruns itself: wait for that run
                        continue
                    if msg.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                        visit.error = f"compile error on {path}"
                    elif msg.script_finished == FINISHED.FINISHED_SUCCESSFULLY and not heading:
                        visit.error = f"no h1 heading on {path}"
                    if msg.script_finished != FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                        return
            visit.error = f"connection closed before the script finished on {path}"


def rerun_message(page: str, query: str, url: str) -> BackMsg:
    """The ``rerun_script`` BackMsg a browser sends right after the websocket opens on ``/page?query``."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page
    state.page_script_hash = ""
    state.widget_states.SetInParent()
    info = state.context_info
    info.timezone = "Asia/Shanghai"
    info.timezone_offset = -480  # JavaScript's getTimezoneOffset(): minutes *behind* UTC
    info.locale = "zh-CN"
    info.url = url
    info.is_embedded = False
    info.color_scheme = "light"
    return msg
