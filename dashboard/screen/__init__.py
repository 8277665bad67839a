"""The meeting-room wall screen at ``/screen``.

``dashboard/app.py`` calls :func:`run_screen_if_requested` before drawing any chrome, and lists
:func:`screen_page` in its navigation; ``pages/screen.py`` calls :func:`render_screen`.
"""

from dashboard.screen.config import PANEL_KEYS, ScreenConfig, panel_index, parse_screen_params
from dashboard.screen.router import SCREEN_URL_PATH, is_screen_request, run_screen_if_requested, screen_page

__all__ = ["PANEL_KEYS", "SCREEN_URL_PATH", "ScreenConfig", "is_screen_request", "panel_index",
           "parse_screen_params", "run_screen_if_requested", "screen_page"]
