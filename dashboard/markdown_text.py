"""Text from the database or an upload shown inside Markdown: as the characters it is, never as markup.

``st.info``, ``st.success``, ``st.warning``, ``st.error``, ``st.markdown``, ``st.caption``, ``st.write``,
badges, toasts, expander and button labels all render Markdown, so a unit called
``[点此](http://x)`` would become a link and ``![](http://x/p.png)`` an image the viewer's browser
fetches. Every name, file name or message that carries user text passes through :func:`escape_markdown`
before it is interpolated into one of those calls. (HTML built by the dashboard uses ``html.escape``.)
"""

from __future__ import annotations

import re

import polars as pl

#: Characters that start markup anywhere in a line: emphasis, code, links and images (``[``, and with
#: it ``![``), HTML and autolinks, headings, strikethrough, ``$`` maths, Streamlit's ``:red[…]`` colours
#: and ``:material/…:`` icons, entities, and the ``:`` and ``@`` of bare URLs and e-mail addresses that
#: GitHub-flavoured Markdown would turn into links. CommonMark shows a backslash-escaped ASCII
#: punctuation character as itself.
_INLINE = re.compile(r"([\\`*_\[\]<>#~$:@&])")
#: Markup that only counts at the start of a line (lists, ordered lists) or in "www." links.
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])")
_WWW = re.compile(r"(?i)(www)\.")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape_markdown(text: object) -> str:
    """``text`` on one line, shown as the characters it is: every character that would start
    Markdown there is backslash-escaped (and only those, so "100.00分" stays as it is)."""
    value = _LINE_BREAKS.sub(" ", "" if text is None else str(text))
    value = _INLINE.sub(r"\\\1", value)
    value = _WWW.sub(r"\1\\.", value)
    return _LINE_START.sub(_escape_marker, value)


def _escape_marker(match: re.Match[str]) -> str:
    """``- a`` → ``\\- a``, ``1. a`` → ``1\\. a``: the list marker shown, not obeyed."""
    indent, marker = match[1], match[2]
    return f"{indent}\\{marker}" if marker in "-+" else f"{indent}{marker[:-1]}\\{marker[-1]}"


def escape_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell and header escaped, for ``st.table``, which renders its cells as Markdown."""
    escaped = frame.with_columns(pl.col(name).map_elements(escape_markdown, return_dtype=pl.String,
                                                           skip_nulls=True)
                                 for name, dtype in frame.schema.items() if dtype == pl.String)
    return escaped.rename({name: escape_markdown(name) for name in escaped.columns
                           if escape_markdown(name) != name})
