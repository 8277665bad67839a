"""The documentation ships with the code: every indicator is defined in docs/indicators.md, shipped
files explain themselves instead of pointing at issue numbers, and nothing refers to files outside
the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.metrics.registry import DOUBLE_DECLINE_KEY, DOUBLE_DECLINE_LABEL, INDICATORS
from tests.support.paths import ROOT

INDICATORS_DOC = ROOT / "docs" / "indicators.md"
#: Everything a maintainer reads: code, tests, docs, benchmarks, editable data, deployment examples.
SHIPPED = ("etl", "dashboard", "pages", "tests", "docs", "benchmarks", "data", "deploy", ".streamlit", ".ci")
TEXT_SUFFIXES = {".py", ".md", ".toml", ".sh", ".conf", ".service", ".timer", ".txt", ".cfg", ".ini", ".yml",
                 ".yaml", ""}
ISSUE_NUMBER = re.compile(r"\bissues? #?\d+", re.IGNORECASE)
#: Files that exist only beside the repository (the project's own source notes), never in a clone.
OUTSIDE = re.compile(r"\.\./shared|\bshared/(?:domain|style|seeds)|\bstyle\.md|\b\d{3}_[0-9a-f]{16}\.txt")


def shipped_text_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "Makefile", ROOT / "pyproject.toml"]
    for top in SHIPPED:
        files += [p for p in (ROOT / top).rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES
                  and "__pycache__" not in p.parts]
    return sorted(files)


def documented_sections() -> dict[str, str]:
    """``### `key` `` heading → the text of its section."""
    text = INDICATORS_DOC.read_text(encoding="utf-8")
    parts = re.split(r"^### `([a-z_]+)`\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_registered_indicator_is_defined_in_docs_indicators_md() -> None:
    sections = documented_sections()
    labels = {i.key: (i.label_zh, i.label_en) for i in INDICATORS} | {DOUBLE_DECLINE_KEY: DOUBLE_DECLINE_LABEL}
    assert sorted(set(labels) - set(sections)) == [], "indicators without a section in docs/indicators.md"
    assert sorted(set(sections) - set(labels)) == [], "sections for indicators the registry does not have"
    for key, (zh, en) in labels.items():
        assert f"**中文**: {zh} · **English**: {en}" in sections[key], f"{key}: names differ from the registry"


@pytest.mark.parametrize("field", ["**Good when**", "**Configurable**", "**Sources**", "**Shown as**"])
def test_every_indicator_section_says_how_it_is_shown_configured_and_sourced(field: str) -> None:
    missing = [key for key, body in documented_sections().items() if field not in body]
    assert not missing, f"{field} missing for {missing}"


def test_shipped_files_give_reasons_not_issue_numbers() -> None:
    hits = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for path in shipped_text_files()
            for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
            if ISSUE_NUMBER.search(line)]
    assert not hits, "say why, or link a note in docs/decisions/:\n" + "\n".join(hits)


def test_nothing_refers_to_files_outside_the_repository() -> None:
    hits = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for path in shipped_text_files()
            if path != Path(__file__).resolve()
            for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
            if OUTSIDE.search(line)]
    assert not hits, "\n".join(hits)


def test_linked_decision_notes_exist_and_are_listed() -> None:
    decisions = ROOT / "docs" / "decisions"
    linked = {m.group(0) for path in shipped_text_files()
              for m in re.finditer(r"\b\d{4}-[a-z0-9-]+\.md", path.read_text(encoding="utf-8", errors="replace"))}
    missing = sorted(name for name in linked if not (decisions / name).is_file())
    assert not missing, f"links to decision notes that do not exist: {missing}"
    index = (decisions / "README.md").read_text(encoding="utf-8")
    unlisted = sorted(p.name for p in decisions.glob("[0-9][0-9][0-9][0-9]-*.md") if p.name not in index)
    assert not unlisted, f"decision notes missing from docs/decisions/README.md: {unlisted}"


def test_readme_links_the_indicator_and_domain_documents() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/indicators.md)" in readme and "(docs/domain.md)" in readme


def test_test_modules_named_in_the_docs_exist() -> None:
    named = {(path, m.group(0)) for path in shipped_text_files()
             for m in re.finditer(r"\btests/[\w/]*test_\w+\.py", path.read_text(encoding="utf-8", errors="replace"))}
    missing = sorted(f"{path.relative_to(ROOT)} names {name}" for path, name in named if not (ROOT / name).is_file())
    assert not missing, "\n".join(missing)
