"""Font choice for the briefing: official faces first, Noto CJK fallback, a clear error otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.briefing.fonts import FontError, choose_fonts, discover_fonts, parse_fc_list
from etl.briefing.pdf_writer import wrap_cjk
from tests.conftest import require

NOTO_ONLY = """\
/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc|2|Noto Serif CJK SC|Regular
/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc|2|Noto Serif CJK SC|Bold
/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc|2|Noto Sans CJK SC|Bold
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc|2|Noto Sans CJK SC|Regular
"""
OFFICE = NOTO_ONLY + """\
/usr/share/fonts/win/simfang.ttf|0|仿宋,FangSong|Regular,常规
/usr/share/fonts/win/FZXBSJW.TTF|0|方正小标宋简体,FZXiaoBiaoSong-B05S|Regular
/usr/share/fonts/win/simhei.ttf|0|黑体,SimHei|Regular,常规
"""


def test_official_faces_are_preferred_over_noto() -> None:
    fonts = choose_fonts(parse_fc_list(OFFICE))
    assert (fonts.title.family, fonts.body.family, fonts.heading.family) == ("方正小标宋简体", "仿宋", "黑体")
    assert fonts.body.path == Path("/usr/share/fonts/win/simfang.ttf")
    assert fonts.fallback is not None and fonts.fallback.family == "Noto Serif CJK SC"  # for rare characters


def test_noto_is_the_fallback_with_bold_title_and_regular_body() -> None:
    fonts = choose_fonts(parse_fc_list(NOTO_ONLY))
    assert fonts.title.family == fonts.body.family == "Noto Serif CJK SC"
    assert fonts.title.path.name == "NotoSerifCJK-Bold.ttc" and fonts.title.bold
    assert fonts.body.path.name == "NotoSerifCJK-Regular.ttc" and not fonts.body.bold
    assert fonts.heading.family == "Noto Sans CJK SC" and fonts.heading.index == 2
    assert fonts.fallback is None  # Noto is already the body face


@pytest.mark.parametrize(("platform", "advice"), [
    ("linux", "apt-get install fonts-noto-cjk"), ("win32", "C:\\Windows\\Fonts"), ("darwin", "字体册"),
])
def test_missing_fonts_fail_with_a_chinese_message_saying_what_to_install_here(platform: str, advice: str) -> None:
    latin_only = "/usr/share/fonts/dejavu/DejaVuSans.ttf|0|DejaVu Sans|Book\n"
    with pytest.raises(FontError) as info:
        choose_fonts(parse_fc_list(latin_only), platform=platform)
    message = str(info.value)
    assert "缺少中文字体" in message and "仿宋_GB2312" in message and "方正小标宋简体" in message
    assert advice in message and "DOCX" in message  # and that a Word file needs no font file


@pytest.mark.usefixtures("cjk_fonts")
def test_this_machine_has_a_usable_chinese_font() -> None:
    fonts = discover_fonts()
    assert fonts.body.path.exists() and fonts.title.path.exists()


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("一二三四五六", 4, ["一二三四", "五六"]),
    ("一二三四。五", 4, ["一二三", "四。五"]),  # 。 may not open a line: 四 goes down with it
    ("一二三（四）", 4, ["一二三", "（四）"]),  # （ may not close a line
    ("降12.5%了", 4, ["降", "12.5%", "了"]),  # a number is never split, even when too long
    ("一。", 1, ["一。"]),  # nothing to pull down: the mark hangs
    ("一二三件）。", 5, ["一二三", "件）。"]),  # a run of closing marks pulls one character down
])
def test_wrap_cjk_keeps_numbers_whole_and_obeys_line_break_rules(text: str, width: int,
                                                                 expected: list[str]) -> None:
    assert wrap_cjk(text, width, len) == expected


@pytest.mark.usefixtures("cjk_fonts", "poppler")
def test_pdf_falls_back_to_noto_for_characters_the_chosen_face_lacks(tmp_path: Path) -> None:
    """A face without Chinese glyphs (standing in for a GB2312-only 仿宋_GB2312) still yields real text."""
    import datetime as dt
    import shutil
    import subprocess

    from etl.briefing.fonts import FontFace, FontSet
    from etl.briefing.model import Briefing, Section
    from etl.briefing.pdf_writer import write_pdf

    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
    require(latin.exists() and shutil.which("pdftotext") is not None, "needs fonts-dejavu and poppler-utils")
    noto = discover_fonts().body
    face = FontFace("DejaVu Serif", latin, 0, True)
    fonts = FontSet(title=face, body=face, heading=face, fallback=noto)
    briefing = Briefing("示范县府院府检联动工作简报", "第1期", "联席会议办公室", dt.date(2025, 7, 1),
                        ("示范县2025年上半年", "府院府检联动工作情况通报"), (Section("一、概况", ("堃镕 ABC",)),),
                        headline="朱镕基、王堃：发案量12件。")
    pdf = tmp_path / "fallback.pdf"
    pdf.write_bytes(write_pdf(briefing, fonts))
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
                   .stdout.split())
    assert "朱镕基、王堃：发案量12件。" in text and "堃镕ABC" in text
