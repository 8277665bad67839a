"""The login gate: who is looking, and what they may see (docs/decisions/0004-liaison-scope-on-the-data.md).

Rules, in order:
1. No account in the database: the demo/local mode. Allowed only for a request from this machine to a
   server listening on loopback, not through a proxy (``etl.auth.network.is_local_request``);
   otherwise nothing is shown.
2. On the screen page, a display token (``/screen?token=…``), exchanged on first load for a display
   session (``dashboard.display_access``), opens the screen only, read-only.
3. Otherwise a logged-in session (expires after :data:`SESSION_TTL`), resumed after a reload from a
   signed cookie (``etl.auth.sessions``), or the login form. The account behind a session is
   re-checked on every run (disabled, password, session epoch), so a logout, disable or password reset
   anywhere ends every open tab of it at its next click.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import streamlit as st
from sqlalchemy import Engine

from dashboard import runtime
from dashboard.cookies import cookie_script
from dashboard.display_access import display_viewer
from dashboard.viewer import Viewer as Viewer  # re-exported: pages and tests take the viewer type from here
from etl import audit
from etl.access import EVERYTHING, ViewerScope, scope_of
from etl.auth import accounts, sessions, tokens
from etl.auth.network import is_local_request
from etl.db.models import Role

SESSION_TTL = dt.timedelta(hours=8)
_SESSION_KEY = "liandong_viewer"
_COOKIE_SCRIPT = "liandong_cookie_script"  # set or clear the login cookie on the next run
_LOGGED_OUT = "liandong_logged_out"  # this connection logged out: its request's cookie no longer counts
_HEADER_TRIED = "liandong_header_tried"
NO_ACCOUNT_REMOTE = ("尚未创建账号：看板只允许在本机直接访问（不经反向代理）。请管理员在服务器上运行 "
                     "`liandong users add NAME --role admin` 创建账号后登录。"
                     "No account exists yet: only a browser on the server itself may open the dashboard.")
SESSION_ENDED = ("登录已失效（账号已停用、密码已重置或已退出登录），请重新登录。"
                 "Your session has ended (account disabled, password reset or logged out).")


LOCAL_VIEWER = Viewer(username="localhost", role=Role.ADMIN)
#: Where :func:`dashboard.layout.header` keeps the viewer of the current run.
VIEWER_KEY = "ld_viewer"
#: Pages only an administrator may open: navigation hides them and the page itself refuses others.
ADMIN_PAGES = frozenset({"data_management", "audit"})
ADMIN_ONLY = "此页面仅限管理员访问。This page is for administrators only."


def viewer_of_session() -> Viewer | None:
    """The viewer :func:`dashboard.layout.header` resolved for this run (None before the login gate)."""
    viewer = st.session_state.get(VIEWER_KEY)
    return viewer if isinstance(viewer, Viewer) else None


def actor_name(viewer: Viewer | None = None) -> str:
    """Who the audit log names for an action in the app: the user name, or "localhost" in local mode."""
    viewer = viewer or viewer_of_session()
    return viewer.username if viewer is not None else LOCAL_VIEWER.username


def may_open(viewer: Viewer | None, page: str) -> bool:
    """Whether the navigation offers ``page`` (a file stem in ``pages/``) to this viewer."""
    if viewer is None or viewer.display_only:
        return False
    return viewer.is_admin or page not in ADMIN_PAGES


def require_admin(engine: Engine) -> None:
    """Stop the page unless an administrator is looking (a URL or page switch cannot get round it).

    A page script run on its own (not through ``dashboard/app.py``) resolves the viewer itself.
    """
    viewer = viewer_of_session() or current_viewer(engine, screen_page=False)
    if viewer is None:
        st.stop()
    if not viewer.is_admin or viewer.display_only:
        st.error(ADMIN_ONLY, icon=":material/lock:")
        st.stop()


def request_is_local() -> bool:
    """Whether this run's request comes from this machine, directly, to a loopback-only server."""
    return is_local_request(st.get_option("server.address"), _request_headers(), st.context.ip_address)


def current_viewer(engine: Engine, *, screen_page: bool) -> Viewer | None:
    """Resolve the viewer, or render the login form / refusal and return None (caller stops)."""
    with engine.connect() as conn:
        has_accounts = accounts.accounts_exist(conn)
    if not has_accounts:
        if request_is_local():
            return LOCAL_VIEWER
        st.error(NO_ACCOUNT_REMOTE)
        return None
    if screen_page:
        screen, refused = display_viewer(engine, _now())
        if screen is not None or refused:
            return screen
    viewer: Viewer | None = st.session_state.get(_SESSION_KEY)
    if viewer is not None and viewer.logged_in_at is not None:
        if _now() - viewer.logged_in_at >= SESSION_TTL:
            _end_session_state()
            st.info("登录已过期，请重新登录。Session expired.")
        elif not _account_unchanged(engine, viewer):
            _end_session_state()
            st.session_state[_LOGGED_OUT] = True  # the request's cookie is as dead as the session
            st.session_state[_COOKIE_SCRIPT] = cookie_script(sessions.COOKIE_NAME, "", 0)
            st.info(SESSION_ENDED, icon=":material/lock:")
        else:
            _run_cookie_script()
            return viewer
    resumed = None if st.session_state.get(_LOGGED_OUT) else _viewer_from_cookie(engine)
    if resumed is not None:  # a reload or a new tab of a logged-in browser
        st.session_state[_SESSION_KEY] = resumed
        return resumed
    proxied = None
    if not st.session_state.get(_HEADER_TRIED):  # once per session: a refused header is logged once
        st.session_state[_HEADER_TRIED] = True
        proxied = header_viewer(engine, _request_headers(), runtime.settings().trusted_user_header or None)  # a proxy's header (docs/deployment.md)
    if proxied is not None:
        st.session_state[_SESSION_KEY] = proxied
        return proxied
    _run_cookie_script()  # after a logout: delete the browser's cookie
    _login_form(engine)
    return None


