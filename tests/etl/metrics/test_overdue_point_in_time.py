"""Overdue 双清单 tasks are judged on a day: a task due in the period and finished after it was overdue."""

from __future__ import annotations

from datetime import date as d

import polars as pl

from etl.metrics import facts_from_frames, overdue_tasks


def _facts() -> object:
    tasks = pl.DataFrame({
        "id": [1, 2, 3, 4, 5],
        "unit_id": [1, 1, 1, 1, 1],
        "content": ["五月到期七月完成", "五月到期六月完成", "仍未完成", "已取消", "完成日期未填"],
        "deadline": [d(2025, 5, 19), d(2025, 5, 19), d(2025, 3, 11), d(2025, 4, 1), d(2025, 4, 1)],
        "status": ["done", "done", "open", "cancelled", "done"],
        "completed_on": [d(2025, 7, 4), d(2025, 6, 2), None, None, None],
    })
    units = pl.DataFrame({"id": [1], "name": ["示范县自然资源局"], "unit_type": ["agency"]})
    return facts_from_frames(tasks=tasks, units=units)


def test_a_task_due_in_the_period_and_finished_after_it_is_overdue_on_the_last_day() -> None:
    on_june_30 = overdue_tasks(_facts(), as_of=d(2025, 6, 30))  # type: ignore[arg-type]
    assert on_june_30.select("content", "days_overdue").rows() == [("仍未完成", 111), ("五月到期七月完成", 42)]


def test_today_the_finished_task_is_no_longer_overdue() -> None:
    today = overdue_tasks(_facts(), as_of=d(2025, 8, 1))  # type: ignore[arg-type]
    assert today["content"].to_list() == ["仍未完成"]
