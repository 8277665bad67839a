"""The hand-computed ledger shared by the indicator tests (tests/ledger_factories.py) holds exactly the
rows the hand computations in test_metrics_db.py assume."""

from __future__ import annotations

from tests.ledger_factories import build_ledger


def test_ledger_holds_the_rows_the_hand_computations_assume(sqlite_url: str) -> None:
    from sqlalchemy import func, select

    from etl.db.engine import make_engine
    from etl.db.models import DisputeCase, JointTask, LitigationCase, Recommendation, ReconsiderationCase

    engine = make_engine(sqlite_url)
    build_ledger(engine)
    with engine.connect() as conn:
        counts = [conn.execute(select(func.count()).select_from(m)).scalar()
                  for m in (LitigationCase, ReconsiderationCase, DisputeCase, Recommendation, JointTask)]
    engine.dispose()
    assert counts == [10, 5, 5, 3, 4]
