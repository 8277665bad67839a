"""One literal-frame test per indicator (the registry contract test requires ``test_<key>_…`` here).

Each frame is tiny and its figure is worked out in the comment next to it.
"""

from __future__ import annotations

from datetime import date as d

import polars as pl
import pytest

from etl.access import ViewerScope, facts_for_viewer
from etl.metrics import Filters, compute_indicators, facts_from_frames, parse_period

Y2025 = parse_period("2025")


def lit(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, infer_schema_length=None)


def case(i: int, **kw: object) -> dict:
    return {"id": i, "instance": "first", **kw}


def test_litigation_cases_counts_first_instance_filings_in_period() -> None:
    facts = facts_from_frames(litigation=lit([
        case(1, filed_on=d(2025, 1, 1)), case(2, filed_on=d(2025, 12, 31)),
        case(3, filed_on=d(2026, 1, 1)), case(4, filed_on=d(2025, 6, 1), instance="second"),
        case(5, filed_on=None)]))
    v = compute_indicators(facts, Y2025)["litigation_cases"]
    assert (v.value, v.numerator, v.denominator) == (2, 2, None)


def test_loss_rate_divides_losses_by_all_first_instance_closures() -> None:
    facts = facts_from_frames(litigation=lit([
        case(1, closed_on=d(2025, 2, 1), outcome="revoked"),
        case(2, closed_on=d(2025, 3, 1), outcome="ordered_to_perform"),
        case(3, closed_on=d(2025, 4, 1), outcome="withdrawn"),
        case(4, closed_on=d(2025, 5, 1), outcome="suit_dismissed"),
        case(5, closed_on=d(2025, 5, 1), outcome="payment"),  # not a loss by default
        case(6, closed_on=d(2024, 5, 1), outcome="revoked")]))
    v = compute_indicators(facts, Y2025)["loss_rate"]
    assert (v.numerator, v.denominator, v.value) == (2, 5, 0.4)
    assert (v.previous, v.change) == (1.0, pytest.approx(-0.6))


def test_double_decline_needs_both_volume_and_loss_rate_strictly_lower() -> None:
    rows = [case(1, filed_on=d(2024, 1, 1), closed_on=d(2024, 2, 1), outcome="revoked"),
            case(2, filed_on=d(2024, 1, 2), closed_on=d(2024, 2, 2), outcome="claim_dismissed"),
            case(3, filed_on=d(2025, 1, 1), closed_on=d(2025, 2, 1), outcome="claim_dismissed")]
    assert compute_indicators(facts_from_frames(litigation=lit(rows)), Y2025).double_decline is True  # 1<2, 0<.5
    rows.append(case(4, filed_on=d(2025, 1, 9)))  # 2 cases: volume not lower
    assert compute_indicators(facts_from_frames(litigation=lit(rows)), Y2025).double_decline is False
    no_closures = [case(1, filed_on=d(2024, 1, 1)), case(2, filed_on=d(2025, 1, 1))]
    assert compute_indicators(facts_from_frames(litigation=lit(no_closures)), Y2025).double_decline is None


def test_head_appearance_rate_counts_hearings_of_any_instance_and_null_as_absent() -> None:
    facts = facts_from_frames(litigation=lit([
        case(1, hearing_on=d(2025, 1, 5), appearance="principal"),
        case(2, hearing_on=d(2025, 1, 6), appearance="absent"),
        case(3, hearing_on=d(2025, 1, 7), appearance=None),
        case(4, hearing_on=d(2025, 1, 8), appearance="deputy", instance="second"),
        case(5, hearing_on=None, appearance="head")]))
    v = compute_indicators(facts, Y2025)["head_appearance_rate"]
    assert (v.numerator, v.denominator, v.value) == (2, 4, 0.5)


def dispute(i: int, channel: str, result: str, concluded: d | None) -> dict:
    return {"id": i, "channel": channel, "result": result, "concluded_on": concluded}


