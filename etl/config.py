"""Typed, frozen settings, built once at the entry points (CLI, dashboard app, serve) and handed down.

Every ``LIANDONG_*`` environment variable is one field of :class:`Settings`, with its default and what
it does; nothing else in the code reads the environment (``tests/test_tuning_documented.py`` checks
that each is documented in docs/deployment.md and that no other module names one). A value that does
not parse is an error in Chinese at start-up, not a silent fallback to the default: a mistyped limit
on a production server should be noticed, not ignored.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, get_args

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
MAPPINGS_DIR = DATA_DIR / "mappings"
DEFAULT_SQLITE_PATH = DATA_DIR / "liandong.sqlite"
DEFAULT_DB_URL = f"sqlite:///{DEFAULT_SQLITE_PATH}"
DEFAULT_INDICATORS_FILE = DATA_DIR / "indicators.toml"
DEFAULT_SCHEME_FILE = DATA_DIR / "assessment" / "default_scheme.toml"
DEFAULT_SCREEN_PRESETS = DATA_DIR / "screens.toml"

DB_URL_ENV = "LIANDONG_DB_URL"
#: The zone times are shown in (audit log, imports): the office's wall clock, whatever the server's is.
TIMEZONE_ENV = "LIANDONG_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"
#: A browser to render PDF and picture exports with, when the one found on the PATH is not wanted.
CHROMIUM_ENV = "LIANDONG_CHROMIUM"

FactsLoader = Literal["auto", "process", "inline"]


class SettingsError(ValueError):
    """A setting that does not parse; the message names the variable and what it expects, in Chinese."""


def cores() -> int:
    """The CPU cores this process may use (the default of the slot limits)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _env(name: str, doc: str, kind: str) -> dict[str, Any]:
    return {"env": name, "doc": doc, "kind": kind}


@dataclass(frozen=True)
class Settings:
    """Everything a process may be told from outside. Field metadata: ``env`` (the variable), ``doc``,
    ``kind`` (how the text is parsed: url, flag, path, count, megabytes, seconds, choice, text)."""

    db_url: str = field(default=DEFAULT_DB_URL, metadata=_env(
        "LIANDONG_DB_URL", "数据库地址（SQLAlchemy URL）；`--db` 优先。Database URL; `--db` wins.", "url"))
    no_demo: bool = field(default=False, metadata=_env(
        "LIANDONG_NO_DEMO", "设为 1：空数据库启动时不载入演示县。1: start on an empty database without the demo county.",
        "flag"))
    indicators_file: Path = field(default=DEFAULT_INDICATORS_FILE, metadata=_env(
        "LIANDONG_INDICATORS_FILE", "指标口径文件。The indicator definitions file (data/indicators.toml).", "path"))
    screen_presets: Path = field(default=DEFAULT_SCREEN_PRESETS, metadata=_env(
        "LIANDONG_SCREEN_PRESETS", "大屏预设文件（/screen?screen=名称）。Saved wall-screen configurations (TOML).",
        "path"))
    trusted_user_header: str = field(default="", metadata=_env(
        "LIANDONG_TRUSTED_USER_HEADER", "由反向代理认证时，携带用户名的请求头；空：不信任任何请求头。"
        "Header carrying the user name when a reverse proxy authenticates; empty: trust none.", "text"))
    page_slots: int = field(default_factory=cores, metadata=_env(
        "LIANDONG_PAGE_SLOTS", "同时运行的页面脚本数（默认 CPU 核数，0 不限）。Page scripts running at once "
        "(default: the cores; 0: no limit).", "count"))
    compute_slots: int = field(default_factory=cores, metadata=_env(
        "LIANDONG_COMPUTE_SLOTS", "同时进行的指标计算数（默认 CPU 核数，0 不限）。Indicator computations at once "
        "(default: the cores; 0: no limit).", "count"))
    result_cache_mb: float = field(default=128.0, metadata=_env(
        "LIANDONG_RESULT_CACHE_MB", "页面结果缓存上限（MiB）。Bound of the results cache (indicator results, "
        "previews, screen panels, scoped facts), in MiB.", "megabytes"))
    flag_cache_mb: float = field(default=128.0, metadata=_env(
        "LIANDONG_FLAG_CACHE_MB", "指标引擎分期标记缓存上限（MiB）。Bound of the engine's per-period flags, in MiB.",
        "megabytes"))
    facts_loader: FactsLoader = field(default="inline", metadata=_env(
        "LIANDONG_FACTS_LOADER", "读取事实表的方式：inline（服务进程内）、process（子进程）、auto（10万件诉讼起用子进程）。"
        "How the server reads the facts: inline (in the server), process (a child process), auto (a child "
        "from 100,000 lawsuits on).", "choice"))
    load_wait_seconds: float = field(default=2.0, metadata=_env(
        "LIANDONG_LOAD_WAIT_SECONDS", "页面等待他人正在读取的数据多久后显示“数据加载中”。Seconds a page waits for "
        "data another session is loading before it shows 数据加载中.", "seconds"))
    preload: bool = field(default=True, metadata=_env(
        "LIANDONG_PRELOAD", "设为 0：服务启动时不预先导入页面所需模块。0: do not import the pages' modules at "
        "start-up.", "flag"))
    timezone: str = field(default=DEFAULT_TIMEZONE, metadata=_env(
        TIMEZONE_ENV, "显示时间所用的时区（IANA 名称；库中存 UTC）。The zone times are shown in (IANA name; stored "
        "times are UTC).", "text"))
    chromium: Path | None = field(default=None, metadata=_env(
        CHROMIUM_ENV, "导出 PDF/图片所用浏览器的完整路径；空：自动查找 Chromium、Chrome 或 Edge。Full path of the browser "
        "that renders PDF and picture exports; empty: look for Chromium, Chrome or Edge.", "path"))
    data_dir: Path = DATA_DIR  # not from the environment: the shipped mappings and scheme live here

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def scheme_file(self) -> Path:
        """The default assessment scheme (a year without a stored scheme uses it)."""
        return self.data_dir / "assessment" / "default_scheme.toml"

    def with_db(self, db_url: str | None) -> Settings:
        """The same settings on another database (``--db`` on the command line)."""
        return self if not db_url else replace(self, db_url=db_url)


