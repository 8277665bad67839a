"""Editing the indicator definitions changes the dashboard at its next rerun, not after the next import:
every cached result is keyed by the data version and by the definitions version (a digest of the files)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from etl.config import DEFAULT_INDICATORS_FILE, DEFAULT_SCHEME_FILE
from etl.db.engine import make_engine
from etl.metrics import Filters, compute_indicators, load_definitions, load_facts, parse_period
from etl.metrics.rules import load_rules
from tests.support.apptest import errors, run_page, tile_value

ALL_INSTANCES = 'instances = ["first", "second", "retrial", "non_litigation", "other"]'


def copies(tmp_path: Path) -> tuple[Path, Path]:
    indicators, scheme = tmp_path / "indicators.toml", tmp_path / "scheme.toml"
    shutil.copy(DEFAULT_INDICATORS_FILE, indicators)
    shutil.copy(DEFAULT_SCHEME_FILE, scheme)
    return indicators, scheme


def test_the_version_follows_the_bytes_of_both_files(tmp_path: Path) -> None:
    indicators, scheme = copies(tmp_path)
    first = load_rules(indicators, scheme)
    assert load_rules(indicators, scheme) is first  # unchanged bytes: parsed once
    indicators.write_text(indicators.read_text(encoding="utf-8").replace('instances = ["first"]', ALL_INSTANCES),
                          encoding="utf-8")
    edited = load_rules(indicators, scheme)
    assert edited.version != first.version and "second" in edited.definitions.defaults.instances
    scheme.write_text(scheme.read_text(encoding="utf-8") + "\n# a comment is an edit too\n", encoding="utf-8")
    assert load_rules(indicators, scheme).version not in {first.version, edited.version}
    # A mistake in the file is reported by the entry point, never silently replaced by the defaults.
    indicators.write_text("[defaults]\nloss_denominator = 'sometimes'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="loss_denominator"):
        load_rules(indicators, scheme)


def test_an_edited_definitions_file_changes_the_tiles_at_the_next_rerun(use_db, demo_url: str, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    indicators, _scheme = copies(tmp_path)
    monkeypatch.setenv("LIANDONG_INDICATORS_FILE", str(indicators))
    use_db(demo_url)
    engine = make_engine(demo_url)
    facts = load_facts(engine)
    engine.dispose()
    period = parse_period("2025")

    def expected() -> int:
        value = compute_indicators(facts, period, Filters(), load_definitions(indicators))["litigation_cases"]
        return int(value.numerator or 0)

    def shown(at: object) -> int:
        return int(re.sub(r"\D", "", tile_value(at, "litigation_cases")))  # type: ignore[arg-type]

    at = run_page("overview", {"period": "2025"})
    assert not errors(at)
    first_instance_only = expected()
    assert shown(at) == first_instance_only
    indicators.write_text(indicators.read_text(encoding="utf-8").replace('instances = ["first"]', ALL_INSTANCES),
                          encoding="utf-8")
    every_instance = expected()
    assert every_instance > first_instance_only  # the demo county has appeals: the edit must show
    at.run()  # the same session, no import in between: the data version is unchanged
    assert not errors(at)
    assert shown(at) == every_instance


def test_time_limits_and_the_year_scheme_follow_the_definitions_in_force(demo_url: str, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables the dashboard computes outside the indicator set (办理时限, the year's scheme) take the
    definitions and default scheme in force too, not the built-in ones."""
    from dashboard import metrics_cache as mc

    indicators, scheme = copies(tmp_path)
    monkeypatch.setenv("LIANDONG_DB_URL", demo_url)
    monkeypatch.setenv("LIANDONG_INDICATORS_FILE", str(indicators))
    engine = make_engine(demo_url)
    facts = load_facts(engine)
    engine.dispose()
    period = parse_period("2025")

    def closed_lawsuits() -> int:
        table = mc.days_to_close(facts, period, Filters())
        return int(table.filter(table["kind"] == "litigation")["closed"].sum())

    first_instance_only = closed_lawsuits()
    indicators.write_text(indicators.read_text(encoding="utf-8").replace('instances = ["first"]', ALL_INSTANCES),
                          encoding="utf-8")
    assert closed_lawsuits() > first_instance_only  # the demo county's appeals now count, without an import
    assert mc.config_for(period).instances == load_definitions(indicators).for_year(2025).instances

    stored = {year for year, _name, _definition in facts.schemes}
    year = next(y for y in range(2000, 2100) if y not in stored)
    # A year without a stored scheme takes the default scheme of the rules in force (parsed once per
    # content of the files), not a fresh read of the shipped file.
    assert mc.year_scheme(facts, year) is mc.current_rules().default_scheme
