"""The PDF's font lookup on Windows and macOS desks, played on this machine: temporary font folders
laid out as on those systems, holding the real Noto CJK files under the Windows and Mac file names.
No fontconfig is asked (neither system has it)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from etl.briefing.fonts import FontError, choose_fonts, find_fonts
from etl.briefing.model import Document, Section
from etl.briefing.pdf_writer import write_pdf
from tests.conftest import require

NOTO = Path("/usr/share/fonts/opentype/noto")
SERIF, SERIF_BOLD, SANS = (NOTO / "NotoSerifCJK-Regular.ttc", NOTO / "NotoSerifCJK-Bold.ttc",
                           NOTO / "NotoSansCJK-Regular.ttc")


@pytest.fixture(autouse=True)
def _noto_files() -> None:
    require(all(p.exists() for p in (SERIF, SERIF_BOLD, SANS)), "needs fonts-noto-cjk (/usr/share/fonts/opentype/noto)")


def lay_out(folder: Path, files: dict[str, Path]) -> None:
    """Each real font file linked under the name a Windows or Mac install gives it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, real in files.items():
        (folder / name).symlink_to(real)


def windows(tmp_path: Path) -> dict[str, str]:
    return {"WINDIR": str(tmp_path / "Windows"), "LOCALAPPDATA": str(tmp_path / "Users" / "科员" / "AppData" / "Local")}


def test_a_windows_desk_gives_fangsong_heiti_kaiti_and_the_office_title_face(tmp_path: Path) -> None:
    env = windows(tmp_path)
    lay_out(tmp_path / "Windows" / "Fonts", {"simfang.ttf": SERIF, "simhei.ttf": SANS, "simkai.ttf": SERIF,
                                             "simsun.ttc": SERIF, "arial.ttf": SANS})
    # The 公文 faces a clerk installed for their own account only (Windows 10 1809 and later).
    lay_out(tmp_path / "Users" / "科员" / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts",
            {"FZXBSJW.TTF": SERIF_BOLD, "仿宋_GB2312.ttf": SERIF})
    fonts = choose_fonts(find_fonts("win32", env, tmp_path / "home", fontconfig=False), platform="win32")
    assert (fonts.title.family, fonts.title.path.name) == ("方正小标宋简体", "FZXBSJW.TTF")
    assert (fonts.body.family, fonts.body.path.name) == ("仿宋_GB2312", "仿宋_GB2312.ttf")
    assert (fonts.heading.family, fonts.heading.path.name) == ("黑体", "simhei.ttf")
    assert fonts.subheading is not None and fonts.subheading.path.name == "simkai.ttf"
    assert fonts.chart.directory == tmp_path / "Windows" / "Fonts" and "'黑体'" in fonts.chart.family


def test_a_plain_windows_desk_sets_the_title_in_songti_and_the_body_in_fangsong(tmp_path: Path) -> None:
    lay_out(tmp_path / "Windows" / "Fonts", {"simfang.ttf": SERIF, "SIMHEI.TTF": SANS, "simsun.ttc": SERIF})
    fonts = choose_fonts(find_fonts("win32", windows(tmp_path), tmp_path / "home", fontconfig=False))
    assert (fonts.title.family, fonts.title.path.name) == ("宋体", "simsun.ttc")
    assert (fonts.body.family, fonts.body.path.name) == ("仿宋", "simfang.ttf")
    assert fonts.heading.path.name == "SIMHEI.TTF"  # Windows file names are not case-sensitive
    assert fonts.subheading is None and fonts.second_level == fonts.body  # no 楷体: （一） in the body face


def test_windir_is_respected(tmp_path: Path) -> None:
    lay_out(tmp_path / "D" / "WIN" / "Fonts", {"simfang.ttf": SERIF, "simhei.ttf": SANS, "simsun.ttc": SERIF})
    env = {"WINDIR": str(tmp_path / "D" / "WIN")}
    fonts = choose_fonts(find_fonts("win32", env, tmp_path / "home", root=tmp_path / "C", fontconfig=False))
    assert fonts.body.path == tmp_path / "D" / "WIN" / "Fonts" / "simfang.ttf"


