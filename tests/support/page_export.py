"""Helpers for the print/export tests: keep the captures a page run makes, find a chart on a printed
page by the text around it, and measure which colours a region of a rendered picture holds."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from streamlit.runtime.media_file_manager import MediaFileManager

from dashboard import export_view
from dashboard.export.capture import PageCapture

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def keep_captures(monkeypatch: pytest.MonkeyPatch) -> list[PageCapture]:
    """Every capture the export menu starts from now on (the page runs under AppTest, in this process)."""
    kept: list[PageCapture] = []
    real = export_view.start_capture

    def start() -> PageCapture | None:
        capture = real()
        if capture is not None:
            kept.append(capture)
        return capture

    monkeypatch.setattr(export_view, "start_capture", start)
    return kept


def keep_deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """Every deferred download registered from now on, by file name: calling one is the click."""
    kept: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None, coordinates: str,
            file_name: str | None = None, **kwargs: Any) -> str:
        kept[file_name or coordinates] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return kept


def pdf_words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(text, x0, y0, x1, y1) in points of every word on ``page`` (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in _WORD.finditer(out)]


def page_picture(pdf: Path, page: int, dpi: int, out: Path) -> Image.Image:
    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf),
                    str(stem)], check=True)
    return Image.open(stem.with_suffix(".png")).convert("RGB")


def share_of(image: Image.Image, box: tuple[float, float, float, float], colour: str, tolerance: int = 24) -> float:
    """The share of pixels in ``box`` (pixels) within ``tolerance`` of ``colour`` (#RRGGBB) per channel."""
    want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    pixels = _pixels(image.crop(tuple(round(v) for v in box)))
    near = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, want, strict=True)))
    return near / max(len(pixels), 1)


def not_white_share(image: Image.Image, box: tuple[float, float, float, float] | None = None) -> float:
    pixels = _pixels(image.crop(tuple(round(v) for v in box)) if box else image)
    return sum(1 for p in pixels if min(p) < 235) / max(len(pixels), 1)


def _pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3], strict=True))


def distinct_colours(image: Image.Image) -> int:
    return len(set(_pixels(image)))
