"""Wall-screen panels of the conference's follow-up: key cases (重点案件) and time limits (办理时限).

Like ``models``: every figure comes from ``etl.metrics`` (key_case_list, pending_cases, the indicators);
here at most four rows are picked, shortened and given a status, so a panel reads from across the room.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.formatting import fmt_count, fmt_rate
from dashboard.i18n import Lang
from dashboard.screen.models import BarRow, ListPanel
from dashboard.screen.text import s
from etl.metrics import (
    Definitions,
    Facts,
    Filters,
    IndicatorConfig,
    MetricsResult,
    key_case_list,
    pending_cases,
)
from etl.wording.numbers import time_left

ROWS = 4
NAME_CHARS = 22


def _short(text: object) -> str:
    value = str(text or "")
    return value if len(value) <= NAME_CHARS else value[: NAME_CHARS - 1] + "…"


def _unit_names(facts: Facts) -> dict[int, str]:
    short = facts.units.select("id", pl.coalesce("short_name", "name").alias("n"))
    return dict(zip(short["id"].to_list(), short["n"].to_list(), strict=True))


def keycases_panel(facts: Facts, result: MetricsResult, filters: Filters, as_of: dt.date, lang: Lang) -> ListPanel:
    """Key cases still being resolved and how many are overdue, the period's resolution rate, and the
    overdue (else the nearest) key cases with their unit and leader in charge."""
    cases = key_case_list(facts, as_of, filters)
    still_open = cases.filter(pl.col("status") == "open")
    overdue = still_open.filter(pl.col("overdue"))
    rate = result["key_case_resolution_rate"]
    headline = (
        (s("keycases_open", lang), fmt_count(still_open.height, lang), "n/a"),
        (s("keycases_overdue", lang), fmt_count(overdue.height, lang), "missed" if overdue.height else "met"),
        (s("keycases_rate", lang), fmt_rate(rate.value, lang), rate.status if rate.target is not None else "n/a"),
    )
    units = _unit_names(facts)
    shown = still_open.head(ROWS)
    longest = float(shown["days_overdue"].max() or 0) if shown.height else 0.0  # type: ignore[arg-type]  # polars types max()/min()/sum() as any Python literal; this column is an integer count
    rows = []
    for r in shown.iter_rows(named=True):
        who = units.get(r["unit_id"]) or r["unit_raw"] or "—"
        if r["overdue"]:
            value, status, share = time_left(-r["days_overdue"], lang), "missed", r["days_overdue"] / (longest or 1)
        else:
            left = r["days_left"]
            value = time_left(left, lang) if left is not None else "—"
            status, share = "close" if left is not None and left <= 30 else "n/a", 0.0
        rows.append(BarRow(name=f"{who}：{_short(r['name'])}", share=share, value=value,
                           note=str(r["leader"] or ""), status=status,
                           symbol="✗" if r["overdue"] else "●"))
    return ListPanel(tuple(rows), headline=headline, rows_title=s("keycases_rows", lang), wide_names=True)


def limits_panel(facts: Facts, filters: Filters, as_of: dt.date, lang: Lang,
                 config: IndicatorConfig | Definitions | None = None) -> ListPanel:
    """Per kind of matter, how many are pending past their statutory limit; then the longest past it (or
    nearest to it) with their unit. ``config``: the definitions in force (None: the built-in ones)."""
    pending = pending_cases(facts, as_of, filters, config)
    past = pending.filter(pl.col("past"))
    counts = dict(past.group_by("kind").len().iter_rows()) if past.height else {}
    headline = tuple((s(f"limits_{kind}", lang), fmt_count(counts.get(kind, 0), lang),
                      "missed" if counts.get(kind, 0) else "met")
                     for kind in ("litigation", "reconsideration", "recommendation"))
    units = _unit_names(facts)
    shown = pending.head(ROWS)
    worst = float(-(shown["days_left"].min() or 0)) if shown.height else 0.0  # type: ignore[operator, arg-type]  # polars types max()/min()/sum() as any Python literal; this column is an integer count
    rows = []
    for r in shown.iter_rows(named=True):
        who = units.get(r["unit_id"]) or "—"
        over = -int(r["days_left"])
        value = time_left(int(r["days_left"]), lang, statutory=True)
        rows.append(BarRow(name=f"{s('kind_' + r['kind'], lang)}：{_short(r['reference'])}",
                           share=(over / worst) if r["past"] and worst > 0 else 0.0, value=value, note=who,
                           status="missed" if r["past"] else "close", symbol="✗" if r["past"] else "●"))
    return ListPanel(tuple(rows), headline=headline, rows_title=s("limits_rows", lang), wide_names=True)
