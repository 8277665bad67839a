"""Finding the Chinese fonts a briefing is set in.

Official documents (GB/T 9704) set the title in 小标宋, the body in 仿宋 and first-level headings in
黑体. Office machines in China usually have those; servers usually have only Noto CJK. We prefer the
official faces, fall back to Noto CJK, and stop with a message naming the missing font rather than
write a document whose characters render as boxes.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

# Preference order per role; the last entry of each is the Noto fallback shipped by fonts-noto-cjk.
TITLE_FAMILIES = ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong",
                  "Noto Serif CJK SC")
BODY_FAMILIES = ("仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong", "华文仿宋", "STFangsong",
                 "Noto Serif CJK SC")
HEADING_FAMILIES = ("黑体", "SimHei", "Noto Sans CJK SC")

FC_FORMAT = "%{file}|%{index}|%{family}|%{style}\n"


class FontError(RuntimeError):
    """No usable Chinese font: the message names what to install."""


@dataclass(frozen=True)
class FontFace:
    family: str  # the family name written into DOCX/PPTX and used by charts
    path: Path  # the file embedded into the PDF
    index: int  # face number inside a .ttc collection
    bold: bool  # True when only a bold face was found (used for the title)


@dataclass(frozen=True)
class FontSet:
    title: FontFace
    body: FontFace
    heading: FontFace
    # Noto Serif CJK SC when the chosen faces are official ones: 仿宋_GB2312 and 方正小标宋 cover only
    # GB2312, so a rare character in a name (镕, 堃) would print as a box without a fallback.
    fallback: FontFace | None = None

    @property
    def chart_family(self) -> str:
        return self.heading.family


@dataclass(frozen=True)
class _Entry:
    path: Path
    index: int
    families: tuple[str, ...]
    styles: tuple[str, ...]


def parse_fc_list(output: str) -> list[_Entry]:
    """Parse ``fc-list -f FC_FORMAT`` lines; fontconfig lists localized names comma-separated."""
    entries = []
    for line in output.splitlines():
        parts = line.split("|")
        if len(parts) != 4 or not parts[0]:
            continue
        file, index, families, styles = parts
        entries.append(_Entry(Path(file), int(index or 0), tuple(f.strip() for f in families.split(",")),
                              tuple(s.strip() for s in styles.split(","))))
    return entries


def _is_bold(entry: _Entry) -> bool:
    return any("bold" in s.lower() or s in {"粗体", "Heavy", "Black"} for s in entry.styles)


def _pick(entries: list[_Entry], families: tuple[str, ...], want_bold: bool) -> FontFace | None:
    for family in families:
        matches = [e for e in entries if family in e.families]
        if not matches:
            continue
        # Official faces have a single weight; for Noto choose the weight the role asks for.
        preferred = [e for e in matches if _is_bold(e) == want_bold] or matches
        best = sorted(preferred, key=lambda e: (str(e.path), e.index))[0]
        return FontFace(family, best.path, best.index, _is_bold(best))
    return None


def choose_fonts(entries: list[_Entry]) -> FontSet:
    """The best available face per role, or FontError naming the fonts that were looked for."""
    title = _pick(entries, TITLE_FAMILIES, want_bold=True)
    body = _pick(entries, BODY_FAMILIES, want_bold=False)
    heading = _pick(entries, HEADING_FAMILIES, want_bold=True)
    missing = [(role, fams) for role, fams, face in (("标题", TITLE_FAMILIES, title),
                                                      ("正文", BODY_FAMILIES, body),
                                                      ("小标题", HEADING_FAMILIES, heading)) if face is None]
    if missing:
        wanted = "；".join(f"{role}字体({' / '.join(fams)})" for role, fams in missing)
        raise FontError(f"缺少中文字体，无法生成简报：未找到{wanted}。"
                        "请安装方正小标宋简体、仿宋_GB2312、黑体，或安装 Noto CJK 字体（Debian：apt-get install fonts-noto-cjk）。")
    assert title is not None and body is not None and heading is not None
    noto = _pick(entries, ("Noto Serif CJK SC",), want_bold=False)
    fallback = noto if noto is not None and noto.family != body.family else None
    return FontSet(title=title, body=body, heading=heading, fallback=fallback)


def installed_fonts() -> list[_Entry]:
    """Chinese-capable fonts known to fontconfig on this machine."""
    try:
        result = subprocess.run(["fc-list", "-f", FC_FORMAT, ":lang=zh"], capture_output=True, text=True,
                                check=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise FontError(f"无法查询已安装字体（fc-list 不可用：{exc}）。请安装 fontconfig 和 fonts-noto-cjk。") from None
    return parse_fc_list(result.stdout)


_CACHE: dict[str, FontSet] = {}


def discover_fonts() -> FontSet:
    """Fonts for this process; fontconfig is asked once because the answer does not change."""
    if "fonts" not in _CACHE:
        _CACHE["fonts"] = choose_fonts(installed_fonts())
    return _CACHE["fonts"]
