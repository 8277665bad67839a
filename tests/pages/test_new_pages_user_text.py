"""User text on the pages added with the joint conference and the map, under AppTest: the meeting form
stores what was typed without control characters (the record and the batch named after it), and the
map's caption shows township names as text, never as Markdown."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from sqlalchemy import select

from etl.db.engine import make_engine
from etl.db.models import AuditEvent, Meeting
from etl.importing.pipeline import ImportOptions, import_file
from tests import factories as f
from tests.conference_factories import conference_county
from tests.geo_factories import collection, feature, geojson_bytes, polygon
from tests.support.apptest import errors, run_page

LINK_TOWN = "[点此](http://evil.example/)镇"
MARKUP_TAGS = ("<a", "<img", "<strong", "<em")


def test_the_meeting_form_drops_control_characters_from_what_was_typed(sqlite_url: str, use_db) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(sqlite_url)
    conference_county(engine)
    use_db(sqlite_url)
    at = run_page("tasks", {"period": "2025"})
    at.text_input(key="mf_name").set_value("2025年第五次\x07府院联动联席会议\x1b[2J")
    at.selectbox(key="mf_kind").set_value("府院联动")
    at.text_input(key="mf_minutes").set_value("河府院联纪〔2025〕5号\x00")
    at.button(key="FormSubmitter:meeting_form-保存").click().run()
    assert not errors(at)
    assert any("已登记" in s.value for s in at.success), [e.value for e in at.error]
    with engine.connect() as conn:
        names = conn.execute(select(Meeting.name, Meeting.minutes_no)).all()
        files = [d["file_name"] for d in conn.execute(select(AuditEvent.detail).where(AuditEvent.action == "import"))
                 .scalars() if d.get("kind") == "meetings"]
    engine.dispose()
    assert ("2025年第五次府院联动联席会议[2J", "河府院联纪〔2025〕5号") in names
    assert not any(re.search(r"[\x00-\x1f]", f"{n}{m}") for n, m in names)
    assert files[-1] == "表单录入-联席会议台账-2025年第五次府院联动联席会议[2J.csv"


def test_the_maps_caption_shows_a_township_without_an_outline_as_text(sqlite_url: str, use_db) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        county = f.add_county(conn, "示范县")
        f.add_township(conn, "柳屯镇", county)
        f.add_township(conn, LINK_TOWN, county)
    outlines = geojson_bytes(collection([feature({"NAME": "柳屯镇"}, polygon(0, 0))]))
    assert import_file(engine, "边界.geojson", outlines, ImportOptions()).status == "imported"
    engine.dispose()
    use_db(sqlite_url)
    at = run_page("townships", {"period": "2025"})
    assert not errors(at)
    caption = next(c.value for c in at.caption if "无边界" in c.value)
    html = MarkdownIt("commonmark").render(caption)
    assert "evil.example" in html and not [tag for tag in MARKUP_TAGS if tag in html], html
