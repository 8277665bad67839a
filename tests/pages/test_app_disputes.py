"""AppTest of the dispute and reconsideration pages on the demo county: all five channels, the three stage
bars from the registry's count indicators, and the decision mix from the indicator layer."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from etl.cli import app as cli_app
from etl.wording.numbers import percent
from tests.support.apptest import errors, run_page, tile_value


def cli_indicators(url: str, period: str) -> dict:
    out = CliRunner().invoke(cli_app, ["metrics", "--period", period, "--json", "--db", url])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)["indicators"]


def test_dispute_page_shows_every_channel_and_the_stages_side_by_side(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("disputes", {"period": "2026H1"})
    assert not errors(at)
    cli = cli_indicators(demo_url, "2026H1")
    for key in ("pre_litigation_mediation_rate", "pre_enforcement_settlement_rate", "coordination_success_rate",
                "reconsideration_mediation_success_rate", "procuratorate_resolution_success_rate",
                "substantive_resolution_rate"):
        value = cli[key]["value"]
        assert tile_value(at, key) == percent(value), key  # the wording layer's rate (不适用 for none)
    charts = [json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")]
    assert all(c["type"] == "bar" for c in charts)  # no funnel, which would widen past 100 %
    bars, stages = charts
    assert sorted(bars["y"]) == sorted(["诉前调解成功率", "执前和解成功率", "府院联动协调成功率", "复议调解成功率",
                                        "检察机关参与化解成功率", "行政争议实质性化解率"])  # sorted by rate on the chart
    assert list(stages["x"]) == ["受理", "办结", "化解成功"]
    assert list(stages["y"]) == [cli["disputes_received"]["value"], cli["disputes_concluded"]["value"],
                                 cli["disputes_resolved"]["value"]]
    assert any("受理按受理日期" in c.value for c in at.caption)


def test_reconsideration_mix_adds_up_to_the_correction_rate_denominator(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("reconsideration", {"period": "2026H1"}, tab=("rec_tab", "决定类型"))
    assert not errors(at)
    donut = next(json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")
                 if json.loads(c.proto.spec)["data"][0]["type"] == "pie")
    cli = cli_indicators(demo_url, "2026H1")
    assert sum(donut["values"]) == cli["reconsideration_correction_rate"]["denominator"]
    assert "撤销" in donut["labels"] and "维持" in donut["labels"]


def test_by_agency_tab_switches_between_channels(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("disputes", {"period": "2026H1"}, tab=("disp_tab", "按单位和乡镇"))
    assert not errors(at)
    assert any("行政争议实质性化解率·按单位" in s.value for s in at.subheader)
    at.segmented_control(key="disp_channel").set_value("coordination_success_rate").run()
    assert not errors(at)
    assert any("府院联动协调成功率·按单位" in s.value for s in at.subheader)
    assert any("府院联动协调成功率·按乡镇" in s.value for s in at.subheader)
