"""The dashboard server process: ``liandong serve`` runs ``python -m dashboard.server run dashboard/app.py …``.

The same as ``python -m streamlit run …``, with two things done first, in the main thread, before the
server accepts anyone (unless ``LIANDONG_PRELOAD=0``):

1. the pages' libraries are imported (:mod:`dashboard.preload`), so no two sessions ever import them
   at the same time;
2. a background thread prepares the database and reads its facts into the shared cache
   (:func:`dashboard.data.warm_up`), so the first viewers find them read or being read — sessions that
   arrive meanwhile wait for that one read (showing 数据加载中), they do not start their own.
"""

from __future__ import annotations

import logging
import sys
import threading

from etl.config import SettingsError

_log = logging.getLogger(__name__)


def _warm_up_in_background() -> None:
    from dashboard.data import warm_up

    def run() -> None:
        try:
            warm_up()
        except Exception:  # noqa: BLE001 - a page run reports the same failure to its viewer
            _log.exception("warming up the facts cache failed; the first page run will try again")

    threading.Thread(target=run, name="liandong-warm-up", daemon=True).start()


def main(argv: list[str]) -> int:
    from dashboard.preload import preload_if_enabled

    try:
        settings = preload_if_enabled()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    if settings.preload:
        _warm_up_in_background()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    streamlit_main(prog_name="streamlit")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
