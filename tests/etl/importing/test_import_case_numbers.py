"""The column-wise 案号 normaliser (NFKC only where it can matter) equals the expression everywhere."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.importing import normalise as nz

# Characters of both paths: plain ones, brackets of every style, full-width digits and letters,
# spaces of several kinds, a combining mark, CJK compatibility ideographs and half-width katakana.
ALPHABET = "0123456789AZaz行初终审豫（）()〔〕[]【】﹝﹞０９Ａｚ \u3000\t\x1c\u0301\uf900\uff83号之"


def _slow(values: list[str | None]) -> list[str | None]:
    return pl.Series("v", values, dtype=pl.String).to_frame().select(nz.case_number(pl.col("v"))).to_series().to_list()


def test_typical_and_messy_case_numbers() -> None:
    values = ["(2024)豫0928行初15号", "〔2024〕豫0928行初15号", "（２０２４）豫０９２８行初１５号", " (2024) 豫0928 行初15号 ",
              "", None, "﹝2024﹞豫0928行终3号"]
    fast = nz.case_numbers(pl.Series("案号", values, dtype=pl.String))
    assert fast.name == "案号"
    assert fast.to_list() == ["（2024）豫0928行初15号", "（2024）豫0928行初15号", "（2024）豫0928行初15号",
                              "（2024）豫0928行初15号", None, None, "（2024）豫0928行终3号"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=ALPHABET, max_size=16)), max_size=30))
def test_column_normaliser_equals_the_expression(values: list[str | None]) -> None:
    assert nz.case_numbers(pl.Series("v", values, dtype=pl.String)).to_list() == _slow(values)
