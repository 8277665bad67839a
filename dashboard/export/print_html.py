"""A page's content as one self-contained HTML document laid out for A4 paper (and for a picture).

Pure: content items and a header in, a string out. What the screen needs and paper does not is gone
(filter widgets, buttons); what paper needs and the screen shows elsewhere is on top (title, period,
filters, data date, who may see it, when it was exported). Tables are real tables whose text wraps,
their heading row repeated on every page, never a scrolled window; charts are drawn by the same
Plotly figures at the paper's width, as static pictures. Every text from the data is escaped; the
figures' JSON sits in ``application/json`` script elements with ``<`` escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from typing import Any

import polars as pl
from markdown_it import MarkdownIt

from dashboard import theme
from dashboard.export.content import (
    Figure,
    Group,
    Heading,
    Html,
    Image,
    Item,
    Metric,
    Notice,
    TableBlock,
    Text,
)
from dashboard.export.text import x
from dashboard.i18n import Lang

#: Rows of one table printed at most: a case list of thousands belongs in the spreadsheet download.
MAX_ROWS = 300
#: Columns side by side on paper only while their tables are this short and narrow; a long table
#: beside a chart would leave the chart's side of every later page empty, so such columns stack.
SIDE_BY_SIDE_ROWS = 12
SIDE_BY_SIDE_COLUMNS = 4
SIDE_BY_SIDE_FIGURE_PX = 520
#: A figure is never taller than a page (A4 less margins at the print scale, in layout pixels): taller
#: ones (a bar per unit of a large county) are drawn shorter rather than cut at the page's foot.
MAX_FIGURE_PX = 1150
_ICON = re.compile(r":material/[a-z0-9_]+:")
_STYLED = re.compile(r":(?:[a-z]+)(?:-badge|-background)?\[([^\]]*)\]")
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)
_NOTICE_COLOURS = {"error": ("#FDECEA", "#C8362E"), "warning": ("#FFF6DB", "#B07D00"),
                   "info": ("#EAF1FB", "#1F4E99"), "success": ("#E8F5EE", "#2E8B57")}

PRINT_CSS = """
*{-webkit-print-color-adjust:exact;print-color-adjust:exact;box-sizing:border-box}
body{margin:0;font-family:%(font)s;color:%(text)s;font-size:13px;line-height:1.45;background:#fff}
@media screen{body{padding:24px 28px}}
.ld-head{border-bottom:3px solid %(primary)s;padding:0 0 8px;margin:0 0 12px}
.ld-head h1{font-size:24px;margin:0 0 4px;line-height:1.25}
.ld-lines{display:flex;flex-wrap:wrap;column-gap:18px;row-gap:2px;font-size:12.5px;color:#4A5568}
.ld-lines b{color:%(text)s}
.ld-demo{color:#6B46C1;font-weight:600}
h2{font-size:18px;margin:14px 0 6px}h3,h4,h5,h6{font-size:15px;margin:12px 0 6px}
h2,h3,h4{break-after:avoid;page-break-after:avoid}.ld-keep{break-inside:avoid;page-break-inside:avoid}
p{margin:4px 0}.ld-caption{font-size:11.5px;color:#5F6B7A}
.ld-row{display:flex;gap:14px;align-items:flex-start}.ld-col{min-width:0}
.ld-group-label{font-size:12px;color:#5F6B7A;margin:10px 0 2px}
.ld-figure{width:100%%;break-inside:avoid;page-break-inside:avoid;margin:2px 0 8px}
.ld-notice{border-left:4px solid var(--c);background:var(--bg);padding:6px 10px;margin:6px 0;border-radius:4px}
table.ld-table{border-collapse:collapse;width:100%%;font-size:11.5px;margin:4px 0 10px}
table.ld-table th{background:#EEF1F5;font-weight:600;text-align:left}
table.ld-table th,table.ld-table td{border:1px solid #D5DBE3;padding:3px 6px;vertical-align:top;
  word-break:break-word}
table.ld-table td.num{text-align:right;white-space:nowrap}
table.ld-table thead{display:table-header-group}table.ld-table tr{break-inside:avoid;page-break-inside:avoid}
.ld-metric{display:inline-block;border:1px solid #E3E8EF;border-radius:8px;padding:6px 10px;margin:4px}
.ld-metric .v{font-size:20px;font-weight:700}
/* KPI tiles: four across and compact on paper; the screen's own rules come with the tiles' HTML. */
.ld-print .ld-tiles{grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:8px;margin:4px 0 12px}
@media print{.ld-print .ld-tiles{grid-template-columns:repeat(4,minmax(0,1fr))}}
.ld-print .ld-tile{box-shadow:none;padding:7px 9px 6px;border-left-width:6px;break-inside:avoid}
.ld-print .ld-tile .ld-label{font-size:12px;min-height:2.5em}.ld-print .ld-value{font-size:24px}
.ld-print .ld-meta,.ld-print .ld-change{font-size:12px}.ld-print .ld-basis{font-size:11px}
"""

#: Draws every figure at its container's width as a static picture, then marks the page ready.
FIGURES_JS = """
(async () => {
  const specs = document.querySelectorAll('script[type="application/json"][data-figure]');
  const drawn = [];
  for (const spec of specs) {
    const figure = JSON.parse(spec.textContent);
    const target = document.getElementById(spec.dataset.figure);
    const layout = Object.assign({}, figure.layout || {},
                                 {autosize: true, width: target.clientWidth, height: target.clientHeight});
    drawn.push(Plotly.newPlot(target, figure.data || [], layout, {staticPlot: true, displayModeBar: false}));
  }
  await Promise.all(drawn);
  await document.fonts.ready;
  document.body.dataset.ready = "1";
})().catch(error => { document.body.dataset.ready = "error"; document.body.dataset.error = String(error); });
"""


@dataclass(frozen=True)
class PrintHeader:
    """The lines on top of a print-out; values already worded, in the reader's language."""

    title: str
    lines: tuple[tuple[str, str], ...]  # (label, value) pairs, shown "label：value"
    is_demo: bool = False


def header_lines(lang: Lang, *, period: str | None, filters: dict[str, tuple[str, ...]], as_of: dt.date | None,
                 scope: str | None, exported: dt.datetime, actor: str | None = None) -> tuple[tuple[str, str], ...]:
    """The print header's lines: period, each filter (全部 when empty), data date, scope, export time."""
    lines: list[tuple[str, str]] = []
    if period:
        lines.append((x("period", lang), period))
    for key, names in filters.items():
        lines.append((x(key, lang), "、".join(names) if names else x("all", lang)))
    if as_of is not None:
        lines.append((x("as_of", lang), as_of.isoformat()))
    if scope:
        lines.append((x("scope", lang), scope))
    stamp = exported.strftime("%Y-%m-%d %H:%M") + (f"（{actor}）" if actor else "")
    lines.append((x("exported", lang), stamp))
    return tuple(lines)


_MARKDOWN = {allow: MarkdownIt("commonmark", {"html": allow}).enable("table") for allow in (False, True)}


def render_markdown(text: str, allow_html: bool = False) -> str:
    """Streamlit markdown as HTML: icons dropped, coloured and badge text kept as text; raw HTML only
    where the page allowed it (its own escaped markup), escaped otherwise."""
    plain = _STYLED.sub(r"\1", _ICON.sub("", text)).strip()
    rendered: str = _MARKDOWN[allow_html].render(plain)  # MarkdownIt types its renderer's output as Any
    return rendered


def cell_text(value: Any, lang: Lang) -> str:
    """One table cell as printed: no "None", no "00:00:00", 是/否 for a yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("Yes" if value else "No")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def table_html(frame: pl.DataFrame, lang: Lang) -> str:
    numeric = [dtype.is_numeric() for dtype in frame.dtypes]
    head = "".join(f"<th>{html.escape(str(name))}</th>" for name in frame.columns)
    rows = []
    for row in frame.head(MAX_ROWS).iter_rows():
        cells = "".join(f'<td{" class=num" if num else ""}>{html.escape(cell_text(v, lang))}</td>'
                        for v, num in zip(row, numeric, strict=True))
        rows.append(f"<tr>{cells}</tr>")
    note = (f'<p class="ld-caption">{html.escape(x("rows_cut", lang, total=frame.height, shown=MAX_ROWS))}</p>'
            if frame.height > MAX_ROWS else "")
    return f'<table class="ld-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{note}'


def _tables(items: tuple[Item, ...]) -> list[TableBlock]:
    found: list[TableBlock] = []
    for item in items:
        if isinstance(item, TableBlock):
            found.append(item)
        elif isinstance(item, Group):
            found += _tables(item.children)
    return found


def _figures(items: tuple[Item, ...]) -> list[Figure]:
    found: list[Figure] = []
    for item in items:
        if isinstance(item, Figure):
            found.append(item)
        elif isinstance(item, Group):
            found += _figures(item.children)
    return found


def has_figures(items: tuple[Item, ...]) -> bool:
    """Whether the document needs Plotly's library (4 MB, inlined only then)."""
    return bool(_figures(items))


def figure_height(figure: Figure) -> int:
    return min(int((figure.spec.get("layout") or {}).get("height") or 380), MAX_FIGURE_PX)


def side_by_side(columns: Group) -> bool:
    """Whether a row of columns stays a row on paper: only while none holds a long or wide table or a
    tall chart (a page break inside a row leaves the other column's half of the page empty)."""
    return (all(t.frame.height <= SIDE_BY_SIDE_ROWS and t.frame.width <= SIDE_BY_SIDE_COLUMNS
                for t in _tables(columns.children))
            and all(figure_height(f) <= SIDE_BY_SIDE_FIGURE_PX for f in _figures(columns.children)))


class _Writer:
    """Turns items into HTML, numbering figures as it goes."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.figures = 0

    def items(self, items: tuple[Item, ...]) -> str:
        """Each heading is kept on one page with the chart or short table under it."""
        parts: list[str] = []
        skip = False
        for number, item in enumerate(items):
            following = items[number + 1] if number + 1 < len(items) else None
            if skip:
                skip = False
                continue
            if isinstance(item, Heading) and (isinstance(following, Figure) or (
                    isinstance(following, TableBlock) and following.frame.height <= SIDE_BY_SIDE_ROWS)):
                parts.append(f'<div class="ld-keep">{self.item(item)}{self.item(following)}</div>')
                skip = True
            else:
                parts.append(self.item(item))
        return "".join(parts)

    def item(self, item: Item) -> str:
        if isinstance(item, Heading):
            level = min(max(item.level, 2), 4)
            inline = render_markdown(item.text).strip().removeprefix("<p>").removesuffix("</p>")
            return f"<h{level}>{inline}</h{level}>"
        if isinstance(item, Text):
            body = render_markdown(item.markdown, item.allow_html)
            return f'<div class="ld-caption">{body}</div>' if item.caption else body
        if isinstance(item, Html):
            return _SCRIPT.sub("", item.body)
        if isinstance(item, Notice):
            background, colour = _NOTICE_COLOURS[item.kind]
            return (f'<div class="ld-notice" style="--bg:{background};--c:{colour}">'
                    f"{render_markdown(item.markdown)}</div>")
        if isinstance(item, Figure):
            return self.figure(item)
        if isinstance(item, TableBlock):
            return table_html(item.frame, self.lang)
        if isinstance(item, Image):
            caption = f'<div class="ld-caption">{html.escape(item.caption)}</div>' if item.caption else ""
            return f'<figure class="ld-keep" style="margin:6px 0"><img src="{html.escape(item.data_url)}" style="max-width:100%">{caption}</figure>'
        if isinstance(item, Metric):
            delta = f"<div>{html.escape(item.delta)}</div>" if item.delta else ""
            return (f'<div class="ld-metric"><div>{html.escape(item.label)}</div>'
                    f'<div class="v">{html.escape(item.value)}</div>{delta}</div>')
        return self.group(item)

    def figure(self, item: Figure) -> str:
        self.figures += 1
        name = f"ld-figure-{self.figures}"
        height = figure_height(item)
        spec = json.dumps(item.spec, ensure_ascii=False).replace("<", "\\u003c")
        return (f'<div class="ld-figure" id="{name}" style="height:{height}px"></div>'
                f'<script type="application/json" data-figure="{name}">{spec}</script>')

    def group(self, item: Group) -> str:
        if item.kind == "columns" and not side_by_side(item):
            return "".join(self.items(column.children) for column in item.children)
        if item.kind == "columns":
            total = sum(item.weights) or 1.0
            columns = "".join(f'<div class="ld-col" style="flex:{weight / total:.4f} 1 0">{self.items(column.children)}'
                              "</div>" for column, weight in zip(item.children, item.weights, strict=True))
            return f'<div class="ld-row">{columns}</div>'
        if item.kind == "tabs":
            return "".join(self.item(tab) for tab in item.children)
        colon = "：" if self.lang == "zh" else ": "
        label = (f'<div class="ld-group-label">{html.escape((x("tab", self.lang) + colon) if item.kind == "tab" else "")}'
                 f"{html.escape(item.labels[0])}</div>") if item.labels else ""
        return f'<div class="ld-{"tab" if item.kind == "tab" else "box"}">{label}{self.items(item.children)}</div>'


def build_print_html(header: PrintHeader, items: tuple[Item, ...], lang: Lang, plotly_js: str = "") -> str:
    """The whole document; ``plotly_js`` (Plotly's library, inlined so nothing is fetched) is needed
    only when there are figures."""
    writer = _Writer(lang)
    body = writer.items(items)
    colon = "：" if lang == "zh" else ": "
    lines = "".join(f"<span>{html.escape(label)}{colon}<b>{html.escape(value)}</b></span>"
                    for label, value in header.lines)
    demo = f'<span class="ld-demo">{html.escape(x("demo", lang))}</span>' if header.is_demo else ""
    css = PRINT_CSS % {"font": theme.FONT_FAMILY, "text": theme.TEXT, "primary": theme.PRIMARY}
    scripts = (f"<script>{plotly_js}</script><script>{FIGURES_JS}</script>" if writer.figures
               else '<script>document.fonts.ready.then(() => { document.body.dataset.ready = "1"; });</script>')
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{html.escape(header.title)}</title><style>{css}</style></head>"
            f'<body class="ld-print"><header class="ld-head"><h1>{html.escape(header.title)}</h1>'
            f'<div class="ld-lines">{lines}{demo}</div></header><main>{body}</main>{scripts}</body></html>')
