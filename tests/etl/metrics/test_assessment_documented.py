"""Every scheme field, method, measure and event source is documented in docs/assessment.md, and the
default scheme uses only what is documented there."""

from __future__ import annotations

import tomllib
from pathlib import Path

from etl.metrics.assessment_events import EVENT_SOURCES
from etl.metrics.scheme import DEFAULT_SCHEME_PATH, MEASURED_WEIGHT, load_default_scheme, scheme_definition
from etl.metrics.scheme_parts import MEASURES, METHODS

DOC = (Path(__file__).resolve().parents[3] / "docs" / "assessment.md").read_text(encoding="utf-8")
SCHEME_FIELDS = ("not_applicable", "min_cases", "bonus_cap", "tie_break", "min_measured_weight", "categories",
                 "indicators", "bonuses", "events", "vetoes")
ITEM_FIELDS = ("measure", "method", "weight", "target", "threshold", "bands", "per", "cap", "floor")


def test_every_field_method_measure_and_event_is_documented() -> None:
    names = [*SCHEME_FIELDS, *ITEM_FIELDS, *METHODS, *MEASURES, *EVENT_SOURCES, MEASURED_WEIGHT]
    missing = [name for name in names if not any(form in DOC for form in (f"`{name}", f"[{name}]", f"[[{name}]]"))]
    assert missing == []


def test_the_default_scheme_uses_only_documented_fields() -> None:
    raw = tomllib.loads(Path(DEFAULT_SCHEME_PATH).read_text(encoding="utf-8"))
    assert set(raw) - {"name"} <= set(SCHEME_FIELDS)
    definition = scheme_definition(load_default_scheme())
    used = {k for entry in definition["indicators"] for k in entry} - {"key", "id"}
    assert used <= set(ITEM_FIELDS)
