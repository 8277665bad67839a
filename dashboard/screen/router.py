"""How ``dashboard/app.py`` serves the screen at ``/screen`` with no navigation, sidebar or header.

``st.navigation`` must be told its position before it resolves the page, so the router asks first
whether this run is for the screen: on a direct load the browser sends the page name (``screen``),
on later reruns the page's script hash.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.layout import current_lang
from dashboard.screen.text import s

SCREEN_URL_PATH = "screen"


def screen_page(pages_dir: str = "../pages") -> st.Page:
    """The navigation entry for the screen, served at ``/screen``, titled in the dashboard's language."""
    return st.Page(f"{pages_dir}/screen.py", title=s("page_title", current_lang()), icon=":material/tv:",
                   url_path=SCREEN_URL_PATH)


def is_screen_request(page: st.Page | None = None) -> bool:
    """Whether this script run was requested for the screen page."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return False
    manager = ctx.pages_manager
    wanted = (manager.intended_page_name or "").strip("/")
    if wanted == SCREEN_URL_PATH:
        return True
    page = page or screen_page()
    return bool(manager.intended_page_script_hash) and manager.intended_page_script_hash == page._script_hash


def _back_to_dashboard() -> None:
    """Never reached when the screen is requested; a safe landing if it ever is."""
    st.markdown("[联动看板 · 返回首页](/)")


def run_screen_if_requested(pages_dir: str = "../pages") -> bool:
    """Run the screen page with hidden navigation and return True, or return False for other pages.

    The default page of a navigation is served at ``/`` and loses its own path, so the screen cannot
    be the default: a hidden placeholder takes that role and ``/screen`` resolves by name.
    """
    page = screen_page(pages_dir)
    if not is_screen_request(page):
        return False
    home = st.Page(_back_to_dashboard, title="联动看板", url_path="home", default=True, visibility="hidden")
    st.navigation([home, page], position="hidden").run()
    return True
