"""Contracts over the dashboard's source: pages stay thin, every UI string exists in both languages,
every navigation entry has its page file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard.i18n import STRINGS
from dashboard.layout import PAGES
from tests.support.paths import ROOT

PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))
#: Frame operations that compute figures: they belong in etl/metrics, never in a page script.
COMPUTING = {"group_by", "agg", "pivot", "over", "rolling", "sum", "mean", "value_counts", "cum_sum"}


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_compute_nothing(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {node.func.attr for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not calls & COMPUTING, f"{path.name} computes: {sorted(calls & COMPUTING)}"


def test_every_navigation_entry_has_a_page_file() -> None:
    for stem, title, _icon in PAGES("zh"):
        assert (ROOT / "pages" / f"{stem}.py").exists(), stem
        assert title and title != stem


def test_every_translated_key_used_in_the_dashboard_exists() -> None:
    used: set[str] = set()
    for path in [*sorted((ROOT / "dashboard").rglob("*.py")), *PAGE_FILES]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    used |= {f"kind_{k}" for k in ("year", "half", "quarter", "month", "ytd", "custom")}
    used |= {f"status_{s}" for s in ("met", "close", "missed", "na")}
    missing = sorted(used - set(STRINGS))
    assert not missing, missing
