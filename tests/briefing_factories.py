"""A literal briefing model for the preview tests: no database, no fonts."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from etl.briefing.model import Briefing, Chart, Section, Table


def png(width: int, height: int) -> bytes:
    """A white PNG of the given size."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def sample_briefing(paragraphs: int = 3, office: str = "县司法局") -> Briefing:
    """Two sections; the second has ``paragraphs`` warning sentences, a 1200x600 chart and a table whose
    cells need escaping (``县<局>``) and formula neutralising (``=HYPERLINK(1)``)."""
    table = Table("逾期任务", ("责任单位", "任务内容", "逾期"), (("县<局>", "=HYPERLINK(1)", "3天"), ("乡", "整改", "1天")))
    return Briefing(
        region="示范县", scope_label="示范县", issue_number=2, period_label="2025年上半年", office=office,
        issued_on=dt.date(2025, 7, 1), headline="上半年总体平稳。",
        sections=(Section("一、行政诉讼应诉情况", ("发案量4件。", "败诉率<b>0%</b>。")),
                  Section("六、预警情况", tuple(f"单位{i}：发案量同比上升。" for i in range(paragraphs)),
                          chart=Chart("预警", png(1200, 600), 1200, 600), tables=(table,))))
