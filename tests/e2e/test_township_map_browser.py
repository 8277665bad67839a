"""The township map in headless Chromium: it draws on the 乡镇 page with no network, a click on a township
puts it in the URL and filters the page, and the wall screen's map panel draws every township.

Screenshots go to ``test-artifacts/``; with ``LIANDONG_UPDATE_SCREENSHOTS=1`` the page's is written to
``docs/screenshots/townships_map.png`` (the screen's comes from test_screen_browser.py's panel sweep).
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from tests.e2e.test_screen_browser import save_for_docs
from tests.support.browser import after_run, open_page, wait_idle, wait_painted
from tests.support.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A point inside the named township's area (not just inside its bounding box): its path's trace carries
#: the names in ``customdata``, in the order of the paths' ``__data__.i``.
POINT_IN_TOWNSHIP = """(name) => {
  for (const p of document.querySelectorAll('path.choroplethlocation')) {
    const trace = p.parentNode.__data__ && p.parentNode.__data__[0] && p.parentNode.__data__[0].trace;
    if (!trace || !trace.customdata || trace.customdata[p.__data__.i][0] !== name) continue;
    const box = p.getBoundingClientRect(), inverse = p.getScreenCTM().inverse(), svg = p.ownerSVGElement;
    for (let fy = 0.3; fy <= 0.7; fy += 0.05) for (let fx = 0.3; fx <= 0.7; fx += 0.05) {
      const pt = svg.createSVGPoint();
      pt.x = box.x + fx * box.width; pt.y = box.y + fy * box.height;
      if (p.isPointInFill(pt.matrixTransform(inverse))) return [pt.x, pt.y];
    }
  }
  return null;
}"""


def test_the_map_draws_offline_and_a_click_filters_the_page_by_township(server: str, browser: Any,
                                                                        artifacts_dir: Path) -> None:
    # Tall enough to show the filter bar, its chip and the whole map in one picture.
    context = browser.new_context(viewport={"width": 1400, "height": 1160}, locale="zh-CN")
    page = context.new_page()
    # plotly.js would fetch a world map from its CDN, a tiled map its tiles; Streamlit's own icon font
    # requests are not the map's.
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if re.search(r"plot\.ly|topojson|tile|mapbox|openstreetmap",
                                                                    r.url) else None)
    open_page(page, f"{server}/townships?period=2025")
    expect(page.locator("path.choroplethlocation")).to_have_count(18)  # one area per township of 示范县
    expect(page.locator(".geo text", has_text="柳湾镇")).to_have_count(1)  # names on the map
    point = page.evaluate(POINT_IN_TOWNSHIP, "蒲滩镇")
    assert point is not None
    after_run(page, lambda: page.mouse.click(*point))
    wait_idle(page)
    assert re.search(r"[?&]town=([^&]+)", page.url) and unquote(page.url).endswith("town=蒲滩镇")
    expect(page.get_by_text("乡镇（街道）：蒲滩镇")).to_be_visible()  # the page's filter chip
    expect(page.locator("path.choroplethlocation")).to_have_count(19)  # and the township outlined on the map
    assert not outside, f"the map fetched from outside: {outside[:3]}"
    wait_painted(page)
    shot = page.screenshot()
    (artifacts_dir / "townships_map.png").write_bytes(shot)
    if os.environ.get("LIANDONG_UPDATE_SCREENSHOTS") == "1":
        save_for_docs(shot, ROOT / "docs" / "screenshots" / "townships_map.png")
    context.close()


def test_the_screens_map_panel_draws_every_township(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server}/screen?panels=map&period=2025&map=loss_rate&rotate=600")
    page.wait_for_selector(".lds[data-panel='map'] img.lds-mapsvg", timeout=60_000)
    wait_painted(page)
    image = page.locator("img.lds-mapsvg")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle())
    box = image.bounding_box()
    assert box and box["height"] > 0.6 * 1080  # the map fills most of the panel
    source = image.get_attribute("src") or ""
    svg = base64.b64decode(source.split(",", 1)[1]).decode("utf-8")
    assert len(re.findall(r'data-region="\d+"', svg)) == 18
    expect(page.locator(".lds-maptotal")).to_be_visible()
    context.close()
