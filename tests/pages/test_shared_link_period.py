"""Shared links pin the period: the 复制链接 action writes the period's dates, a pinned link shows those
dates (not the latest year to date), and a fresh visit still opens on 截至本月 of the latest data."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.support.apptest import errors, run_page, tile_value


def copied_link(at) -> str:  # type: ignore[no-untyped-def]
    """The text of the 复制链接 popover's code block."""
    return next(c.value for c in at.code if "period=" in c.value)


def period_chip(at) -> str:  # type: ignore[no-untyped-def]
    """The period badge's text (a badge is Markdown: ``:blue-badge[:material/…: 本页期间：…]``)."""
    body = next(m.value for m in at.markdown if "本页期间：" in m.value)
    return body[body.index("本页期间："):].rstrip("]")


def test_a_fresh_visit_opens_on_the_year_to_date_and_its_link_pins_the_dates(use_db, demo_url: str) -> None:
    use_db(demo_url)  # the demo county's data end on 30 June 2026
    at = run_page("overview")
    assert not errors(at)
    assert "period" not in at.query_params  # the address bar stays clean for a fresh visit
    assert period_chip(at) == "本页期间：2026年1月1日至6月30日"
    query = parse_qs(urlsplit(copied_link(at)).query)
    assert query["period"] == ["2026YTD-06-30"]


def test_a_pinned_link_shows_its_own_dates_and_says_the_data_went_further(use_db, demo_url: str) -> None:
    use_db(demo_url)
    pinned = run_page("overview", {"period": "2026YTD-03-31", "unit": "自然资源局"})
    assert not errors(pinned)
    assert period_chip(pinned) == "本页期间：2026年1月1日至3月31日"
    quarter = run_page("overview", {"period": "2026Q1", "unit": "自然资源局"})
    assert tile_value(pinned, "litigation_cases") == tile_value(quarter, "litigation_cases")
    assert any("数据已更新至 2026-06-30" in c.value for c in pinned.caption)
    query = parse_qs(urlsplit(copied_link(pinned)).query)
    assert query["period"] == ["2026YTD-03-31"] and query["unit"] == ["示范县自然资源局"]
    assert pinned.query_params["period"] == "2026YTD-03-31"  # the address bar keeps the pin


def test_choosing_another_year_unpins_the_year_to_date(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("overview", {"period": "2026YTD-03-31"})
    at.selectbox(key="f_year").set_value(2025).run()
    at.selectbox(key="f_year").set_value(2026).run()
    assert not errors(at)
    assert period_chip(at) == "本页期间：2026年1月1日至6月30日"
    assert "period" not in at.query_params


def test_the_period_survives_a_page_switch(use_db, demo_url: str) -> None:
    # Streamlit remounts the period's kind control empty on another page; the half year must not
    # silently become the whole year there.
    use_db(demo_url)
    at = run_page("overview", {"period": "2025H1"})
    at.switch_page("../pages/litigation.py").run()
    assert not errors(at)
    assert period_chip(at) == "本页期间：2025年上半年" and at.query_params["period"] == "2025H1"
    at.segmented_control(key="f_kind").set_value("quarter").run()  # and the reader's own choice still counts
    assert period_chip(at).startswith("本页期间：2025年第") and at.query_params["period"].startswith("2025Q")


def test_the_unit_filter_survives_a_page_switch(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("overview", {"period": "2025", "unit": "自然资源局"})
    at.switch_page("../pages/litigation.py").run()
    assert not errors(at)
    assert at.multiselect(key="unit").value == ["示范县自然资源局"] and at.query_params["unit"] == "示范县自然资源局"
