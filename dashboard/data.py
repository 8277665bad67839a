"""Cached data access: one engine and one ``Facts`` per process and data version, shared by all viewers.

Facts are keyed by the database URL and ``app_meta.data_version`` (bumped by every import, rollback or
target edit), so after an import every viewer sees new figures on the next rerun; the version itself
is read at most every few seconds. Nothing here is stored per session: one copy per process, not one
per viewer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.facts_loader import read_facts
from etl.bootstrap import Bootstrap, ensure_ready
from etl.config import load_settings
from etl.db.engine import make_engine
from etl.db.meta import data_version
from etl.metrics import Facts

#: Set to 1 to start on an empty database without loading the demo county (tests, fresh installs).
NO_DEMO_ENV = "LIANDONG_NO_DEMO"
VERSION_TTL_SECONDS = 3
#: The clock the version's time slots are measured on; a test replaces it to step past a slot at once.
version_clock: Callable[[], float] = time.monotonic


def db_url() -> str:
    """The database of this process: ``LIANDONG_DB_URL`` or the bundled SQLite file."""
    return load_settings().db_url


def demo_allowed(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(NO_DEMO_ENV, "").strip().lower() not in {"1", "true", "yes"}


@st.cache_resource(show_spinner=False)
def get_engine(url: str) -> Engine:
    return make_engine(url)


#: Session key set in the one session whose run loaded the demo county: only that reader is told so
#: (every later session finds a database that holds the demo county, which the 演示数据 label says).
DEMO_LOADED_HERE = "ld_demo_loaded_here"


@st.cache_resource(show_spinner="正在准备数据库……")
def bootstrap(url: str, load_demo: bool) -> Bootstrap:
    """Migrate, and load the demo county into an empty database: once per process, not per session.

    The body runs in the session that found the cache empty, so that session alone is marked."""
    boot = ensure_ready(url, load_demo_if_empty=load_demo)
    if boot.loaded_demo and get_script_run_ctx() is not None:
        st.session_state[DEMO_LOADED_HERE] = True
    return boot


def demo_loaded_by_this_session() -> bool:
    """Whether this session's own run found the database empty and loaded the demo county."""
    return bool(st.session_state.get(DEMO_LOADED_HERE))


@st.cache_data(max_entries=16, show_spinner=False)
def _version_in_slot(url: str, slot: int) -> int:
    with get_engine(url).connect() as conn:
        return data_version(conn)


def current_version(url: str, clock: Callable[[], float] | None = None) -> int:
    """The data version, read at most once per ``VERSION_TTL_SECONDS`` slot of ``clock`` per database."""
    now = (clock or version_clock)()
    return _version_in_slot(url, int(now // VERSION_TTL_SECONDS))


@st.cache_resource(max_entries=2, show_spinner="正在读取数据……")
def facts_for(url: str, version: int) -> Facts:
    """The whole fact base for one data version; two entries so a reload never blocks on the old one.

    A large database is read in a child process so the server keeps only the frames, not the read's
    high-water mark (:mod:`dashboard.facts_loader`)."""
    return read_facts(url, get_engine(url))


@dataclass(frozen=True)
class Loaded:
    facts: Facts
    engine: Engine
    demo_just_loaded: bool


def load() -> Loaded:
    """Everything a page needs from the database, from the process-wide caches."""
    url = db_url()
    boot = bootstrap(url, demo_allowed())
    facts = facts_for(url, current_version(url))
    return Loaded(facts=facts, engine=get_engine(url), demo_just_loaded=boot.loaded_demo and demo_loaded_by_this_session())
