"""Where the Chinese font files of this machine are, on Linux, Windows and macOS.

Two sources, combined: fontconfig (``fc-list``) where it is installed, which knows every font and its
localized names; and the platform's font directories searched for the file names the official and
common Chinese faces ship under (``simfang.ttf`` is 仿宋 on every Windows; ``Songti.ttc`` 宋体-简 on a
Mac). Windows and macOS desks have no fontconfig, and a Linux server may lack it too, so the file
names are what works everywhere; fontconfig adds fonts installed under names we do not know.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

FC_FORMAT = "%{file}|%{index}|%{family}|%{style}\n"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


@dataclass(frozen=True)
class FontEntry:
    """One face in a font file: the families it answers to (localized names included) and its styles."""

    path: Path
    index: int
    families: tuple[str, ...]
    styles: tuple[str, ...]


@dataclass(frozen=True)
class KnownFile:
    """A font file known by name: its families, whether it is bold, and the family of the face to use
    inside a collection (found by reading the file's name table, ``index`` if it cannot be read)."""

    families: tuple[str, ...]
    bold: bool = False
    face: str | None = None
    index: int = 0


def _same(families: tuple[str, ...], *names: str, bold: bool = False, face: str | None = None,
          index: int = 0) -> dict[str, KnownFile]:
    return {name.lower(): KnownFile(families, bold, face, index) for name in names}


#: File name (lower case) → what it holds. Windows and Office names first, then macOS, then Linux.
KNOWN_FILES: dict[str, KnownFile] = {
    **_same(("方正小标宋简体", "FZXiaoBiaoSong-B05S"), "FZXBSJW.TTF", "FZXBSJW--GB1-0.ttf", "方正小标宋简体.ttf"),
    **_same(("方正小标宋_GBK", "FZXiaoBiaoSong-B05"), "FZXBSK.TTF", "方正小标宋_GBK.ttf"),
    **_same(("仿宋_GB2312", "FangSong_GB2312"), "仿宋_GB2312.ttf", "FS_GB2312.ttf", "FangSong_GB2312.ttf",
            "SIMFANG_GB2312.TTF"),
    **_same(("楷体_GB2312", "KaiTi_GB2312"), "楷体_GB2312.ttf", "KAI_GB2312.ttf", "KaiTi_GB2312.ttf", "KT_GB2312.ttf"),
    **_same(("仿宋", "FangSong"), "simfang.ttf"),
    **_same(("黑体", "SimHei"), "simhei.ttf"),
    **_same(("宋体", "SimSun"), "simsun.ttc", face="SimSun"),
    **_same(("楷体", "KaiTi"), "simkai.ttf"),
    **_same(("华文中宋", "STZhongsong"), "STZHONGS.TTF"),
    **_same(("华文仿宋", "STFangsong"), "STFANGSO.TTF", "STFangsong.ttf", "华文仿宋.ttf"),
    **_same(("华文楷体", "STKaiti"), "STKAITI.TTF", "华文楷体.ttf"),
    **_same(("华文宋体", "STSong"), "STSONG.TTF", "华文宋体.ttf"),
    **_same(("微软雅黑", "Microsoft YaHei"), "msyh.ttc", "msyh.ttf", face="Microsoft YaHei"),
    **_same(("Songti SC", "宋体-简"), "Songti.ttc", face="Songti SC"),
    **_same(("Heiti SC", "黑体-简", "STHeiti"), "STHeiti Medium.ttc", "STHeiti Light.ttc", face="Heiti SC", index=1),
    **_same(("Kaiti SC", "楷体-简"), "Kaiti.ttc", face="Kaiti SC"),
    **_same(("PingFang SC", "苹方-简"), "PingFang.ttc", face="PingFang SC"),
    **_same(("Arial Unicode MS",), "Arial Unicode.ttf"),
    **_same(("Noto Serif CJK SC",), "NotoSerifCJK-Regular.ttc", face="Noto Serif CJK SC", index=2),
    **_same(("Noto Serif CJK SC",), "NotoSerifCJK-Bold.ttc", bold=True, face="Noto Serif CJK SC", index=2),
    **_same(("Noto Sans CJK SC",), "NotoSansCJK-Regular.ttc", face="Noto Sans CJK SC", index=2),
    **_same(("Noto Sans CJK SC",), "NotoSansCJK-Bold.ttc", bold=True, face="Noto Sans CJK SC", index=2),
    **_same(("Noto Serif CJK SC",), "NotoSerifCJKsc-Regular.otf"),
    **_same(("Noto Serif CJK SC",), "NotoSerifCJKsc-Bold.otf", bold=True),
    **_same(("Noto Sans CJK SC",), "NotoSansCJKsc-Regular.otf"),
    **_same(("Noto Sans CJK SC",), "NotoSansCJKsc-Bold.otf", bold=True),
    **_same(("Source Han Serif SC",), "SourceHanSerifSC-Regular.otf"),
    **_same(("Source Han Serif SC",), "SourceHanSerifSC-Bold.otf", bold=True),
    **_same(("Source Han Sans SC",), "SourceHanSansSC-Regular.otf"),
    **_same(("Source Han Sans SC",), "SourceHanSansSC-Bold.otf", bold=True),
    **_same(("WenQuanYi Zen Hei",), "wqy-zenhei.ttc", face="WenQuanYi Zen Hei"),
    **_same(("WenQuanYi Micro Hei",), "wqy-microhei.ttc", face="WenQuanYi Micro Hei"),
    **_same(("AR PL UKai CN",), "ukai.ttc", face="AR PL UKai CN"),
    **_same(("Droid Sans Fallback",), "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf"),
}


def font_directories(platform: str, environ: Mapping[str, str], home: Path, root: Path = Path("/")) -> list[Path]:
    """Where fonts are installed on ``platform`` (``sys.platform``); ``root`` prefixes the fixed
    system paths, so a test can stand in a temporary directory for ``/`` or ``C:\\``."""
    if platform.startswith("win"):
        windows = Path(environ.get("WINDIR") or environ.get("SystemRoot") or root / "Windows")
        local = environ.get("LOCALAPPDATA")
        user = Path(local) if local else home / "AppData" / "Local"
        return [windows / "Fonts", user / "Microsoft" / "Windows" / "Fonts"]
    if platform == "darwin":
        system = root / "System" / "Library"
        # Fonts downloaded in Font Book (宋体-简, 楷体-简 on newer systems) live among the system's assets.
        assets = sorted((system / "AssetsV2").glob("com_apple_MobileAsset_Font*"))
        return [home / "Library" / "Fonts", root / "Library" / "Fonts", system / "Fonts",
                system / "Fonts" / "Supplemental", *assets]
    data_home = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [data_home / "fonts", home / ".fonts", root / "usr" / "local" / "share" / "fonts",
            root / "usr" / "share" / "fonts"]


def _face_index(path: Path, known: KnownFile) -> int:
    """The face of ``known.face`` inside a collection, read from its name table."""
    if known.face is None or path.suffix.lower() not in (".ttc", ".otc"):
        return known.index
    try:
        from fontTools.ttLib import TTCollection

        with TTCollection(str(path), lazy=True) as collection:
            for number, font in enumerate(collection.fonts):
                if font["name"].getDebugName(1) == known.face:
                    return number
    except Exception:  # noqa: BLE001 — an unreadable or misnamed file keeps its documented face
        return known.index
    return known.index


def scan_directories(directories: Iterable[Path]) -> list[FontEntry]:
    """The known Chinese font files in ``directories`` and their subdirectories."""
    entries: list[FontEntry] = []
    seen: set[Path] = set()
    for directory in directories:
        if not directory.is_dir():
            continue
        for folder, _dirs, files in os.walk(directory, followlinks=True):
            for name in sorted(files):
                known = KNOWN_FILES.get(name.lower())
                path = Path(folder) / name
                if known is None or path in seen or not name.lower().endswith(FONT_SUFFIXES):
                    continue
                seen.add(path)
                entries.append(FontEntry(path, _face_index(path, known), known.families,
                                         ("Bold",) if known.bold else ("Regular",)))
    return entries


def parse_fc_list(output: str) -> list[FontEntry]:
    """Parse ``fc-list -f FC_FORMAT`` lines; fontconfig lists localized names comma-separated."""
    entries = []
    for line in output.splitlines():
        parts = line.split("|")
        if len(parts) != 4 or not parts[0]:
            continue
        file, index, families, styles = parts
        entries.append(FontEntry(Path(file), int(index or 0), tuple(f.strip() for f in families.split(",")),
                                 tuple(s.strip() for s in styles.split(","))))
    return entries


def fontconfig_fonts() -> list[FontEntry]:
    """Chinese-capable fonts fontconfig knows; none where fontconfig is not installed (Windows, macOS)."""
    try:
        result = subprocess.run(["fc-list", "-f", FC_FORMAT, ":lang=zh"], capture_output=True, text=True,
                                check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_fc_list(result.stdout)
