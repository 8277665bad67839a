"""``liandong metrics --json`` on the literal conference county (tests/conference_factories.py) carries the
supervision cases, key cases and the two recommendation rates beside the combined one, worked out by hand."""

from __future__ import annotations

import json

from sqlalchemy import Engine
from typer.testing import CliRunner

from etl.cli import app as cli_app
from tests.conference_factories import conference_county


def test_metrics_json_has_supervision_key_cases_and_both_recommendation_rates(db_url: str, engine: Engine) -> None:
    conference_county(engine)
    out = CliRunner().invoke(cli_app, ["metrics", "--period", "2025", "--json", "--db", db_url])
    assert out.exit_code == 0, out.output
    got = {k: (v["value"], v["numerator"], v["denominator"]) for k, v in json.loads(out.output)["indicators"].items()}
    assert got["supervision_cases"] == (3, 3, None)  # 河检行监〔2025〕1–3号; 4号 was rejected
    assert got["supervision_recommendation_share"] == (0.5, 1, 2)  # 1号 of the closed 1号, 2号
    assert got["key_cases"] == (3, 3, None)
    assert got["key_case_resolution_rate"][1:] == (1, 3)  # the lawsuit's key case is resolved
    assert got["judicial_recommendation_adoption_rate"] == (0.5, 1, 2)  # 河法建 1号 on time, 2号 unanswered
    assert got["procuratorial_recommendation_adoption_rate"] == (0.5, 1, 2)  # 河检行建 2号 answered late
    assert got["recommendation_adoption_rate"] == (0.5, 2, 4)
