"""乡镇(街道)边界: outlines of the townships (or of the counties, in a city or province database).

Not a sheet of records but a file of features (GeoJSON, a zipped Shapefile), attached to the dimension
rather than counted by any indicator: so it is a :class:`GeometryKind`, not a ``FactTable``. What it
shares with the ledgers is what the catalogue is for — a name resolved through the one name rule, the
spelling kept beside the id (``NameLink``), the unmatched-names queue, re-attribution after a name is
mapped, and rollback like any batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table

from etl.catalog.table import NameLink
from etl.db.models import Base, Boundary
from etl.geo.read import SUFFIXES


@dataclass(frozen=True)
class GeometryKind:
    """An import kind whose file holds features with geometry instead of rows."""

    name: str  # the import kind
    label: str
    model: type[Base]
    link: NameLink  # the feature's name → a township (or county)
    key: tuple[str, ...]  # columns that identify a feature across files
    suffixes: tuple[str, ...]  # file types read as this kind whatever ``--kind`` says

    @property
    def table(self) -> Table:
        table: Table = self.model.__table__
        return table

    @property
    def table_name(self) -> str:
        return self.table.name


BOUNDARIES = GeometryKind(
    name="boundaries",
    label="乡镇(街道)边界",
    model=Boundary,
    link=NameLink("name", "name_raw", "region_id", "边界", "township"),
    key=("level", "name_raw"),
    suffixes=SUFFIXES,
)
