"""What a briefing says, independent of the file format it is written in.

The assembler (``assemble.py``) fills these from the indicator layer; the writers (DOCX, PDF, PPTX)
only lay them out, so the three formats cannot disagree about a figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A plain table of already-formatted cells; ``numeric`` marks right-aligned columns."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart rendered once to PNG (for DOCX/PPTX/PDF) from its Vega-Lite spec."""

    title: str
    png: bytes
    width_px: int
    height_px: int


@dataclass(frozen=True)
class Section:
    heading: str  # e.g. 一、行政诉讼应诉情况
    paragraphs: tuple[str, ...]
    chart: Chart | None = None
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Briefing:
    region: str  # 示范县
    scope_label: str  # 示范县 (whole region), 示范县柳屯镇, 示范县自然资源局
    issue_number: int  # 第N期
    period_label: str  # 2025年上半年
    office: str  # 示范县府院府检联动联席会议办公室(县司法局)
    issued_on: dt.date
    headline: str
    sections: tuple[Section, ...]
    reminders: tuple[str, ...] = ()  # closing list of units to be reminded (提醒督促单位)
    headline_figures: dict[str, str] = field(default_factory=dict)  # key → value as printed, for tests
    is_demo: bool = False

    @property
    def masthead(self) -> str:
        return f"{self.region}府院府检联动工作简报"

    @property
    def issue_line(self) -> str:
        return f"第{self.issue_number}期"

    @property
    def title_parts(self) -> tuple[str, str]:
        """Where a title too long for one line breaks: after the scope and period, not mid-phrase."""
        return f"{self.scope_label}{self.period_label}", "府院府检联动工作情况通报"

    @property
    def title(self) -> str:
        return "".join(self.title_parts)

    @property
    def issued_label(self) -> str:
        return f"{self.issued_on.year}年{self.issued_on.month}月{self.issued_on.day}日"

    @property
    def file_stem(self) -> str:
        return f"工作简报_{self.scope_label}_{self.period_label}_第{self.issue_number}期"
