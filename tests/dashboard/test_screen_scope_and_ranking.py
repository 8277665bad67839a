"""The wall screen as a viewer sees it (pure builders on literal frames): names in its address resolve
like a ledger's, a name that matches nothing shows a notice instead of the county's figures, and a
liaison's ranking is the county's with the other names masked, as on 考核排名."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard.screen import models
from dashboard.screen.build import build_screen, resolve_scope
from dashboard.screen.config import parse_screen_params
from etl.access import ViewerScope
from etl.metrics import Facts, Filters, facts_from_frames, parse_period
from tests import factories as f

D = dt.date
H1 = parse_period("2025H1")


@pytest.fixture(scope="module")
def facts() -> Facts:
    """2025H1 lawsuits: 自然资源局 3 (柳湾镇), 公安局 1 (杏坡镇), 住建局 2 (杏坡镇); 国土局 is an alias."""
    units = pl.DataFrame({"id": [1, 2, 3], "name": ["示范县自然资源局", "示范县公安局", "示范县住房和城乡建设局"],
                          "short_name": ["自然资源局", "公安局", "住建局"], "unit_type": ["agency"] * 3,
                          "active": [True] * 3})
    towns = pl.DataFrame({"id": [10, 11], "name": ["柳湾镇", "杏坡镇"]})
    cases = [(1, 10), (1, 10), (1, 10), (2, 11), (3, 11), (3, 11)]
    litigation = pl.DataFrame([{"id": i, "unit_id": u, "township_id": t, "instance": "first",
                                "filed_on": D(2025, 2, i)} for i, (u, t) in enumerate(cases, start=1)])
    aliases = pl.DataFrame({"dimension": ["unit"], "id": [1], "alias": ["国土局"]})
    return facts_from_frames(litigation=litigation, units=units, townships=towns, aliases=aliases,
                             region_name="示范县", schemes=((2025, "测试方案", f.COUNT_ONLY_SCHEME),))


@pytest.mark.parametrize("written", ["县自然资源局", "国土局", "自然资源局"])
def test_the_screen_scope_accepts_aliases_and_the_region_prefix(facts: Facts, written: str) -> None:
    config, _ = parse_screen_params({"period": "2025H1", "unit": written})
    scope = resolve_scope(facts, config, "zh")
    assert scope.filters == Filters(unit_ids=(1,)) and scope.label == "自然资源局" and not scope.notices
    assert ">3件<" in build_screen(facts, config, "kpi", "10:00:00")  # the unit's 3, not the county's 6


def test_a_screen_whose_names_match_nothing_shows_the_notice_and_no_figures(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025H1", "unit": "自然资原局"})
    markup = build_screen(facts, config, "kpi", "10:00:00")
    assert 'data-blocked="1"' in markup and "未找到单位“自然资原局”，是否指：自然资源局？" in markup
    assert "lds-tile" not in markup and "6件" not in markup
    english, _ = parse_screen_params({"period": "2025H1", "unit": "自然资原局", "lang": "en"})
    assert "Did you mean: 自然资源局?" in build_screen(facts, english, "kpi", "10:00:00")


def test_one_unknown_name_beside_a_known_one_is_reported_and_the_known_one_shown(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025H1", "unit": "公安局,税务局"})
    markup = build_screen(facts, config, "kpi", "10:00:00")
    assert "data-blocked" not in markup and "未找到单位“税务局”。" in markup and ">1件<" in markup


def test_a_liaisons_screen_ranking_is_the_countys_with_the_other_names_masked(facts: Facts) -> None:
    liaison = ViewerScope(unit_ids=(2,))
    panel = models.ranking_panel(facts, H1, "unit", viewer=liaison, names_visible=False)
    names = [r.name for r in (*panel.top, *panel.bottom, *panel.own)]
    # Everyone's place (公安局 has the fewest suits, so the best score), only the own name in clear.
    assert any("公安局" in n for n in names) and len(names) == 3
    assert not any("自然资源局" in n or "住建局" in n for n in names)
    assert sum("名单位" in n for n in names) == 2
    config, _ = parse_screen_params({"period": "2025H1", "panels": "ranking"})
    markup = build_screen(facts, config, "ranking", "10:00:00", viewer=liaison, names_visible=False)
    assert "公安局" in markup and "自然资源局" not in markup and "住建局" not in markup
    shown = build_screen(facts, config, "ranking", "10:00:00", viewer=liaison, names_visible=True)
    assert "自然资源局" in shown and "住建局" in shown


def test_a_liaisons_other_panels_hold_only_their_own_rows(facts: Facts) -> None:
    config, _ = parse_screen_params({"period": "2025H1"})
    markup = build_screen(facts, config, "agencies", "10:00:00", viewer=ViewerScope(unit_ids=(2,)))
    assert "公安局" in markup and "自然资源局" not in markup and "住建局" not in markup
