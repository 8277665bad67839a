"""Showing a figure: explicit colours (``theme=None``), PNG download in the modebar, click-to-filter."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

from dashboard import theme
from dashboard.filters import select_from_chart
from dashboard.i18n import Lang, t


def show_figure(fig: go.Figure, key: str, filter_key: str | None = None, lang: Lang = "zh",
                single: bool = False) -> None:
    """Draw ``fig``; with ``filter_key``, clicking a bar sets that filter (agency or township)."""
    if filter_key is None:
        st.plotly_chart(fig, key=key, theme=None, config=theme.PLOTLY_CONFIG)
        return
    st.plotly_chart(fig, key=key, theme=None, config=theme.PLOTLY_CONFIG, selection_mode="points",
                    on_select=lambda: select_from_chart(key, filter_key, single))
    st.caption(t("click_for_breakdown" if single else "click_to_filter", lang))


def has_rows(frame_height: int, lang: Lang) -> bool:
    """Empty results show a sentence, not an empty chart."""
    if frame_height:
        return True
    st.info(t("empty", lang), icon=":material/info:")
    return False


def coloured_heading(text: str, colour: str) -> None:
    """A section heading in a colour of its own (红榜 red, 黑榜 dark grey-blue); the text is escaped."""
    st.markdown(f'<h3 style="color:{colour}">{html.escape(text)}</h3>', unsafe_allow_html=True)
