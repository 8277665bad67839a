"""Outlines as the dashboard, the screen and the briefing read them: one frame, loaded with the facts."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Connection, select

from etl.db.frames import read_frame
from etl.db.models import Boundary

#: One outline per region: ``level`` township | county, ``geometry`` a GeoJSON MultiPolygon (text).
BOUNDARY_SCHEMA: dict[str, pl.DataType] = {"region_id": pl.Int64(), "level": pl.String(), "crs": pl.String(),
                                           "geometry": pl.String(), "source": pl.String()}


def read_boundaries(conn: Connection) -> pl.DataFrame:
    """The matched outlines, the latest per region: a later file that spells a township differently
    replaces the earlier outline on the map, and rolling that file back brings the earlier one back."""
    query = (select(Boundary.region_id, Boundary.level, Boundary.crs, Boundary.geometry, Boundary.source)
             .where(Boundary.region_id.is_not(None)).order_by(Boundary.batch_id, Boundary.id))
    frame = read_frame(conn, query, BOUNDARY_SCHEMA)
    return frame.unique(["level", "region_id"], keep="last", maintain_order=True)
