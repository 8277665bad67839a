"""Hypothesis: for any mix of known and unknown values in the enumerated columns, no row with a 案号
(or 编号) is rejected, exactly the rows with an unknown value are held, and
read = accepted + held + duplicates + skipped + rejected."""

from __future__ import annotations

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.importing.prepare import prepare_sheets
from etl.importing.read import RawSheet
from etl.importing.transform import Resolvers
from etl.mappings import default_mappings
from etl.names import NameResolver

MAPS = default_mappings()


def known(vocabulary: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(MAPS.values[vocabulary]))


def unknown(vocabulary: str) -> st.SearchStrategy[str]:
    words = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=8)
    return words.filter(lambda w: w.strip() != "" and MAPS.code_of(vocabulary, w) is None
                        and MAPS.code_of(vocabulary, w.strip()) is None)


def cell(vocabulary: str) -> st.SearchStrategy[tuple[str | None, bool]]:
    """A cell and whether it must hold its row: blank, a known spelling, or an unknown one."""
    return st.one_of(st.just((None, False)), known(vocabulary).map(lambda w: (w, False)),
                     unknown(vocabulary).map(lambda w: (w, True)))


def resolvers() -> Resolvers:
    units = NameResolver("河清县")
    units.add(1, ["河清县自然资源局", "自然资源局"])
    return Resolvers(region_id=1, region_name="河清县", units=units, regions={"河清县": 1})


def grid(header: list[str], rows: list[list[str | None]]) -> list[RawSheet]:
    frame = pl.DataFrame([["台账", *[None] * (len(header) - 1)], header, *rows],
                         schema={f"c{i}": pl.String for i in range(len(header))}, orient="row")
    return [RawSheet("表1", frame)]


LITIGATION = st.lists(st.tuples(cell("litigation_outcome"), cell("appearance")), max_size=15)
DISPUTES = st.lists(st.tuples(cell("dispute_channel"), cell("dispute_result"), cell("yes_no")), max_size=15)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(LITIGATION)
def test_no_lawsuit_with_a_case_number_is_rejected_whatever_its_wording(cells: list) -> None:
    header = ["案号", "被告", "立案日期", "结案日期", "结案方式", "出庭情况"]
    rows = [[f"（2025）豫0928行初{i + 1}号", "自然资源局", "2025-03-01", "2025-06-01", outcome, appearance]
            for i, ((outcome, _), (appearance, _)) in enumerate(cells)]
    p = prepare_sheets(grid(header, rows), MAPS, resolvers())
    assert p.rejected == 0 and p.rows_read == len(cells)
    assert p.rows_read == p.accepted + p.held + p.duplicates + p.skipped + p.rejected
    must_hold = {i + 3 for i, ((_, a), (_, b)) in enumerate(cells) if a or b}  # data starts at row 3
    assert set(p.held_cells["source_row"]) == must_hold and p.held == len(must_hold)
    assert p.rows.height == p.accepted + p.held == len(cells)
    # Every raw spelling is stored; a held one next to a null code.
    for row, ((outcome, held_outcome), _) in zip(p.rows.iter_rows(named=True), cells, strict=True):
        assert row["outcome_raw"] == (outcome.strip() if outcome else None)
        assert (row["outcome"] is None) == (outcome is None or held_outcome)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(DISPUTES)
def test_no_dispute_with_a_reference_and_a_channel_is_rejected_whatever_its_wording(cells: list) -> None:
    header = ["编号", "化解渠道", "受理日期", "化解结果", "是否重大"]
    rows = [[f"SQ-{i}", channel or "诉前调解", "2025-03-01", result, major]
            for i, ((channel, _), (result, _), (major, _)) in enumerate(cells)]
    p = prepare_sheets(grid(header, rows), MAPS, resolvers())
    assert p.rejected == 0
    assert p.rows_read == p.accepted + p.held + p.duplicates + p.skipped + p.rejected == len(cells)
    must_hold = {i + 3 for i, cs in enumerate(cells) if any(h for _, h in cs)}
    assert set(p.held_cells["source_row"]) == must_hold
    # A blank result means in progress; a held one is not counted as anything yet.
    for row, (_, (result, held_result), _) in zip(p.rows.iter_rows(named=True), cells, strict=True):
        expected = None if held_result else ("in_progress" if result is None else MAPS.code_of("dispute_result", result))
        assert row["result"] == expected
