"""Shared builders for document tests: the demo county in a fresh database, and a PDF read page by page.

Not a test module: imported by tests under ``tests/etl/briefing`` (and pages tests), never the reverse.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require

#: The demo county's data end: 2025 and 2025H1 are complete periods on every run.
DEMO_END = dt.date(2026, 11, 20)
ISSUED = dt.date(2026, 1, 15)


def demo_database(directory: Path) -> str:
    """A migrated SQLite database holding the demo county (with its messy spellings of names)."""
    from etl.db.migrate import upgrade
    from etl.demo import load_demo

    url = f"sqlite:///{directory / 'demo.sqlite'}"
    upgrade(url)
    load_demo(url, end=DEMO_END)
    return url


def pdf_pages(content: bytes, directory: Path, name: str = "doc") -> list[str]:
    """The text of each page of a PDF (pdftotext, reading order), one string per page."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    path = directory / f"{name}.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def flat(text: str) -> str:
    """Text without whitespace: line breaks inside a sentence or a 案号 do not matter."""
    return "".join(text.split())


def first_page_with(pages: list[str], line: str) -> int | None:
    """1-based number of the first page with a line that is exactly ``line`` (spaces ignored)."""
    for number, page in enumerate(pages, 1):
        if any(flat(row) == line for row in page.splitlines()):
            return number
    return None
