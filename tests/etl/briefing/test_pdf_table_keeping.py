"""A table's title and note in the PDF stay with their table across a page break: a title never ends a page
without the table's first row under it, and a note is never cut so its last line sits alone on the next page.
An annex's map shrinks (to 80 % at most) when that lets the table under it end on the annex's page.

The first table's length moves the second table's title and note over the foot of the page, one row at a time.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from etl.briefing.fonts import FontSet
from etl.briefing.model import Annex, Chart, Document, Section, Table
from etl.briefing.pdf_writer import CONTENT_W, write_pdf
from etl.briefing.widths import chart_size_mm

pytestmark = [pytest.mark.slow]

NOTE = "注：" + "本表比率的分母不足十件时以分子和分母列示，" * 6 + "未参评单位列于最后。"


def annex_document(rows: int) -> Document:
    filler = Table("（县直部门）", ("排名", "单位", "发案量"), tuple((str(i), f"第{i}单位", str(i)) for i in range(1, rows + 1)))
    second = Table("（乡镇街道排名表）", ("排名", "乡镇", "发案量"), (("1", "首行柳湾镇", "9"), ("2", "次行枫渡镇", "8")),
                   note=NOTE)
    return Document("示范县府院府检联动工作简报", "", "联席会议办公室", dt.date(2026, 1, 15), ("示范县", "工作情况通报"),
                    (Section("一、概况", ("正文。",)),), annexes=(Annex("各单位主要指标及排名", (filler, second)),))


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "annex.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return ["".join(page.split()) for page in text.split("\f")]


@pytest.mark.usefixtures("poppler")
@pytest.mark.parametrize("rows", range(19, 28))
def test_a_tables_title_and_note_stay_with_it_over_a_page_break(cjk_fonts: FontSet, tmp_path: Path, rows: int) -> None:
    pages = page_texts(write_pdf(annex_document(rows), cjk_fonts), tmp_path)
    title_page = [n for n, text in enumerate(pages) if "（乡镇街道排名表）" in text]
    first_row_page = [n for n, text in enumerate(pages) if "首行柳湾镇" in text]
    assert len(title_page) == 1 and title_page == first_row_page, f"title on {title_page}, first row on {first_row_page}"
    whole_note = "".join(NOTE.split())
    assert any(whole_note in text for text in pages), "the note is split across pages"


def chart(width_px: int, height_px: int) -> Chart:
    png = io.BytesIO()
    Image.new("RGB", (width_px, height_px), (200, 210, 230)).save(png, "PNG")
    return Chart("乡镇分布图", png.getvalue(), width_px, height_px)


def map_annex(rows: int, figure: Chart | None, paragraphs: tuple[str, ...] = ()) -> Document:
    table = Table("（2026年上半年）", ("排名", "乡镇", "发案量"), tuple((str(i), f"第{i}号镇", str(i)) for i in range(1, rows + 1)),
                  note="注：说明。")
    annex = Annex("各乡镇主要指标及排名", (table,), paragraphs=paragraphs, chart=figure)
    return Document("示范县府院府检联动工作简报", "", "联席会议办公室", dt.date(2026, 1, 15), ("示范县", "工作情况通报"),
                    (Section("一、概况", ("正文。",)),), annexes=(annex,))


@pytest.mark.usefixtures("poppler")
def test_an_annex_map_shrinks_so_its_table_ends_on_the_annexs_page(cjk_fonts: FontSet, tmp_path: Path) -> None:
    # Five one-line paragraphs (9 mm lines) take the room of a 43 mm map and the 2 mm under it, and never shrink.
    figure = chart(1482, 430)
    assert chart_size_mm(figure.width_px, figure.height_px, CONTENT_W)[1] == pytest.approx(43.0)
    same_room = ("甲",) * 5

    def on_one_page(document: Document, rows: int) -> bool:
        pages = page_texts(write_pdf(document, cjk_fonts), tmp_path)
        annex_page = next(n for n, text in enumerate(pages) if "附件1" in text)
        return f"第{rows}号镇" in pages[annex_page] and "注：说明。" in pages[annex_page]

    fits, spills = 10, 40  # the most rows that fit on the annex's page, found by halving
    assert on_one_page(map_annex(fits, None, same_room), fits)
    assert not on_one_page(map_annex(spills, None, same_room), spills)
    while spills - fits > 1:
        middle = (fits + spills) // 2
        fits, spills = (middle, spills) if on_one_page(map_annex(middle, None, same_room), middle) else (fits, middle)
    most = fits
    # One row more (under 7 mm) fits once the map gives up to 20 % of its height (8.6 mm).
    assert on_one_page(map_annex(most + 1, figure), most + 1), "the map kept its size and pushed the table over"
