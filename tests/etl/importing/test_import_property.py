"""Hypothesis: whatever the cells contain, the importer does not crash and the row accounting holds
(rows read = accepted + held + merged duplicates + skipped + rejected), for every kind of ledger."""

from __future__ import annotations

import csv
import io

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.importing.prepare import prepare_sheets
from etl.importing.read import RawSheet, read_csv_grid
from etl.importing.spec import SPECS
from etl.importing.transform import Resolvers
from etl.mappings import default_mappings
from etl.names import NameResolver

REALISTIC = st.sampled_from([
    "", " ", "合计", "小计", "注：以上数据", "说明", "（2025）豫0928行初1号", "(2025)豫0928行初1号", "〔2025〕豫0928行终2号",
    "2025/3/5", "2025年3月5日", "20250305", "45721", "2025-02-30", "是", "否", "√", "×", "出庭", "未出庭",
    "判决撤销", "准予撤诉", "部分支持", "诉前调解", "化解成功", "司法建议", "已完成", "2%", "河清县自然资源局", "人社局",
    "=1+1", "-", "0", "1", "x" * 300,
])
CELL = st.one_of(st.none(), REALISTIC, st.text(max_size=12))


def resolvers() -> Resolvers:
    units = NameResolver("河清县")
    units.add(1, ["河清县自然资源局", "自然资源局"])
    return Resolvers(region_id=1, region_name="河清县", units=units, regions={"河清县": 1})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(SPECS)), data=st.data())
def test_arbitrary_cells_never_crash_and_accounting_holds(kind: str, data: st.DataObject) -> None:
    maps = default_mappings()
    header = [maps.label(kind, c.field) for c in SPECS[kind].columns]
    body = data.draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header)), max_size=12))
    grid = pl.DataFrame([["台账标题", *[None] * (len(header) - 1)], header, *body],
                        schema={f"c{i}": pl.String for i in range(len(header))}, orient="row")
    prepared = prepare_sheets([RawSheet("表1", grid)], maps, resolvers(), court="河清县人民法院")
    assert prepared.error is None and prepared.kind == kind
    assert prepared.rows_read == len(body)
    assert prepared.rows_read == (prepared.accepted + prepared.held + prepared.duplicates + prepared.skipped
                                  + prepared.rejected)
    assert prepared.rows.height == prepared.accepted + prepared.held


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=6), max_size=10), st.sampled_from(["utf-8", "gb18030"]))
def test_arbitrary_csv_bytes_never_crash(rows: list[list[str | None]], encoding: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["案号", "被告", "立案日期"])
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    raw = buffer.getvalue().encode(encoding, errors="replace")
    grid, _ = read_csv_grid(raw)
    prepared = prepare_sheets([RawSheet("csv", grid)], default_mappings(), resolvers(), court="河清县人民法院")
    if prepared.error is None:
        assert prepared.rows_read == prepared.accepted + prepared.duplicates + prepared.skipped + prepared.rejected
