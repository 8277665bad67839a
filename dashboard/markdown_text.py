"""Text from the database or an upload shown inside Markdown: as the characters it is, never as markup.

``st.info``, ``st.success``, ``st.warning``, ``st.error``, ``st.markdown``, ``st.caption``, ``st.write``,
badges, toasts, expander and button labels all render Markdown, so a unit called
``[点此](http://x)`` would become a link and ``![](http://x/p.png)`` an image the viewer's browser
fetches. Every name, file name or message that carries user text passes through :func:`escape_markdown`
before it is interpolated into one of those calls. (HTML built by the dashboard uses ``html.escape``.)
"""

from __future__ import annotations

import re

#: Every ASCII punctuation character Markdown, GitHub-flavoured Markdown or Streamlit's own extensions
#: (``$`` maths, ``:red[…]`` colours, ``:material/…:`` icons) give a meaning to. CommonMark lets any
#: ASCII punctuation be escaped with a backslash and shows it as itself.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&\"'])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape_markdown(text: object) -> str:
    """``text`` on one line with every Markdown-significant character backslash-escaped."""
    value = "" if text is None else str(text)
    return _MARKUP.sub(r"\\\1", _LINE_BREAKS.sub(" ", value))
