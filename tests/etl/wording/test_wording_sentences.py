"""Sentences written from figures: small numbers give counts, a zero held at zero says so, 不适用 says why."""

from __future__ import annotations

import pytest

from etl.metrics import IndicatorValue
from etl.wording import sentences


def rate(value: float | None, num: int, den: int, previous: float | None = None, target: float | None = None,
         status: str = "n/a", key: str = "loss_rate") -> IndicatorValue:
    return IndicatorValue(key, value, num, den, previous, None if value is None or previous is None else value - previous,
                          "points", target, status)


def count(value: int, previous: int | None, sequential: int | None = None, key: str = "litigation_cases") -> IndicatorValue:
    return IndicatorValue(key, value, value, None, previous, None, "relative", None, "n/a", sequential)


@pytest.mark.parametrize(("key", "figure", "lang", "expected"), [
    ("loss_rate", rate(1 / 86, 1, 86, 0.02, 0.02, "met"), "zh",
     "行政诉讼败诉率1.2%（审结一审案件86件，其中败诉1件），同比下降0.8个百分点，控制在目标（2%）以内。"),
    ("loss_rate", rate(1 / 9, 1, 9, 0.0, 0.02, "missed"), "zh",
     "审结一审案件9件，其中败诉1件，因不足10件，不计算比率。"),
    ("loss_rate", rate(0.0, 0, 40, 0.0, 0.02, "met"), "zh",
     "行政诉讼败诉率保持为零（审结一审案件40件，其中败诉0件），控制在目标（2%）以内。"),
    ("head_appearance_rate", rate(1.0, 30, 30, 1.0, 1.0, "met", "head_appearance_rate"), "zh",
     "行政机关负责人出庭应诉率保持在100%（开庭审理案件30件，其中负责人出庭30件），达到目标（100%）。"),
    ("loss_rate", rate(None, 0, 0, 0.02, 0.02), "zh", "行政诉讼败诉率不适用（本期无审结一审案件）。"),
    ("recommendation_adoption_rate", rate(1.0, 12, 12, 11 / 13, 0.9, "met", "recommendation_adoption_rate"), "zh",
     "司法建议和检察建议落实率100%（到期司法建议和检察建议12件，其中按期答复并整改12件），同比上升15.4个百分点，"
     "达到目标（90%）。"),
    ("loss_rate", rate(1 / 86, 1, 86, None, 0.02, "met"), "en",
     "Loss rate 1.2% (1 of 86 first-instance cases closed lost), no figure a year earlier, within the target (2%)."),
])
def test_rate_sentences(key: str, figure: IndicatorValue, lang: str, expected: str) -> None:
    assert sentences.rate_sentence(key, figure, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("figure", "sequential", "expected"), [
    (count(83, 88, 116), True, "行政诉讼发案量83件，同比下降5.7%，环比下降28.4%。"),
    (count(83, 88, 88), False, "行政诉讼发案量83件，同比下降5.7%。"),
    (count(3, 1, 0), True, "行政诉讼发案量3件，同比增加2件，环比增加3件。"),
    (count(0, None, None), True, "行政诉讼发案量0件，无去年同期可比数据，无上期可比数据。"),
])
def test_count_sentences_give_whole_cases_for_small_counts(figure: IndicatorValue, sequential: bool,
                                                           expected: str) -> None:
    assert sentences.count_sentence("litigation_cases", figure, with_sequential=sequential) == expected


def test_warning_messages_state_a_rate_only_over_enough_records() -> None:
    many = rate(3 / 25, 3, 25, None, 0.02, "missed")
    few = rate(1 / 9, 1, 9, None, 0.02, "missed")
    assert sentences.target_message("loss_rate", many) == \
        "行政诉讼败诉率12%（审结一审案件25件，其中败诉3件），高于目标（2%）"
    assert sentences.target_message("loss_rate", few) == "审结一审案件9件，其中败诉1件，行政诉讼败诉率高于目标（2%）"
    assert "11.1%" not in sentences.target_message("loss_rate", few, "en")
    assert sentences.volume_rise_message(15, 10) == "行政诉讼发案量同比上升50%（15件，上年同期10件）"
    assert sentences.volume_rise_message(3, 2, "en") == "Lawsuits filed up 1 case year on year (3 cases, 2 a year earlier)"
    assert sentences.unanswered_recommendations_message(2) == "有2份司法建议或检察建议逾期未回复"
    assert sentences.overdue_tasks_message(1, "en") == "1 joint task overdue"


def test_a_rate_that_rounds_to_its_target_shows_the_difference() -> None:
    figure = rate(1 / 33, 1, 33, 0.0, 0.03, "close")
    assert sentences.rate_sentence("loss_rate", figure).startswith("行政诉讼败诉率3.03%（审结一审案件33件")
