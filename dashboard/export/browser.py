"""Turning a print document into PDF or PNG with a headless Chromium-family browser on the server.

The server's browser, not the viewer's: the result is the same whoever clicks, on whatever they use.
It is found, never downloaded: ``Settings.chromium`` (``LIANDONG_CHROMIUM``, a path), else Chromium, Chrome or Edge where
the platform installs them (every Windows 10/11 has Edge). Playwright drives it; the document is
loaded from memory with every network request refused, so nothing is fetched and nothing leaves.
One browser runs at a time per dashboard process (a Chromium is 150–300 MB while it works); others
wait their turn.
"""

from __future__ import annotations

import html as html_text
import os
import shutil
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from etl.config import CHROMIUM_ENV  # noqa: F401 — re-exported: the variable's name, for tests and messages

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: Names on PATH, in order of preference.
PATH_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge",
              "microsoft-edge-stable", "msedge", "chrome")
MAC_APPS = ("Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium",
            "Microsoft Edge.app/Contents/MacOS/Microsoft Edge")
#: A4 at 96 px per inch less 12 mm margins each side, divided by the print scale: the width the page is
#: laid out at, so charts drawn for the viewport are exactly as wide as the paper.
A4_SCALE = 0.8
A4_MARGIN_MM = 12
A4_LAYOUT_PX = round((210 - 2 * A4_MARGIN_MM) / 25.4 * 96 / A4_SCALE)
PICTURE_WIDTH_PX = 1280
TIMEOUT_MS = 90_000
MISSING = ("服务器上没有找到 Chromium、Chrome 或 Edge 浏览器，无法导出 PDF 和图片。请在运行看板的机器上安装"
           "（Debian/Ubuntu：sudo apt-get install chromium；Windows 自带 Edge），"
           "或设置环境变量 LIANDONG_CHROMIUM 为浏览器程序的完整路径后重启看板。")
_ONE_AT_A_TIME = threading.BoundedSemaphore(1)


class ExportError(RuntimeError):
    """The document could not be rendered (no browser, a chart that would not draw); message Chinese."""


def find_browser(environ: Mapping[str, str] | None = None, platform: str = sys.platform,
                 which: Callable[[str], str | None] = shutil.which, configured: Path | None = None) -> Path | None:
    """The browser to render with, or None. ``configured`` is ``Settings.chromium``; ``environ`` only
    says where Windows keeps its programs (``ProgramFiles``), no setting of ours."""
    env = os.environ if environ is None else environ
    if configured is not None:
        return configured if configured.is_file() else None
    for name in PATH_NAMES:
        found = which(name)
        if found:
            return Path(found)
    candidates: list[Path] = []
    if platform.startswith("win"):
        for base in (env.get("ProgramFiles(x86)"), env.get("ProgramFiles"), env.get("LOCALAPPDATA")):
            if base:
                candidates += [Path(base) / "Microsoft" / "Edge" / "Application" / "msedge.exe",
                               Path(base) / "Google" / "Chrome" / "Application" / "chrome.exe"]
    elif platform == "darwin":
        for apps in (Path("/Applications"), Path.home() / "Applications"):
            candidates += [apps / app for app in MAC_APPS]
    return next((c for c in candidates if c.is_file()), None)


@dataclass(frozen=True)
class Picture:
    """Where and how large a picture is taken: the viewport, and an element to cut out (or the page)."""

    width: int = PICTURE_WIDTH_PX
    height: int = 900
    selector: str | None = None
    full_page: bool = True
    scale: float = 2.0  # pixel density: 2 keeps a page picture sharp when a slide enlarges it


def _render(html: str, browser: Path, width: int, height: int, scale: float,
            act: Callable[[Page], bytes]) -> bytes:
    """Load ``html`` in the browser, wait until it is drawn, then ``act`` (print or photograph).

    Playwright's synchronous API cannot run in a thread with a running event loop (or beside another
    synchronous Playwright), so it runs in a thread of its own whatever thread asks.
    """
    with _ONE_AT_A_TIME, ThreadPoolExecutor(max_workers=1, thread_name_prefix="ld-export") as worker:
        return worker.submit(_drive, html, browser, width, height, scale, act).result()


def _drive(html: str, browser: Path, width: int, height: int, scale: float,
           act: Callable[[Page], bytes]) -> bytes:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(browser),
                                                  args=["--disable-gpu", "--disable-dev-shm-usage"])
            try:
                page = chromium.new_page(viewport={"width": width, "height": height}, device_scale_factor=scale)
                page.route("**/*", lambda route: route.abort())  # nothing is fetched: the document is whole
                page.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
                page.wait_for_function("document.body.dataset.ready", timeout=TIMEOUT_MS)
                state = page.evaluate("[document.body.dataset.ready, document.body.dataset.error || '']")
                if state[0] != "1":
                    raise ExportError(f"图表未能绘制：{state[1]}")
                return act(page)
            finally:
                chromium.close()
    except PlaywrightError as exc:
        raise ExportError(f"浏览器导出失败：{exc.message.splitlines()[0]}") from None


def html_to_pdf(html: str, browser: Path, footer: str = "") -> bytes:
    """An A4 portrait PDF; ``footer`` (plain text) sits beside the page number at the foot of each page."""
    template = ('<div style="width:100%;font-size:8px;color:#7A8594;padding:0 12mm;display:flex;'
                f'justify-content:space-between"><span>{html_text.escape(footer)}</span><span>'
                '<span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')

    def pdf(page: Page) -> bytes:
        return page.pdf(format="A4", print_background=True, scale=A4_SCALE,
                        margin={"top": f"{A4_MARGIN_MM}mm", "bottom": "16mm", "left": f"{A4_MARGIN_MM}mm",
                                "right": f"{A4_MARGIN_MM}mm"},
                        display_header_footer=True, header_template="<span></span>", footer_template=template)

    return _render(html, browser, A4_LAYOUT_PX, 1100, 1.0, pdf)


def html_to_png(html: str, browser: Path, picture: Picture = Picture()) -> bytes:
    """A PNG of the whole page or of the element ``picture.selector``."""

    def shot(page: Page) -> bytes:
        if picture.selector:
            return page.locator(picture.selector).first.screenshot(type="png")
        return page.screenshot(type="png", full_page=picture.full_page)

    return _render(html, browser, picture.width, picture.height, picture.scale, shot)