def environment_fields() -> list[tuple[str, str, str, str]]:
    """(variable, field name, default as text, doc) of every environment-backed setting, in order."""
    defaults = Settings()
    return [(f.metadata["env"], f.name, _default_text(f.name, getattr(defaults, f.name)), f.metadata["doc"])
            for f in fields(Settings) if "env" in f.metadata]


def _default_text(name: str, value: object) -> str:
    if name in {"page_slots", "compute_slots"}:
        return "CPU cores"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Path):
        return str(value.relative_to(PROJECT_ROOT)) if value.is_relative_to(PROJECT_ROOT) else str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if name in {"trusted_user_header", "chromium"}:
        return "empty"
    if name == "db_url":
        return "sqlite:///data/liandong.sqlite"
    return str(value)


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _parse(name: str, kind: str, raw: str, choices: tuple[str, ...]) -> object:
    text = raw.strip()
    if kind == "flag":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise SettingsError(f"环境变量 {name} 的值“{raw}”无效：应为 1 或 0。({name} must be 1 or 0.)")
    if kind == "count":
        if text.isdigit():
            return int(text)
        raise SettingsError(f"环境变量 {name} 的值“{raw}”无效：应为不小于 0 的整数（0 表示不限）。"
                            f"({name} must be a whole number ≥ 0.)")
    if kind in {"megabytes", "seconds"}:
        try:
            number = float(text)
        except ValueError:
            number = -1.0
        if number > 0 and number < float("inf"):
            return number
        unit = "MiB" if kind == "megabytes" else "秒"
        raise SettingsError(f"环境变量 {name} 的值“{raw}”无效：应为大于 0 的数（{unit}）。({name} must be a positive number.)")
    if kind == "choice":
        if text.lower() in choices:
            return text.lower()
        raise SettingsError(f"环境变量 {name} 的值“{raw}”无效：可选 {'、'.join(choices)}。"
                            f"({name} must be one of {', '.join(choices)}.)")
    if kind == "path":
        if not text:
            raise SettingsError(f"环境变量 {name} 为空：应为文件路径。({name} must be a file path.)")
        return Path(text).expanduser()
    return text  # url, text


def load_settings(db_url: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment (``environ``, default ``os.environ``); ``db_url`` (``--db``) wins
    over ``LIANDONG_DB_URL``. An unset or empty variable keeps the default; a bad value raises
    :class:`SettingsError`."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for f in fields(Settings):
        name: str | None = f.metadata.get("env")
        if not name:
            continue
        raw = env.get(name)
        if raw is None or (not raw.strip() and f.metadata["kind"] != "flag"):
            continue
        choices = get_args(FactsLoader) if f.metadata["kind"] == "choice" else ()
        values[f.name] = _parse(name, f.metadata["kind"], raw, choices)
    settings = Settings(**values)  # type: ignore[arg-type]  # each value parsed to its field's type
    return settings.with_db(db_url)
