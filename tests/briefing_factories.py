"""Shared builders for document tests: a literal briefing model (no database, no fonts), the demo county
in a fresh database, and a PDF read page by page.

Not a test module: imported by tests under ``tests/etl/briefing``, ``tests/dashboard`` and ``tests/pages``,
never the reverse. The small hand-made county of the briefing tests is
``tests.ledger_factories.briefing_ledger``.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

from PIL import Image

from etl.briefing.model import Annex, Briefing, Chart, Section, Table
from tests.conftest import require

#: The demo county's data end: 2025 and 2025H1 are complete periods on every run.
DEMO_END = dt.date(2026, 11, 20)
ISSUED = dt.date(2026, 1, 15)


def png(width: int, height: int) -> bytes:
    """A white PNG of the given size."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def sample_briefing(paragraphs: int = 3, office: str = "县司法局") -> Briefing:
    """Two sections and one annex; the second section has ``paragraphs`` warning sentences, a 1200x600
    chart and a table whose cells need escaping (``县<局>``) and formula neutralising (``=HYPERLINK(1)``)."""
    table = Table("逾期任务", ("责任单位", "任务内容", "逾期"), (("县<局>", "=HYPERLINK(1)", "3天"), ("乡", "整改", "1天")))
    return Briefing(
        masthead="示范县府院府检联动工作简报", issue_line="第2期", office=office, issued_on=dt.date(2025, 7, 1),
        title_parts=("示范县2025年上半年", "府院府检联动工作情况通报"), headline="上半年总体平稳。",
        sections=(Section("一、行政诉讼应诉情况", ("发案量4件。", "败诉率<b>0%</b>。")),
                  Section("六、预警情况", tuple(f"单位{i}：发案量同比上升。" for i in range(paragraphs)),
                          chart=Chart("预警", png(1200, 600), 1200, 600), tables=(table,))),
        annexes=(Annex("逾期未完成的双清单任务", (table,)),))


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
