"""Facts are read in batches of rows (so a province's read peaks near the frames' size, not at every row
as a Python tuple): the same frame whatever the batch size, and the caller's connection unchanged."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal
from sqlalchemy import Engine, func, select

from etl.db.frames import read_frame
from etl.db.models import Region, RegionLevel, Unit

SCHEMA = {"id": pl.Int64, "name": pl.String, "active": pl.Boolean}


def test_batches_of_any_size_give_the_same_frame_and_leave_the_connection_as_it_was(engine: Engine) -> None:
    with engine.begin() as conn:
        county = conn.execute(Region.__table__.insert().values(name="河清县", level=RegionLevel.COUNTY)
                              ).inserted_primary_key[0]
        conn.execute(Unit.__table__.insert(), [
            {"name": f"单位{i}", "region_id": county, "unit_type": "agency", "sort_order": i, "active": i % 3 != 0}
            for i in range(7)])
    query = select(Unit.id.label("id"), Unit.name.label("name"), Unit.active.label("active")).order_by(Unit.id)
    with engine.begin() as conn:
        whole = read_frame(conn, query, SCHEMA)
        in_twos = read_frame(conn, query, SCHEMA, batch_rows=2)
        empty = read_frame(conn, query.where(Unit.id < 0), SCHEMA, batch_rows=2)
        # The connection is the caller's: a write after the read is an ordinary statement (on PostgreSQL a
        # connection-wide streaming option would have turned it into a server cursor and failed).
        conn.execute(Unit.__table__.insert().values(name="单位7", region_id=county, unit_type="agency",
                                                   sort_order=7, active=True))
    assert_frame_equal(in_twos, whole)
    assert whole.height == 7 and whole["active"].to_list() == [i % 3 != 0 for i in range(7)]
    assert empty.height == 0 and empty.schema == whole.schema
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Unit)).scalar_one() == 8
