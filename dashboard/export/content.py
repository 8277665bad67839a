"""A page's captured messages as printable content: headings, text, tiles, figures, tables, notices,
side-by-side columns and tabs — and nothing a reader cannot use on paper (widgets, buttons, spinners).

Messages are replayed as the browser would: each delta puts a block or an element at a path, a later
delta at the same path replaces the earlier one. The page starts at its title (``st.title``, the first
``h1``); what comes before it is the app's header row, which the print header replaces.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl
import pyarrow as pa
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Markdown_pb2 import Markdown

#: Element kinds printed; every other kind (inputs, buttons, spinners, toasts …) is left out.
PRINTED = {"heading", "markdown", "html", "alert", "plotly_chart", "dataframe", "table", "metric", "text",
           "code", "exception", "imgs"}
ALERT_KINDS = {Alert.ERROR: "error", Alert.WARNING: "warning", Alert.INFO: "info", Alert.SUCCESS: "success"}


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 the page title, 2 st.header, 3 st.subheader …


@dataclass(frozen=True)
class Text:
    markdown: str
    allow_html: bool = False
    caption: bool = False


@dataclass(frozen=True)
class Html:
    body: str


@dataclass(frozen=True)
class Notice:
    kind: str  # error, warning, info, success
    markdown: str


@dataclass(frozen=True)
class Figure:
    spec: dict[str, Any]  # Plotly's figure JSON: data and layout


@dataclass(frozen=True)
class TableBlock:
    frame: pl.DataFrame


@dataclass(frozen=True)
class Image:
    """A picture as a data URL (the page's st.image: the briefing preview's chart)."""

    data_url: str
    caption: str = ""


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    delta: str = ""


@dataclass(frozen=True)
class Group:
    """A container of items: ``kind`` "columns" (children are the columns, with ``weights``), "tabs"
    (children are tabs, with ``labels``), "column", "tab" or "box" (an expander, a plain container)."""

    kind: str
    children: tuple[Any, ...]
    labels: tuple[str, ...] = ()
    weights: tuple[float, ...] = ()


Item = Heading | Text | Html | Notice | Figure | TableBlock | Image | Metric | Group


@dataclass
class _Node:
    block: Any = None  # the Block proto of a container, None for the root
    element: Element | None = None
    children: dict[int, _Node] = field(default_factory=dict)


def replay(messages: list[ForwardMsg]) -> _Node:
    """The main area as a tree of blocks and elements, after every message has been applied in order."""
    root = _Node()
    for msg in messages:
        path = list(msg.metadata.delta_path)[1:]
        if not path:
            continue
        delta = msg.delta
        kind = delta.WhichOneof("type")
        if kind not in ("add_block", "new_element"):
            continue
        parent = root
        for index in path[:-1]:
            parent = parent.children.setdefault(index, _Node())
        node = _Node(block=delta.add_block) if kind == "add_block" else _Node(element=delta.new_element)
        parent.children[path[-1]] = node
    return root


def _frame(arrow_bytes: bytes) -> pl.DataFrame:
    table = pa.ipc.open_stream(arrow_bytes).read_all()
    # pandas-style index columns Streamlit adds are not data (polars frames have none; hide_index anyway).
    keep = [name for name in table.column_names if not name.startswith("__index_level_")]
    return pl.from_arrow(table.select(keep))  # type: ignore[return-value]


def _element_item(element: Element, images: Mapping[str, tuple[bytes, str]]) -> Item | None:
    kind = element.WhichOneof("type")
    if kind not in PRINTED:
        return None
    proto = getattr(element, kind)
    if kind == "heading":
        return Heading(proto.body, int(proto.tag[1:]) if proto.tag[1:].isdigit() else 3)
    if kind == "markdown":
        if proto.element_type == Markdown.DIVIDER:
            return None
        return Text(proto.body, proto.allow_html, proto.element_type == Markdown.CAPTION)
    if kind == "html":
        return Html(proto.body)
    if kind == "alert":
        return Notice(ALERT_KINDS.get(proto.format, "info"), proto.body)
    if kind == "plotly_chart":
        return Figure(json.loads(proto.spec)) if proto.spec else None
    if kind == "dataframe":
        data = proto.arrow_data.data or (proto.lazy_data.initial_chunk.data if proto.HasField("lazy_data") else b"")
        return TableBlock(_frame(data)) if data else None
    if kind == "table":
        return TableBlock(_frame(proto.arrow_data.data)) if proto.arrow_data.data else None
    if kind == "imgs":
        shown = [(images[i.url], i.caption) for i in proto.imgs if i.url in images]
        return Group("box", tuple(Image(_data_url(*stored), caption) for stored, caption in shown)) if shown else None
    if kind == "metric":
        return Metric(proto.label, proto.body, proto.delta)
    if kind == "exception":
        return Notice("error", proto.message)
    return Text(fenced(proto.code_text if kind == "code" else proto.body))


def fenced(text: str) -> str:
    """``text`` as a Markdown code block whose fence is longer than any run of backticks in it, so the
    text (a copied link, a name) cannot close the block and be read as Markdown."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _data_url(content: bytes, mimetype: str) -> str:
    return f"data:{mimetype or 'image/png'};base64,{base64.b64encode(content).decode('ascii')}"


@dataclass(frozen=True)
class _Reader:
    """Turns the replayed tree into items, leaving out the texts in ``drop``."""

    drop: frozenset[str]
    images: Mapping[str, tuple[bytes, str]]

    def items(self, node: _Node) -> tuple[Item, ...]:
        items = []
        for index in sorted(node.children):
            item = self.item(node.children[index])
            if item is not None and not (isinstance(item, Text) and item.markdown.strip() in self.drop):
                items.append(item)
        return tuple(items)

    def item(self, node: _Node) -> Item | None:
        if node.element is not None:
            return _element_item(node.element, self.images)
        block = node.block
        kind = block.WhichOneof("type") if block is not None else None
        children = self.items(node)
        if not children:
            return None  # an empty column, a lazy tab that did not run, a row of inputs only
        if kind == "tab_container":
            tabs = tuple(c for c in children if isinstance(c, Group) and c.kind == "tab")
            return Group("tabs", tabs, tuple(c.labels[0] for c in tabs)) if tabs else None
        if kind == "tab":
            return Group("tab", children, (block.tab.label,))
        if kind == "column":
            return Group("column", children, weights=(block.column.weight,))
        columns = [c for c in children if isinstance(c, Group) and c.kind == "column"]
        if columns and len(columns) == len(children):
            return Group("columns", tuple(columns), weights=tuple(c.weights[0] for c in columns))
        if kind == "expandable":
            return Group("box", children, (block.expandable.label,))
        return Group("box", children)


def page_content(messages: list[ForwardMsg], drop: frozenset[str] = frozenset(),
                 images: Mapping[str, tuple[bytes, str]] | None = None) -> tuple[str, tuple[Item, ...]]:
    """The page's title and its content from the title on (the header row before it is left out);
    texts in ``drop`` (screen-only hints such as "click a bar") are left out too; ``images`` are the
    pictures' bytes by URL (``PageCapture.images``)."""
    reader = _Reader(drop, images or {})
    root = replay(messages)
    order = sorted(root.children)
    for number, index in enumerate(order):
        element = root.children[index].element
        if element is not None and element.WhichOneof("type") == "heading" and element.heading.tag == "h1":
            return element.heading.body, reader.items(_Node(children={i: root.children[i] for i in order[number + 1:]}))
    return "", reader.items(root)