DISPUTES = [
    dispute(1, "pre_litigation_mediation", "success", d(2025, 1, 1)),
    dispute(2, "pre_litigation_mediation", "failure", d(2025, 2, 1)),
    dispute(3, "pre_litigation_mediation", "failure", d(2025, 3, 1)),
    dispute(4, "pre_litigation_mediation", "in_progress", None),
    dispute(5, "pre_enforcement_settlement", "success", d(2025, 4, 1)),
    dispute(6, "pre_enforcement_settlement", "failure", d(2025, 5, 1)),
    dispute(7, "coordination", "success", d(2025, 6, 1)),
    dispute(8, "reconsideration_mediation", "success", d(2025, 7, 1)),
    dispute(9, "coordination", "success", d(2024, 7, 1)),
]


def test_pre_litigation_mediation_rate_excludes_disputes_in_progress() -> None:
    v = compute_indicators(facts_from_frames(disputes=lit(DISPUTES)), Y2025)["pre_litigation_mediation_rate"]
    assert (v.numerator, v.denominator) == (1, 3)


def test_pre_enforcement_settlement_rate_uses_its_own_channel() -> None:
    v = compute_indicators(facts_from_frames(disputes=lit(DISPUTES)), Y2025)["pre_enforcement_settlement_rate"]
    assert (v.numerator, v.denominator, v.value) == (1, 2, 0.5)


def test_substantive_resolution_rate_spans_every_channel() -> None:
    v = compute_indicators(facts_from_frames(disputes=lit(DISPUTES)), Y2025)["substantive_resolution_rate"]
    assert (v.numerator, v.denominator) == (4, 7)  # 1,5,7,8 of 1,2,3,5,6,7,8


#: Adds to DISPUTES what the two remaining channels need: a failure and a pending coordination, and
#: reconsideration mediations that failed or concluded after the period.
CHANNELS = DISPUTES + [
    dispute(10, "coordination", "failure", d(2025, 8, 1)),
    dispute(11, "coordination", "in_progress", None),
    dispute(12, "reconsideration_mediation", "failure", d(2025, 9, 1)),
    dispute(13, "reconsideration_mediation", "failure", d(2025, 10, 1)),
    dispute(14, "reconsideration_mediation", "success", d(2026, 1, 2)),
]


def test_coordination_success_rate_uses_its_own_channel_and_compares_with_last_year() -> None:
    v = compute_indicators(facts_from_frames(disputes=lit(CHANNELS)), Y2025)["coordination_success_rate"]
    assert (v.numerator, v.denominator, v.value) == (1, 2, 0.5)  # 7 succeeded, 10 failed; 11 pending
    assert (v.previous, v.change) == (1.0, -0.5)  # 9 succeeded in 2024


def test_reconsideration_mediation_success_rate_counts_closures_in_the_period_only() -> None:
    v = compute_indicators(facts_from_frames(disputes=lit(CHANNELS)), Y2025)["reconsideration_mediation_success_rate"]
    assert (v.numerator, v.denominator) == (1, 3)  # 8 of 8, 12, 13; 14 concluded in 2026
    assert v.value == pytest.approx(1 / 3)


def test_every_channel_rate_together_makes_the_substantive_resolution_rate() -> None:
    r = compute_indicators(facts_from_frames(disputes=lit(CHANNELS)), Y2025)
    channels = ("pre_litigation_mediation_rate", "pre_enforcement_settlement_rate", "coordination_success_rate",
                "reconsideration_mediation_success_rate", "procuratorate_resolution_success_rate")
    total = r["substantive_resolution_rate"]
    assert sum(r[k].numerator for k in channels) == total.numerator == 4  # 1, 5, 7, 8
    assert sum(r[k].denominator or 0 for k in channels) == total.denominator == 10  # + 2, 3, 6, 10, 12, 13


