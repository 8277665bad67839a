"""The wall screen's ranking panel: one column per assessment category, each from its own first place,
six rows at most in all, the convening county government not among them."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.screen import html, models
from etl.metrics import facts_from_frames, parse_period

D = dt.date


def test_the_ranking_panel_shows_each_category_from_its_first_place() -> None:
    names = [f"{n}局" for n in "甲乙丙丁戊"] + [f"{n}镇人民政府" for n in "东西南北"] + ["县人民政府"]
    types = ["agency"] * 5 + ["township_gov"] * 4 + ["government"]
    units = pl.DataFrame({"id": list(range(1, 11)), "name": names, "unit_type": types, "active": [True] * 10})
    # Four closures each (enough for the loss rate), unit n losing n mod 3 of them.
    rows = [{"unit_id": u, "instance": "first", "filed_on": D(2025, 2, 1), "closed_on": D(2025, 3, 1 + k),
             "outcome": "revoked" if k < u % 3 else "claim_dismissed"} for u in range(1, 11) for k in range(4)]
    facts = facts_from_frames(litigation=pl.DataFrame(rows).with_row_index("id"), units=units)
    panel = models.ranking_panel(facts, parse_period("2025"), "unit")
    assert [s.category for s in panel.sections] == ["县直部门", "乡镇(街道)"]
    assert all(s.top[0].name.startswith("1. ") for s in panel.sections)
    assert len(panel.top) + len(panel.bottom) <= 6
    assert not any("县人民政府" in r.name for r in panel.top + panel.bottom)
    markup = html.rank_html(panel, "zh")
    assert markup.count("<section>") == 2 and "县直部门" in markup and "红榜" in markup and "黑榜" in markup
