"""A KPI tile opens the records behind its figure: the same drill-through list as the 案件清单 tab,
adding up to the tile's figure."""

from __future__ import annotations

from tests.support.apptest import errors, run_page, tile_value


def test_a_rate_tile_opens_its_denominator_with_the_numerator_marked(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("overview", {"period": "2025"})
    assert not errors(at)
    button = at.button(key="tile_drill_loss_rate")
    basis = next(h.proto.body for h in at.get("html") if 'data-kpi="loss_rate"' in h.proto.body)
    num, den = basis.split('class="ld-basis">')[1].split("件")[0].split("/")
    assert button.label == f"查看 {den} 件明细"
    button.click().run()
    assert not errors(at)
    records = next(d.value for d in at.dataframe if "计入分子" in d.value.columns)
    assert len(records) == int(den) and (records["计入分子"] == "是").sum() == int(num)
    assert any(c.value.startswith("分母：") for c in at.caption)
    assert tile_value(at, "loss_rate").endswith("%")


def test_a_count_tile_lists_its_cases_and_the_verdict_tile_has_no_button(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("overview", {"period": "2025H1"})
    cases = tile_value(at, "litigation_cases").removesuffix("件")
    at.button(key="tile_drill_litigation_cases").click().run()
    records = next(d.value for d in at.dataframe if "立案日期" in d.value.columns)
    assert len(records) == int(cases)
    assert "tile_drill_double_decline" not in [b.key for b in at.button]