def test_procuratorate_resolution_success_rate_is_a_channel_of_its_own_inside_the_total() -> None:
    rows = CHANNELS + [dispute(20, "procuratorate", "success", d(2025, 4, 1)),
                       dispute(21, "procuratorate", "failure", d(2025, 5, 1)),
                       dispute(22, "procuratorate", "success", d(2025, 6, 1)),
                       dispute(23, "procuratorate", "in_progress", None)]
    r = compute_indicators(facts_from_frames(disputes=lit(rows)), Y2025)
    v = r["procuratorate_resolution_success_rate"]
    assert (v.numerator, v.denominator) == (2, 3)  # 20, 22 of 20–22; 23 pending
    assert (r["substantive_resolution_rate"].numerator, r["substantive_resolution_rate"].denominator) == (6, 13)


def funnel_row(i: int, channel: str, received: d | None, concluded: d | None, result: str) -> dict:
    return {"id": i, "channel": channel, "received_on": received, "concluded_on": concluded, "result": result}


FUNNEL = [
    funnel_row(1, "pre_litigation_mediation", d(2024, 12, 20), d(2025, 1, 10), "success"),  # received 2024
    funnel_row(2, "pre_litigation_mediation", d(2025, 2, 1), d(2025, 3, 1), "success"),
    funnel_row(3, "coordination", d(2025, 3, 1), d(2025, 4, 1), "failure"),
    funnel_row(4, "pre_enforcement_settlement", d(2025, 5, 1), None, "in_progress"),
    funnel_row(5, "reconsideration_mediation", d(2025, 11, 1), d(2026, 1, 5), "success"),  # concluded 2026
    funnel_row(6, "coordination", d(2025, 6, 1), d(2025, 6, 20), "in_progress"),  # a date, yet pending
    funnel_row(7, "coordination", None, d(2025, 7, 1), "success"),  # receipt date unknown
]


def test_disputes_received_counts_every_channel_by_receipt_date() -> None:
    v = compute_indicators(facts_from_frames(disputes=lit(FUNNEL)), Y2025)["disputes_received"]
    assert (v.value, v.denominator, v.previous) == (5, None, 1)  # 2, 3, 4, 5, 6; 2024: 1


def test_disputes_concluded_counts_closures_in_the_period_without_pending_ones() -> None:
    r = compute_indicators(facts_from_frames(disputes=lit(FUNNEL)), Y2025)
    assert r["disputes_concluded"].value == 4  # 1, 2, 3, 7; 6 is still pending, 5 concluded in 2026
    assert r["disputes_concluded"].value == r["substantive_resolution_rate"].denominator


def test_disputes_resolved_counts_successes_in_the_period() -> None:
    r = compute_indicators(facts_from_frames(disputes=lit(FUNNEL)), Y2025)
    assert r["disputes_resolved"].value == 3  # 1, 2, 7
    assert r["disputes_resolved"].value == r["substantive_resolution_rate"].numerator
    assert compute_indicators(facts_from_frames(disputes=lit(FUNNEL)), parse_period("2026"))[
        "disputes_resolved"].value == 1  # 5


RECON = [
    {"id": 1, "received_on": d(2025, 1, 1), "decided_on": d(2025, 2, 1), "decision": "revoked"},
    {"id": 2, "received_on": d(2025, 1, 2), "decided_on": d(2025, 2, 2), "decision": "confirmed_illegal"},
    {"id": 3, "received_on": d(2025, 1, 3), "decided_on": d(2025, 2, 3), "decision": "upheld"},
    {"id": 4, "received_on": d(2025, 1, 4), "decided_on": d(2025, 2, 4), "decision": "settled"},
    {"id": 5, "received_on": d(2024, 12, 1), "decided_on": d(2025, 2, 5), "decision": "withdrawn"},
    {"id": 6, "received_on": d(2025, 11, 1), "decided_on": None, "decision": None},
]


def test_reconsideration_cases_counts_applications_received() -> None:
    v = compute_indicators(facts_from_frames(reconsideration=lit(RECON)), Y2025)["reconsideration_cases"]
    assert (v.value, v.previous) == (5, 1)


