"""Who may see what: the one home of the access rules every surface applies (pages, downloads, the
wall screen, the briefing).

- A liaison officer (联络员) sees the rows of their own unit or township — a row is theirs when its
  responsible unit or its township is theirs — and only the units, townships and subject areas those
  rows (or their own scope) name, so a table listing "every unit" lists none they may not see.
  The conference's own registers (the meetings, ``FactTable.scoped`` false) are everyone's.
  Everyone else sees everything.
- Rankings are computed county-wide for everyone; a liaison sees their own position, and the other
  groups' names only when the administrator allows it (``etl.auth.visibility``); otherwise each other
  name is replaced by its place (第3名单位).

Everything here is a pure function of frames, so a page, its downloads and any later caller get the
same answer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import polars as pl

from etl.catalog import FACT_TABLES
from etl.catalog.table import AREA_ID, TOWNSHIP_ID, UNIT_ID
from etl.db.models import Role
from etl.metrics.facts import Facts

#: Columns of a ranking frame that carry a group's name (``label`` is the short display name).
NAME_COLUMNS = ("group_name", "label")


class ViewerScope(NamedTuple):
    """The units and townships a viewer is limited to; both empty means everything. A tuple, so it is a
    small hashable cache key."""

    unit_ids: tuple[int, ...] = ()
    township_ids: tuple[int, ...] = ()

    @property
    def is_everything(self) -> bool:
        return not self.unit_ids and not self.township_ids


EVERYTHING = ViewerScope()


def scope_of(role: str, unit_id: int | None, township_id: int | None) -> ViewerScope:
    """The scope of an account: a liaison officer is limited to their unit or township, every other
    role sees everything."""
    if role != Role.LIAISON:
        return EVERYTHING
    return ViewerScope((unit_id,) if unit_id else (), (township_id,) if township_id else ())


def in_scope(scope: ViewerScope) -> pl.Expr:
    """The row rule itself: a row is the viewer's when its responsible unit (``unit_id``) or its
    township (``township_id``) is in their scope. Every read and every write (a liaison's report,
    ``etl.reporting``) goes through it."""
    if scope.is_everything:
        return pl.lit(True)
    return (pl.col(UNIT_ID).is_in(list(scope.unit_ids)).fill_null(False)
            | pl.col(TOWNSHIP_ID).is_in(list(scope.township_ids)).fill_null(False))


def rows_for_viewer(rows: pl.DataFrame, scope: ViewerScope) -> pl.DataFrame:
    """The rows of a frame with ``unit_id`` and ``township_id`` columns that the viewer may see or change."""
    return rows if scope.is_everything else rows.filter(in_scope(scope))


def _ids_in_rows(facts: Facts, column: str) -> set[int]:
    """Every id of ``column`` that some fact row names."""
    ids: set[int] = set()
    for table in FACT_TABLES:
        if table.scoped:  # a register every viewer sees names no unit or township of the viewer's
            ids.update(facts.frame(table.name)[column].drop_nulls().unique().to_list())
    return ids


def facts_for_viewer(facts: Facts, scope: ViewerScope) -> Facts:
    """The facts a viewer may see: for a limited scope, the rows of its units or townships and the
    dimension members those rows (or the scope itself) name; for everything, ``facts`` itself."""
    if scope.is_everything:
        return facts
    mask = in_scope(scope)
    rows = replace(facts, ledgers={t.name: facts.frame(t.name).filter(mask) if t.scoped else facts.frame(t.name)
                                   for t in FACT_TABLES})
    units = set(scope.unit_ids) | _ids_in_rows(rows, UNIT_ID)
    towns = set(scope.township_ids) | _ids_in_rows(rows, TOWNSHIP_ID)
    areas = _ids_in_rows(rows, AREA_ID)
    return replace(rows, units=facts.units.filter(pl.col("id").is_in(sorted(units))),
                   townships=facts.townships.filter(pl.col("id").is_in(sorted(towns))),
                   areas=facts.areas.filter(pl.col("id").is_in(sorted(areas))),
                   scope_unit_ids=tuple(scope.unit_ids), scope_township_ids=tuple(scope.township_ids))


def own_group_ids(by: str, scope: ViewerScope) -> tuple[int, ...]:
    """The groups of a ranking ``by`` unit or township that are the viewer's own."""
    return scope.unit_ids if by == "unit" else scope.township_ids


def masked_name(rank: int | None, by: str, lang: str = "zh") -> str:
    """The stand-in for a name a liaison officer may not see: 第3名单位 / Unit ranked 3; 未参评单位 for
    a group that took no place (nothing measured)."""
    noun_zh = "乡镇" if by == "township" else "单位"
    noun_en = "Township" if by == "township" else "Unit"
    if rank is None:
        return f"未参评{noun_zh}" if lang == "zh" else f"{noun_en} not ranked"
    if lang == "zh":
        return f"第{rank}名{noun_zh}"
    return f"{noun_en} ranked {rank}"


def mask_ranking(ranking: pl.DataFrame, own_ids: tuple[int, ...], by: str, lang: str = "zh") -> pl.DataFrame:
    """A ranking with every group but ``own_ids`` renamed after its rank; ids of the hidden rows are nulled.

    Tied ranks get a running suffix (第3名单位(2)) so the stand-ins stay distinct, as names are keys
    for the chart and the picker. Ranks, scores and the order are unchanged.
    """
    if ranking.is_empty():
        return ranking
    own = pl.col("group_id").is_in(list(own_ids)) if own_ids else pl.lit(False)
    stand_in = (pl.when(pl.col("rank").is_null()).then(pl.lit(masked_name(None, by, lang)))
                .otherwise(pl.col("rank").map_elements(lambda r: masked_name(int(r), by, lang),
                                                       return_dtype=pl.String)))
    # Zero-padded so that the stand-ins of a long tie sort in order (第1名单位(02) before (10)).
    # Places restart in each assessment category: a tie is within a category.
    place = ["category", "rank"] if "category" in ranking.columns else ["rank"]
    width = len(str(ranking.group_by(place).len()["len"].max()))
    tie = (pl.int_range(pl.len()).over(place) + 1).cast(pl.String).str.zfill(width)
    tied = pl.len().over(place) > 1
    stand_in = pl.when(tied).then(pl.format("{}({})", stand_in, tie)).otherwise(stand_in)
    masked = ranking.with_columns(
        [pl.when(own).then(pl.col(c)).otherwise(stand_in).alias(c) for c in NAME_COLUMNS if c in ranking.columns])
    return masked.with_columns(pl.when(own).then(pl.col("group_id")).otherwise(None).alias("group_id"))


def ranking_for_viewer(ranking: pl.DataFrame, scope: ViewerScope, by: str, names_visible: bool,
                       lang: str = "zh") -> tuple[pl.DataFrame, bool]:
    """A county-wide ranking as this viewer may see it, and whether names were masked: unchanged for an
    unlimited viewer or when the administrator shows names, else every other group's name masked."""
    if scope.is_everything or names_visible:
        return ranking, False
    return mask_ranking(ranking, own_group_ids(by, scope), by, lang), True
