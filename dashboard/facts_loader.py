"""Reading the fact base for the dashboard server: in-process by default, or in a child process.

``Settings.facts_loader`` (``LIANDONG_FACTS_LOADER``):

- ``inline`` (default): ``load_facts`` in the server. The row readers build frames in batches
  (``etl.db.frames.BATCH_ROWS``), so a province database (1.2 million lawsuits, 2.8 million fact
  rows, 377 MiB of frames) peaks at ~705 MiB and leaves ~665 MiB in a fresh process.
- ``process``: the read happens in a short-lived child process and only the finished frames come
  back (a pickle: Polars pickles frames as Arrow IPC). This was the default for large databases when
  the read held every row as Python objects at once (1.9 GB peak, 1.15 GB kept by the server); now the
  child itself peaks at ~1.3 GB *beside* the server (a systemd ``MemoryMax`` counts both) and the
  pickle round trip adds 5-10 s, so it only helps where the allocator keeps freed memory.
- ``auto``: ``process`` from :data:`CHILD_MIN_ROWS` lawsuits on, else ``inline``.

Measured in benchmarks/results/load.md (cold start). No Streamlit here: the child process imports
this module, and nothing else of the dashboard.
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

from etl.config import FactsLoader
from etl.db.engine import make_engine
from etl.db.models import LitigationCase
from etl.metrics import Facts, load_facts

#: With ``auto``: from this many lawsuits on (a city-sized database and up) the read happens in a child.
CHILD_MIN_ROWS = 100_000

_log = logging.getLogger(__name__)


def use_child(engine: Engine, mode: str) -> bool:
    if mode != "auto":
        return mode == "process"
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(LitigationCase)).scalar_one()
    return rows >= CHILD_MIN_ROWS


#: The child's time limit: far above a province read (~30 s on the shared 2-core machine).
CHILD_TIMEOUT_SECONDS = 900


def load_in_child(url: str) -> Facts:
    """``load_facts`` in a fresh interpreter (``python -m dashboard.facts_loader``), handed back as a
    pickle (Polars pickles frames as Arrow IPC). Not ``multiprocessing``: under ``streamlit run`` the
    main module is the app script, which a spawned child would run again."""
    root = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory(prefix="liandong_facts_") as tmp:
        out = Path(tmp) / "facts.pickle"
        # The URL travels on standard input, not on the command line, where `ps` would show its password.
        done = subprocess.run([sys.executable, "-m", "dashboard.facts_loader", str(out)], env=env, cwd=root,
                              input=url, capture_output=True, text=True, timeout=CHILD_TIMEOUT_SECONDS, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-500:]}")
        with out.open("rb") as handle:
            facts: Facts = pickle.load(handle)  # our own child's file, in our own temporary directory
    return facts


def read_facts(url: str, engine: Engine, mode: FactsLoader = "inline") -> Facts:
    """The whole fact base of ``url``; in a child process when ``mode`` says so, falling back to an
    in-process read if the child fails for any reason (the figures are the same either way)."""
    if use_child(engine, mode):
        try:
            return load_in_child(url)
        except Exception as exc:  # noqa: BLE001 - the in-process read is always available
            _log.warning("reading facts in a child process failed (%s); reading in-process", exc)
    return load_facts(engine)


def _main(argv: list[str]) -> None:
    """Child process: read the facts of the database whose URL is on standard input, pickle them to
    ``argv[0]``."""
    (out,) = argv
    url = sys.stdin.read().strip()
    engine = make_engine(url)
    try:
        facts = load_facts(engine)
    finally:
        engine.dispose()
    with open(out, "wb") as handle:
        pickle.dump(facts, handle, protocol=pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    _main(sys.argv[1:])