def _request_headers() -> Mapping[str, str]:
    return st.context.headers


def _account_unchanged(engine: Engine, viewer: Viewer) -> bool:
    """The account is still enabled, with the password and session epoch it had at login."""
    with engine.connect() as conn:
        return sessions.still_valid(conn, viewer.username, viewer.fingerprint)


def _end_session_state() -> None:
    st.session_state.pop(_SESSION_KEY, None)
    st.session_state.pop(_HEADER_TRIED, None)


def header_viewer(engine: Engine, headers: Mapping[str, str], header: str | None) -> Viewer | None:
    """The account a trusted reverse proxy names in ``header`` (single sign-on), if it exists and is enabled.

    Only for a server reachable through that proxy alone, which must overwrite the header on every
    request; otherwise anyone could send it. The account's role and scope apply as for a password login.
    """
    name = (headers.get(header) or "").strip() if header else ""
    if not name:
        return None
    with engine.begin() as conn:
        account = accounts.get_account(conn, name)
        if account is None or account.disabled:
            audit.record(conn, audit.LOGIN_FAILED, name, reason="proxy_header_unknown_or_disabled")
            return None
        audit.record(conn, audit.LOGIN, name, via="proxy_header")
        fingerprint = sessions.fingerprint(conn, account.username)
    return _viewer_of(account, _now(), fingerprint)


TOKEN_GONE = "此显示令牌已失效，请联系管理员。This display token is no longer valid."


def token_still_valid(engine: Engine, token_id: int) -> bool:
    """Re-checked on every rotation of an open screen, so revoking (or expiry) takes effect at once."""
    with engine.connect() as conn:
        return tokens.token_by_id(conn, token_id) is not None


def viewer_scope(viewer: Viewer | None) -> ViewerScope:
    """The units and townships a viewer is limited to (``etl.access.scope_of``); no viewer sees everything."""
    if viewer is None:
        return EVERYTHING
    return scope_of(viewer.role, viewer.unit_id, viewer.township_id)


def logout(engine: Engine | None = None) -> None:
    """End this login everywhere: the account's session epoch moves on (every cookie and open tab of it
    stops working, a copied cookie included), and this browser's cookie is deleted."""
    viewer: Viewer | None = st.session_state.get(_SESSION_KEY)
    if engine is not None and viewer is not None and viewer.logged_in_at is not None:
        with engine.begin() as conn:
            sessions.end_sessions(conn, viewer.username)
            audit.record(conn, audit.LOGOUT, viewer.username)
    st.session_state.pop(_SESSION_KEY, None)
    st.session_state[_LOGGED_OUT] = True
    st.session_state[_COOKIE_SCRIPT] = cookie_script(sessions.COOKIE_NAME, "", 0)


def _viewer_from_cookie(engine: Engine) -> Viewer | None:
    """The account of a valid login cookie (etl.auth.sessions), with the login's original expiry."""
    value = st.context.cookies.get(sessions.COOKIE_NAME)
    if not isinstance(value, str) or not value:  # (AppTest has no request, hence no cookies)
        return None
    with engine.begin() as conn:
        found = sessions.verify(conn, value, _now())
        if found is None:
            return None
        fingerprint = sessions.fingerprint(conn, found[0].username)
    account, expires = found
    return _viewer_of(account, expires - SESSION_TTL, fingerprint)


def _viewer_of(account: accounts.Account, logged_in_at: dt.datetime, fingerprint: str | None) -> Viewer:
    """The viewer an account signs in as: its role and scope, read from the account every time."""
    return Viewer(username=account.username, role=account.role, unit_id=account.unit_id,
                  township_id=account.township_id, logged_in_at=logged_in_at, fingerprint=fingerprint)


def _run_cookie_script() -> None:
    script = st.session_state.pop(_COOKIE_SCRIPT, None)
    if script:
        st.html(script, unsafe_allow_javascript=True)


def _login_form(engine: Engine) -> None:
    st.markdown("### 联动看板 · 登录")
    with st.form("login", clear_on_submit=False):
        username = st.text_input("用户名 User name")
        password = st.text_input("密码 Password", type="password")
        submitted = st.form_submit_button("登录 Log in", type="primary")
    if not submitted:
        return
    with engine.begin() as conn:
        result = accounts.authenticate(conn, username.strip(), password)
    account = result.account
    if account is None:
        st.error(result.message or accounts.BAD_CREDENTIALS)
        return
    logged_in_at = _now()
    with engine.begin() as conn:
        cookie = sessions.issue(conn, account.username, logged_in_at + SESSION_TTL)
        fingerprint = sessions.fingerprint(conn, account.username)
    st.session_state[_SESSION_KEY] = _viewer_of(account, logged_in_at, fingerprint)
    st.session_state.pop(_LOGGED_OUT, None)
    st.session_state[_COOKIE_SCRIPT] = cookie_script(sessions.COOKIE_NAME, cookie, int(SESSION_TTL.total_seconds()))
    st.rerun()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
