"""Imports point one way: pages → dashboard → etl, and inside etl no package leans
sideways on another it has no business with. Fails on a wrong-way import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "etl": ("streamlit", "dashboard", "pages", "plotly"),
    "dashboard": ("pages",),
    "pages": ("sqlalchemy", "etl.db"),
}
#: Sideways edges inside etl. The importer and the indicator layer write the audit log through
#: ``etl.audit`` and never need accounts; accounts never need indicators; the catalogue, the
#: dimension and the name rule sit below everything that reads or writes ledgers.
_ABOVE_THE_CATALOGUE = ("etl.importing", "etl.metrics", "etl.auth", "etl.briefing", "etl.cli", "etl.demo",
                        "etl.access", "etl.dimensions")
SIDEWAYS = {
    "etl/importing": ("etl.auth", "etl.metrics", "etl.briefing", "etl.cli", "etl.access"),
    "etl/metrics": ("etl.auth", "etl.importing", "etl.briefing", "etl.cli", "etl.access"),
    "etl/auth": ("etl.metrics", "etl.importing", "etl.briefing", "etl.cli", "etl.access"),
    "etl/audit.py": ("etl.auth", "etl.metrics", "etl.importing"),
    "etl/access.py": ("etl.auth", "etl.importing", "etl.briefing", "etl.cli"),
    "etl/catalog": _ABOVE_THE_CATALOGUE,
    "etl/dimensions.py": ("etl.importing", "etl.metrics", "etl.auth", "etl.briefing", "etl.cli", "etl.access"),
    "etl/names.py": _ABOVE_THE_CATALOGUE,
    "etl/mappings.py": _ABOVE_THE_CATALOGUE,
    "etl/db": (*_ABOVE_THE_CATALOGUE, "etl.catalog"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports; ``from etl import audit`` counts as ``etl.audit``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _offenders(where: str, forbidden: tuple[str, ...]) -> list[str]:
    target = ROOT / where
    paths = [target] if target.is_file() else sorted(target.rglob("*.py"))
    offenders = []
    for path in paths:
        for module in imported_modules(path):
            if any(module == bad or module.startswith(bad + ".") for bad in forbidden):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    return offenders


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_upwards(layer: str) -> None:
    offenders = _offenders(layer, FORBIDDEN[layer])
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("package", sorted(SIDEWAYS))
def test_etl_packages_do_not_lean_sideways(package: str) -> None:
    assert (ROOT / package).exists(), package
    offenders = _offenders(package, SIDEWAYS[package])
    assert not offenders, "\n".join(offenders)


def test_the_checker_sees_a_sideways_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from etl import audit\nfrom etl.auth.accounts import add_account\n", encoding="utf-8")
    assert {"etl.audit", "etl.auth.accounts"} <= imported_modules(module)