def test_a_mac_gives_songti_heiti_and_kaiti_from_system_and_user_folders(tmp_path: Path) -> None:
    root, home = tmp_path / "mac", tmp_path / "Users" / "kezhang"
    lay_out(root / "System" / "Library" / "Fonts", {"STHeiti Medium.ttc": SANS, "PingFang.ttc": SANS})
    lay_out(root / "System" / "Library" / "Fonts" / "Supplemental", {"Songti.ttc": SERIF, "Arial Unicode.ttf": SANS})
    lay_out(home / "Library" / "Fonts", {"Kaiti.ttc": SERIF})  # 楷体-简 downloaded in Font Book
    fonts = choose_fonts(find_fonts("darwin", {}, home, root=root, fontconfig=False), platform="darwin")
    assert (fonts.title.family, fonts.title.path.name) == ("Songti SC", "Songti.ttc")
    assert (fonts.body.family, fonts.body.path.name) == ("Songti SC", "Songti.ttc")
    assert (fonts.heading.family, fonts.heading.path.name) == ("Heiti SC", "STHeiti Medium.ttc")
    assert fonts.subheading is not None and fonts.subheading.path == home / "Library" / "Fonts" / "Kaiti.ttc"


def test_a_mac_with_the_office_faces_installed_uses_them(tmp_path: Path) -> None:
    root, home = tmp_path / "mac", tmp_path / "home"
    lay_out(root / "System" / "Library" / "Fonts" / "Supplemental", {"Songti.ttc": SERIF})
    lay_out(root / "Library" / "Fonts", {"方正小标宋简体.ttf": SERIF_BOLD, "FS_GB2312.ttf": SERIF, "simhei.ttf": SANS})
    fonts = choose_fonts(find_fonts("darwin", {}, home, root=root, fontconfig=False))
    assert (fonts.title.family, fonts.body.family, fonts.heading.family) == ("方正小标宋简体", "仿宋_GB2312", "黑体")


def test_a_desk_without_chinese_fonts_is_told_what_to_install(tmp_path: Path) -> None:
    lay_out(tmp_path / "Windows" / "Fonts", {"arial.ttf": SANS, "times.ttf": SERIF})
    with pytest.raises(FontError) as info:
        choose_fonts(find_fonts("win32", windows(tmp_path), tmp_path / "home", fontconfig=False), platform="win32")
    assert "simfang.ttf" in str(info.value) and "C:\\Windows\\Fonts" in str(info.value)


def test_the_pdf_embeds_the_fonts_found_on_a_windows_desk(tmp_path: Path) -> None:
    require(shutil.which("pdffonts") is not None and shutil.which("pdftotext") is not None, "needs poppler-utils")
    lay_out(tmp_path / "Windows" / "Fonts", {"simfang.ttf": SERIF, "simhei.ttf": SANS, "simsun.ttc": SERIF_BOLD,
                                             "simkai.ttf": SERIF})
    fonts = choose_fonts(find_fonts("win32", windows(tmp_path), tmp_path / "home", fontconfig=False))
    document = Document("示范县府院府检联动工作简报", "第1期", "联席会议办公室", dt.date(2026, 7, 1),
                        ("示范县2026年上半年", "府院府检联动工作情况通报"),
                        (Section("一、总体情况", ("发案量12件，同比下降2件。",)), Section("（一）自然资源局", ("败诉1件。",))))
    pdf = tmp_path / "windows.pdf"
    pdf.write_bytes(write_pdf(document, fonts))
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(listed.splitlines()[2:]) == 4  # title, body, heading and 楷体 for the second-level heading
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "发案量12件，同比下降2件。" in text and "（一）自然资源局" in text
