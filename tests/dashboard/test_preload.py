"""The pages' libraries are imported once, under a lock, before any page runs: concurrent first page
runs can no longer import pandas & co. at the same moment (a half-initialised module, a deadlock)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.support.paths import ROOT

#: Sixteen threads released together, each doing what a first page run does first (the app's preload
#: call), then the lazy imports the pages trigger. Without the preload this script gave 15 errors of 16
#: (``partially initialized module 'pandas' has no attribute 'Series'``, ``_DeadlockError``) or hung.
RACE = textwrap.dedent('''
    import importlib, json, sys, threading
    sys.setswitchinterval(1e-4)  # switch threads often: the window the race needs
    targets = ["pandas", "pandas.core.frame", "pandas.core.series", "pyarrow", "pandas.api.types",
               "plotly.graph_objects", "narwhals", "PIL.Image"]
    start, errors = threading.Barrier(16), []

    def first_page_run(i):
        start.wait()
        try:
            from dashboard.preload import preload_if_enabled
            preload_if_enabled()
            importlib.import_module(targets[i % len(targets)])
            import pandas, pyarrow, plotly.graph_objects as go
            pandas.Series([1]).sum(); pandas.DataFrame({"a": [1]}); pyarrow.table({"a": [1]}); go.Bar()
        except BaseException as exc:
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=first_page_run, args=(i,)) for i in range(16)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print(json.dumps(errors))
''')


def test_sixteen_first_page_runs_at_once_import_nothing_half_initialised() -> None:
    env = {k: v for k, v in os.environ.items() if k != "LIANDONG_PRELOAD"}
    done = subprocess.run([sys.executable, "-c", RACE], cwd=ROOT, env=dict(env, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=240, check=False)  # a hang fails here
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


#: After the preload, running pages imports nothing more of the guarded packages.
PAGES = textwrap.dedent('''
    import json, sys
    from dashboard.preload import GUARDED_PACKAGES, preload
    preload()
    before = set(sys.modules)
    from streamlit.testing.v1 import AppTest
    for page in ("overview", "litigation", "disputes", "reconsideration", "rankings", "townships", "tasks",
                 "data_management", "briefing", "audit"):
        at = AppTest.from_file(sys.argv[1], default_timeout=300)
        at.run()
        if page != "overview":
            at.switch_page(f"../pages/{page}.py").run()
        assert not at.exception, [e.message for e in at.exception]
    late = sorted(m for m in set(sys.modules) - before if m.split(".")[0] in GUARDED_PACKAGES)
    print(json.dumps(late))
''')


@pytest.mark.slow  # every page under AppTest in a fresh interpreter: ~15 s of CPU
def test_after_the_preload_no_page_imports_a_guarded_package(demo_url: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), LIANDONG_DB_URL=demo_url, LIANDONG_NO_DEMO="1")
    done = subprocess.run([sys.executable, "-c", PAGES, str(ROOT / "dashboard" / "app.py")], cwd=ROOT, env=env,
                          capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
