"""The export menu's files, made as the click makes them (the deferred downloads of a real page run,
under AppTest) and rendered by the system's Chromium: the 总览 as an A4 PDF with its chart drawn
(pdftoppm and a pixel test of the chart's area), every chart of 行政诉讼 drawn, a PNG of a page and
a PNG of a wall-screen panel."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from dashboard import theme
from dashboard.export.browser import CHROMIUM_ENV
from tests.conftest import require
from tests.support.apptest import run_page
from tests.support.page_export import (
    distinct_colours,
    keep_deferred,
    not_white_share,
    page_picture,
    pdf_words,
    share_of,
)

pytestmark = pytest.mark.browser
TODAY = dt.date.today().isoformat()
DPI = 100


@pytest.fixture
def clicks(use_db: Callable[..., None], demo_url: str, chromium_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
        require(shutil.which(tool) is not None, f"{tool} (poppler-utils) is not installed")
    use_db(demo_url)
    monkeypatch.setenv(CHROMIUM_ENV, str(chromium_path))
    return keep_deferred(monkeypatch)


def open_app(params: dict[str, str], page: str = "overview", tab: tuple[str, str] | None = None) -> AppTest:
    at = run_page(page, params, tab)
    assert not at.exception, at.exception
    return at


def chart_box(words: list[tuple[str, float, float, float, float]], heading: str,
              below: str) -> tuple[float, float, float, float]:
    """The area (points) from the heading's foot to the first ``below`` word under it (the chart's
    axis labels), across the page."""
    top = next(w for w in words if heading in w[0])
    axis = [w[2] for w in words if w[0] == below and w[2] > top[4]]
    # Without its axis labels (a chart not drawn) the box is the space a chart takes: the pixels decide.
    bottom = min(axis, default=top[4] + 200)
    return top[1], top[4], 595.92 - top[1], bottom


def in_pixels(box: tuple[float, float, float, float]) -> tuple[float, ...]:
    return tuple(v * DPI / 72 for v in box)


def test_the_overview_prints_as_an_a4_pdf_with_its_chart_drawn(clicks: dict[str, Callable[[], Any]],
                                                               tmp_path: Path, artifacts_dir: Path) -> None:
    open_app({"period": "2026H1"})
    pdf = tmp_path / "overview.pdf"
    pdf.write_bytes(clicks[f"示范县总览_{TODAY}.pdf"]())  # the click on 打印/导出PDF
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.92 x 842.88 pts (A4)" in info
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    for words in ("示范县总览", "期间：2026年上半年", "数据截至：2026-06-30", "行政诉讼月度发案", "预警"):
        assert words in text
    assert "截至本月" not in text and "语言" not in text  # no filter widget, no language switch
    image = page_picture(pdf, 1, DPI, tmp_path / "page1")
    image.save(artifacts_dir / "export_overview_page1.png")
    box = in_pixels(chart_box(pdf_words(pdf, 1), "行政诉讼月度发案", "1月"))
    assert box[3] - box[1] > 150 and box[2] - box[0] > 400  # a real chart's area, not a sliver
    assert share_of(image, box, theme.THIS_YEAR) > 0.02, "this year's bars are drawn"
    assert share_of(image, box, theme.LAST_YEAR) > 0.02, "last year's bars are drawn"
    assert not_white_share(image, box) > 0.08


def test_every_chart_of_the_litigation_page_is_drawn(clicks: dict[str, Callable[[], Any]], tmp_path: Path) -> None:
    open_app({"period": "2026H1"}, page="litigation")
    pdf = tmp_path / "litigation.pdf"
    pdf.write_bytes(clicks[f"示范县行政诉讼_{TODAY}.pdf"]())
    pages = int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                  text=True, check=True).stdout.splitlines()
                     if line.startswith("Pages:")))
    found = {}
    for number in range(1, pages + 1):
        words = pdf_words(pdf, number)
        image = None
        for heading in ("按单位", "按乡镇", "按领域", "按月（与上年同期）"):
            if heading in found or not any(w[0] == heading for w in words):
                continue
            top = next(w for w in words if w[0] == heading)
            below = [w[2] for w in words if w[2] > top[4] + 2 and w[0].startswith("按")]
            box = (top[1], top[4], 595 - 34, min(below, default=842 - 50))
            image = image or page_picture(pdf, number, DPI, tmp_path / f"p{number}")
            found[heading] = share_of(image, in_pixels(box), theme.THIS_YEAR)
    assert set(found) == {"按单位", "按乡镇", "按领域", "按月（与上年同期）"}
    assert all(share > 0.01 for share in found.values()), found


def test_the_township_map_is_drawn_on_the_townships_print_out(clicks: dict[str, Callable[[], Any]],
                                                               tmp_path: Path, artifacts_dir: Path) -> None:
    open_app({"period": "2026H1"}, page="townships")
    pdf = tmp_path / "townships.pdf"
    pdf.write_bytes(clicks[f"示范县乡镇_{TODAY}.pdf"]())
    words = pdf_words(pdf, 1)
    top = next(w for w in words if w[0] == "乡镇分布图")
    caption = next(w for w in words if w[0].startswith("地图指标"))  # the line under the map names it
    box = in_pixels((34, top[4], 595 - 34, caption[2]))
    assert box[3] - box[1] > 250  # the map's height, not a sliver
    image = page_picture(pdf, 1, DPI, tmp_path / "townships")
    image.save(artifacts_dir / "export_townships_page1.png")
    assert not_white_share(image, box) > 0.2, "the townships are filled"
    assert distinct_colours(image.crop(tuple(round(v) for v in box)).resize((120, 120))) > 20


def test_a_page_exports_as_a_picture(clicks: dict[str, Callable[[], Any]], artifacts_dir: Path) -> None:
    open_app({"period": "2026H1"})
    png = clicks[f"示范县总览_{TODAY}.png"]()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.save(artifacts_dir / "export_overview.png")
    assert image.width == 2560 and image.height > 2000  # 1280 px at twice the density, the whole page
    assert not_white_share(image) > 0.08
    assert share_of(image, (0, 0, image.width, image.height), theme.THIS_YEAR) > 0.003


def test_a_wall_screen_panel_exports_as_a_slide_sized_picture(clicks: dict[str, Callable[[], Any]],
                                                              artifacts_dir: Path) -> None:
    open_app({"period": "2026H1"})
    png = clicks[f"示范县核心指标_{TODAY}.png"]()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.save(artifacts_dir / "export_screen_kpi.png")
    assert image.size == (1920, 1080)
    assert share_of(image, (0, 0, 1920, 1080), "#0B1220", tolerance=8) > 0.3  # the screen's dark background
    assert 1 - share_of(image, (0, 0, 1920, 1080), "#0B1220", tolerance=8) > 0.2  # and a lot drawn on it
    assert distinct_colours(image.resize((192, 108))) > 50


def test_the_map_panel_exports_as_a_picture(clicks: dict[str, Callable[[], Any]], artifacts_dir: Path) -> None:
    at = open_app({"period": "2026H1"})
    at.session_state["ld_export_panel"] = "map"  # the panel chosen in the 导出 menu
    at.session_state["ld_export_theme"] = "light"
    at.run()
    png = clicks[f"示范县乡镇分布图_{TODAY}.png"]()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.save(artifacts_dir / "export_screen_map.png")
    assert image.size == (1920, 1080)
    assert not_white_share(image) > 0.15 and distinct_colours(image.resize((192, 108))) > 30
