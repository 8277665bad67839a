"""The layout every 通报 of the office shares: the office's red masthead, a title starting 关于…的通报,
主送 the member units and townships, the body, 落款 (office and date) and 抄送.

The 败诉案件通报 and the monthly 出庭应诉通报 differ only in their sections, so both are built by
:func:`notice`; the writers are the briefing's (``etl.briefing.docx_writer`` / ``pdf_writer``).
"""

from __future__ import annotations

import datetime as dt

from etl.briefing.letterhead import notice_addressee, notice_copies
from etl.briefing.model import Document, Section


def notice(region: str, subject: str, topic: str, sections: tuple[Section, ...], *, opening: str,
           issued_on: dt.date | None = None, is_demo: bool = False, file_stem: str = "通报",
           figures: dict[str, str] | None = None, reminders: tuple[str, ...] = ()) -> Document:
    """A 通报 titled 关于{subject}{topic}的通报 (the title breaks between the two), e.g. subject
    "示范县2025年行政诉讼", topic "败诉案件情况"."""
    return Document(
        masthead=f"{region}府院府检联动联席会议办公室", issue_line="", office=f"{region}府院府检联动联席会议办公室",
        issued_on=issued_on or dt.date.today(), title_parts=(f"关于{subject}", f"{topic}的通报"),
        sections=sections, headline=opening, addressee=notice_addressee(region), distribution=notice_copies(region),
        signed=True, file_stem=file_stem, is_demo=is_demo, figures=figures or {}, reminders=reminders)
