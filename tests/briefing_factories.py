"""Shared builders for document tests: the demo county in a fresh database, and a PDF read page by page.

Not a test module: imported by tests under ``tests/etl/briefing`` (and pages tests), never the reverse.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from tests.conftest import require
from tests.factories import (
    add_area,
    add_case,
    add_county,
    add_recommendation,
    add_target,
    add_task,
    add_township,
    add_unit,
)

D = dt.date

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


def ledger(engine: Engine) -> dict[str, int]:
    """Two agencies, one township government, two townships; 2025H1 against 2024H1.

    2025H1: 4 first-instance filings (2024H1: 3) → 同比增加1件 (too few for a per cent); closed 2 of
    which 1 lost (too few for a rate: the counts are given); 2 hearings, head present at 1, against a
    100% target; one task overdue at 30 June; one recommendation unanswered and overdue.
    """
    with engine.begin() as conn:
        county = add_county(conn, "示范县")
        east = add_township(conn, "东关街道", county)
        river = add_township(conn, "柳河镇", county)
        land = add_unit(conn, "示范县自然资源局", county, short_name="自然资源局")
        housing = add_unit(conn, "示范县住房和城乡建设局", county, short_name="住建局")
        town_gov = add_unit(conn, "柳河镇人民政府", county, unit_type="township_gov", township_id=river)
        expropriation, housing_area = add_area(conn, "土地征收"), add_area(conn, "房屋征收", 1)
        rows = [(land, river, D(2025, 2, 1), D(2025, 4, 1), D(2025, 5, 1), "dismissed", True),
                (land, river, D(2025, 3, 1), D(2025, 5, 1), D(2025, 6, 1), "revoked", False),
                (land, east, D(2025, 5, 1), None, None, None, None),
                (housing, east, D(2025, 6, 1), None, None, None, None),
                (land, river, D(2024, 2, 1), D(2024, 4, 1), D(2024, 5, 1), "revoked", True),
                (land, east, D(2024, 3, 1), None, D(2024, 6, 1), "dismissed", None),
                (housing, river, D(2024, 4, 1), None, D(2024, 6, 2), "revoked", None)]
        for unit, town, filed, heard, closed, outcome, head in rows:
            add_case(conn, defendant_unit_id=unit, township_id=town, filed_on=filed, hearing_on=heard,
                     closed_on=closed, outcome=outcome, head_appeared=head,
                     subject_area_id=expropriation if unit == land else housing_area)
        add_target(conn, 2025, "head_appearance_rate", 1.0)
        add_task(conn, lead_unit_id=housing, deadline=D(2025, 5, 31), content="规范房屋征收程序")
        add_recommendation(conn, addressee_unit_id=town_gov, issued_on=D(2025, 3, 1), due_on=D(2025, 5, 1))
    return {"land": land, "housing": housing, "town_gov": town_gov, "east": east, "river": river}
