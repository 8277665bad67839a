"""Combinable filters: township, unit, subject area, court, instance (empty tuple = all)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl


@dataclass(frozen=True)
class Filters:
    """What the reader selected (all combinable). Courts and instances only narrow the litigation ledger.

    ``instances``, when given, replaces the configured instance set (``indicators.toml``
    ``instances``) for litigation_cases, loss_rate and clearance_rate.
    """

    township_ids: tuple[int, ...] = ()
    unit_ids: tuple[int, ...] = ()
    area_ids: tuple[int, ...] = ()
    courts: tuple[str, ...] = ()
    instances: tuple[str, ...] = ()
    #: County-level regions (the defendant's county), for databases that serve a city or province.
    region_ids: tuple[int, ...] = ()

    #: The columns :meth:`apply` reads: the engine keeps them next to its cached flags.
    ROW_COLUMNS = ("region_id", "township_id", "unit_id", "area_id", "court")

    @property
    def is_empty(self) -> bool:
        return not (self.township_ids or self.unit_ids or self.area_ids or self.courts or self.instances
                    or self.region_ids)

    def apply(self, frame: pl.DataFrame | pl.LazyFrame, table: str) -> pl.LazyFrame:
        """The rows of one fact table that pass these filters (lazy, for fusion with the aggregation)."""
        lazy = frame.lazy()
        if self.region_ids:
            lazy = lazy.filter(pl.col("region_id").is_in(list(self.region_ids)))
        if self.township_ids:
            lazy = lazy.filter(pl.col("township_id").is_in(list(self.township_ids)))
        if self.unit_ids:
            lazy = lazy.filter(pl.col("unit_id").is_in(list(self.unit_ids)))
        if self.area_ids:
            lazy = lazy.filter(pl.col("area_id").is_in(list(self.area_ids)))
        if table == "litigation" and self.courts:
            lazy = lazy.filter(pl.col("court").is_in(list(self.courts)))
        return lazy

    def row_columns(self, table: str) -> tuple[str, ...]:
        """The columns the active row filters read on this table (a subset of ``ROW_COLUMNS``)."""
        chosen = {"region_id": self.region_ids, "township_id": self.township_ids, "unit_id": self.unit_ids,
                  "area_id": self.area_ids, "court": self.courts if table == "litigation" else ()}
        return tuple(c for c in self.ROW_COLUMNS if chosen[c])

    def for_masks(self) -> Filters:
        """The part indicator masks may read: the instance choice. The rest are row filters
        (:meth:`apply`), so the engine can reuse its per-period flags when only they change."""
        return Filters(instances=self.instances)

    def to_json_dict(self) -> dict[str, Any]:
        return {"township_ids": list(self.township_ids), "unit_ids": list(self.unit_ids),
                "area_ids": list(self.area_ids), "courts": list(self.courts), "instances": list(self.instances),
                "region_ids": list(self.region_ids)}
