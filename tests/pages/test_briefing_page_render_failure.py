"""The 简报 page tells the user, in Chinese, why a download failed: the file is rendered when the browser
asks for it, outside any script run, so the reason is shown on the page's next run (Streamlit itself
only says "Failed to generate file for download" beside the button)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from etl.briefing import generate
from etl.briefing.generate import BriefingError
from etl.config import DB_URL_ENV
from etl.demo import load_demo

PAGE = Path(__file__).resolve().parents[2] / "pages" / "briefing.py"


@pytest.fixture
def demo_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    load_demo(sqlite_url)
    monkeypatch.setenv(DB_URL_ENV, sqlite_url)
    return sqlite_url


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    captured: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None, coordinates: str,
            file_name: str | None = None, **kwargs: Any) -> str:
        captured[file_name or coordinates] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


def test_a_failed_pdf_download_is_explained_on_the_next_run(demo_url: str, deferred: dict[str, Callable[[], Any]],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> bytes:
        raise ValueError("The row with index 1 is too high and cannot be rendered on a single page")

    monkeypatch.setattr(generate, "write_pdf", broken)
    at = AppTest.from_file(str(PAGE), default_timeout=180)
    at.session_state["brief_period"] = "2025H1"
    at.run()
    assert not at.exception and not at.error
    pdf = next(build for name, build in deferred.items() if name.endswith(".pdf"))
    with pytest.raises(BriefingError):
        pdf()  # the click: Streamlit answers the browser "Failed to generate file for download"
    at.run()
    messages = [e.value for e in at.error]
    assert len(messages) == 1 and "简报PDF文件生成失败" in messages[0], messages
    at.run()
    assert not at.error  # said once, not on every run after
