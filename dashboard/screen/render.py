"""The Streamlit side of the wall screen: page setup, access check, and the self-rotating fragment.

Nothing accumulates per rerun: session state holds one float (when this screen started), the panel
markup is cached per data version in a bounded cache, and each rotation replaces the previous
panel's elements. The fragment reruns every ``rotate`` seconds (at least once a minute for long
intervals); each run reads the data version (cached for a few seconds), so a new import appears
without anyone touching the screen.
"""

from __future__ import annotations

import datetime as dt
import html
import time
import zoneinfo

import streamlit as st

from dashboard import auth, data, header_info, metrics_cache, runtime
from dashboard.caches import RESULTS
from dashboard.i18n import t
from dashboard.screen.build import build_screen
from dashboard.screen.config import (
    PRESET_PARAM,
    ScreenConfig,
    panel_index,
    parse_presets,
    parse_screen_params,
    refresh_tick,
    with_preset,
)
from dashboard.screen.css import screen_css
from dashboard.screen.text import s
from etl.access import EVERYTHING, ViewerScope
from etl.auth.visibility import ranking_names_visible

ANCHOR_KEY = "ld_screen_anchor"

#: Keeps the header clock current in the browser's own time zone without a server round trip, and
#: flags the screen as offline when the server's runs stop arriving (measured on the browser's own
#: clock, so a skewed server clock cannot trigger it). The guard starts no second timer on reruns.
CLOCK_JS = """<script>
(function(){
  if (window.__ldsClock) { return; }
  var last = null, seenAt = Date.now();
  function pad(n){ return (n < 10 ? "0" : "") + n; }
  function tick(){
    var d = new Date(), text = pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
    document.querySelectorAll("[data-clock]").forEach(function(e){ e.textContent = text; });
    var root = document.querySelector(".lds");
    if (!root) { return; }
    var rendered = root.getAttribute("data-rendered");
    if (rendered !== last) { last = rendered; seenAt = Date.now(); }
    var limit = 1000 * parseFloat(root.getAttribute("data-stale-after") || "0");
    root.classList.toggle("lds-offline", limit > 0 && Date.now() - seenAt > limit);
  }
  window.__ldsClock = setInterval(tick, 1000); tick();
})();
</script>"""


def clock_text(now: dt.datetime | None = None, tz_name: str | None = None) -> str:
    """Server-side first paint of the clock, in the browser's time zone when it told us one."""
    try:
        zone = zoneinfo.ZoneInfo(tz_name) if tz_name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    moment = now or dt.datetime.now(dt.UTC)
    return (moment.astimezone(zone) if zone else moment.astimezone()).strftime("%H:%M:%S")


def _panel_markup(url: str, version: int, config: ScreenConfig, key: str, notices: tuple[str, ...],
                  viewer: ViewerScope = EVERYTHING, names_visible: bool = True) -> str:
    """One panel's markup per data version, definitions version, configuration, viewer and hour (what is
    overdue moves with the clock); the clock's first paint and the heartbeat are filled in per run
    (placeholders), so the cached string serves every rotation."""
    rules = metrics_cache.current_rules()
    hour = int(time.time() // 3600)
    imported = header_info.latest_import_text(header_info.data_notes(url, version), runtime.settings().timezone,
                                              config.lang) or ""
    markup: str = RESULTS.get_or_compute(
        ("screen panel", url, version, rules.version, config, key, notices, viewer, names_visible, hour, imported),
        lambda: build_screen(data.facts_for(url, version), config, key, "{{CLOCK}}", notices,
                             rendered="{{RENDERED}}", viewer=viewer, names_visible=names_visible, rules=rules,
                             imported=imported))
    return markup


def token_gone_markup() -> str:
    """The revoked-token notice, large enough to read across the meeting room (red reads on both themes)."""
    zh, en = auth.TOKEN_GONE.split("。", 1)
    return ('<div role="alert" data-token-gone style="display:flex;flex-direction:column;align-items:center;'
            'justify-content:center;height:92vh;text-align:center;color:#dc2626">'
            f'<div style="font-size:6vh;font-weight:700">{html.escape(zh)}。</div>'
            f'<div style="font-size:3vh;margin-top:2vh">{html.escape(en.strip())}</div></div>')


def _rotating(config: ScreenConfig, notices: tuple[str, ...], anchor: float, token_id: int | None = None,
              viewer: ViewerScope = EVERYTHING) -> None:
    url = data.db_url()
    if token_id is not None and not auth.token_still_valid(data.get_engine(url), token_id):
        st.html(token_gone_markup())  # replaces the panel: no data stays on the wall
        return
    version = data.current_version(url)
    tick = refresh_tick(config.rotate)
    key = config.panels[panel_index(time.time(), anchor, config.rotate, len(config.panels), tick)]
    names_visible = True
    if not viewer.is_everything:  # re-read each run: the administrator's choice applies at the next rotation
        with data.get_engine(url).connect() as conn:
            names_visible = ranking_names_visible(conn)
    markup = _panel_markup(url, version, config, key, notices, viewer, names_visible)
    markup = markup.replace("{{CLOCK}}", clock_text(tz_name=st.context.timezone))
    st.html(markup.replace("{{RENDERED}}", f"{time.time():.3f}"))


def _saved_screens() -> tuple[dict[str, dict[str, str]], list[str]]:
    """Saved screens from ``Settings.screen_presets`` (``LIANDONG_SCREEN_PRESETS``, default
    ``data/screens.toml``; absent file: none)."""
    path = runtime.settings().screen_presets
    if not path.is_file():
        return {}, []
    try:
        return parse_presets(path.read_text(encoding="utf-8")), []
    except (ValueError, OSError) as exc:
        return {}, [str(exc)]


def render_screen() -> None:
    """The whole /screen page; every setting comes from the URL (see ``dashboard.screen.config``)."""
    url_params = {k: st.query_params.get(k) or "" for k in st.query_params}
    presets, preset_errors = _saved_screens() if url_params.get(PRESET_PARAM) else ({}, [])
    params, preset_notices = with_preset(url_params, presets)
    config, notices = parse_screen_params(params)
    notices = preset_errors + preset_notices + notices
    st.set_page_config(page_title=f"{s('page_title', config.lang)} · {t('app_title', config.lang)}",
                       layout="wide", initial_sidebar_state="collapsed")
    try:
        loaded = data.load()
    except Exception as exc:  # noqa: BLE001 — any driver error becomes one clear sentence
        st.error(f"{t('db_error', config.lang)}（{type(exc).__name__}）")
        return
    # The refusal or login form is drawn in Streamlit's own theme, so the dark screen style comes after.
    viewer = auth.current_viewer(loaded.engine, screen_page=True)
    if viewer is None:
        return
    st.html(screen_css(config.theme) + CLOCK_JS, unsafe_allow_javascript=True)
    anchor = float(st.session_state.setdefault(ANCHOR_KEY, time.time()))
    token_id = viewer.token_id if viewer.display_only else None
    st.fragment(_rotating, run_every=refresh_tick(config.rotate))(config, tuple(notices), anchor, token_id,
                                                                  auth.viewer_scope(viewer))
