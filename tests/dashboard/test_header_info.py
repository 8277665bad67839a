"""The header beside 数据截至: the latest import and what waits for review, from the importer's records."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from dashboard.header_info import DataNotes, data_notes, latest_import_text, quality_text
from dashboard.screen.build import build_screen
from dashboard.screen.config import parse_screen_params
from etl.importing.batches import rollback_batch
from etl.importing.pipeline import ImportOptions, import_file
from etl.metrics import facts_from_frames


def test_the_latest_import_is_named_with_its_batch_in_beijing_time() -> None:
    notes = DataNotes(batch_id=12, imported_at=dt.datetime(2026, 12, 6, 8, 5))  # stored UTC
    assert latest_import_text(notes, "Asia/Shanghai", "zh") == "最近导入 2026-12-06 16:05（批次12）"
    assert latest_import_text(DataNotes(batch_id=1, imported_at=dt.datetime(2026, 1, 1), is_demo=True),
                              "Asia/Shanghai", "en") == "Last import 2026-01-01 08:00 (batch 1, demo data)"
    assert latest_import_text(DataNotes(), "Asia/Shanghai", "zh") is None


def test_the_review_chip_counts_unmatched_names_and_their_rows() -> None:
    assert quality_text(DataNotes(unmatched_names=2, unmatched_rows=5), "zh") == \
        "待核：2 个名称未匹配（5 行计入全县、未归属单位或乡镇）"
    assert quality_text(DataNotes(unmatched_names=1, unmatched_rows=1), "en") == \
        "To review: 1 unmatched name (1 row counted county-wide only)"
    assert quality_text(DataNotes(), "zh") is None  # nothing waits: no chip


def test_the_review_chip_is_the_one_note_of_held_values_too() -> None:
    both = quality_text(DataNotes(unmatched_names=1, unmatched_rows=2, held_rows=3), "zh")
    assert both == "待核：1 个名称未匹配（2 行计入全县、未归属单位或乡镇）；3条记录取值待确认（已计入案件数量，暂不计入需要该取值的比率）"
    assert quality_text(DataNotes(held_rows=1), "en") == \
        "To review: 1 record awaiting a value to be confirmed (counted in volumes, not yet in the rates that need the value)"


def test_notes_follow_imports_and_rollbacks(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    assert data_notes(url, 0) == DataNotes()
    csv = "审理法院,案号,被告,立案日期\n示范县人民法院,（2026）示0928行初9号,示范县水务集团,2026-03-01\n"
    first = import_file(engine, "a.csv", csv.encode(), ImportOptions(kind="litigation"))
    notes = data_notes(url, 1)
    assert (notes.batch_id, notes.unmatched_names, notes.unmatched_rows) == (first.batch_id, 1, 1)
    assert notes.imported_at is not None and abs(notes.imported_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < \
        dt.timedelta(minutes=5)  # stored in UTC whatever the database server's zone
    with engine.begin() as conn:
        rollback_batch(conn, first.batch_id)
    assert data_notes(url, 2) == DataNotes()  # the rolled-back batch is no longer the latest import


def test_the_wall_screen_header_names_the_latest_import() -> None:
    config, _ = parse_screen_params({"period": "2025", "panels": "kpi"})
    markup = build_screen(facts_from_frames(), config, "kpi", "10:00:00", imported="最近导入 2026-12-06 16:05（批次12）")
    assert '<span data-imported="1">最近导入 2026-12-06 16:05（批次12）</span>' in markup


def test_the_demo_notice_is_left_out_of_print_outs() -> None:
    from dashboard.layout import DEMO_NOTICE_KEY, GLOBAL_CSS

    assert f"@media print{{.st-key-{DEMO_NOTICE_KEY}{{display:none!important}}}}" in GLOBAL_CSS
