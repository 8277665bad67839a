"""Streamlit entry point: page setup, login gate, header and navigation; pages live in ``../pages``."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Before anything heavy: the first page runs of a just-started server run in many threads at once, and
# concurrent first imports of pandas & co. can hand a thread a half-initialised module
# (dashboard/preload.py). This call imports them once, under a lock, and reads the settings.
from dashboard.preload import preload_if_enabled  # noqa: E402
from etl.config import SettingsError  # noqa: E402

try:
    preload_if_enabled()
    _settings_error = ""
except SettingsError as exc:
    _settings_error = str(exc)

import streamlit as st  # noqa: E402

from dashboard.auth import may_open, viewer_of_session  # noqa: E402
from dashboard.concurrency import page_slot  # noqa: E402
from dashboard.export_view import export_menu  # noqa: E402
from dashboard.layout import PAGES, data_notes_chip, header, language  # noqa: E402
from dashboard.screen import run_screen_if_requested, screen_page  # noqa: E402

# A favicon from this server: a Material icon name would make every page fetch it from fonts.gstatic.com,
# traffic a government intranet should not send (and may block).
FAVICON = ROOT / "dashboard" / "assets" / "favicon.png"
st.set_page_config(page_title="联动看板", page_icon=str(FAVICON), layout="wide")
if _settings_error:  # a mistyped LIANDONG_* value: say which, rather than run with a guess
    st.error(_settings_error, icon=":material/error:")
    st.stop()
if run_screen_if_requested():  # /screen: no sidebar, header or menu
    st.stop()
lang, title_row = language()
entries = [*PAGES(lang), ("audit", "审计日志" if lang == "zh" else "Audit log", ":material/policy:")]
if (notes_slot := header(lang, title_row)) is not None:
    viewer = viewer_of_session()
    nav = st.navigation(  # administrator-only pages are not even listed for others
        [st.Page(f"../pages/{name}.py", title=title, icon=icon, default=name == "overview", url_path=name)
         for name, title, icon in entries if may_open(viewer, name)] + [screen_page()],
        position="top",
    )
    data_notes_chip(notes_slot, lang)  # a link to 数据管理 needs the navigation declared
    export_menu(notes_slot, nav.title, lang)  # 打印/导出PDF, 导出图片 of whatever page runs next
    with page_slot():  # a few page runs at once per process: bounded memory (dashboard/concurrency.py)
        nav.run()
else:
    # The login form (or an error) is showing. Declare the pages, hidden and not run, so the address a
    # shared link opened (/litigation?period=2025H1) survives: after logging in, that page opens with its
    # filters instead of the overview. Nothing of a page runs before login.
    st.navigation([st.Page(f"../pages/{name}.py", title=title, default=name == "overview", url_path=name)
                   for name, title, _icon in entries] + [screen_page()], position="hidden")
