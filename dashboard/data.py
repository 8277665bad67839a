"""Data access for the pages: one engine and one ``Facts`` per process and data version, shared by all viewers.

Facts are keyed by the database URL and ``app_meta.data_version`` (bumped by every import, rollback or
target edit), so after an import every viewer sees new figures on the next rerun; the version itself
is read at most every few seconds. Nothing here is stored per session: one copy per process, not one
per viewer (the caches are :mod:`dashboard.caches`).

When many sessions need facts that are still being read (the first viewers of a just-started server,
or right after an import), one session reads them and the others wait; after
``Settings.load_wait_seconds`` they show 数据加载中 while they keep waiting, instead of an empty page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import runtime
from dashboard.caches import FACTS, PLUMBING, drop_superseded_facts
from dashboard.facts_loader import read_facts
from etl.bootstrap import Bootstrap, ensure_ready
from etl.cache import BoundedCache, StillLoading
from etl.config import Settings
from etl.db.engine import make_engine
from etl.db.meta import data_version
from etl.metrics import Facts
from etl.metrics.rules import Rules, rules_for

VERSION_TTL_SECONDS = 3
#: The clock the version's time slots are measured on; a test replaces it to step past a slot at once.
version_clock: Callable[[], float] = time.monotonic
#: Shown while this page waits for data being read for everyone (after a start or an import).
LOADING_ZH = "数据加载中……服务正在读取数据（刚启动或刚导入新数据），读完后本页自动显示，无需刷新。"
LOADING_EN = "Loading data… the server is reading the data (it has just started, or new data was imported); " \
             "this page appears when it is done, no need to reload."

T = TypeVar("T")


def db_url() -> str:
    """The database of this process: ``LIANDONG_DB_URL`` or the bundled SQLite file."""
    return runtime.settings().db_url


def demo_allowed(settings: Settings | None = None) -> bool:
    return not (settings or runtime.settings()).no_demo


def waiting(cache: BoundedCache[T], key: tuple[object, ...], compute: Callable[[], T], spinner: str,
            wait: float) -> T:
    """``cache.get_or_compute`` for a page: a spinner while this session computes; when another
    session computes the same key for longer than ``wait`` seconds, the 数据加载中 notice until it is done."""
    found = cache.peek(key)
    if found is not None:
        return found
    try:
        with st.spinner(spinner):
            return cache.get_or_compute(key, compute, wait=wait)
    except StillLoading:
        notice = st.empty()
        notice.info(f"{LOADING_ZH}\n\n{LOADING_EN}", icon=":material/hourglass_top:")
        try:
            return cache.get_or_compute(key, compute)
        finally:
            notice.empty()


def get_engine(url: str) -> Engine:
    engine: Engine = PLUMBING.get_or_compute(("engine", url), lambda: make_engine(url))
    return engine


#: Session key set in the one session whose run loaded the demo county: only that reader is told so
#: (every later session finds a database that holds the demo county, which the 演示数据 label says).
DEMO_LOADED_HERE = "ld_demo_loaded_here"


def _prepare(url: str, load_demo: bool) -> Bootstrap:
    """Runs in the session that found the cache empty (or in the server's warm-up, no session): that
    session alone is marked."""
    boot = ensure_ready(url, load_demo_if_empty=load_demo)
    if boot.loaded_demo and get_script_run_ctx() is not None:
        st.session_state[DEMO_LOADED_HERE] = True
    return boot


def bootstrap(url: str, load_demo: bool) -> Bootstrap:
    """Migrate, and load the demo county into an empty database: once per process, not per session."""
    boot: Bootstrap = waiting(PLUMBING, ("bootstrap", url, load_demo), lambda: _prepare(url, load_demo),
                              "正在准备数据库……", runtime.settings().load_wait_seconds)
    return boot


def demo_loaded_by_this_session() -> bool:
    """Whether this session's own run found the database empty and loaded the demo county."""
    return bool(st.session_state.get(DEMO_LOADED_HERE))


def _read_version(url: str) -> int:
    with get_engine(url).connect() as conn:
        return data_version(conn)


def current_version(url: str, clock: Callable[[], float] | None = None) -> int:
    """The data version, read at most once per ``VERSION_TTL_SECONDS`` slot of ``clock`` per database."""
    slot = int((clock or version_clock)() // VERSION_TTL_SECONDS)
    version: int = PLUMBING.get_or_compute(("version", url, slot), lambda: _read_version(url))
    return version


def _read(url: str, version: int, settings: Settings) -> Facts:
    facts = read_facts(url, get_engine(url), settings.facts_loader)
    drop_superseded_facts(url, version)
    return facts


def facts_for(url: str, version: int, settings: Settings | None = None) -> Facts:
    """The whole fact base for one data version, read once however many sessions ask at once."""
    chosen = settings or runtime.settings()
    return waiting(FACTS, ("facts", url, version), lambda: _read(url, version, chosen), "正在读取数据……",
                   chosen.load_wait_seconds)


def warm_up(settings: Settings | None = None) -> Facts:
    """Prepare the database and read its current facts into the shared cache, with no page involved
    (``dashboard.server`` does this at start-up, so the first viewers do not wait for the whole read)."""
    chosen = settings or runtime.settings()
    url, load_demo = chosen.db_url, demo_allowed(chosen)
    PLUMBING.get_or_compute(("bootstrap", url, load_demo), lambda: ensure_ready(url, load_demo_if_empty=load_demo))
    version = current_version(url)
    return FACTS.get_or_compute(("facts", url, version), lambda: _read(url, version, chosen))


@dataclass(frozen=True)
class Loaded:
    facts: Facts
    engine: Engine
    demo_just_loaded: bool
    settings: Settings
    #: The indicator definitions and default scheme in force, with their version (``etl.metrics.rules``).
    rules: Rules


def load() -> Loaded:
    """Everything a page needs from the database and the settings, from the process-wide caches."""
    settings = runtime.settings()
    url = settings.db_url
    boot = bootstrap(url, demo_allowed(settings))
    facts = facts_for(url, current_version(url), settings)
    return Loaded(facts=facts, engine=get_engine(url), settings=settings, rules=rules_for(settings),
                  demo_just_loaded=boot.loaded_demo and demo_loaded_by_this_session())
