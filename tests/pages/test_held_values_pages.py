"""Held values in the dashboard (AppTest): the header's review chip on every page says how many records
wait for a value to be confirmed, the 数据管理 page lists them and confirms one, and its 词表 tab undoes
the mapping."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from dashboard import data
from etl.db.engine import make_engine
from etl.db.models import DisputeCase, VocabularyEntry
from etl.importing.pipeline import import_file
from etl.regions import set_jurisdiction
from tests.support.apptest import run_page
from tests.support.paths import LEDGERS, ROOT

DATA_PAGE = str(ROOT / "pages" / "data_management.py")
REAL = LEDGERS / "real"


@pytest.fixture
def county_url(sqlite_url: str, use_db) -> str:  # type: ignore[no-untyped-def]
    """河清县 with the mediation centre's register: ZQ-2025-03's C类 is held."""
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        set_jurisdiction(conn, "河清县")
    for name in ("01_townships_one_column.xlsx", "02_units.xlsx", "05_disputes_local_code.xlsx"):
        import_file(engine, name, (REAL / name).read_bytes())
    engine.dispose()
    use_db(sqlite_url)
    return sqlite_url


def notes(at: AppTest) -> list[str]:
    """The review chip: a link to 数据管理 for the administrator (localhost without accounts)."""
    return [link.proto.label for link in at.get("page_link") if "取值待确认" in link.proto.label]


def result_of(url: str, reference: str) -> str | None:
    engine = make_engine(url)
    with engine.connect() as conn:
        value = conn.execute(select(DisputeCase.result).where(DisputeCase.reference == reference)).scalar_one()
    engine.dispose()
    return value


def test_the_header_chip_says_how_many_records_are_held(county_url: str) -> None:
    at = run_page("disputes", {"period": "2025"})
    assert not at.exception, at.exception
    [chip] = notes(at)  # the register also has an unmatched name: one chip says both
    assert chip.startswith("待核：") and chip.endswith("；1条记录取值待确认（已计入案件数量，暂不计入需要该取值的比率）")
    assert not [c.value for c in at.caption if "取值待确认" in c.value]  # one note, not a second on the page
    english = run_page("disputes", {"period": "2025", "lang": "English"})
    [english_chip] = [link.proto.label for link in english.get("page_link") if "awaiting a value" in link.proto.label]
    assert english_chip.endswith("; 1 record awaiting a value to be confirmed (counted in volumes, not yet in the rates "
                                 "that need the value)")


def test_the_data_page_confirms_a_held_value_and_the_vocabulary_tab_undoes_it(
        county_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages read the data version once per slot of the dashboard's clock: step it past the mapping.
    now = [1_000.0 * data.VERSION_TTL_SECONDS]
    monkeypatch.setattr(data, "version_clock", lambda: now[0])
    at = AppTest.from_file(DATA_PAGE, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    queue = next(d.value for d in at.dataframe if "名称或取值" in d.value.columns)
    assert queue.loc[0, "名称或取值"] == "C类" and queue.loc[0, "类别"] == "取值待确认"
    assert at.button(key="dm_held_map").disabled  # nothing is mapped until a meaning is chosen
    at.selectbox(key="dm_held_code").set_value("failure").run()
    at.button(key="dm_held_map").click()
    at.run()
    assert not at.exception, at.exception
    assert any("1 条记录已确认" in s.value for s in at.success)
    assert result_of(county_url, "ZQ-2025-03") == "failure"
    now[0] += data.VERSION_TTL_SECONDS
    at.run()
    assert notes(run_page("disputes", {"period": "2025"})) == []
    entries = next(d.value for d in at.dataframe if "写法" in d.value.columns)
    assert (entries.loc[0, "写法"], entries.loc[0, "含义"]) == ("C类", "failure")
    at.button(key="dm_vocab_remove").click()
    at.run()
    assert not at.exception, at.exception
    assert result_of(county_url, "ZQ-2025-03") is None
    engine = make_engine(county_url)
    with engine.connect() as conn:
        assert conn.execute(select(VocabularyEntry.id)).first() is None
    engine.dispose()
