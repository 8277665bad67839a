"""``liandong init``, ``liandong demo`` and ``liandong serve``."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import Annotated

import typer

from etl.auth.accounts import accounts_exist
from etl.auth.network import is_loopback_address
from etl.cli.app import DbOption, app, fail, settings_for
from etl.cli.ports import TRIES, free_port_from
from etl.config import DB_URL_ENV, PROJECT_ROOT
from etl.db.engine import make_engine
from etl.db.migrate import upgrade
from etl.regions import set_jurisdiction


@app.command()
def init(
    db: DbOption = None,
    region: Annotated[str | None, typer.Option(help="辖区名称 the jurisdiction served, e.g. 河清县")] = None,
) -> None:
    """Create or upgrade the database schema (Alembic migrations to head)."""
    settings = settings_for(db)
    try:
        upgrade(settings.db_url)
    except Exception as exc:  # noqa: BLE001 — any driver error becomes one clear line
        raise fail(f"无法初始化数据库 {settings.db_url}: {exc}") from None
    if region:
        engine = make_engine(settings.db_url)
        with engine.begin() as conn:
            set_jurisdiction(conn, region)
        engine.dispose()
    typer.echo(f"数据库已就绪 database ready: {settings.db_url}" + (f" (辖区 {region})" if region else ""))


@app.command()
def demo(
    db: DbOption = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same county.")] = 20231225,
    scale: Annotated[str, typer.Option(help="county (default), city or province")] = "county",
    replace: Annotated[bool, typer.Option(help="Delete existing data first.")] = False,
    end: Annotated[str | None, typer.Option(help="Last day of generated data, YYYY-MM-DD (default today).")] = None,
) -> None:
    """Fill the database with the fictional demo county 示范县 (演示数据)."""
    from etl.demo import DemoError, load_demo

    settings = settings_for(db)
    try:
        end_date = dt.date.fromisoformat(end) if end else None
    except ValueError:
        raise fail(f"日期格式应为 YYYY-MM-DD: {end}") from None
    upgrade(settings.db_url)
    try:
        summary = load_demo(settings.db_url, seed=seed, scale=scale, replace=replace, end=end_date)
    except DemoError as exc:
        raise fail(str(exc)) from None
    typer.echo(summary.describe())


@app.command()
def serve(
    db: DbOption = None,
    address: Annotated[str, typer.Option(help="Listen address; localhost only by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="HTTP port.")] = 8501,
) -> None:
    """Start the dashboard (``streamlit run dashboard/app.py`` through ``dashboard.server``, which imports
    the pages' libraries and starts reading the facts before the first viewer arrives).

    Beyond localhost it refuses to start until an account exists, so that no data is reachable by
    someone who has not logged in. A port already in use is replaced by the next free one, said
    before the address is printed (``etl.cli.ports``).
    """
    settings = settings_for(db)
    upgrade(settings.db_url)
    if not is_local_address(address):
        engine = make_engine(settings.db_url)
        with engine.connect() as conn:
            has_accounts = accounts_exist(conn)
        engine.dispose()
        if not has_accounts:
            raise fail(
                f"拒绝在 {address} 上启动：尚未创建任何账号，看板只能在本机(localhost)访问。"
                "请先运行 liandong users add 管理员 --role admin 创建管理员账号。\n"
                f"Refusing to listen on {address}: no account exists yet. Create an administrator first "
                "(liandong users add NAME --role admin)."
            )
    chosen = free_port_from(address, port)
    if chosen is None:
        raise fail(f"端口 {port} 至 {port + TRIES} 都已被占用，无法启动看板。请用 --port 指定一个空闲端口。\n"
                   f"Ports {port}-{port + TRIES} are all in use; choose a free one with --port.")
    if chosen != port:
        typer.echo(f"端口 {port} 已被其他程序占用，改用端口 {chosen}（也可用 --port 指定）。"
                   f"Port {port} is in use; using {chosen} instead.")
        port = chosen
    env = dict(os.environ, **{DB_URL_ENV: settings.db_url})
    # Two malloc arenas instead of glibc's 8 per core: the server's many script threads otherwise each keep
    # freed memory in their own arena (~110 MiB less under 50 sessions, benchmarks/results/load.md §4).
    env.setdefault("MALLOC_ARENA_MAX", "2")
    cmd = [
        sys.executable, "-m", "dashboard.server", "run", str(PROJECT_ROOT / "dashboard" / "app.py"),
        "--server.address", address, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    typer.echo(f"联动看板 http://{'localhost' if is_local_address(address) else address}:{port}")
    sys.stdout.flush()
    # Replace this process with Streamlit rather than waiting on a child: a supervisor's SIGTERM (systemd,
    # a test, Ctrl-C) then reaches the server itself, and no orphaned server keeps the port.
    os.chdir(PROJECT_ROOT)
    os.execve(sys.executable, cmd, env)


def is_local_address(address: str) -> bool:
    """Loopback only (``etl.auth.network``): "127.foo" is a host name, not this machine."""
    return is_loopback_address(address)
