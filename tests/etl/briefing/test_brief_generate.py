"""Briefings from a small hand-made ledger, read back as DOCX (python-docx) and PDF (pdftotext,
pdffonts, pdftoppm): headline figures equal the indicator layer, every unit is listed, charts are
present, Chinese text is extractable and fonts are embedded."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn as w_qn
from pptx import Presentation
from pptx.oxml.ns import qn
from sqlalchemy import Engine

from etl.briefing.assemble import BriefScope, assemble_briefing
from etl.briefing.fonts import discover_fonts
from etl.briefing.generate import BriefingError, build_file, generate_from_engine, resolve_scope
from etl.metrics import compute_indicators, facts_from_frames, load_facts, parse_period
from tests.conftest import require
from tests.ledger_factories import briefing_ledger

D = dt.date
ISSUED = D(2025, 7, 10)


EXPECTED_HEADLINE_START = ("2025年上半年，示范县行政诉讼发案量4件，同比增加1件，审结一审案件2件，其中败诉1件，"
                           "未实现“双下降”（发案量未同比下降）。开庭审理案件2件，其中负责人出庭1件，")


def docx_text(content: bytes) -> tuple[str, Document]:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts), doc


@pytest.mark.usefixtures("cjk_fonts")
def test_docx_headline_equals_the_indicator_layer_and_lists_every_unit(engine: Engine) -> None:
    ids = briefing_ledger(engine)
    result = generate_from_engine(engine, "2025H1", "docx", issue=True, issue_number=2, issued_on=ISSUED)
    text, doc = docx_text(result.content)
    facts = load_facts(engine)
    metrics = compute_indicators(facts, parse_period("2025H1"))
    assert metrics["litigation_cases"].value == 4 and metrics["loss_rate"].value == 0.5
    assert result.briefing.headline.startswith(EXPECTED_HEADLINE_START)
    assert EXPECTED_HEADLINE_START in text
    assert "示范县府院府检联动工作简报" in text and "第2期" in text and "2025年7月10日" in text
    for name in ("自然资源局", "住建局", "柳河镇人民政府", "东关街道", "柳河镇"):  # the database's short names
        assert name in text
    assert "规范房屋征收程序" in text  # the overdue task, in its annex
    lost = result.briefing.figures["lost_cases"]
    assert lost and f"本期败诉案件1件：{lost}，被告自然资源局" in text  # the lost case named in the body
    assert "自然资源局：败诉1件；1件庭审负责人未出庭" in text  # reminded with its own problems
    assert "提醒督促" in text and len(doc.inline_shapes) >= 1  # the 领域 chart is an inline picture
    assert ids["land"] > 0


@pytest.mark.usefixtures("cjk_fonts")
def test_docx_sets_east_asian_fonts_and_official_page_layout(sqlite_url: str) -> None:
    from etl.db.engine import make_engine

    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    content = generate_from_engine(engine, "2025H1", "docx", issued_on=ISSUED).content
    engine.dispose()
    doc = Document(io.BytesIO(content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    east_asian = {r._element.rPr.rFonts.get(w_qn("w:eastAsia")) for r in runs}
    assert east_asian == {"方正小标宋简体", "仿宋_GB2312", "黑体"}  # the 公文 faces, whatever this machine has
    body = [r for r in runs if r.font.size is not None and r.font.size.pt == 16]
    assert body, "body text is set in 三号 (16 pt)"
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "— " in section.footer.paragraphs[0].text


def test_pdf_has_extractable_chinese_embedded_fonts_and_renders(sqlite_url: str, tmp_path: Path,
                                                               artifacts_dir: Path) -> None:
    for tool in ("pdftotext", "pdffonts", "pdftoppm"):
        require(shutil.which(tool) is not None, f"{tool} (poppler-utils) is not installed")
    from etl.db.engine import make_engine

    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    content = generate_from_engine(engine, "2025H1", "pdf", issued_on=ISSUED).content
    engine.dispose()
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    assert "示范县府院府检联动工作简报" in flat
    assert "行政诉讼发案量4件，同比增加1件" in flat
    assert "住建局" in flat and "东关街道" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows), fonts  # embedded, subset, unicode map
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf),
                    str(artifacts_dir / "brief_small_ledger")], check=True)
    assert list(artifacts_dir.glob("brief_small_ledger*.png"))


@pytest.mark.parametrize(("township", "unit", "label"), [
    ("柳河镇", None, "示范县柳河镇"), (None, "住建局", "示范县住房和城乡建设局"),
])
@pytest.mark.usefixtures("cjk_fonts")
def test_scope_by_township_or_unit_alias(sqlite_url: str, township: str | None, unit: str | None,
                                         label: str) -> None:
    from etl.db.engine import make_engine

    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    result = generate_from_engine(engine, "2025H1", "docx", township=township, unit=unit, issued_on=ISSUED)
    engine.dispose()
    assert result.briefing.title == f"{label}2025年上半年府院府检联动工作情况通报"
    text, _ = docx_text(result.content)
    assert result.briefing.headline in text


@pytest.mark.usefixtures("cjk_fonts")
def test_unit_scope_counts_only_that_units_cases(sqlite_url: str) -> None:
    from etl.db.engine import make_engine

    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    result = generate_from_engine(engine, "2025H1", "docx", unit="住建局", issued_on=ISSUED)
    engine.dispose()
    # 住建局: one filing in 2025H1, one in 2024H1 → 持平; nothing closed in 2025H1 → no loss clause at all.
    assert result.briefing.headline.startswith("2025年上半年，示范县住房和城乡建设局行政诉讼发案量1件，同比持平，")
    assert "败诉" not in result.briefing.headline and "。。" not in result.briefing.headline


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"township": "柳河镇", "unit": "住建局"}, "只能选择其一"),
    ({"unit": "不存在局"}, "未找到单位“不存在局”"),
    ({"township": "无名镇"}, "未找到乡镇“无名镇”"),
])
def test_bad_scope_gives_a_chinese_message(sqlite_url: str, kwargs: dict[str, str], message: str) -> None:
    from etl.db.engine import make_engine

    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    with pytest.raises(BriefingError, match=message):
        resolve_scope(load_facts(engine), **kwargs)
    engine.dispose()


def test_bad_period_and_format_give_chinese_messages() -> None:
    facts = facts_from_frames(region_name="示范县")
    with pytest.raises(BriefingError, match="格式"):
        build_file(facts, "2025H1", BriefScope(), "odt")
    with pytest.raises(BriefingError):
        build_file(facts, "2025H3", BriefScope(), "pdf")


@pytest.mark.usefixtures("cjk_fonts")
def test_empty_region_says_not_applicable_instead_of_zero_percent() -> None:
    facts = facts_from_frames(region_name="示范县")
    briefing = assemble_briefing(facts, parse_period("2025Q1"), BriefScope(), discover_fonts(), issued_on=ISSUED)
    assert "%" not in briefing.headline and "暂无法评价“双下降”" in briefing.headline
    assert all(sec.chart is None for sec in briefing.sections)  # nothing to draw, nothing drawn


@pytest.mark.usefixtures("cjk_fonts")
def test_pptx_is_16_by_9_with_charts(sqlite_url: str) -> None:
    from etl.db.engine import make_engine

    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    content = generate_from_engine(engine, "2025H1", "pptx", issued_on=ISSUED).content
    engine.dispose()
    deck = Presentation(io.BytesIO(content))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    text = "".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert pictures and "行政诉讼发案量4件" in text
    runs = [r for slide in deck.slides for s in slide.shapes if s.has_text_frame
            for p in s.text_frame.paragraphs for r in p.runs if r.text]
    ea = {r._r.rPr.find(qn("a:ea")).get("typeface") for r in runs}  # python-pptx sets Latin only
    assert ea == {"方正小标宋简体", "仿宋_GB2312", "黑体"}


@pytest.mark.usefixtures("cjk_fonts")
def test_single_township_is_ranked_among_all_townships(sqlite_url: str) -> None:
    from etl.db.engine import make_engine
    from etl.metrics import rank

    engine = make_engine(sqlite_url)
    briefing_ledger(engine)
    facts = load_facts(engine)
    overall = rank(facts, parse_period("2025H1"), by="township")
    result = generate_from_engine(engine, "2025H1", "docx", township="东关街道", issued_on=ISSUED)
    engine.dispose()
    place = overall.filter(overall["group_name"] == "东关街道")["rank"][0]
    expected = "—" if place is None else str(place)
    town_table = next(a.tables[0] for a in result.briefing.annexes if "乡镇" in a.title)
    assert [row[:2] for row in town_table.rows] == [(expected, "东关街道")]
    assert overall.height == 2
