"""The export menu clicked in a served dashboard: 导出 → 打印/导出PDF gives an A4 PDF of the 总览 whose
month chart is drawn (pdftoppm, pixels of both years' bar colours in the chart's area), and 导出图片 a
PNG of the page; the server's own Chromium renders them, whatever the viewer's browser is."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from dashboard import theme
from tests.conftest import require
from tests.support.browser import open_page, wait_painted
from tests.support.page_export import not_white_share, page_picture, pdf_words, share_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DPI = 100


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


def download(page, label: str, path: Path) -> str:  # type: ignore[no-untyped-def]
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name=label).click()
    info.value.save_as(path)
    return info.value.suggested_filename


def test_the_export_menu_prints_the_overview_to_a4_with_the_chart_drawn(server: str, page, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                        artifacts_dir: Path) -> None:
    for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
        require(shutil.which(tool) is not None, f"{tool} (poppler-utils) is not installed")
    open_page(page, f"{server}/?period=2026H1")
    wait_painted(page)
    page.get_by_role("button", name="导出").click()
    pdf = tmp_path / "overview.pdf"
    name = download(page, "打印/导出PDF（A4）", pdf)
    assert name.startswith("示范县总览_") and name.endswith(".pdf")
    assert "(A4)" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    words = pdf_words(pdf, 1)
    heading = next(w for w in words if "行政诉讼月度发案" in w[0])
    axis = min(w[2] for w in words if w[0] == "1月" and w[2] > heading[4])
    image = page_picture(pdf, 1, DPI, tmp_path / "page1")
    image.save(artifacts_dir / "e2e_export_overview_page1.png")
    box = tuple(v * DPI / 72 for v in (heading[1], heading[4], 595.92 - heading[1], axis))
    assert share_of(image, box, theme.THIS_YEAR) > 0.02 and share_of(image, box, theme.LAST_YEAR) > 0.02
    png = tmp_path / "overview.png"
    download(page, "导出图片（PNG）", png)
    picture = Image.open(io.BytesIO(png.read_bytes())).convert("RGB")
    assert picture.width == 2560 and not_white_share(picture) > 0.08
