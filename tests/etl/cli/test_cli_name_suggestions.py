"""The command line resolves names like the importer and answers a typo with a suggestion, in one
Chinese sentence (``liandong metrics``, ``liandong brief``, ``liandong users add``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.db.engine import make_engine
from tests import factories as f

runner = CliRunner()


@pytest.fixture
def url(sqlite_url: str) -> str:
    engine = make_engine(sqlite_url)
    with engine.begin() as c:
        county = f.add_county(c, "示范县")
        f.add_township(c, "柳屯镇", county, aliases=("柳屯乡",))
        land = f.add_unit(c, "示范县自然资源局", county, short_name="自然资源局", aliases=("国土局",))
        other = f.add_unit(c, "示范县公安局", county, short_name="公安局")
        f.add_case(c, defendant_unit_id=land, filed_on=dt.date(2025, 3, 1))
        f.add_case(c, defendant_unit_id=other, filed_on=dt.date(2025, 3, 2))
    engine.dispose()
    return sqlite_url


@pytest.mark.parametrize("name", ["国土局", "县自然资源局", "示范县自然资源局"])
def test_metrics_accepts_aliases_and_the_region_prefix(url: str, name: str) -> None:
    out = runner.invoke(app, ["metrics", "--period", "2025", "--unit", name, "--json", "--db", url])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert payload["indicators"]["litigation_cases"]["value"] == 1
    assert payload["filters"]["unit_names"] == ["示范县自然资源局"]


@pytest.mark.parametrize(("args", "message"), [
    (["metrics", "--period", "2025", "--unit", "自然资原局"], "未找到单位“自然资原局”，是否指：自然资源局？"),
    (["metrics", "--period", "2025", "--township", "柳屯"], "未找到乡镇“柳屯”，是否指："),
    (["brief", "--period", "2025", "--unit", "县自然资原局", "--out", "x.docx"],
     "未找到单位“县自然资原局”，是否指：自然资源局？"),
    (["users", "add", "lly", "--role", "liaison", "--unit", "公按局", "--password-stdin"],
     "未找到单位“公按局”，是否指：公安局？"),
])
def test_a_name_that_does_not_resolve_is_answered_with_a_suggestion(url: str, args: list[str],
                                                                     message: str) -> None:
    out = runner.invoke(app, [*args, "--db", url], input="a-long-password-1\n")
    assert out.exit_code != 0 and message in out.output, out.output
    assert "unknown" not in out.output  # one sentence, not a Chinese-English mix
