"""The ranking as the JSON of ``liandong rank --json``: one entry per group with its category, place,
score, per-indicator points and the breakdown lines that add up to the score."""

from __future__ import annotations

from typing import Any

import polars as pl

from etl.metrics.breakdown import breakdown_rows
from etl.metrics.scheme import Scheme


def ranking_json(table: pl.DataFrame, scheme: Scheme, events: pl.DataFrame, by: str,
                 min_cases: int = 3) -> list[dict[str, Any]]:
    """``table`` from :func:`etl.metrics.rank`; ``events`` from ``collect_events`` for the same period."""
    column = "unit_id" if by == "unit" else "township_id"
    slugs = [i.slug for i in scheme.items]
    grouped = {gid: frame for (gid,), frame in events.partition_by(column, as_dict=True).items()} if events.height else {}
    empty = events.head(0)
    out = []
    for r in table.iter_rows(named=True):
        lines = breakdown_rows(r, scheme, grouped.get(r["group_id"], empty), min_cases)
        out.append({
            "rank": r["rank"], "category": r["category"], "id": r["group_id"], "name": r["group_name"],
            "score": r["score"], "base_score": r["base_score"], "bonus": r["bonus"], "deduction": r["deduction"],
            "vetoed": r["vetoed"], "veto_reason": r["veto_reason"], "assessed": r["assessed"],
            "previous_rank": r["previous_rank"], "rank_change": r["rank_change"],
            "indicator_scores": {s: r[f"{s}__score"] for s in slugs},
            "indicator_measures": {s: r[f"{s}__measured"] for s in slugs},
            "breakdown": [{k: v for k, v in line.items() if k != "group_id"} for line in lines]})
    return out
