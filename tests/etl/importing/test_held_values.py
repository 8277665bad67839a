"""Held values and the office's vocabulary in the database, on SQLite and PostgreSQL: a mapping releases
exactly the rows of its spelling, undoing it holds them again, later imports understand it, header
synonyms are added and removed, everything is audited and travels as a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from etl import audit
from etl.db.engine import make_engine
from etl.db.models import AuditEvent, DisputeCase, LitigationCase, Recommendation
from etl.importing.batches import rollback_batch
from etl.importing.pipeline import ImportOptions, import_file
from etl.importing.unmatched import unmatched_names
from etl.importing.vocabulary import (
    VocabularyError,
    add_header,
    export_vocabulary,
    import_vocabulary,
    list_entries,
    map_value,
    remove_header,
    unmap_value,
)
from etl.regions import set_jurisdiction

DISPUTES = """编号,化解渠道,受理日期,办结日期,化解结果,是否重大
A-1,诉前调解,2025-01-05,2025-02-01,C类,否
A-2,诉前调解,2025-01-06,2025-02-02,Ｃ类。,否
A-3,诉前调解,2025-01-07,2025-02-03,D类,否
A-4,诉前调解,2025-01-08,2025-02-04,调解成功,待定
A-5,执前和解,2025-01-09,2025-02-05,未成功,是
"""
RECOMMENDATIONS = "文号,建议类型,被建议单位,发出日期,回复期限,是否整改到位\nJ-1,司法建议,自然资源局,2025-01-01,2025-03-01,待定\n"


@pytest.fixture
def county(engine: Engine) -> Engine:
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    assert import_file(engine, "调解.csv", DISPUTES.encode()).prepared.held == 4
    return engine


def results(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(select(DisputeCase.reference, DisputeCase.result)).all())


def test_a_mapping_releases_exactly_the_rows_of_its_spelling_and_undoing_it_holds_them_again(county: Engine) -> None:
    before = results(county)
    assert before == {"A-1": None, "A-2": None, "A-3": None, "A-4": "success", "A-5": "failure"}
    with county.begin() as conn:
        done = map_value(conn, "C类", "result", like="未成功", actor="office")
    # Ｃ类。 is C类 written full-width with a full stop: the same spelling, released too.
    assert (done.code, done.rows) == ("failure", 2)
    assert results(county) == {**before, "A-1": "failure", "A-2": "failure"}
    with county.begin() as conn:
        assert unmap_value(conn, "c类", "result", actor="office") == 2
    assert results(county) == before
    with county.connect() as conn:
        events = conn.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.detail)
                              .where(AuditEvent.action == audit.VOCABULARY).order_by(AuditEvent.id)).all()
    assert [(a, act, d["op"], d["rows"]) for a, act, d in events] == [
        ("office", audit.VOCABULARY, "map_value", 2), ("office", audit.VOCABULARY, "unmap_value", 2)]


def test_the_queue_lists_each_held_spelling_once_with_its_rows(county: Engine) -> None:
    with county.connect() as conn:
        values = unmatched_names(conn).filter(target="value")
    assert sorted(values.select("name", "column", "field", "rows").rows()) == [
        ("C类", "result", "化解结果", 2), ("D类", "result", "化解结果", 1), ("待定", "is_major", "是否重大", 1)]


def test_later_imports_understand_a_mapped_spelling(county: Engine) -> None:
    with county.begin() as conn:
        map_value(conn, "D类", "result", code="success")
    later = "编号,化解渠道,受理日期,化解结果\nB-1,诉前调解,2025-03-01,D类\n"
    result = import_file(county, "later.csv", later.encode(), ImportOptions())
    assert (result.prepared.accepted, result.prepared.held) == (1, 0)
    assert results(county)["B-1"] == "success"


def test_a_yes_no_mapping_reaches_every_yes_no_column(county: Engine) -> None:
    import_file(county, "建议.csv", RECOMMENDATIONS.encode(), ImportOptions())
    with county.begin() as conn:
        done = map_value(conn, "待定", "is_major", code="false")
    assert done.rows == 2  # A-4's 是否重大 and J-1's 是否整改到位
    with county.connect() as conn:
        assert conn.execute(select(DisputeCase.is_major).where(DisputeCase.reference == "A-4")).scalar_one() is False
        assert conn.execute(select(Recommendation.rectified)).scalar_one() is False


@pytest.mark.parametrize(("raw", "column", "like", "code", "message"), [
    ("C类", "result", "差不多", None, "也无法识别"),
    ("C类", "result", None, "failed", "没有代码“failed”"),
    ("C类", "nonsense", "未成功", None, "未知的列"),
    ("C类", "result", None, None, "二选一"),
    ("未成功", "result", "不成功", None, "已能识别"),
])
def test_a_mapping_that_cannot_be_made_says_why(county: Engine, raw: str, column: str, like: str | None,
                                                code: str | None, message: str) -> None:
    with pytest.raises(VocabularyError, match=message), county.begin() as conn:
        map_value(conn, raw, column, like=like, code=code)
    assert results(county)["A-1"] is None


def test_header_synonyms_are_added_used_and_removed(engine: Engine) -> None:
    ledger = "办案法院,案号,被告\n清河市中级人民法院,（2025）豫0928行初9号,自然资源局\n".encode()
    with engine.begin() as conn:
        add_header(conn, "办案法院", "litigation", "court", actor="office")
        with pytest.raises(VocabularyError, match="已是“案号”列的写法"):
            add_header(conn, "案号", "litigation", "court")
    import_file(engine, "a.csv", ledger, ImportOptions())
    with engine.begin() as conn:
        remove_header(conn, "办案法院", "litigation", actor="office")
    import_file(engine, "b.csv", ledger.replace("9号".encode(), "10号".encode()), ImportOptions())
    with engine.connect() as conn:
        courts = dict(conn.execute(select(LitigationCase.case_number, LitigationCase.court)).all())
    # While the synonym existed the column named the court; without it the 案号's court code does.
    assert courts == {"（2025）豫0928行初9号": "清河市中级人民法院", "（2025）豫0928行初10号": "豫0928"}


def test_the_vocabulary_travels_as_a_file_to_another_county(county: Engine, sqlite_template: Path,
                                                            tmp_path: Path) -> None:
    with county.begin() as conn:
        map_value(conn, "C类", "result", like="未成功")
        add_header(conn, "办案法院", "litigation", "court")
        text = export_vocabulary(conn)
    assert '[values.dispute_result]\nfailure = ["C类"]' in text and '[headers.litigation]\ncourt = ["办案法院"]' in text
    shutil.copy(sqlite_template, tmp_path / "other.sqlite")
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")  # another county's database
    import_file(other, "调解.csv", DISPUTES.encode())
    with other.begin() as conn:
        counts = import_vocabulary(conn, text, actor="other")
        again = import_vocabulary(conn, text, actor="other")
        entries = list_entries(conn)
    assert (counts["added"], counts["rows"]) == (2, 2) and (again["unchanged"], again["rows"]) == (2, 0)
    assert sorted(entries.select("section", "name", "written", "target").rows()) == [
        ("header", "litigation", "办案法院", "court"), ("value", "dispute_result", "C类", "failure")]
    assert results(other)["A-2"] == "failure"
    with pytest.raises(VocabularyError, match="没有代码"), other.begin() as conn:
        import_vocabulary(conn, '[values.dispute_result]\nlost = ["X"]\n')
    other.dispose()


def test_rolling_back_a_batch_keeps_the_mappings_made_since(county: Engine) -> None:
    later = DISPUTES.replace("2025-02-01,C类", "2025-02-09,C类").encode()  # A-1 concluded later
    batch = import_file(county, "调解（更正）.csv", later, ImportOptions()).batch_id
    with county.begin() as conn:
        map_value(conn, "C类", "result", like="未成功")
        rollback_batch(conn, batch or 0)
    # The restored A-1 was written while C类 was unknown; today's vocabulary knows it.
    assert results(county)["A-1"] == "failure"
    with county.connect() as conn:
        concluded = conn.execute(select(DisputeCase.concluded_on).where(DisputeCase.reference == "A-1")).scalar_one()
    assert str(concluded) == "2025-02-01"
