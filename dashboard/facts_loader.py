"""Reading the fact base for the dashboard server, in a child process when the database is large.

``load_facts`` on a province database (1.2 million lawsuits, 2.8 million fact rows) leaves the process
holding about 1.15 GB although the frames themselves are about 375 MiB: the transient row and Arrow
buffers of the read are freed but not returned to the operating system. A long-lived server keeps
that high-water mark for its whole life. Reading in a short-lived child process and receiving only the
finished frames (a pickle: Polars pickles frames as Arrow IPC) leaves the server with the frames alone — about 640 MiB
instead of 1.15 GB at province scale (benchmarks/results/load.md). For a county database the child's
start-up (~1 s) would cost more than it saves, so small databases are read in-process.

No Streamlit here: the child process imports this module, and nothing else of the dashboard.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine, func, select

from etl.db.engine import make_engine
from etl.db.models import LitigationCase
from etl.metrics import Facts, load_facts

#: ``auto`` (default): a child process from :data:`CHILD_MIN_ROWS` lawsuits on; ``process``: always;
#: ``inline``: never.
LOADER_ENV = "LIANDONG_FACTS_LOADER"
LOADER_MODES = ("auto", "process", "inline")
#: From this many lawsuits on (a city-sized database and up) the read happens in a child process.
CHILD_MIN_ROWS = 100_000

_log = logging.getLogger(__name__)


def loader_mode(environ: dict[str, str] | None = None) -> str:
    mode = (os.environ if environ is None else environ).get(LOADER_ENV, "auto").strip().lower() or "auto"
    return mode if mode in LOADER_MODES else "auto"


def use_child(engine: Engine, mode: str) -> bool:
    if mode != "auto":
        return mode == "process"
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(LitigationCase)).scalar_one()
    return rows >= CHILD_MIN_ROWS


#: How the parent hands the database URL to the child.
CHILD_URL_ENV = "LIANDONG_FACTS_CHILD_URL"
#: The child's time limit: far above a province read (~30 s on the shared 2-core machine).
CHILD_TIMEOUT_SECONDS = 900


def load_in_child(url: str) -> Facts:
    """``load_facts`` in a fresh interpreter (``python -m dashboard.facts_loader``), handed back as a
    pickle (Polars pickles frames as Arrow IPC). Not ``multiprocessing``: under ``streamlit run`` the
    main module is the app script, which a spawned child would run again."""
    root = str(Path(__file__).resolve().parents[1])
    # The URL travels in the environment, not on the command line, where `ps` would show its password.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
               **{CHILD_URL_ENV: url})
    with tempfile.TemporaryDirectory(prefix="liandong_facts_") as tmp:
        out = Path(tmp) / "facts.pickle"
        done = subprocess.run([sys.executable, "-m", "dashboard.facts_loader", str(out)], env=env, cwd=root,
                              capture_output=True, text=True, timeout=CHILD_TIMEOUT_SECONDS, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-500:]}")
        with out.open("rb") as handle:
            facts: Facts = pickle.load(handle)  # our own child's file, in our own temporary directory
    return facts


def read_facts(url: str, engine: Engine, environ: dict[str, str] | None = None) -> Facts:
    """The whole fact base of ``url``; in a child process for a large database, falling back to an
    in-process read if the child fails for any reason (the figures are the same either way)."""
    mode = loader_mode(environ)
    if use_child(engine, mode):
        try:
            return load_in_child(url)
        except Exception as exc:  # noqa: BLE001 - the in-process read is always available
            _log.warning("reading facts in a child process failed (%s); reading in-process", exc)
    return load_facts(engine)


def _main(argv: list[str]) -> None:
    """Child process: read the facts of the database in ``$LIANDONG_FACTS_CHILD_URL``, pickle them to
    ``argv[0]``."""
    (out,) = argv
    url = os.environ[CHILD_URL_ENV]
    engine = make_engine(url)
    try:
        facts = load_facts(engine)
    finally:
        engine.dispose()
    with open(out, "wb") as handle:
        pickle.dump(facts, handle, protocol=pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    _main(sys.argv[1:])