def test_reconsideration_correction_rate_over_decisions_in_period() -> None:
    v = compute_indicators(facts_from_frames(reconsideration=lit(RECON)), Y2025)["reconsideration_correction_rate"]
    assert (v.numerator, v.denominator, v.value) == (2, 5, 0.4)


def test_reconsideration_settlement_rate_excludes_withdrawals_by_default() -> None:
    v = compute_indicators(facts_from_frames(reconsideration=lit(RECON)), Y2025)["reconsideration_settlement_rate"]
    assert (v.numerator, v.denominator) == (1, 5)


def test_recommendation_adoption_rate_needs_answer_by_deadline_and_rectification() -> None:
    facts = facts_from_frames(recommendations=lit([
        {"id": 1, "due_on": d(2025, 3, 1), "answered_on": d(2025, 3, 1), "rectified": True},  # on the day
        {"id": 2, "due_on": d(2025, 3, 1), "answered_on": d(2025, 3, 2), "rectified": True},  # late
        {"id": 3, "due_on": d(2025, 3, 1), "answered_on": d(2025, 2, 1), "rectified": False},  # not rectified
        {"id": 4, "due_on": d(2025, 3, 1), "answered_on": None, "rectified": None},
        {"id": 5, "due_on": d(2026, 1, 1), "answered_on": d(2025, 3, 1), "rectified": True}]))  # due later
    v = compute_indicators(facts, Y2025)["recommendation_adoption_rate"]
    assert (v.numerator, v.denominator, v.value) == (1, 4, 0.25)


#: Two judicial and three procuratorial recommendations due in 2025.
BY_KIND = [
    {"id": 1, "kind": "judicial", "due_on": d(2025, 3, 1), "answered_on": d(2025, 2, 1), "rectified": True},
    {"id": 2, "kind": "judicial", "due_on": d(2025, 4, 1), "answered_on": None, "rectified": None},
    {"id": 3, "kind": "procuratorial", "due_on": d(2025, 5, 1), "answered_on": d(2025, 4, 1), "rectified": True},
    {"id": 4, "kind": "procuratorial", "due_on": d(2025, 5, 1), "answered_on": d(2025, 4, 9), "rectified": True},
    {"id": 5, "kind": "procuratorial", "due_on": d(2025, 5, 1), "answered_on": d(2025, 5, 9), "rectified": True},
]


def test_judicial_recommendation_adoption_rate_counts_only_judicial_recommendations() -> None:
    r = compute_indicators(facts_from_frames(recommendations=lit(BY_KIND)), Y2025)
    v = r["judicial_recommendation_adoption_rate"]
    assert (v.numerator, v.denominator, v.value) == (1, 2, 0.5)  # 1 of 1, 2
    assert (r["recommendation_adoption_rate"].numerator, r["recommendation_adoption_rate"].denominator) == (3, 5)


def test_procuratorial_recommendation_adoption_rate_counts_only_procuratorial_ones_answered_on_time() -> None:
    v = compute_indicators(facts_from_frames(recommendations=lit(BY_KIND)), Y2025)[
        "procuratorial_recommendation_adoption_rate"]
    assert (v.numerator, v.denominator) == (2, 3)  # 3, 4 of 3–5; 5 answered after its due date
    assert v.value == pytest.approx(2 / 3)


KEY_CASES = [
    {"id": 1, "listed_on": d(2025, 2, 1), "status": "resolved"},
    {"id": 2, "listed_on": d(2025, 3, 1), "status": "open"},
    {"id": 3, "listed_on": d(2025, 9, 1), "status": "unresolved"},
    {"id": 4, "listed_on": d(2024, 9, 1), "status": "resolved"},  # listed the year before
    {"id": 5, "listed_on": None, "status": "resolved"},  # no date: in no period
]


