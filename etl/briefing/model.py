"""What an official document says, independent of the file format it is written in.

One model serves the 工作简报 and the 通报 the joint-conference office issues (败诉案件通报, and the
monthly 出庭应诉通报 built on the same layout): the assemblers fill it from the indicator layer, the
writers (DOCX, PDF, PPTX) only lay it out in the GB/T 9704 conventions, so formats cannot disagree.

Layout, top to bottom: masthead (red), issue line, office and date over a red rule; title; 主送
(addressee line, notices only); opening paragraph; numbered sections (paragraphs, one chart at most,
tables); the 附件 list; 落款 (office and date, notices only); then each annex on its own page headed
"附件N"; and the 版记 (报/送/发 or 抄送) closing the last page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

#: 公文 numbering of second-level headings: （一）, （二） … (first level: 一、二、…); past ten units a
#: notice numbers them （11）, （12） ….
_SECOND_LEVEL = re.compile(r"^[（(][一二三四五六七八九十百0-9]+[)）]")


@dataclass(frozen=True)
class Table:
    """A plain table of already-formatted cells; ``numeric`` marks right-aligned columns."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""
    #: Tighter rows in the PDF: a monthly 通报 keeps its per-unit table on the one page it is read on.
    dense: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart rendered once to PNG (for DOCX/PPTX/PDF) from its Vega-Lite spec."""

    title: str
    png: bytes
    width_px: int
    height_px: int


def heading_level(heading: str) -> int:
    """1 for 一、… (set in 黑体), 2 for （一）… (set in 楷体), by the numbering official documents use."""
    return 2 if _SECOND_LEVEL.match(heading) else 1


@dataclass(frozen=True)
class Section:
    heading: str  # e.g. 一、行政诉讼应诉情况; empty: the section runs on under the one before
    paragraphs: tuple[str, ...]
    chart: Chart | None = None
    tables: tuple[Table, ...] = ()
    closing: tuple[str, ...] = ()  # paragraphs after the chart and tables (a notice's notes on its cases)


@dataclass(frozen=True)
class Annex:
    """One 附件: starts on its own page under the line "附件N", then its title and tables."""

    title: str
    tables: tuple[Table, ...]
    paragraphs: tuple[str, ...] = ()
    chart: Chart | None = None  # drawn above the tables (the townships' map)


@dataclass(frozen=True)
class Document:
    masthead: str  # 示范县府院府检联动工作简报 / 示范县府院府检联动联席会议办公室
    issue_line: str  # 第3期, or 预览稿（未编期号）; empty for a notice
    office: str  # 示范县府院府检联动联席会议办公室（县司法局）
    issued_on: dt.date
    title_parts: tuple[str, str]  # where a title too long for one line breaks
    sections: tuple[Section, ...]
    headline: str = ""  # the opening paragraph
    addressee: str = ""  # 主送: 各成员单位：
    annexes: tuple[Annex, ...] = ()
    distribution: tuple[tuple[str, str], ...] = ()  # 版记: (报, …), (送, …), (发, …) or (抄送, …)
    signed: bool = False  # 落款: office and date under the body (not under the masthead), as a 通报 carries
    file_stem: str = "document"
    is_demo: bool = False
    #: Figures as printed (key → text) and the addressees reminded: for tests and the preview.
    figures: dict[str, str] = field(default_factory=dict)
    reminders: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return "".join(self.title_parts)

    @property
    def issued_label(self) -> str:
        return f"{self.issued_on.year}年{self.issued_on.month}月{self.issued_on.day}日"

    @property
    def annex_lines(self) -> tuple[str, ...]:
        """The 附件说明 under the body, numbers aligned under the first: 附件：1.… / 　　　2.…"""
        if len(self.annexes) == 1:
            return (f"附件：{self.annexes[0].title}",)
        return tuple(("附件：" if n == 1 else "\u3000" * 3) + f"{n}.{annex.title}"
                     for n, annex in enumerate(self.annexes, 1))

    @property
    def headline_figures(self) -> dict[str, str]:
        return self.figures


#: The 工作简报 is a Document; the name stays for readers of the briefing code.
Briefing = Document
