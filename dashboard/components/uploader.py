"""The file-upload widget in Chinese.

Streamlit has no locale setting and its uploader writes "Upload" and "200MB per file • XLSX, XLS, CSV"
in English. Its label, help and a caption can be ours, but those two strings are drawn by the
frontend; the least fragile change is a stylesheet that hides the English text and shows ours in its
place (``::after``), keyed on the widget's test ids. If a future Streamlit renames them, the English
text simply comes back — nothing breaks.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

_BUTTON = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes and backslashes escaped, no line breaks)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_css(limit_mb: int, types: Sequence[str]) -> str:
    """The stylesheet that words the uploader's button and size line in Chinese."""
    limit = f"单个文件不超过 {limit_mb}MB · 支持 {'、'.join(t.lower() for t in types)}"
    return ("<style>"
            f"{_BUTTON}{{font-size:0}}{_BUTTON}::after{{content:{css_string('选择文件')};font-size:.95rem}}"
            f"{_LIMIT}{{font-size:0}}{_LIMIT}::after{{content:{css_string(limit)};font-size:.9rem}}"
            "</style>")


def chinese_uploader(types: Sequence[str]) -> None:
    """Call before ``st.file_uploader``: its English words become Chinese on this page."""
    st.html(uploader_css(int(st.get_option("server.maxUploadSize")), types))
