"""The header for every reader: 数据截至 with the latest import (批次N), and a chip counting what waits for
review — a link to 数据管理 for an administrator, a plain label for a leader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from etl.auth.accounts import add_account
from etl.db.engine import make_engine
from etl.importing.pipeline import ImportOptions, import_file
from tests.support.apptest import APP, errors, run_page

CSV = ("审理法院,案号,被告,立案日期\n示范县人民法院,（2025）示0928行初1号,示范县水务集团,2025-03-01\n"
       "示范县人民法院,（2025）示0928行初2号,示范县水务集团,2025-04-01\n").encode()
CHIP = "待核：1 个名称未匹配（2 行计入全县、未归属单位或乡镇）"


@pytest.fixture
def imported(use_db: Any, sqlite_url: str) -> str:
    engine = make_engine(sqlite_url)
    result = import_file(engine, "法院台账.csv", CSV, ImportOptions(kind="litigation"))
    engine.dispose()
    use_db(sqlite_url)
    return f"批次{result.batch_id}"


def page_links(at: AppTest) -> list[Any]:
    return list(at.get("page_link"))


def test_an_administrator_sees_the_latest_import_and_a_link_to_the_review(imported: str) -> None:
    at = run_page("overview", {"period": "2025"})  # localhost without accounts: the administrator
    assert not errors(at)
    header = next(c.value for c in at.caption if c.value.startswith("数据截至"))
    assert "· 最近导入 " in header and header.endswith(f"（{imported}）")
    links = [link for link in page_links(at) if link.proto.label == CHIP]
    assert len(links) == 1 and links[0].proto.page.endswith("data_management")


def test_a_leader_sees_the_chip_without_a_link(imported: str, sqlite_url: str, tmp_path: Path) -> None:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        add_account(conn, "leader", "s3cret-pass-123", "leader")
    engine.dispose()
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"period": "2025"})
    at.run()
    at.text_input[0].input("leader")
    at.text_input[1].input("s3cret-pass-123")
    at.button[0].click().run()
    assert not errors(at)
    assert not [link for link in page_links(at) if link.proto.label == CHIP]
    assert any(CHIP in m.value for m in at.markdown)  # a badge is Markdown
