"""复制链接: a link to this page that shows the same figures whenever it is opened.

The address bar already carries the filters, but not the default period: a fresh visit means 截至本月
(year to date of the latest data), which moves with every import. A shared link must not: it carries
the period's concrete dates (``period=2026YTD-11-20``, ``Period.pinned_spec``), so a leader who opens
it next month reads the numbers the sender read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.i18n import Lang, t
from etl.metrics import Period

PERIOD_PARAM = "period"


def share_link(base: str, params: Mapping[str, Sequence[str]], period: Period) -> str:
    """``base`` (the page's address) with ``params`` and the period pinned to its dates, ``period`` first."""
    query: list[tuple[str, str]] = [(PERIOD_PARAM, period.pinned_spec())]
    query += [(key, value) for key, values in params.items() if key != PERIOD_PARAM for value in values]
    return f"{base}?{urlencode(query)}"


def current_params() -> dict[str, list[str]]:
    """The page's URL parameters as the filter bar has just written them."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def copy_link_action(place: DeltaGenerator, period: Period, lang: Lang) -> None:
    """A 复制链接 popover showing the pinned link in a code block, whose icon copies it.

    The code block's own copy button works on the plain-HTTP intranet addresses county offices use,
    where a page's script may not write to the clipboard; the text can be selected by hand as well.
    """
    link = share_link(st.context.url or "", current_params(), period)
    with place.popover(t("copy_link", lang), icon=":material/link:", key="ld_copy_link", type="tertiary"):
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("copy_link_help", lang))
