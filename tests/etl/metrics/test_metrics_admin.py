"""Writing targets and schemes: validated, replacing, bumping the data version, read back by rankings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from etl.cli import app
from etl.db.meta import data_version
from etl.metrics import SchemeError, compute_indicators, load_facts, parse_period, scheme_for_year
from etl.metrics.admin import delete_scheme, save_scheme, save_target
from tests.factories import add_county, add_unit

SCHEME = {"indicators": [{"key": "loss_rate", "weight": 70, "target": 0.05, "threshold": 0.3},
                         {"key": "head_appearance_rate", "weight": 30, "target": 1.0, "threshold": 0.5}]}


def test_saved_scheme_replaces_the_default_until_reset(engine: Engine) -> None:
    with engine.begin() as conn:
        add_county(conn)
        before = data_version(conn)
        save_scheme(conn, 2025, SCHEME, name="2025年方案")
        save_scheme(conn, 2025, {**SCHEME, "double_decline_bonus": 3})  # replaces, keeps one row
        assert data_version(conn) == before + 2
    scheme = scheme_for_year(load_facts(engine), 2025)
    assert (scheme.source, scheme.double_decline_bonus, [i.weight for i in scheme.items]) == ("database", 3.0, [70, 30])
    assert scheme_for_year(load_facts(engine), 2024).source == "default"
    with engine.begin() as conn:
        assert delete_scheme(conn, 2025)
    assert scheme_for_year(load_facts(engine), 2025).source == "default"


def test_invalid_scheme_is_not_saved(engine: Engine) -> None:
    with engine.begin() as conn, pytest.raises(SchemeError, match="权重之和"):
        save_scheme(conn, 2025, {"indicators": [{"key": "loss_rate", "weight": 50, "threshold": 0.3}]})
    assert load_facts(engine).schemes == ()


def test_saved_targets_replace_and_drive_status(engine: Engine) -> None:
    with engine.begin() as conn:
        county = add_county(conn)
        unit = add_unit(conn, "示范县自然资源局", county)
        save_target(conn, 2025, "loss_rate", 0.1)
        save_target(conn, 2025, "loss_rate", 0.2)
        save_target(conn, 2025, "loss_rate", 0.05, scope_type="unit", scope_id=unit)
        with pytest.raises(ValueError, match="0.98"):
            save_target(conn, 2025, "head_appearance_rate", 98)
        with pytest.raises(ValueError, match="未知指标"):
            save_target(conn, 2025, "nope", 1)
    facts = load_facts(engine)
    assert sorted(facts.targets["value"].to_list()) == [0.05, 0.2]
    assert compute_indicators(facts, parse_period("2025"))["loss_rate"].target == 0.2


def test_scheme_command_loads_a_file_and_reports_bad_ones(sqlite_url: str, tmp_path: Path) -> None:
    good = tmp_path / "scheme.json"
    good.write_text(json.dumps({"name": "文件方案", **SCHEME}, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["scheme", "--year", "2025", "--load", str(good), "--json", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["name"], out["source"], len(out["indicators"])) == ("文件方案", "database", 2)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[indicators]]\nkey = "loss_rate"\nweight = 90\nthreshold = 0.3\n', encoding="utf-8")
    result = runner.invoke(app, ["scheme", "--year", "2025", "--load", str(bad), "--db", sqlite_url])
    assert result.exit_code != 0 and "权重之和应为100" in result.output