def test_key_cases_counts_the_cases_listed_in_the_period() -> None:
    v = compute_indicators(facts_from_frames(keycases=lit(KEY_CASES)), Y2025)["key_cases"]
    assert (v.value, v.previous) == (3, 1)  # 1, 2, 3; 4 in 2024


def test_key_case_resolution_rate_divides_resolved_by_listed() -> None:
    v = compute_indicators(facts_from_frames(keycases=lit(KEY_CASES)), Y2025)["key_case_resolution_rate"]
    assert (v.numerator, v.denominator) == (1, 3)  # 1 of 1–3; open and unresolved are not resolved
    assert v.previous == 1.0


SUPERVISION = [
    {"id": 1, "kind": "litigation", "received_on": d(2025, 1, 5), "closed_on": d(2025, 3, 1), "result": "recommendation"},
    {"id": 2, "kind": "illegal_conduct", "received_on": d(2025, 2, 5), "closed_on": d(2025, 4, 1),
     "result": "not_supported"},
    {"id": 3, "kind": "non_litigation_enforcement", "received_on": d(2024, 12, 5), "closed_on": d(2025, 1, 20),
     "result": "recommendation"},
    {"id": 4, "kind": "litigation", "received_on": d(2025, 11, 5), "closed_on": None, "result": "in_progress"},
    {"id": 5, "kind": "litigation", "received_on": d(2025, 5, 5), "closed_on": d(2025, 6, 1), "result": "protest"},
]


def test_supervision_cases_counts_cases_received_in_the_period() -> None:
    v = compute_indicators(facts_from_frames(supervision=lit(SUPERVISION)), Y2025)["supervision_cases"]
    assert (v.value, v.previous) == (4, 1)  # 1, 2, 4, 5; 3 received in 2024


def test_supervision_recommendation_share_divides_recommendations_by_closures_in_the_period() -> None:
    v = compute_indicators(facts_from_frames(supervision=lit(SUPERVISION)), Y2025)["supervision_recommendation_share"]
    assert (v.numerator, v.denominator, v.value) == (2, 4, 0.5)  # 1, 3 of 1, 2, 3, 5; 4 still open


def test_task_on_time_rate_excludes_cancelled_tasks() -> None:
    facts = facts_from_frames(tasks=lit([
        {"id": 1, "deadline": d(2025, 6, 30), "status": "done", "completed_on": d(2025, 6, 30)},
        {"id": 2, "deadline": d(2025, 6, 30), "status": "done", "completed_on": d(2025, 7, 1)},
        {"id": 3, "deadline": d(2025, 6, 30), "status": "open", "completed_on": None},
        {"id": 4, "deadline": d(2025, 6, 30), "status": "cancelled", "completed_on": None},
        {"id": 5, "deadline": d(2025, 6, 30), "status": "done", "completed_on": None}]))  # date unknown
    v = compute_indicators(facts, Y2025)["task_on_time_rate"]
    assert (v.numerator, v.denominator) == (1, 4)


def test_clearance_rate_divides_closures_by_filings_and_may_exceed_one() -> None:
    facts = facts_from_frames(litigation=lit([
        case(1, filed_on=d(2024, 11, 1), closed_on=d(2025, 1, 10)),
        case(2, filed_on=d(2024, 12, 1), closed_on=d(2025, 2, 10)),
        case(3, filed_on=d(2025, 3, 1), closed_on=d(2025, 5, 10)),
        case(4, filed_on=d(2025, 3, 1), closed_on=None)]))
    v = compute_indicators(facts, Y2025)["clearance_rate"]
    assert (v.numerator, v.denominator, v.value) == (3, 2, 1.5)


