"""Table-driven tests of the pure normalisers, and hypothesis: normalising twice = normalising once."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.export_safety import safe_cell, safe_frame
from etl.importing import normalise as nz
from etl.mappings import default_mappings


def apply(expr_fn, values: list[str | None]) -> list[object]:  # type: ignore[no-untyped-def]
    return pl.DataFrame({"x": values}, schema={"x": pl.String}).select(expr_fn(pl.col("x")).alias("x"))["x"].to_list()


@pytest.mark.parametrize(("raw", "expected"), [
    ("2025-03-05 00:00:00", dt.date(2025, 3, 5)),  # a real date cell as read by calamine
    ("45721", dt.date(2025, 3, 5)),  # Excel serial
    ("45721.0", dt.date(2025, 3, 5)),
    ("2025-3-5", dt.date(2025, 3, 5)),
    ("2025/3/5", dt.date(2025, 3, 5)),
    ("2025.03.05", dt.date(2025, 3, 5)),
    ("2025年3月5日", dt.date(2025, 3, 5)),
    ("２０２５年３月５日", dt.date(2025, 3, 5)),  # full-width digits
    ("20250305", dt.date(2025, 3, 5)),
    (" 2025/03/05 ", dt.date(2025, 3, 5)),
    ("2025-02-30", None),
    ("2025-13-01", None),
    ("3", None),
    ("明天", None),
    ("1900-01-01", None),  # outside 1980–2100: a typo, not a date to count
    (None, None),
])
def test_parse_date_accepts_every_ledger_spelling(raw: str | None, expected: dt.date | None) -> None:
    assert apply(nz.parse_date, [raw]) == [expected]


@pytest.mark.parametrize(("raw", "canonical", "code", "instance"), [
    ("（2024）豫0928行初15号", "（2024）豫0928行初15号", "行初", "first"),
    ("(2024)豫0928行初15号", "（2024）豫0928行初15号", "行初", "first"),
    ("〔2024〕豫0928行终3号", "（2024）豫0928行终3号", "行终", "second"),
    ("（２０２４）豫０９２８行再１号", "（2024）豫0928行再1号", "行再", "retrial"),
    ("[2024] 豫0928 行申 7号", "（2024）豫0928行申7号", "行申", "retrial"),
    ("（2024）豫0928行审复2号", "（2024）豫0928行审复2号", "行审复", "non_litigation"),
    ("（2024）豫0928行审2号", "（2024）豫0928行审2号", "行审", "non_litigation"),
    ("（2024）豫0928行赔初1号", "（2024）豫0928行赔初1号", "行赔初", "first"),
    ("（2024）豫0928行赔终1号", "（2024）豫0928行赔终1号", "行赔终", "second"),
    ("（2024）豫0928行他1号", "（2024）豫0928行他1号", "行他", "other"),
    ("（2003）豫09行初字第12号", "（2003）豫09行初字第12号", "行初", "first"),
    ("编号12", "编号12", None, "other"),
])
def test_case_number_brackets_and_instance(raw: str, canonical: str, code: str | None, instance: str) -> None:
    frame = pl.DataFrame({"x": [raw]}).select(nz.case_number(pl.col("x")).alias("n")).with_columns(
        nz.case_type_code(pl.col("n")).alias("code")).with_columns(nz.instance_from_code(pl.col("code")).alias("i"))
    assert frame.row(0) == (canonical, code, instance)


@pytest.mark.parametrize(("raw", "expected"), [
    ("是", True), ("否", False), ("√", True), ("×", False), ("出庭", True), ("未出庭", False),
    ("Y", True), ("N", False), ("1", True), ("0", False), ("Ｙ", True), (" 是 ", True), ("也许", None), (None, None),
])
def test_yes_no_spellings(raw: str | None, expected: bool | None) -> None:
    table = default_mappings().values["yes_no"]
    assert apply(lambda e: nz.parse_bool(e, table), [raw]) == [expected]


@pytest.mark.parametrize(("raw", "expected"), [
    ("判决驳回诉讼请求", "claim_dismissed"), ("裁定驳回起诉", "suit_dismissed"), ("准予撤诉", "withdrawn"),
    ("判决撤销", "revoked"), ("确认违法", "confirmed_illegal"), ("责令履行法定职责", "ordered_to_perform"),
    ("调 解", "mediated"), ("部分支持", None),
])
def test_outcome_wording_goes_through_the_editable_mapping(raw: str, expected: str | None) -> None:
    table = default_mappings().values["litigation_outcome"]
    assert apply(lambda e: nz.map_vocabulary(e, table), [raw]) == [expected]


@pytest.mark.parametrize(("raw", "expected"), [("2%", 0.02), ("0.02", 0.02), ("120", 120.0), ("１００％", 1.0),
                                               ("高", None)])
def test_target_numbers(raw: str, expected: float | None) -> None:
    assert apply(nz.parse_number, [raw]) == [pytest.approx(expected) if expected is not None else None]


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+86", "'+86"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("河清县", "河清县"), (-3, -3), (None, None),
])
def test_formula_injection_is_neutralised(value: object, expected: object) -> None:
    assert safe_cell(value) == expected
    if isinstance(value, str):
        assert safe_frame(pl.DataFrame({"a": [value]}))["a"].item() == expected


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), TEXT), min_size=1, max_size=20))
def test_normalising_twice_equals_normalising_once(values: list[str | None]) -> None:
    for fn in (nz.clean_text, nz.clean_name, nz.case_number):
        once = apply(fn, values)
        assert apply(fn, once) == once  # type: ignore[arg-type]


# Characters Python's Unicode database knows: Polars (Rust) may ship a newer Unicode version, whose
# new compatibility mappings Python cannot reproduce (e.g. U+1E030, Unicode 15).
KNOWN_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cn")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), KNOWN_TEXT), min_size=1, max_size=20))
def test_vectorised_name_cleaning_matches_the_resolver_keys(values: list[str | None]) -> None:
    """Resolution compares clean_name output with normalise_text keys: they must agree exactly."""
    from etl.names import normalise_text

    assert apply(nz.clean_name, values) == [normalise_text(v) for v in values]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), KNOWN_TEXT), min_size=1, max_size=20))
def test_vectorised_vocabulary_keys_match_the_mapping_keys(values: list[str | None]) -> None:
    """A ledger value is matched with nz.vocabulary_key, the office's mapping stored with
    mappings.vocabulary_key: the two must agree, or a mapping would release no row."""
    from etl.mappings import vocabulary_key

    assert apply(nz.vocabulary_key, values) == [vocabulary_key(v) for v in values]


@pytest.mark.parametrize(("raw", "expected"), [
    ("驳回上诉，维持原判", "appeal_upheld"), ("驳回上诉,维持原判", "appeal_upheld"), ("驳回上诉维持原判", "appeal_upheld"),
    ("撤销原判，依法改判", "appeal_reversed"), ("发回重审", "appeal_remanded"), ("准予撤回上诉", "appeal_withdrawn"),
    ("裁定准予执行", "enforcement_granted"), ("裁定不准予执行", "enforcement_refused"),
])
def test_second_instance_and_review_results_have_codes_of_their_own(raw: str, expected: str) -> None:
    table = default_mappings().values["litigation_outcome"]
    assert apply(lambda e: nz.map_vocabulary(e, table), [raw]) == [expected]


@pytest.mark.parametrize(("vocabulary", "raw", "expected"), [
    ("appearance", "正职出庭", "principal"), ("appearance", "副职出庭", "deputy"),
    ("appearance", "分管负责人出庭", "deputy"), ("appearance", "负责人出庭", "head"),
    ("appearance", "委托代理人出庭", "agent_only"), ("appearance", "未出庭", "absent"),
    ("appearance", "是", "head"), ("appearance", "否", "absent"), ("appearance", "√", "head"),
    ("reconsideration_decision", "驳回行政复议请求", "dismissed"),
    ("reconsideration_decision", "责令限期履行", "ordered_to_perform"),
    ("reconsideration_decision", "终止行政复议", "terminated"),
    ("reconsideration_decision", "申请人撤回申请，终止审理", "withdrawn"),
    ("dispute_result", "未成功", "failure"), ("dispute_result", "调解未成功", "failure"),
    ("dispute_result", "不成功", "failure"), ("dispute_result", "调处未果", "failure"),
    ("dispute_result", "达成协议", "success"), ("dispute_result", "正在调解", "in_progress"),
])
def test_the_fields_own_wording_is_known(vocabulary: str, raw: str, expected: str) -> None:
    assert default_mappings().code_of(vocabulary, raw) == expected
