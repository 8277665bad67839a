"""A page's print document from its real run (AppTest on the demo county): the content is the page's
own — title, tiles, the chart's figure, every table row — without filter widgets, under a header
naming the period, the filters and the data date; plus the layout rules, on literal content."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.export.browser import CHROMIUM_ENV, MISSING, find_browser
from dashboard.export.capture import PageCapture
from dashboard.export.content import Figure, Group, Heading, Html, TableBlock, Text, fenced, page_content
from dashboard.export.print_html import (
    MAX_ROWS,
    PrintHeader,
    build_print_html,
    cell_text,
    render_markdown,
    side_by_side,
)
from dashboard.export_view import PageFacts, print_document, screen_only_texts
from dashboard.map_text import m
from dashboard.views import label
from etl.geo.layer import MAP_INDICATORS
from tests.support.apptest import run_page
from tests.support.page_export import keep_captures, keep_deferred

NOW = dt.datetime(2026, 7, 2, 9, 30)


def run(params: dict[str, str], page: str = "overview", tab: tuple[str, str] | None = None) -> AppTest:
    at = run_page(page, params, tab)
    assert not at.exception, at.exception
    return at


def about(lang: str = "zh", scope: str | None = None) -> PageFacts:
    return PageFacts("示范县", dt.date(2026, 6, 30), True, scope, None, lang)  # type: ignore[arg-type]


@pytest.fixture
def overview(use_db: Callable[..., None], demo_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, PageCapture]:
    use_db(demo_url)
    captures = keep_captures(monkeypatch)
    at = run({"period": "2026H1"})
    return at, captures[-1]


def tables_of(items: tuple[Any, ...]) -> list[pl.DataFrame]:
    found = []
    for item in items:
        if isinstance(item, TableBlock):
            found.append(item.frame)
        elif isinstance(item, Group):
            found += tables_of(item.children)
    return found


def flat(items: tuple[Any, ...]) -> list[Any]:
    out = []
    for item in items:
        out += flat(item.children) if isinstance(item, Group) else [item]
    return out


def test_the_overview_is_printed_from_its_own_run(overview: tuple[AppTest, PageCapture]) -> None:
    at, capture = overview
    title, items = page_content(capture.messages)
    assert title == "总览"
    everything = flat(items)
    tiles = [i for i in everything if isinstance(i, Html) and "class=\"ld-tile" in i.body]
    shown_tiles = [h.proto.body for h in at.get("html") if "class=\"ld-tile" in h.proto.body]  # one block per tile and its drill
    assert len(tiles) == len(shown_tiles) > 1 and [tile.body for tile in tiles] == shown_tiles
    figures = [i for i in everything if isinstance(i, Figure)]
    assert len(figures) == len(at.get("plotly_chart")) == 2  # the months and the townships' map
    assert [trace["name"] for trace in figures[0].spec["data"]] == ["上年", "本年"]
    assert {trace["type"] for trace in figures[1].spec["data"]} >= {"choropleth"}
    shown = [d.value for d in at.dataframe]
    printed = tables_of(items)
    assert [t.height for t in printed] == [len(frame) for frame in shown]  # every table, every row
    assert [t.columns for t in printed] == [list(frame.columns) for frame in shown]
    headings = [i.text for i in everything if isinstance(i, Heading)]
    assert "预警" in headings and any("月度发案" in h for h in headings)


def test_the_print_header_names_period_filters_and_data_date_and_no_widget_is_printed(
        overview: tuple[AppTest, PageCapture]) -> None:
    _, capture = overview
    assert capture.selection["period_spec"] == "2026H1" and capture.selection["period"] == "2026年上半年"
    document = print_document(capture, "总览", about(), NOW)
    head = document[document.index("<header"):document.index("</header>")]
    for words in ("示范县 总览", "期间：<b>2026年上半年</b>", "乡镇（街道）：<b>全部</b>", "单位：<b>全部</b>",
                  "数据截至：<b>2026-06-30</b>", "导出时间：<b>2026-07-02 09:30</b>", "演示数据"):
        assert words in head
    body = document[document.index("<main>"):]
    for widget in ("截至本月", "语言 Language", "期间类型", "导出面板图片"):  # filter bar, switch, the menu itself
        assert widget not in body
    assert len(re.findall(r'data-figure="ld-figure-\d+"', document)) == 2


def test_a_filtered_page_says_so_on_paper(use_db: Callable[..., None], demo_url: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    use_db(demo_url)
    captures = keep_captures(monkeypatch)
    run({"period": "2026Q1", "unit": "县自然资源局"})  # a short form, resolved as everywhere
    document = print_document(captures[-1], "总览", about(), NOW)
    assert "期间：<b>2026年第一季度</b>" in document and "单位：<b>示范县自然资源局</b>" in document


def test_what_to_click_on_screen_is_not_printed(use_db: Callable[..., None], demo_url: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    use_db(demo_url)
    captures = keep_captures(monkeypatch)
    at = run({}, page="litigation")
    assert "点击柱形可筛选本页。" in [c.value for c in at.caption]
    assert "点击柱形" not in print_document(captures[-1], "行政诉讼", about(), NOW)


def test_the_township_map_is_printed_naming_its_indicator_without_the_click_hint(
        use_db: Callable[..., None], demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_db(demo_url)
    captures = keep_captures(monkeypatch)
    at = run({}, page="townships")
    assert m("click_hint") in [c.value for c in at.caption]  # on screen
    _, items = page_content(captures[-1].messages, drop=screen_only_texts("zh"))
    traces = [trace["type"] for item in flat(items) if isinstance(item, Figure) for trace in item.spec["data"]]
    assert "choropleth" in traces
    document = print_document(captures[-1], "乡镇", about(), NOW)
    assert f"{m('indicator')}：{label(MAP_INDICATORS[0], 'zh')}。" in document  # the selector is not printed
    assert m("click_hint") not in document


def test_english_pages_print_in_english(use_db: Callable[..., None], demo_url: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    use_db(demo_url)
    captures = keep_captures(monkeypatch)
    run({"period": "2026H1", "lang": "English"})
    document = print_document(captures[-1], "Overview", about("en"), NOW)
    for words in ("Period: <b>2026H1</b>", "Townships: <b>all</b>", "Data as of: <b>2026-06-30</b>",
                  "Exported: <b>2026-07-02 09:30</b>", "<h1>示范县 Overview</h1>"):
        assert words in document
    assert screen_only_texts("en") == frozenset({"Click a bar to filter the page.",
                                                 "Click a bar for that unit's score breakdown.",
                                                 "Click a township to filter the page to it (or choose in the "
                                                 "filter bar above)."})


def test_a_limited_account_is_named_on_its_print_out() -> None:
    header = PrintHeader("示范县 总览", (("查看范围", "示范县住房和城乡建设局"),))
    assert "查看范围：<b>示范县住房和城乡建设局</b>" in build_print_html(header, (), "zh")


def test_text_from_the_data_is_escaped_everywhere() -> None:
    evil = "</script><script>alert(1)</script><b>x"
    figure = Figure({"data": [{"type": "bar", "x": [evil], "y": [1]}], "layout": {"height": 300}})
    table = TableBlock(pl.DataFrame({"名称": [evil]}))
    page = build_print_html(PrintHeader(evil, ((evil, evil),)), (Heading(evil, 3), Text(evil), figure, table), "zh",
                            plotly_js="/* plotly */")
    assert "<script>alert(1)" not in page and "<b>x" not in page
    assert page.count("</script>") == 3  # plotly, the figure JSON, the drawing script: none from the data


def test_a_code_block_cannot_be_closed_by_the_text_inside_it() -> None:
    """st.code/st.text print as a fenced block; text holding a fence of its own stays inside it."""
    evil = "a\n```\n[点此](http://evil.example/)![](http://evil.example/p.png)\n````"
    page = build_print_html(PrintHeader("总览", ()), (Text(fenced(evil)),), "zh")
    assert "evil.example" in page and "<a " not in page and "<img" not in page
    assert page.count("<pre>") == 1


def test_long_tables_are_printed_in_full_up_to_the_cap_with_a_note() -> None:
    frame = pl.DataFrame({"案号": [f"（2026）示0928行初{n}号" for n in range(MAX_ROWS + 5)]})
    page = build_print_html(PrintHeader("t", ()), (TableBlock(frame),), "zh")
    assert page.count("<tr>") == MAX_ROWS + 1  # the heading row and MAX_ROWS rows
    assert f"表格共{MAX_ROWS + 5}行" in page


def test_columns_stack_on_paper_when_one_holds_a_long_table_or_a_tall_chart() -> None:
    def columns(*children: Any) -> Group:
        return Group("columns", tuple(Group("column", (c,), weights=(1.0,)) for c in children), weights=(1.0,) * 2)

    short = TableBlock(pl.DataFrame({"a": range(5)}))
    long = TableBlock(pl.DataFrame({"a": range(40)}))
    chart = Figure({"data": [], "layout": {"height": 380}})
    tall = Figure({"data": [], "layout": {"height": 900}})
    assert side_by_side(columns(chart, short))
    assert not side_by_side(columns(chart, long))
    assert not side_by_side(columns(tall, short))
    page = build_print_html(PrintHeader("t", ()), (columns(chart, long),), "zh")
    assert 'class="ld-row"' not in page


def test_a_heading_stays_on_the_page_of_its_chart() -> None:
    page = build_print_html(PrintHeader("t", ()), (Heading("按单位", 3), Figure({"data": [], "layout": {}})), "zh")
    assert re.search(r'<div class="ld-keep"><h3>按单位</h3><div class="ld-figure"', page)


@pytest.mark.parametrize(("value", "expected"), [
    (None, ""), (True, "是"), (False, "否"), (dt.date(2026, 3, 5), "2026-03-05"),
    (dt.datetime(2026, 3, 5), "2026-03-05"), (dt.datetime(2026, 3, 5, 14, 30, 5), "2026-03-05 14:30"),
    (58.6, "58.6"), (100.0, "100"), (0.0125, "0.0125"), (3, "3"), ("住建局", "住建局"),
])
def test_cells_print_as_a_clerk_reads_them(value: Any, expected: str) -> None:
    assert cell_text(value, "zh") == expected


def test_streamlit_markdown_prints_as_text() -> None:
    assert render_markdown(":blue-badge[:material/calendar_month: 2026年1月1日至6月30日]").strip() == \
        "<p>2026年1月1日至6月30日</p>"
    assert "&lt;h3" in render_markdown("<h3>x</h3>") and "<h3" in render_markdown("<h3>x</h3>", allow_html=True)


def test_lazy_tabs_print_the_open_tab_only(use_db: Callable[..., None], demo_url: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    use_db(demo_url)
    captures = keep_captures(monkeypatch)
    run({"period": "2026H1"}, page="litigation", tab=("lit_tab", "败诉与出庭"))
    _, items = page_content(captures[-1].messages)
    tabs = [i for i in flat_groups(items) if i.kind == "tab"]
    assert [t.labels[0] for t in tabs] == ["败诉与出庭"]


def flat_groups(items: tuple[Any, ...]) -> list[Group]:
    out: list[Group] = []
    for item in items:
        if isinstance(item, Group):
            out += [item, *flat_groups(item.children)]
    return out


def test_without_a_browser_the_menu_says_what_to_install(use_db: Callable[..., None], demo_url: str,
                                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_db(demo_url)
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-browser"))
    clicks = keep_deferred(monkeypatch)
    at = run({})
    assert MISSING in [c.value for c in at.caption]
    assert not any(name.endswith((".pdf", ".png")) and "总览" in name for name in clicks)  # disabled: no file


def test_the_browser_is_found_where_each_platform_installs_it(tmp_path: Path) -> None:
    edge = tmp_path / "Program Files (x86)" / "Microsoft" / "Edge" / "Application" / "msedge.exe"
    edge.parent.mkdir(parents=True)
    edge.write_bytes(b"")
    env = {"ProgramFiles(x86)": str(tmp_path / "Program Files (x86)")}
    assert find_browser(env, "win32", which=lambda name: None) == edge
    assert find_browser({}, "linux", which=lambda name: "/usr/bin/chromium" if name == "chromium" else None) == \
        Path("/usr/bin/chromium")
    assert find_browser({}, "linux", which=lambda name: None, configured=edge) == edge
    assert find_browser({}, "linux", which=lambda name: "/usr/bin/chromium", configured=tmp_path / "gone") is None
    assert find_browser({}, "linux", which=lambda name: None) is None
