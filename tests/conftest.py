"""Shared fixtures: a freshly migrated database per test, on SQLite and on PostgreSQL.

Migrations run once per test session into a template (a SQLite file, a PostgreSQL template
database); each test gets a copy, so tests are isolated and still fast. Under ``CI=true`` a test
that needs PostgreSQL or Chromium fails instead of skipping: CI must run everything.

Also here: ``demo_url`` (the demo county, once per module) and ``use_db`` (point the dashboard under
AppTest at a database); the browser fixtures are in ``browser_fixtures.py``, plain helpers in
``tests/support/`` and the builders of test data in ``tests/*factories.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from etl.db.engine import make_engine, normalise_url
from etl.db.migrate import upgrade
from etl.demo import load_demo

pytest_plugins = ["browser_fixtures"]

PG_URL_ENV = "LIANDONG_TEST_PG_URL"
#: Tests that start real servers, browsers or nginx; all of them are ``slow`` (left out of ``make test-fast``).
E2E_DIR = Path(__file__).resolve().parent / "e2e"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """One rule for the fast lane: whatever starts a real server is slow, wherever it is marked."""
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.slow)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip with a reason on a developer machine; fail loudly in CI, where everything must run."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def pg_admin_url() -> str | None:
    url = os.environ.get(PG_URL_ENV)
    return normalise_url(url) if url else None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    admin_url = pg_admin_url()
    require(admin_url is not None, f"{PG_URL_ENV} is not set, so the PostgreSQL tests cannot run")
    assert admin_url is not None
    name = f"liandong_tpl_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    template_url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    upgrade(template_url)
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _fresh_pg_url(template: str) -> tuple[str, str]:
    admin_url = pg_admin_url()
    assert admin_url is not None
    name = f"liandong_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def _drop_pg(name: str) -> None:
    admin = create_engine(pg_admin_url() or "", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database URL; every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "test.sqlite"
        shutil.copy(template, path)
        yield f"sqlite:///{path}"
        return
    pg_tpl: str = request.getfixturevalue("pg_template")
    url, name = _fresh_pg_url(pg_tpl)
    yield url
    _drop_pg(name)


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated, empty SQLite database, for tests whose subject is not the database engine."""
    path = tmp_path / "test.sqlite"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


#: The one line that installs every system tool the tests use (Debian/Ubuntu), named in each skip reason.
APT_LINE = "apt-get install chromium fontconfig fonts-noto-cjk poppler-utils nginx postgresql"


def require_tool(name: str, package: str) -> str:
    """The path of a command-line tool, or a skip (a failure under CI) naming its package."""
    path = shutil.which(name) or next((str(p) for p in (Path("/usr/sbin") / name, Path("/sbin") / name)
                                       if p.exists()), None)
    require(path is not None, f"{name} is not installed (apt-get install {package}; all tools: {APT_LINE})")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def cjk_fonts() -> object:
    """The briefing's fonts: fontconfig's fc-list and a CJK font (documents are set in them)."""
    from etl.briefing.fonts import FontError, discover_fonts

    require_tool("fc-list", "fontconfig")
    try:
        return discover_fonts()
    except FontError as exc:
        require(False, f"no usable CJK font ({exc}); {APT_LINE}")
        raise


@pytest.fixture(scope="session")
def poppler() -> None:
    """pdftotext, pdffonts and pdftoppm, which read generated PDFs back."""
    for tool in ("pdftotext", "pdffonts", "pdftoppm"):
        require_tool(tool, "poppler-utils")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium; all tools: {APT_LINE})")
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> str:
    """A SQLite database with the demo county up to 30 June 2026 (once per test module: pages only read it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    load_demo(url, end=dt.date(2026, 6, 30))
    return url


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """``use_db(url, demo=False)`` points the dashboard under AppTest at a database (without the demo
    county being loaded into an empty one unless ``demo``)."""

    def point(url: str, demo: bool = False) -> None:
        monkeypatch.setenv("LIANDONG_DB_URL", url)
        if demo:
            monkeypatch.delenv("LIANDONG_NO_DEMO", raising=False)
        else:
            monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    yield point
