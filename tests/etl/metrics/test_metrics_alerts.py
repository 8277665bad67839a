"""Warnings say the same thing in Chinese and in English, and English agrees in number."""

from __future__ import annotations

from datetime import date as d

import polars as pl
from sqlalchemy import Engine

from dashboard.comparisons import warning_table
from etl.metrics import compute_warnings, facts_from_frames, load_facts, parse_period
from tests.ledger_factories import build_ledger

Y2025 = parse_period("2025")


def test_every_warning_kind_has_an_english_sentence(engine: Engine) -> None:
    build_ledger(engine)
    warned = compute_warnings(load_facts(engine), Y2025, as_of=d(2025, 12, 1))
    # Ledger (see test_metrics_db): U1 lost 1 of 2 closures against a 40% target; its head appeared at
    # 1 of 2 first-instance hearings and the second-instance one (2 of 3) against 100%; U2 has one overdue
    # task and one overdue recommendation.
    assert dict(zip(warned["kind"], warned["message_en"], strict=True)) == {
        "loss_above_target": "1 of 2 first-instance cases closed lost; loss rate above the target (40%)",
        "head_below_target": "2 of 3 cases heard with the head in court; agency-head court appearance rate "
                             "below the target (100%)",
        "overdue_tasks": "1 joint task overdue",
        "unanswered_recommendations": "1 judicial or procuratorial recommendation unanswered past its deadline",
    }
    # Two closures are too few for a rate: the sentence gives the counts (rate_min_records, etl.wording).
    assert dict(zip(warned["kind"], warned["message_zh"], strict=True))["loss_above_target"] == \
        "审结一审案件2件，其中败诉1件，行政诉讼败诉率高于目标（40%）"
    assert warned["message_zh"].null_count() == warned["message_en"].null_count() == 0


def test_volume_rise_warning_in_english_counts_cases_in_the_plural() -> None:
    rows = ([{"id": i, "unit_id": 1, "instance": "first", "filed_on": d(2024, 3, 1)} for i in range(2)]
            + [{"id": 10 + i, "unit_id": 1, "instance": "first", "filed_on": d(2025, 3, 1)} for i in range(3)])
    facts = facts_from_frames(litigation=pl.DataFrame(rows),
                              units=pl.DataFrame({"id": [1], "name": ["甲局"], "unit_type": ["agency"]}))
    warned = compute_warnings(facts, Y2025)
    assert warned["message_en"].to_list() == ["Lawsuits filed up 1 case year on year (3 cases, 2 a year earlier)"]
    assert warned["message_zh"].to_list() == ["行政诉讼发案量同比增加1件（3件，上年同期2件）"]


def test_warning_table_shows_the_sentence_in_the_readers_language() -> None:
    warned = pl.DataFrame({"group_name": ["甲局"], "kind": ["overdue_tasks"], "message_zh": ["有2项双清单任务逾期未完成"],
                           "message_en": ["2 joint tasks overdue"]})
    assert warning_table(warned, "en").rows() == [("甲局", "Overdue tasks", "2 joint tasks overdue")]
    assert warning_table(warned, "en").columns == ["Name", "Warning", "Detail"]
    assert warning_table(warned, "zh").rows() == [("甲局", "双清单任务逾期", "有2项双清单任务逾期未完成")]