def test_counts_report_year_on_year_and_period_on_period_changes() -> None:
    facts = facts_from_frames(litigation=lit([
        case(1, filed_on=d(2024, 4, 3)), case(2, filed_on=d(2024, 4, 9)),  # 2024Q2: 2
        case(3, filed_on=d(2025, 2, 1)), case(4, filed_on=d(2025, 3, 1)),  # 2025Q1: 2 (环比 base) ...
        case(5, filed_on=d(2025, 3, 31)), case(6, filed_on=d(2025, 4, 1))]))  # ... 3; 2025Q2: 1
    v = compute_indicators(facts, parse_period("2025Q2"))["litigation_cases"]
    assert (v.value, v.previous, v.change, v.sequential, v.sequential_change) == (1, 2, -0.5, 3, pytest.approx(-2 / 3))
    assert v.change_kind == "relative"


def test_court_filter_narrows_litigation_only() -> None:
    facts = facts_from_frames(
        litigation=lit([case(1, filed_on=d(2025, 1, 1), court="甲法院"), case(2, filed_on=d(2025, 1, 1), court="乙法院")]),
        reconsideration=lit(RECON))
    r = compute_indicators(facts, Y2025, Filters(courts=("甲法院",)))
    assert (r["litigation_cases"].value, r["reconsideration_cases"].value) == (1, 5)


def test_access_scope_on_facts_hides_other_units_rows() -> None:
    facts = facts_from_frames(litigation=lit([
        case(1, filed_on=d(2025, 1, 1), unit_id=1), case(2, filed_on=d(2025, 1, 1), unit_id=2),
        case(3, filed_on=d(2025, 1, 1), unit_id=None, township_id=7)]))
    own = facts_for_viewer(facts, ViewerScope(unit_ids=(1,)))
    assert compute_indicators(own, Y2025)["litigation_cases"].value == 1
    both = facts_for_viewer(facts, ViewerScope(unit_ids=(1,), township_ids=(7,)))
    assert compute_indicators(both, Y2025)["litigation_cases"].value == 2


def test_grouping_lists_member_units_and_any_other_unit_with_records() -> None:
    from etl.metrics import compute_grouped

    units = pl.DataFrame({"id": [1, 2, 3, 4], "name": ["甲局", "县人民法院", "旧局", "乙局"],
                          "unit_type": ["agency", "court", "agency", "agency"], "active": [True, True, False, True]})
    facts = facts_from_frames(units=units, litigation=lit([case(1, filed_on=d(2025, 1, 1), unit_id=3),
                                                           case(2, filed_on=d(2025, 1, 1), unit_id=9)]))
    table = compute_grouped(facts, Y2025, by="unit").sort("group_id")
    assert table.select("group_id", "group_name", "litigation_cases").rows() == [
        (1, "甲局", 0), (3, "旧局", 1), (4, "乙局", 0), (9, "#9", 1)]


def test_targets_prefer_the_scope_then_the_whole_jurisdiction() -> None:
    targets = pl.DataFrame([
        {"year": 2025, "indicator_key": "loss_rate", "scope_type": "region", "scope_id": None, "value": 0.05},
        {"year": 2025, "indicator_key": "loss_rate", "scope_type": "region", "scope_id": 22, "value": 0.03},
        {"year": 2025, "indicator_key": "loss_rate", "scope_type": "unit", "scope_id": 1, "value": 0.01},
        {"year": 2025, "indicator_key": "litigation_cases", "scope_type": "region", "scope_id": None, "value": 90.0}])
    facts = facts_from_frames(targets=targets)

    def target(key: str, filters: Filters) -> float | None:
        return compute_indicators(facts, Y2025, filters)[key].target

    assert target("loss_rate", Filters()) == 0.05
    assert target("loss_rate", Filters(region_ids=(22,))) == 0.03
    assert target("loss_rate", Filters(region_ids=(41,))) == 0.05  # no county target: the jurisdiction's
    assert target("loss_rate", Filters(unit_ids=(1,))) == 0.01
    assert target("loss_rate", Filters(unit_ids=(2,))) == 0.05  # a rate falls back to the region's
    assert target("litigation_cases", Filters(unit_ids=(2,))) is None  # a count does not
    assert target("loss_rate", Filters(unit_ids=(1, 2))) == 0.05  # several units: the region's
