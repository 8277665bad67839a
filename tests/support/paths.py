"""Where the repository and the shared test data are, for test modules at any depth under tests/."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Hand-made court, justice-bureau and dimension ledgers (built and commented by build_fixtures.py).
LEDGERS = ROOT / "tests" / "fixtures" / "ledgers"
