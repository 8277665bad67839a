"""The wall screen opened with a display token (``/screen?token=…``): the token is exchanged for a
display session on the first load and leaves the address bar.

Left in the URL, the token went out in the Referer of every request the page made (69 lines of a
proxy's access log per screen load) and stayed in the browser history. Instead the first load checks
it, records its use in the audit log, keeps the token's *id* in a signed cookie
(``etl.auth.sessions.issue_display``) and in the session, and removes it from the URL. A reload finds
the cookie; every rotation re-checks the token by id, so revoking it still blanks the screen at once.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlalchemy import Engine

from dashboard.cookies import cookie_script
from dashboard.viewer import Viewer
from etl.auth import sessions, tokens
from etl.db.models import Role

TOKEN_PARAM = "token"
#: How long a screen keeps its display session without its token (never beyond the token's expiry).
DISPLAY_SESSION_TTL = dt.timedelta(days=30)
_DISPLAY_KEY = "liandong_display_viewer"
TOKEN_INVALID = "大屏令牌无效、已过期或已被撤销。Display token invalid, expired or revoked."


def display_viewer(engine: Engine, now: dt.datetime) -> tuple[Viewer | None, bool]:
    """(viewer, refused): the display viewer of this screen, or (None, True) after an error was shown,
    or (None, False) when this request carries no display credential at all."""
    token = st.query_params.get(TOKEN_PARAM)
    if token:
        return _exchange(engine, token, now)
    known = st.session_state.get(_DISPLAY_KEY)
    token_id = known.token_id if known is not None else _token_id_from_cookie(engine, now)
    if token_id is None:
        return None, False
    with engine.connect() as conn:
        info = tokens.token_by_id(conn, token_id, now)
    if info is None:
        st.session_state.pop(_DISPLAY_KEY, None)
        st.error(TOKEN_INVALID)
        return None, True
    viewer = known or screen_viewer(info)
    st.session_state[_DISPLAY_KEY] = viewer
    return viewer, False


def screen_viewer(info: tokens.TokenInfo) -> Viewer:
    """A screen reads like a leader (everything, read-only) and can open nothing but /screen."""
    return Viewer(username=f"display:{info.label}", role=Role.LEADER, display_only=True, token_id=info.id)


def _exchange(engine: Engine, token: str, now: dt.datetime) -> tuple[Viewer | None, bool]:
    with engine.begin() as conn:
        info = tokens.verify_token(conn, token, now)
        if info is None:
            st.error(TOKEN_INVALID)
            return None, True
        viewer = screen_viewer(info)
        tokens.record_use(conn, info, viewer.username)
        expires = min(now + DISPLAY_SESSION_TTL, info.expires_at or now + DISPLAY_SESSION_TTL)
        cookie = sessions.issue_display(conn, info.id, expires)
    st.session_state[_DISPLAY_KEY] = viewer
    del st.query_params[TOKEN_PARAM]  # the address bar (and every later Referer) no longer holds it
    st.html(cookie_script(sessions.DISPLAY_COOKIE_NAME, cookie, int((expires - now).total_seconds())),
            unsafe_allow_javascript=True)
    return viewer, False


def _token_id_from_cookie(engine: Engine, now: dt.datetime) -> int | None:
    value = st.context.cookies.get(sessions.DISPLAY_COOKIE_NAME)
    if not isinstance(value, str) or not value:
        return None
    with engine.connect() as conn:
        return sessions.verify_display(conn, value, now)
