"""The download buttons of a 通报 (DOCX and PDF), built only when clicked and audited like a briefing.

The 行政诉讼 page offers two notices, the 败诉案件通报 and the monthly 出庭应诉通报; both come from
``etl.notices.generate`` and are offered the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.downloads import audited
from dashboard.i18n import Lang
from etl import audit
from etl.briefing.generate import MIME_TYPES, pdf_font_problem
from etl.notices.generate import NOTICE_FORMATS


def notice_download_buttons(build: Callable[[str], bytes], title: str, stem: str, key: str, lang: Lang) -> None:
    """One button per format; ``build(fmt)`` makes the file's bytes when the button is clicked. Without
    the fonts a PDF needs, its button is disabled and the sentence below says what to install."""
    zh = lang == "zh"
    no_pdf = pdf_font_problem()

    def builder(fmt: str) -> Callable[[], bytes]:
        return lambda: build(fmt)

    for column, fmt in zip(st.columns(len(NOTICE_FORMATS)), NOTICE_FORMATS, strict=True):
        with column:
            st.download_button(
                f"下载通报（{fmt.upper()}）" if zh else f"Download notice ({fmt.upper()})",
                data=audited(builder(fmt), audit.BRIEFING, title=title, format=fmt, file=f"{stem}.{fmt}"),
                file_name=f"{stem}.{fmt}", mime=MIME_TYPES[fmt], key=f"{key}_{fmt}", on_click="ignore",
                icon=":material/download:", disabled=fmt == "pdf" and bool(no_pdf))
    if no_pdf:
        st.caption(no_pdf)
