"""Target sheets: indicator keys of docs/indicators.md, scope resolved to the region, a unit or a township."""

from __future__ import annotations

import polars as pl

from etl.db.models import ScopeType
from etl.importing.transform import REJECTED_SCHEMA, Resolvers
from etl.names import normalise_text

REGION_WORDS = ("全县", "全区", "全市", "全辖区", "辖区", "全部")


def _scope(name: str | None, resolvers: Resolvers) -> tuple[str, int | None] | None:
    if name is None or name in REGION_WORDS or name == normalise_text(resolvers.region_name):
        return (str(ScopeType.REGION), None)
    unit = resolvers.units.resolve(name)
    if unit is not None:
        return (str(ScopeType.UNIT), unit)
    town = resolvers.townships.resolve(name)
    if town is not None:
        return (str(ScopeType.TOWNSHIP), town)
    return None


def target_rows(frame: pl.DataFrame, resolvers: Resolvers, scope_label: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows for ``target`` and the rows whose scope names nothing known (never guessed)."""
    names = frame.get_column("scope").unique().to_list()
    scopes = {n: _scope(n, resolvers) for n in names}
    lookup = pl.DataFrame({
        "scope": names,
        "scope_type": [s[0] if s else None for s in scopes.values()],
        "scope_id": [s[1] if s else None for s in scopes.values()],
        "scope_ok": [s is not None for s in scopes.values()],
    }, schema={"scope": pl.String, "scope_type": pl.String, "scope_id": pl.Int64, "scope_ok": pl.Boolean})
    joined = frame.join(lookup, on="scope", how="left", nulls_equal=True, maintain_order="left")
    # A rate target written as 98 means 98%.
    value = pl.when(pl.col("indicator").str.ends_with("_rate") & (pl.col("value") > 1)) \
        .then(pl.col("value") / 100).otherwise(pl.col("value"))
    bad = joined.filter(~pl.col("scope_ok")).select(
        "sheet", "source_row", pl.lit(scope_label).alias("column"), pl.col("scope__raw").alias("value"),
        pl.lit("未知的单位或乡镇，请先导入单位/乡镇名录").alias("reason")).cast(REJECTED_SCHEMA)
    rows = joined.filter(pl.col("scope_ok")).select(
        pl.col("year").cast(pl.Int64), pl.col("indicator").alias("indicator_key"), "scope_type", "scope_id",
        value.alias("value"))
    return rows, bad
