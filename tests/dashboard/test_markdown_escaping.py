"""Names shown in Markdown stay text: no link, no bold, no image for the viewer's browser to fetch.

Rendered with markdown-it (CommonMark, which Streamlit's Markdown extends) and checked on the HTML,
both for the escaping function and for what the pages really pass to ``st.info`` / ``st.success``.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.markdown_text import escape_markdown
from etl.config import DB_URL_ENV
from etl.db.engine import make_engine
from etl.db.models import Role
from tests.factories import add_case, add_county, add_unit

ROOT = Path(__file__).resolve().parents[2]
MARKDOWN = MarkdownIt("commonmark").enable("strikethrough")
NASTY = "![x](http://evil.example/p.png)[点此](http://evil.example/)**粗体**_斜体_`代码`~~删~~$x$<b>标签</b>局"
MARKUP_TAGS = ("<a", "<img", "<strong", "<em", "<code", "<del", "<s>", "<b>", "<h1", "<h2", "<ul", "<ol",
               "<blockquote", "<hr")


def rendered(markdown: str) -> str:
    return MARKDOWN.render(markdown)


@pytest.mark.parametrize("text", [
    NASTY, "# 标题", "1. 第一", "- 项", "+ 项", "> 引用", "<http://evil.example>", "a\n\n# b", "***", "2) 第二",
    "\\*转义\\*", "&lt;b&gt;", "[a]: http://evil.example", "普通的单位名称", "自然资源局：第1名，100.00分",
])
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = rendered(escape_markdown(text))
    assert not [tag for tag in MARKUP_TAGS if tag in html], html
    visible = unescape(re.sub(r"^<p>|</p>\n$", "", html))
    assert visible == re.sub(r"[\r\n]+", " ", text)  # every character shown, on one line


def test_plain_names_are_left_alone() -> None:
    assert escape_markdown("示范县自然资源局：第1名（共49个），97.74分") == "示范县自然资源局：第1名（共49个），97.74分"


@pytest.fixture
def nasty_county(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> int:
    engine: Engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        county = add_county(conn, "示范县")
        nasty = add_unit(conn, NASTY, county)
        other = add_unit(conn, "示范县住房和城乡建设局", county)
        for unit in (nasty, nasty, other):
            add_case(conn, defendant_unit_id=unit, filed_on=dt.date(2025, 3, 1), closed_on=dt.date(2025, 5, 1),
                     outcome="dismissed")
    engine.dispose()
    monkeypatch.setenv(DB_URL_ENV, sqlite_url)
    return nasty


def liaison_page(page: str, unit_id: int) -> AppTest:
    from dashboard.auth import Viewer

    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    at.query_params["period"] = "2025H1"
    at.session_state["brief_period"] = "2025H1"
    at.session_state["ld_viewer"] = Viewer(username="lly", role=Role.LIAISON, unit_id=unit_id)
    return at.run()


@pytest.mark.parametrize("page", ["rankings", "briefing"])
def test_a_liaisons_own_unit_name_is_shown_as_text(nasty_county: int, page: str) -> None:
    at = liaison_page(page, nasty_county)
    assert not at.exception, at.exception
    shown = [i.value for i in at.info if "局" in i.value]
    assert shown, [i.value for i in at.info]
    for message in shown:
        html = rendered(message)
        assert "evil.example/p.png" in html  # the name is there, as text …
        assert not [tag for tag in MARKUP_TAGS if tag in html], html  # … and nothing else
