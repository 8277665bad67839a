"""What a liaison officer may see of a ranking: their own position, and the others' names only if the
administrator allows it (issue 8). The setting lives in ``app_meta``; the masking is a pure frame
transform, so the page, its downloads and any later caller get the same answer.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from sqlalchemy import Connection

from etl.auth import audit
from etl.db.meta import get_meta, set_meta
from etl.metrics.facts import Facts

RANKING_NAMES_VISIBLE = "ranking_names_visible"
#: Columns of a ranking frame that carry a group's name (``label`` is the short display name).
NAME_COLUMNS = ("group_name", "label")


def ranking_names_visible(conn: Connection) -> bool:
    """Whether liaison officers see the names of the other units and townships in rankings (default: no)."""
    return get_meta(conn, RANKING_NAMES_VISIBLE) == "1"


def set_ranking_names_visible(conn: Connection, visible: bool, actor: str | None = None) -> None:
    """Change the setting inside the caller's transaction, with its audit event."""
    set_meta(conn, RANKING_NAMES_VISIBLE, "1" if visible else "0")
    audit.record(conn, audit.SETTING_CHANGE, actor, setting=RANKING_NAMES_VISIBLE, value=visible)


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


def own_group_ids(by: str, unit_id: int | None, township_id: int | None) -> tuple[int, ...]:
    """The groups of a ranking ``by`` unit or township that are a liaison officer's own."""
    own = unit_id if by == "unit" else township_id
    return (own,) if own is not None else ()


def visible_facts(facts: Facts, unit_ids: tuple[int, ...] = (), township_ids: tuple[int, ...] = ()) -> Facts:
    """A liaison officer's facts: their rows (``Facts.scoped``), and only the units and townships those
    rows (or their own scope) name, so that tables listing "every unit" list none they may not see."""
    if not unit_ids and not township_ids:
        return facts
    scoped = facts.scoped(unit_ids=unit_ids, township_ids=township_ids)
    units = set(unit_ids) | scoped.ids_in_rows("unit_id")
    towns = set(township_ids) | scoped.ids_in_rows("township_id")
    return replace(scoped, units=scoped.units.filter(pl.col("id").is_in(list(units))),
                   townships=scoped.townships.filter(pl.col("id").is_in(list(towns))))
