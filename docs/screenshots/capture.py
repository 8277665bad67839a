"""Re-take the README screenshots from a running dashboard on the demo county.

    liandong demo --db sqlite:////tmp/demo.sqlite --end 2026-12-06
    echo "$PASSWORD" | liandong users add 联席办 --role admin --password-stdin --db sqlite:////tmp/demo.sqlite
    liandong serve --db sqlite:////tmp/demo.sqlite --port 8501 &
    LIANDONG_CAPTURE_USER=联席办 LIANDONG_CAPTURE_PASSWORD="$PASSWORD" \
        python docs/screenshots/capture.py http://localhost:8501 [tasks_by_meeting.png …]

With file names, only those shots are taken. With LIANDONG_CAPTURE_USER and LIANDONG_CAPTURE_PASSWORD the
pictures show what an administrator of a deployed county sees once logged in (every page in the navigation,
退出登录 in the header); without them, the local demo that needs no account.

Headless Debian Chromium at 1920x1080; never downloads a browser. The wall-screen, map and 填报 pictures are
taken by their browser tests (LIANDONG_UPDATE_SCREENSHOTS=1): tests/e2e/test_screen_browser.py,
tests/e2e/test_township_map_browser.py, tests/e2e/test_reporting_browser.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
#: file name → (path and query, tab to open or None, minimum charts to wait for)
SHOTS = {
    "overview.png": ("", None, 1),
    "litigation.png": ("litigation", None, 4),
    "litigation_bulletin.png": ("litigation", "月度通报", 1),
    "disputes.png": ("disputes", None, 2),
    "reconsideration.png": ("reconsideration", None, 1),
    "rankings.png": ("rankings", None, 1),
    "townships.png": (f"townships?town={quote('柳湾镇')}&town={quote('枫渡镇')}", None, 1),
    "tasks.png": ("tasks", "双清单任务", 1),
    "tasks_by_meeting.png": ("tasks?period=2026H1", None, 1),
    "procuratorate.png": ("procuratorate?period=2026H1", None, 3),
    "overview_english.png": ("?lang=English", None, 1),
}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def main(base: str, only: list[str]) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
        log_in(page, base)
        for name, (path, tab, charts) in SHOTS.items():
            if only and name not in only:
                continue
            page.goto(f"{base}/{path}")
            page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
            if tab:
                page.get_by_role("tab", name=tab).click()
            page.wait_for_function(
                f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(HERE / name))
            print(HERE / name)
        breakdown(page, base)
        browser.close()


def log_in(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """Log in through the form when an account is named; the session cookie then serves every shot."""
    user, password = os.environ.get("LIANDONG_CAPTURE_USER"), os.environ.get("LIANDONG_CAPTURE_PASSWORD")
    if not (user and password):
        return
    page.goto(base)
    page.get_by_label("用户名 User name").fill(user)
    page.get_by_label("密码 Password").fill(password)
    page.get_by_role("button", name="登录 Log in").click()
    page.wait_for_function("() => document.cookie.split('; ').some(c => c.startsWith('liandong_session='))",
                           timeout=60_000)


def breakdown(page, base: str, unit: str = "示范县自然资源局") -> None:  # type: ignore[no-untyped-def]
    """考核排名 for 2025 with one unit's score breakdown open (rankings_breakdown.png, the whole page: the
    window is made tall enough, as Streamlit scrolls its own container rather than the page)."""
    page.set_viewport_size({"width": 1920, "height": 3000})
    page.goto(f"{base}/rankings?period=2025")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1",
                           timeout=60_000)
    picker = page.get_by_role("combobox", name="查看得分构成")
    picker.click()
    page.keyboard.type(unit)
    page.keyboard.press("Enter")
    page.get_by_text(f"得分构成：{unit}").wait_for(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(HERE / "rankings_breakdown.png"), full_page=True)
    trim_bottom(HERE / "rankings_breakdown.png")
    print(HERE / "rankings_breakdown.png")


def trim_bottom(path: Path, margin: int = 40) -> None:
    """Cut the empty window below the page's last content (the tall window is only there to fit it all)."""
    from PIL import Image, ImageChops  # Pillow comes with python-pptx

    image = Image.open(path).convert("RGB")
    box = ImageChops.difference(image, Image.new("RGB", image.size, (255, 255, 255))).getbbox()
    if box is not None and box[3] + margin < image.height:
        image.crop((0, 0, image.width, box[3] + margin)).save(path, optimize=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501", sys.argv[2:])
