"""Readers and kinds: legacy .xls, CSV in every encoding, kind detection, templates, clear failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import fastexcel
import polars as pl
import pytest
from sqlalchemy import func, select

from etl.db.engine import make_engine
from etl.db.models import ImportBatch, JointTask, LitigationCase, Target
from etl.importing.pipeline import ImportOptions, import_file
from etl.importing.read import decode_csv_bytes
from etl.importing.spec import KINDS, SPECS
from etl.importing.template import build_template
from etl.regions import set_jurisdiction
from tests.support.paths import LEDGERS

CSV_TEXT = "河清县行政案件\n案号,被告,立案日期,负责人是否出庭\n（2025）豫0928行初1号,县自然资源局,2025年3月5日,√\n合计,,,\n"


@pytest.fixture
def engine(sqlite_url: str):  # type: ignore[no-untyped-def]
    eng = make_engine(sqlite_url)
    with eng.begin() as conn:
        set_jurisdiction(conn, "河清县")
    yield eng
    eng.dispose()


def test_legacy_xls_reads_date_cells_and_the_court_from_the_title(engine) -> None:  # type: ignore[no-untyped-def]
    result = import_file(engine, "court_ledger_legacy.xls", (LEDGERS / "court_ledger_legacy.xls").read_bytes())
    p = result.prepared
    assert (p.rows_read, p.accepted, p.duplicates, p.skipped, p.rejected) == (3, 2, 0, 1, 0)
    with engine.connect() as conn:
        rows = conn.execute(select(LitigationCase.case_number, LitigationCase.filed_on, LitigationCase.court,
                                   LitigationCase.outcome).order_by(LitigationCase.case_number)).all()
    assert [tuple(r) for r in rows] == [
        ("（2024）豫0928行初30号", dt.date(2024, 11, 4), "河清县人民法院", "withdrawn"),
        ("（2024）豫0928行初31号", dt.date(2024, 12, 2), "河清县人民法院", None)]


@pytest.mark.parametrize(("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
                                                  ("gbk", b"")])
def test_csv_encodings_are_detected(engine, encoding: str, prefix: bytes) -> None:  # type: ignore[no-untyped-def]
    data = prefix + CSV_TEXT.encode(encoding)
    result = import_file(engine, "ledger.csv", data, ImportOptions(court="河清县人民法院"))
    assert result.status == "imported", result.message
    p = result.prepared
    assert (p.rows_read, p.accepted, p.skipped) == (2, 1, 1)
    with engine.connect() as conn:
        assert conn.execute(select(LitigationCase.defendant_raw, LitigationCase.appearance)).one() == (
            "县自然资源局", "head")


def test_decode_reports_the_detected_encoding() -> None:
    assert decode_csv_bytes("案号".encode("gb18030"))[1] == "gb18030"
    assert decode_csv_bytes(b"\xef\xbb\xbf" + "案号".encode())[1] == "utf-8-sig"


@pytest.mark.parametrize("kind", KINDS)
def test_every_template_is_recognised_and_imports_no_example_as_a_record(engine, kind: str) -> None:  # type: ignore[no-untyped-def]
    data = build_template(kind)
    reader = fastexcel.read_excel(data)
    assert reader.sheet_names[-1] == "说明"
    notes = reader.load_sheet("说明").to_polars()
    assert len(notes) >= len(SPECS[kind].columns)
    # Uploaded untouched, the template is recognised and imports nothing: no example becomes a case.
    result = import_file(engine, f"{kind}.xlsx", data)
    assert result.prepared.kind == kind, result.message
    assert (result.prepared.rows_read, result.prepared.accepted) == (0, 0) and result.status != "imported"
    # The examples on the 说明 sheet, typed into the data sheet, are one valid record.
    sheet = reader.load_sheet(0).to_polars()
    examples = dict(zip(notes["列名"].to_list(), notes["示例"].to_list(), strict=False))
    filled = pl.DataFrame({header: [examples[header] or ""] for header in sheet.columns})
    result = import_file(engine, f"{kind}.csv", filled.write_csv().encode())
    assert result.prepared.rejected_cells.is_empty(), result.prepared.rejected_cells.to_dicts()
    assert (result.status, result.prepared.accepted) == ("imported", 1)


def test_targets_convert_percentages_and_resolve_region_scope(engine) -> None:  # type: ignore[no-untyped-def]
    csv = "年度,指标,范围,目标值\n2025,行政诉讼败诉率,全县,2%\n2025,head_appearance_rate,,100\n2025,败诉率,翠湖,1%\n"
    result = import_file(engine, "targets.csv", csv.encode())
    assert (result.prepared.accepted, result.prepared.rejected) == (2, 1)
    with engine.connect() as conn:
        rows = conn.execute(select(Target.indicator_key, Target.scope_type, Target.scope_id, Target.value)
                            .order_by(Target.indicator_key)).all()
    assert [tuple(r) for r in rows] == [("head_appearance_rate", "region", None, 1.0), ("loss_rate", "region", None, 0.02)]


def test_task_status_defaults_to_open(engine) -> None:  # type: ignore[no-untyped-def]
    csv = "任务编号,任务内容,完成时限,完成情况\nT1,排查,2025/6/30,\nT2,培训,2025/6/30,已完成\n"
    import_file(engine, "tasks.csv", csv.encode())
    with engine.connect() as conn:
        assert dict(conn.execute(select(JointTask.reference, JointTask.status)).all()) == {"T1": "open", "T2": "done"}


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("notes.csv", "这是一份会议纪要\n没有表格\n".encode(), "未找到可识别的表头"),
    ("photo.jpg", b"\xff\xd8\xff", "不支持的文件类型"),
    ("broken.xlsx", b"PK\x03\x04 not really", "无法读取 Excel 文件"),
])
def test_unusable_files_fail_with_a_chinese_message(engine, name: str, data: bytes, fragment: str) -> None:  # type: ignore[no-untyped-def]
    result = import_file(engine, name, data)
    assert result.status == "failed" and fragment in result.message
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ImportBatch)).scalar_one() == 0


def test_forcing_another_kind_finds_no_header(engine) -> None:  # type: ignore[no-untyped-def]
    result = import_file(engine, "ledger.csv", CSV_TEXT.encode(), ImportOptions(kind="tasks"))
    assert result.status == "failed" and "双清单任务台账" in result.message


def test_litigation_without_any_court_takes_the_court_code_of_its_case_number(engine) -> None:  # type: ignore[no-untyped-def]
    result = import_file(engine, "ledger.csv", CSV_TEXT.encode())
    assert result.status == "imported" and (result.prepared.accepted, result.prepared.rejected) == (1, 0)
    with engine.connect() as conn:
        assert conn.execute(select(LitigationCase.court)).scalar_one() == "豫0928"  # no court list: the code


def test_only_a_case_number_without_a_court_code_is_rejected_for_its_court(engine) -> None:  # type: ignore[no-untyped-def]
    text = CSV_TEXT.replace("合计,,,", "行初2号,县自然资源局,2025-03-06,否")
    result = import_file(engine, "ledger.csv", text.encode())
    assert (result.prepared.accepted, result.prepared.rejected) == (1, 1)
    cell = result.prepared.rejected_cells.row(0, named=True)
    assert (cell["source_row"], cell["column"], cell["value"]) == (4, "审理法院", None)
    assert cell["reason"] == "缺少审理法院：未写法院列、未指定法院，案号中也没有法院代字"


def test_dry_run_validates_without_writing(engine) -> None:  # type: ignore[no-untyped-def]
    data = (LEDGERS / "court_ledger_messy.xlsx").read_bytes()
    result = import_file(engine, "court.xlsx", data, ImportOptions(dry_run=True))
    assert result.status == "dry_run" and result.prepared.accepted == 6
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(LitigationCase)).scalar_one() == 0
    assert [s.note for s in result.prepared.sheets] == [None, "未找到可识别的表头"]  # the 填表说明 sheet


def test_a_database_error_fails_the_file_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    unmigrated = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    result = import_file(unmigrated, "court.xlsx", (LEDGERS / "court_ledger_messy.xlsx").read_bytes())
    unmigrated.dispose()
    assert result.status == "failed" and result.message.startswith("数据库操作失败，本文件未导入")


def test_progress_reports_each_stage_of_each_file_in_order(engine) -> None:  # type: ignore[no-untyped-def]
    from etl.importing.pipeline import import_files

    seen: list[tuple[float, str]] = []
    import_files(engine, [("a.csv", CSV_TEXT.encode()), ("b.csv", b"no header")],
                 ImportOptions(court="河清县人民法院"), lambda fraction, text: seen.append((fraction, text)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [t.split("（")[0] for _, t in seen] == ["正在读取与校验 a.csv", "正在写入 a.csv", "正在读取与校验 b.csv", "完成"]
