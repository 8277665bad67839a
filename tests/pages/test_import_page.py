"""The 数据管理 page in AppTest: upload → preview (nothing written) → confirm; rollback; unmatched names."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from etl.db.engine import make_engine
from etl.db.models import ImportBatch, LitigationCase, UnitAlias
from etl.importing.pipeline import import_file
from etl.regions import set_jurisdiction
from tests.support.paths import LEDGERS, ROOT

PAGE = str(ROOT / "pages" / "data_management.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def county_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    for name in ("units_with_aliases.xlsx", "townships.xlsx"):
        import_file(engine, name, (LEDGERS / name).read_bytes())
    engine.dispose()
    monkeypatch.setenv("LIANDONG_DB_URL", sqlite_url)
    monkeypatch.setenv("LIANDONG_NO_DEMO", "1")
    return sqlite_url


def count(url: str, model: type) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(model)).scalar_one()
    engine.dispose()
    return int(n)


def app() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_offers_every_template_and_an_upload_prompt(county_url: str) -> None:
    at = app()
    assert at.title[0].value == "数据管理"
    assert any("请选择" in info.value for info in at.info)
    assert [t.label for t in at.tabs] == ["导入", "批次", "待处理", "词表", "模板", "考核方案", "重大败诉", "设置"]


def test_upload_previews_without_writing_then_confirm_imports(county_url: str) -> None:
    at = app()
    at.file_uploader(key="dm_uploads").set_value(
        ("court_ledger_messy.xlsx", (LEDGERS / "court_ledger_messy.xlsx").read_bytes(), XLSX))
    at.run()
    assert not at.exception, at.exception
    summary = at.dataframe[0].value
    assert summary.loc[0, "类型"] == "行政诉讼台账"
    assert (summary.loc[0, "读取行数"], summary.loc[0, "接受"], summary.loc[0, "取值待确认"], summary.loc[0, "合并重复"],
            summary.loc[0, "跳过"], summary.loc[0, "拒绝"]) == (14, 6, 1, 1, 3, 3)
    assert count(county_url, LitigationCase) == 0  # preview only
    at.button(key="dm_confirm").click()
    at.run()
    assert not at.exception, at.exception
    assert any("导入完成" in s.value for s in at.success)
    assert count(county_url, LitigationCase) == 7 and count(county_url, ImportBatch) == 3


def test_rollback_and_mapping_from_the_page(county_url: str) -> None:
    engine = make_engine(county_url)
    result = import_file(engine, "court.xlsx", (LEDGERS / "court_ledger_messy.xlsx").read_bytes())
    engine.dispose()
    at = app()
    at.selectbox(key="dm_raw_name").set_value("河清县翠湖管委会")
    at.selectbox(key="dm_map_unit").set_value("河清县住房和城乡建设局")
    at.button(key="dm_map").click()
    at.run()
    assert not at.exception, at.exception
    assert any("重新归属 1 行" in s.value for s in at.success)
    at.run()  # the queue is cached per data version: the mapping bumped it, so the name has left the queue
    assert not at.exception, at.exception
    assert "河清县翠湖管委会" not in at.selectbox(key="dm_raw_name").options
    assert count(county_url, UnitAlias) == 8  # 7 from the sheet + the new one
    at.selectbox(key="dm_rollback_id").set_value(result.batch_id)
    at.button(key="dm_rollback").click()
    at.run()
    assert not at.exception, at.exception
    # One click only asks: the question names the batch, its file and the rows it would undo.
    assert count(county_url, LitigationCase) == 7 and not at.success
    question = next(w.value for w in at.warning if "确认回滚" in w.value)
    assert question.startswith(f"确认回滚批次{result.batch_id}（文件“court.xlsx”，行政诉讼台账，")
    assert "将删除其新增的7行、把其更新的0行恢复为导入前的值" in question
    at.button(key="dm_rollback_cancel").click()
    at.run()
    assert count(county_url, LitigationCase) == 7 and not any("确认回滚" in w.value for w in at.warning)
    at.button(key="dm_rollback").click()
    at.run()
    at.button(key="dm_rollback_yes").click()
    at.run()
    assert not at.exception, at.exception
    assert any(f"批次 {result.batch_id} 已回滚" in s.value for s in at.success)
    assert count(county_url, LitigationCase) == 0


def test_an_unmatched_township_is_mapped_from_the_page(county_url: str) -> None:
    engine = make_engine(county_url)
    import_file(engine, "t.csv", "审理法院,案号,所属乡镇\n河清县人民法院,（2025）豫0928行初90号,老城乡\n".encode())
    engine.dispose()
    at = app()
    at.selectbox(key="dm_raw_town").set_value("老城乡")
    at.selectbox(key="dm_map_town").set_value("城关镇")
    at.button(key="dm_map_town_go").click()
    at.run()
    assert not at.exception, at.exception
    assert any("重新归属 1 行" in s.value for s in at.success)
    at.run()  # the queue is cached per data version: the mapping bumped it, so the queue is empty now
    assert not at.exception, at.exception
    assert any("没有未匹配的名称" in c.value for c in at.caption)


def test_the_validation_report_is_built_on_click_and_audited_as_localhost(county_url: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.runtime.media_file_manager import MediaFileManager

    from etl.db.models import AuditEvent

    captured: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        captured[file_name or coordinates] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    at = app()
    at.file_uploader(key="dm_uploads").set_value(
        ("court_ledger_messy.xlsx", (LEDGERS / "court_ledger_messy.xlsx").read_bytes(), XLSX))
    at.run()
    assert count(county_url, AuditEvent) == 2  # the two dimension imports of the fixture
    content = captured["导入校验报告.xlsx"]()  # type: ignore[operator]
    assert content[:2] == b"PK"
    engine = make_engine(county_url)
    with engine.connect() as conn:
        actor, detail = conn.execute(select(AuditEvent.actor, AuditEvent.detail)
                                     .where(AuditEvent.action == "export")).one()
    engine.dispose()
    assert actor == "localhost" and detail["what"] == "validation_report"
    assert detail["files"] == ["court_ledger_messy.xlsx"]
