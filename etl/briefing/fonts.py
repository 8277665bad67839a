"""The Chinese font files a PDF embeds and its charts are drawn in, on any desk.

Official documents (GB/T 9704) set the title in 小标宋, the body in 仿宋, first-level headings in
黑体 and second-level headings in 楷体. DOCX and PPTX only *name* those faces (``office_fonts``): the
reader's Word or WPS draws them, so those formats need no font file here. A PDF carries its fonts,
so it needs files: we prefer the official faces, then what Windows (仿宋, 黑体, 楷体), macOS (宋体-简,
黑体-简, 楷体-简) and Linux (Noto CJK) ship, and otherwise stop with a message saying what to install on
this platform, rather than write a document whose characters render as boxes.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from etl.briefing.font_files import (
    FontEntry,
    font_directories,
    fontconfig_fonts,
    parse_fc_list,
    scan_directories,
)

__all__ = ["BODY_FAMILIES", "HEADING_FAMILIES", "SUBHEADING_FAMILIES", "TITLE_FAMILIES", "ChartFont", "FontError",
           "FontFace", "FontSet", "chart_font", "choose_fonts", "discover_fonts", "find_fonts", "parse_fc_list"]

#: Last resorts for every role: a Chinese face of any style beats boxes.
_ANY_CHINESE = ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "Arial Unicode MS")
# Preference order per role: official faces, then Windows/Office, macOS and Linux equivalents.
TITLE_FAMILIES = ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Songti SC",
                  "Noto Serif CJK SC", "Source Han Serif SC", "宋体", "SimSun", "华文宋体", *_ANY_CHINESE)
BODY_FAMILIES = ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong",
                 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "宋体", "SimSun", *_ANY_CHINESE)
HEADING_FAMILIES = ("黑体", "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
                    "微软雅黑", "Microsoft YaHei", *_ANY_CHINESE)
#: 楷体 for second-level headings; without one they are set in the body face, as typists do.
SUBHEADING_FAMILIES = ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti", "Kaiti SC",
                       "AR PL UKai CN")
#: What charts ask vl-convert for when no file was found: it reads the system's fonts by these names.
SYSTEM_CHART_FAMILIES = ("黑体", "SimHei", "Heiti SC", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
                         "Source Han Sans SC", "WenQuanYi Zen Hei", "sans-serif")

INSTALL_HINTS = {
    "win": "Windows 自带仿宋（simfang.ttf）、黑体（simhei.ttf）、楷体（simkai.ttf），请确认它们仍在 C:\\Windows\\Fonts 中"
           "（可从另一台 Windows 电脑复制后右键“安装”）；正式公文字体方正小标宋简体、仿宋_GB2312、楷体_GB2312 可向办公室索取后安装。",
    "darwin": "请打开“字体册”，下载“宋体-简”（Songti SC）、“楷体-简”（Kaiti SC），或双击安装方正小标宋简体、仿宋_GB2312、黑体字体文件。",
    "linux": "请安装 Noto CJK 字体（Debian/Ubuntu/统信：sudo apt-get install fonts-noto-cjk；"
             "CentOS/麒麟：sudo yum install google-noto-serif-cjk-ttc-fonts google-noto-sans-cjk-ttc-fonts），"
             "或把方正小标宋简体、仿宋_GB2312、黑体字体文件复制到 ~/.local/share/fonts。",
}


class FontError(RuntimeError):
    """No usable Chinese font: the message names what to install."""


@dataclass(frozen=True)
class FontFace:
    family: str  # the family name the face was found under (used by charts)
    path: Path  # the file embedded into the PDF
    index: int  # face number inside a .ttc collection
    bold: bool  # True when only a bold face was found (used for the title)


@dataclass(frozen=True)
class ChartFont:
    """What vl-convert draws chart text in: a CSS family list, and a directory to register (or None:
    the system's own fonts, which vl-convert reads itself)."""

    family: str
    directory: Path | None = None


@dataclass(frozen=True)
class FontSet:
    title: FontFace
    body: FontFace
    heading: FontFace
    # Noto Serif CJK SC when the chosen faces are official ones: 仿宋_GB2312 and 方正小标宋 cover only
    # GB2312, so a rare character in a name (镕, 堃) would print as a box without a fallback.
    fallback: FontFace | None = None
    subheading: FontFace | None = None  # 楷体 when found; the body face otherwise

    @property
    def chart_family(self) -> str:
        return self.chart.family

    @property
    def chart(self) -> ChartFont:
        return ChartFont(_family_list((self.heading.family, *SYSTEM_CHART_FAMILIES)), self.heading.path.parent)

    @property
    def second_level(self) -> FontFace:
        return self.subheading or self.body


def _family_list(families: tuple[str, ...]) -> str:
    unique = dict.fromkeys(families)
    return ", ".join(f if f == "sans-serif" else f"'{f}'" for f in unique)


def _is_bold(entry: FontEntry) -> bool:
    return any("bold" in s.lower() or s in {"粗体", "Heavy", "Black"} for s in entry.styles)


def _pick(entries: list[FontEntry], families: tuple[str, ...], want_bold: bool) -> FontFace | None:
    for family in families:
        matches = [e for e in entries if family in e.families]
        if not matches:
            continue
        # Official faces have a single weight; for Noto choose the weight the role asks for.
        preferred = [e for e in matches if _is_bold(e) == want_bold] or matches
        best = sorted(preferred, key=lambda e: (str(e.path), e.index))[0]
        return FontFace(family, best.path, best.index, _is_bold(best))
    return None


def _platform_key(platform: str) -> str:
    return "win" if platform.startswith("win") else "darwin" if platform == "darwin" else "linux"


def choose_fonts(entries: list[FontEntry], platform: str = sys.platform) -> FontSet:
    """The best available face per role, or FontError naming the fonts looked for and what to install."""
    title = _pick(entries, TITLE_FAMILIES, want_bold=True)
    body = _pick(entries, BODY_FAMILIES, want_bold=False)
    heading = _pick(entries, HEADING_FAMILIES, want_bold=True)
    # The message names the official faces and the first fallbacks, not every last resort.
    missing = [f"{role}字体（{' / '.join(families[:6])}）"
               for role, families, face in (("标题", TITLE_FAMILIES, title), ("正文", BODY_FAMILIES, body),
                                            ("小标题", HEADING_FAMILIES, heading)) if face is None]
    if missing:
        wanted = "；".join(missing)
        raise FontError(f"缺少中文字体，无法生成 PDF：未找到{wanted}。{INSTALL_HINTS[_platform_key(platform)]}"
                        "（Word、WPS 与 PPT 格式不需要字体文件，可改为下载 DOCX。）")
    assert title is not None and body is not None and heading is not None
    noto = _pick(entries, ("Noto Serif CJK SC", "Source Han Serif SC", "Arial Unicode MS"), want_bold=False)
    fallback = noto if noto is not None and noto.family != body.family else None
    return FontSet(title=title, body=body, heading=heading, fallback=fallback,
                   subheading=_pick(entries, SUBHEADING_FAMILIES, want_bold=False))


def find_fonts(platform: str = sys.platform, environ: Mapping[str, str] | None = None, home: Path | None = None,
               root: Path = Path("/"), fontconfig: bool = True) -> list[FontEntry]:
    """Every Chinese face this machine has: fontconfig's (where installed) and the known files in the
    platform's font directories."""
    env = dict(environ if environ is not None else os.environ)
    directories = font_directories(platform, env, home or Path.home(), root)
    return [*(fontconfig_fonts() if fontconfig else []), *scan_directories(directories)]


_CACHE: dict[str, FontSet] = {}
_MISSING: dict[str, tuple[float, FontError]] = {}
#: After a search found nothing, seconds before the next one: fonts installed meanwhile are found
#: without a restart, and a page asking on every run does not walk the font folders each time.
RETRY_SECONDS = 60.0


def discover_fonts() -> FontSet:
    """Fonts for this process; once found, never searched again (the answer does not change)."""
    if "fonts" in _CACHE:
        return _CACHE["fonts"]
    failed = _MISSING.get("fonts")
    if failed is not None and time.monotonic() - failed[0] < RETRY_SECONDS:
        raise failed[1]
    try:
        _CACHE["fonts"] = choose_fonts(find_fonts())
    except FontError as exc:
        _MISSING["fonts"] = (time.monotonic(), exc)
        raise
    _MISSING.pop("fonts", None)
    return _CACHE["fonts"]


def chart_font() -> ChartFont:
    """The chart font of :func:`discover_fonts`, or the system's fonts by name when no file was found:
    a DOCX or PPTX never fails for want of a font file."""
    try:
        return discover_fonts().chart
    except FontError:
        return ChartFont(_family_list(SYSTEM_CHART_FAMILIES), None)
