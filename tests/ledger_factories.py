"""Hand-made counties whose figures are worked out by hand, shared by the tests of several packages.

``build_ledger`` is the indicator ledger (its rows are checked by
tests/etl/metrics/test_metrics_ledger.py; the figures are worked out in test_metrics_db.py);
``briefing_ledger`` is the small county of the briefing, access and audit tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date as d

from sqlalchemy import Engine

from tests.factories import (
    add_area,
    add_case,
    add_county,
    add_dispute,
    add_recommendation,
    add_reconsideration,
    add_target,
    add_task,
    add_township,
    add_unit,
)

D = dt.date


@dataclass(frozen=True)
class LedgerIds:
    county: int
    t1: int  # 柳屯镇
    t2: int  # 城关镇
    u1: int  # 示范县自然资源局
    u2: int  # 示范县人力资源和社会保障局
    u3: int  # 示范县市场监督管理局: no records at all
    land: int  # subject area 土地征收


def build_ledger(engine: Engine) -> LedgerIds:
    with engine.begin() as conn:
        county = add_county(conn, "示范县")
        t1 = add_township(conn, "柳屯镇", county, aliases=("柳屯乡",))
        t2 = add_township(conn, "城关镇", county)
        u1 = add_unit(conn, "示范县自然资源局", county, short_name="自然资源局", sort_order=1)
        u2 = add_unit(conn, "示范县人力资源和社会保障局", county, short_name="人社局", sort_order=2)
        u3 = add_unit(conn, "示范县市场监督管理局", county, short_name="市场监管局", sort_order=3)
        land = add_area(conn, "土地征收")
        # 2025 first instance
        add_case(conn, defendant_unit_id=u1, township_id=t1, subject_area_id=land, filed_on=d(2025, 2, 10),
                 hearing_on=d(2025, 4, 1), head_appeared=True, closed_on=d(2025, 5, 10), outcome="revoked")
        add_case(conn, defendant_unit_id=u1, township_id=t1, filed_on=d(2025, 3, 5), hearing_on=d(2025, 5, 1),
                 head_appeared=False, closed_on=d(2025, 6, 20), outcome="claim_dismissed")
        add_case(conn, defendant_unit_id=u2, township_id=t2, filed_on=d(2025, 7, 1), hearing_on=d(2025, 8, 1),
                 head_appeared=True, closed_on=d(2025, 9, 1), outcome="withdrawn", court="邻县人民法院")
        add_case(conn, defendant_unit_id=None, township_id=t2, filed_on=d(2025, 11, 11))
        # 2025 second instance: counts only for head appearance
        add_case(conn, defendant_unit_id=u1, instance="second", court="市中级人民法院", filed_on=d(2025, 6, 1),
                 hearing_on=d(2025, 7, 10), head_appeared=True, closed_on=d(2025, 8, 1), outcome="revoked")
        # 2024 first instance
        add_case(conn, defendant_unit_id=u1, filed_on=d(2024, 1, 15), closed_on=d(2024, 3, 1), outcome="revoked")
        add_case(conn, defendant_unit_id=u1, filed_on=d(2024, 4, 1), closed_on=d(2024, 6, 1),
                 outcome="confirmed_illegal")
        add_case(conn, defendant_unit_id=u2, filed_on=d(2024, 5, 1), closed_on=d(2024, 7, 1),
                 outcome="claim_dismissed")
        add_case(conn, defendant_unit_id=u2, filed_on=d(2024, 8, 1), closed_on=d(2024, 12, 31), outcome="withdrawn")
        add_case(conn, defendant_unit_id=u2, filed_on=d(2024, 12, 31), closed_on=d(2025, 1, 1),
                 outcome="suit_dismissed")
        # reconsideration
        add_reconsideration(conn, respondent_unit_id=u1, received_on=d(2025, 1, 10), decided_on=d(2025, 3, 1),
                            decision="revoked")
        add_reconsideration(conn, respondent_unit_id=u1, received_on=d(2025, 2, 1), decided_on=d(2025, 4, 1),
                            decision="mediated")
        add_reconsideration(conn, respondent_unit_id=u2, received_on=d(2025, 3, 1), decided_on=d(2025, 5, 1),
                            decision="withdrawn")
        add_reconsideration(conn, respondent_unit_id=u2, received_on=d(2025, 12, 1))
        add_reconsideration(conn, respondent_unit_id=u2, received_on=d(2024, 11, 1), decided_on=d(2025, 1, 5),
                            decision="upheld")
        # disputes
        add_dispute(conn, channel="pre_litigation_mediation", result="success", unit_id=u1,
                    concluded_on=d(2025, 3, 1))
        add_dispute(conn, channel="pre_litigation_mediation", result="failure", unit_id=u1,
                    concluded_on=d(2025, 4, 1))
        add_dispute(conn, channel="pre_litigation_mediation", result="in_progress", unit_id=u2)
        add_dispute(conn, channel="pre_enforcement_settlement", result="success", unit_id=u2,
                    concluded_on=d(2025, 5, 1))
        add_dispute(conn, channel="coordination", result="success", unit_id=None, concluded_on=d(2025, 6, 1))
        # recommendations
        add_recommendation(conn, addressee_unit_id=u1, due_on=d(2025, 3, 31), answered_on=d(2025, 3, 20),
                           rectified=True)
        add_recommendation(conn, addressee_unit_id=u1, due_on=d(2025, 6, 30), answered_on=d(2025, 7, 5),
                           rectified=True)
        add_recommendation(conn, addressee_unit_id=u2, due_on=d(2025, 9, 30))
        # joint tasks
        add_task(conn, lead_unit_id=u1, deadline=d(2025, 6, 30), status="done", completed_on=d(2025, 6, 1))
        add_task(conn, lead_unit_id=u1, deadline=d(2025, 6, 30), status="done", completed_on=d(2025, 7, 10))
        add_task(conn, lead_unit_id=u2, deadline=d(2025, 9, 30), status="open")
        add_task(conn, lead_unit_id=u2, deadline=d(2025, 10, 31), status="cancelled")
        # targets
        add_target(conn, 2025, "loss_rate", 0.30)
        add_target(conn, 2025, "head_appearance_rate", 1.0)
        add_target(conn, 2025, "litigation_cases", 4)
        add_target(conn, 2025, "loss_rate", 0.40, scope_type="unit", scope_id=u1)
    return LedgerIds(county, t1, t2, u1, u2, u3, land)


def briefing_ledger(engine: Engine) -> dict[str, int]:
    """Two agencies, one township government, two townships; 2025H1 against 2024H1.

    2025H1: 4 first-instance filings (2024H1: 3) → 同比增加1件 (too few for a per cent); closed 2 of
    which 1 lost (too few for a rate: the counts are given); 2 hearings, head present at 1, against a
    100% target; one task overdue at 30 June; one recommendation unanswered and overdue. 自然资源局's
    suits are about 土地征收, 住建局's about 房屋征收 (the briefing's 分领域分析).
    """
    with engine.begin() as conn:
        county = add_county(conn, "示范县")
        east = add_township(conn, "东关街道", county)
        river = add_township(conn, "柳河镇", county)
        land = add_unit(conn, "示范县自然资源局", county, short_name="自然资源局")
        housing = add_unit(conn, "示范县住房和城乡建设局", county, short_name="住建局")
        town_gov = add_unit(conn, "柳河镇人民政府", county, unit_type="township_gov", township_id=river)
        expropriation, housing_area = add_area(conn, "土地征收"), add_area(conn, "房屋征收", 1)
        rows = [(land, river, D(2025, 2, 1), D(2025, 4, 1), D(2025, 5, 1), "dismissed", True),
                (land, river, D(2025, 3, 1), D(2025, 5, 1), D(2025, 6, 1), "revoked", False),
                (land, east, D(2025, 5, 1), None, None, None, None),
                (housing, east, D(2025, 6, 1), None, None, None, None),
                (land, river, D(2024, 2, 1), D(2024, 4, 1), D(2024, 5, 1), "revoked", True),
                (land, east, D(2024, 3, 1), None, D(2024, 6, 1), "dismissed", None),
                (housing, river, D(2024, 4, 1), None, D(2024, 6, 2), "revoked", None)]
        for unit, town, filed, heard, closed, outcome, head in rows:
            add_case(conn, defendant_unit_id=unit, township_id=town, filed_on=filed, hearing_on=heard,
                     closed_on=closed, outcome=outcome, head_appeared=head,
                     subject_area_id=expropriation if unit == land else housing_area)
        add_target(conn, 2025, "head_appearance_rate", 1.0)
        add_task(conn, lead_unit_id=housing, deadline=D(2025, 5, 31), content="规范房屋征收程序")
        add_recommendation(conn, addressee_unit_id=town_gov, issued_on=D(2025, 3, 1), due_on=D(2025, 5, 1))
    return {"land": land, "housing": housing, "town_gov": town_gov, "east": east, "river": river}
