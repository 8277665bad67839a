"""The upload widget's own English (Upload, 200MB per file) replaced by Chinese through its stylesheet."""

from __future__ import annotations

from dashboard.components.uploader import css_string, uploader_css


def test_the_stylesheet_words_the_button_and_the_size_limit_in_chinese() -> None:
    css = uploader_css(200, ("xlsx", "xls", "CSV"))
    assert 'content:"选择文件"' in css and 'content:"单个文件不超过 200MB · 支持 xlsx、xls、csv"' in css
    # The English text is hidden (font-size 0) on exactly the elements the Chinese replaces.
    assert css.count("{font-size:0}") == 2
    assert '[data-testid="stFileUploaderDropzoneInstructions"] span::after' in css


def test_css_strings_are_escaped() -> None:
    assert css_string('a"b\\c\nd') == '"a\\"b\\\\c d"'
