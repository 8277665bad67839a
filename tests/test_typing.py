"""etl and dashboard type-check under ``mypy --strict``, with the settings in pyproject.toml, so the
README's single test command (and CI) keeps them clean, not only ``make lint``."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_settings_are_strict_for_our_packages() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert settings["strict"] is True
    assert set(settings["packages"]) == {"etl", "dashboard"}
    # Untyped third-party packages are excused one by one; our own code never is.
    assert "ignore_missing_imports" not in settings
    for override in settings.get("overrides", []):
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        assert not [m for m in modules if m.split(".")[0] in ("etl", "dashboard", "pages")], override
        assert set(override) == {"module", "ignore_missing_imports"}, override


@pytest.mark.slow
def test_mypy_strict_finds_no_errors() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True,
                            timeout=900, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
