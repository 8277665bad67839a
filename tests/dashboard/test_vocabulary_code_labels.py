"""The 数据管理 page offers a held value's meanings in Chinese for every ledger's vocabulary, the
conference's own ledgers (meetings, key cases, supervision) included."""

from __future__ import annotations

import pytest

from dashboard.vocabulary_view import code_label
from etl.importing.held import VOCAB_FIELDS
from etl.mappings import default_mappings


@pytest.mark.parametrize("column", sorted(VOCAB_FIELDS))
def test_every_code_a_held_value_can_take_is_offered_in_chinese(column: str) -> None:
    codes = default_mappings().codes[VOCAB_FIELDS[column][1].vocabulary]
    labels = [code_label(column, code) for code in codes]
    # "府院联动 · court": the Chinese wording first, the code after it.
    assert all(label.endswith(f" · {code}") and label != f" · {code}" for label, code in zip(labels, codes, strict=True))


def test_the_conference_ledgers_codes_read_as_their_documents_name_them() -> None:
    assert code_label("meeting_kind", "joint") == "府院府检联合 · joint"
    assert code_label("supervision_result", "not_supported") == "不支持监督申请 · not_supported"
    assert code_label("key_case_status", "resolved") == "已化解 · resolved"
