"""The map on the 乡镇 page and the 总览 under AppTest: drawn for the demo county with one location per
township, the indicator chosen in the selector, the township from the URL outlined; a sentence instead
of a map when no outline was imported."""

from __future__ import annotations

import json

from etl.db.engine import make_engine
from tests import factories as f
from tests.support.apptest import errors, run_page


def map_figure(at) -> dict:  # type: ignore[no-untyped-def]
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if spec.get("layout", {}).get("geo"):
            return spec
    raise AssertionError("no map on the page")


def test_the_townships_page_maps_every_township_for_the_chosen_indicator(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("townships", {"period": "2025"})
    assert not errors(at)
    fig = map_figure(at)
    located = [loc for t in fig["data"] if t["type"] == "choropleth" and t.get("legendgroup") for loc in t["locations"]]
    assert len(located) == len(set(located)) == 18
    assert at.selectbox(key="map_indicator").value == "litigation_cases"
    at.selectbox(key="map_indicator").select("loss_rate").run()
    legend = {t["name"] for t in map_figure(at)["data"] if t.get("legendgroup")}
    assert {"达标", "未达标"} <= legend


def test_the_overview_maps_every_township_and_outlines_the_one_in_the_url(use_db, demo_url: str) -> None:
    use_db(demo_url)
    at = run_page("overview", {"period": "2025H1", "town": "柳湾镇"})
    assert not errors(at)
    fig = map_figure(at)
    located = [loc for t in fig["data"] if t["type"] == "choropleth" and t.get("legendgroup") for loc in t["locations"]]
    assert len(located) == 18  # the township filter does not hide the others: the map is how one chooses
    outlined = next(t for t in fig["data"] if t.get("name") == "selected")
    assert [c[0] for c in outlined["customdata"]] == ["柳湾镇"]
    assert any("演示数据" in c.value for c in at.caption)


def test_without_outlines_the_page_says_how_to_import_them(use_db, sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        county = f.add_county(conn, "示范县")
        f.add_township(conn, "柳屯镇", county)
    engine.dispose()
    use_db(sqlite_url)
    at = run_page("townships", {"period": "2025"})
    assert not errors(at)
    assert any("尚未导入乡镇边界" in i.value for i in at.info)
