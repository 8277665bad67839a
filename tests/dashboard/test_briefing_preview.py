"""The briefing preview: one escaped block per section, a capped number of sentences with a
note of the rest, tables as formula-safe frames, charts scaled once — a few elements however many
units a province has."""

from __future__ import annotations

import io

from PIL import Image
from streamlit.testing.v1 import AppTest

from dashboard.briefing_preview import MAX_PARAGRAPHS, build_preview, scaled_png, section_html, table_frame
from etl.briefing.model import Section, Table
from tests.briefing_factories import png, sample_briefing


def test_section_text_is_escaped() -> None:
    block = section_html(Section("<script>alert(1)</script>", ("a & b <i>c</i>",)))
    assert "<script>" not in block and "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert "a &amp; b &lt;i&gt;c&lt;/i&gt;" in block
    assert "\n\n" not in section_html(Section("x", ("line one\n\nline three",)))  # one HTML block


def test_long_sections_show_the_first_sentences_and_count_the_rest() -> None:
    section = Section("六、预警情况", tuple(f"单位{i}：上升。" for i in range(8_488)))
    block = section_html(section)
    assert block.count("<p>") == MAX_PARAGRAPHS
    assert f"单位{MAX_PARAGRAPHS - 1}：" in block and f"单位{MAX_PARAGRAPHS}：" not in block
    assert f"另有{8_488 - MAX_PARAGRAPHS:,}条未在预览中列出" in block and "全部8,488条" in block
    assert "另有" not in section_html(Section("x", ("only one",)))


def test_table_frame_keeps_every_row_and_neutralises_formulas() -> None:
    frame = table_frame(Table("t", ("单位", "单位", "值"), (("甲", "乙", "=1+1"), ("丙", "丁", "-3"))))
    assert frame.columns == ["单位", "单位 ", "值"]
    assert frame.rows() == [("甲", "乙", "'=1+1"), ("丙", "丁", "'-3")]


def test_charts_are_scaled_to_the_preview_width_once() -> None:
    wide = Image.open(io.BytesIO(scaled_png(png(1200, 600))))
    assert wide.size == (560, 280)
    small = png(300, 200)
    assert scaled_png(small) is small


def test_header_escapes_the_office_name() -> None:
    preview = build_preview(sample_briefing(office="<img src=x onerror=alert(1)>司法局"))
    assert "<img" not in preview.header_html and "&lt;img src=x onerror=alert(1)&gt;司法局" in preview.header_html


def _render_script() -> None:
    # AppTest runs this function's body on its own: it imports what it uses.
    from dashboard.briefing_preview import build_preview
    from dashboard.briefing_view import render_preview
    from tests.briefing_factories import sample_briefing

    render_preview(build_preview(sample_briefing(paragraphs=5_000)))


def test_preview_of_thousands_of_sentences_is_a_handful_of_elements() -> None:
    at = AppTest.from_function(_render_script, default_timeout=60)
    at.run()
    assert not at.exception
    assert len(at.markdown) == 5  # header + two sections + the 附件 list + one annex
    text = " ".join(m.value for m in at.markdown)
    assert "示范县2025年上半年府院府检联动工作情况通报" in text and "败诉率&lt;b&gt;0%&lt;/b&gt;" in text
    assert f"另有{5_000 - MAX_PARAGRAPHS:,}条" in text
    assert "附件1　逾期未完成的双清单任务" in text
    assert len(at.dataframe) == 2 and all(frame.value.shape == (2, 3) for frame in at.dataframe)
    assert len(at.get("image")) == 1


def test_preview_keeps_the_briefing_for_the_downloads() -> None:
    briefing = sample_briefing(paragraphs=100)
    preview = build_preview(briefing)
    assert preview.briefing() == briefing
    assert (preview.title, preview.file_stem) == (briefing.title, briefing.file_stem)
