"""What a page run drew, kept so the page can be printed: the run's element messages, in order.

A page is drawn by the messages its script run sends to the browser (a heading, a KPI tile's HTML,
a Plotly figure's JSON, a table's Arrow bytes …). Keeping those messages of the main area, as they
are sent, gives an exact copy of the page's content for every page without the pages doing anything:
what the viewer may see is what was sent to them (the access scope applied already), and the
figures are the ones on screen. Only references are kept — the messages exist anyway — and only
those of the last run of a session (a new run starts a new capture).

The tee sits on the run context's ``enqueue``, where Streamlit passes every message of a run; it is
installed per session once and re-pointed at a fresh capture on each run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from streamlit import runtime
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.i18n import Lang

if TYPE_CHECKING:
    from dashboard.filters import FilterState

MAIN_ROOT = 0  # the first index of a delta path in the page's main area (RootContainer.MAIN)


@dataclass
class PageCapture:
    """The main area's delta messages of one run, and what the page said about its selection."""

    messages: list[ForwardMsg] = field(default_factory=list)
    #: Set by the filter bar's page context: period label and filter lines (see ``export_view``).
    selection: dict[str, Any] = field(default_factory=dict)
    #: Pictures (st.image) by their media URL: read when sent, as the media store forgets them on the
    #: next run, which a click on the download starts.
    images: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def add(self, msg: ForwardMsg) -> None:
        if msg.WhichOneof("type") == "delta" and msg.metadata.delta_path[:1] == [MAIN_ROOT]:
            self.messages.append(msg)
            if msg.delta.new_element.WhichOneof("type") == "imgs":
                for image in msg.delta.new_element.imgs.imgs:
                    stored = _media(image.url)
                    if stored is not None:
                        self.images[image.url] = stored


def _media(url: str) -> tuple[bytes, str] | None:
    """The bytes and type of a file in Streamlit's media store (``/media/<id>.png``), if it can tell."""
    if not runtime.exists():
        return None
    manager = runtime.get_instance().media_file_mgr
    if not manager.can_read_files:
        return None
    name = url.rsplit("/", 1)[-1]
    stored = manager.read_file(name) or manager.read_file(name.split(".", 1)[0])
    return (stored.content, stored.mimetype) if stored is not None else None


class _Tee:
    """Stands in for the context's ``enqueue``: hands each message to the capture, then sends it."""

    def __init__(self, send: Callable[[ForwardMsg], None]) -> None:
        self.send = send
        self.capture = PageCapture()

    def __call__(self, msg: ForwardMsg) -> None:
        self.capture.add(msg)
        self.send(msg)


def start_capture() -> PageCapture | None:
    """A new capture of the rest of this run (None outside a script run, e.g. in a bare script)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    tee = ctx.__dict__.get("enqueue")
    if not isinstance(tee, _Tee):
        tee = _Tee(ctx.enqueue)  # the bound method: it turns repeated messages into references *after* us
        ctx.enqueue = tee  # type: ignore[method-assign]
    tee.capture = PageCapture()
    return tee.capture


def current_capture() -> PageCapture | None:
    """The capture of the running page, if its header started one."""
    ctx = get_script_run_ctx()
    tee = ctx.__dict__.get("enqueue") if ctx is not None else None
    return tee.capture if isinstance(tee, _Tee) else None


def note_selection(state: FilterState, lang: Lang) -> None:
    """Called by the filter bar's page context: the period and filters this run shows, for the print
    header and for a wall-screen panel exported from this page."""
    capture = current_capture()
    if capture is not None:
        capture.selection = {"period": state.period.label_zh if lang == "zh" else state.period.label_en,
                             "period_spec": state.period_spec, "townships": state.townships, "units": state.units,
                             "areas": state.areas}
