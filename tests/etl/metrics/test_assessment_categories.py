"""Categories: departments and township governments ranked apart, places restarting at 1 in each; the
county government, court and procuratorate not ranked unless the scheme says so; ties and tie-breaks."""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.access import mask_ranking
from etl.metrics import facts_from_frames, parse_period, parse_scheme, rank

Y2025 = parse_period("2025")
D = dt.date
#: Loss rate only (full at 0%, zero at 50%): three closures per unit, the number lost set per unit.
LOSS_ONLY = {"name": "测试", "min_cases": 1, "indicators": [
    {"key": "loss_rate", "weight": 100, "target": 0.0, "threshold": 0.5}]}
UNITS = pl.DataFrame({
    "id": [1, 2, 3, 4, 5, 6, 7],
    "name": ["甲局", "乙局", "丙局", "东镇人民政府", "西镇人民政府", "县人民政府", "县人民法院"],
    "unit_type": ["agency", "agency", "other", "township_gov", "township_gov", "government", "court"]})
LOST = {1: 0, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0, 7: 0}  # unit → losses of 4 closures


def facts(lost: dict[int, int] = LOST, **extra: object) -> object:
    rows = [{"unit_id": u, "instance": "first", "court": "县法院", "case_number": f"{u}-{n}",
             "closed_on": D(2025, 3, 1 + n), "outcome": "revoked" if n < k else "claim_dismissed"}
            for u, k in lost.items() for n in range(4)]
    return facts_from_frames(litigation=pl.DataFrame(rows).with_row_index("id"), units=UNITS, **extra)


def test_departments_and_township_governments_are_ranked_apart_from_one() -> None:
    table = rank(facts(), Y2025, scheme=parse_scheme(LOSS_ONLY))
    got = table.select("category", "group_name", "rank", "score").rows()
    # 县直部门: 甲 0 losses (100), 乙 and 丙 1 of 4 (25% → 50) share 2nd; 乡镇: 西镇 100, 东镇 50.
    assert got == [("县直部门", "甲局", 1, 100.0), ("县直部门", "丙局", 2, 50.0), ("县直部门", "乙局", 2, 50.0),
                   ("乡镇(街道)", "西镇人民政府", 1, 100.0), ("乡镇(街道)", "东镇人民政府", 2, 50.0)]


def test_the_county_government_and_court_are_ranked_only_when_the_scheme_says_so() -> None:
    assert not {"县人民政府", "县人民法院"} & set(rank(facts(), Y2025, scheme=parse_scheme(LOSS_ONLY))["group_name"])
    widened = parse_scheme({**LOSS_ONLY, "categories": {"县直部门": ["部门", "其他", "县政府"], "乡镇": ["乡镇政府"]}})
    table = rank(facts(), Y2025, scheme=widened)
    assert table.filter(pl.col("group_name") == "县人民政府")["category"].to_list() == ["县直部门"]
    assert "县人民法院" not in set(table["group_name"])
    # 县人民政府 and 甲局 both lost nothing: they share the first place of their category.
    assert table.filter(pl.col("rank") == 1)["group_name"].to_list() == ["县人民政府", "甲局", "西镇人民政府"]


def test_townships_form_one_category_named_after_the_township_governments() -> None:
    towns = pl.DataFrame({"id": [10, 11], "name": ["东镇", "西镇"]})
    rows = [{"township_id": 10 + (n % 2), "instance": "first", "closed_on": D(2025, 4, 1 + n),
             "outcome": "claim_dismissed"} for n in range(6)]
    f = facts_from_frames(litigation=pl.DataFrame(rows).with_row_index("id"), units=UNITS, townships=towns)
    table = rank(f, Y2025, by="township", scheme=parse_scheme(LOSS_ONLY))
    assert table.select("category", "rank").rows() == [("乡镇(街道)", 1), ("乡镇(街道)", 1)]


def test_rank_change_compares_places_within_the_category() -> None:
    before = {1: 2, 2: 0, 3: 1, 4: 0, 5: 1}  # 2024: 乙 1st, 丙 2nd, 甲 3rd; 东镇 1st, 西镇 2nd
    rows = [{"unit_id": u, "instance": "first", "court": "县法院", "case_number": f"{y}-{u}-{n}",
             "closed_on": D(y, 3, 1 + n), "outcome": "revoked" if n < k else "claim_dismissed"}
            for y, lost in ((2024, before), (2025, LOST)) for u, k in lost.items() for n in range(4)]
    f = facts_from_frames(litigation=pl.DataFrame(rows).with_row_index("id"), units=UNITS)
    table = rank(f, Y2025, scheme=parse_scheme(LOSS_ONLY))
    got = {r["group_name"]: r["rank_change"] for r in table.iter_rows(named=True)}
    # 甲 3rd → 1st (+2); 乙 1st → 2nd (−1); 丙 2nd → 2nd (0); 西镇 2nd → 1st (+1); 东镇 −1.
    assert got == {"甲局": 2, "乙局": -1, "丙局": 0, "西镇人民政府": 1, "东镇人民政府": -1}


def test_a_masked_ranking_counts_ties_within_a_category() -> None:
    table = rank(facts(), Y2025, scheme=parse_scheme(LOSS_ONLY))
    masked = mask_ranking(table, (1,), "unit")
    # Each category has its own 第1名/第2名: the stand-ins do not take a tie suffix across categories.
    assert masked["group_name"].to_list() == ["甲局", "第2名单位(1)", "第2名单位(2)", "第1名单位", "第2名单位"]


def test_equal_scores_follow_the_schemes_tie_break_and_otherwise_share_the_place() -> None:
    scheme = {**LOSS_ONLY, "indicators": [
        {"key": "loss_rate", "weight": 50, "target": 0.0, "threshold": 0.5},
        {"key": "litigation_cases", "weight": 50, "measure": "change", "target": -0.2, "threshold": 1.0}]}
    rows = [{"unit_id": u, "instance": "first", "court": "县法院", "case_number": f"{u}-{n}",
             "filed_on": D(2024 if u == 2 else 2025, 2, 1 + n), "closed_on": D(2025, 3, 1 + n),
             "outcome": "claim_dismissed"} for u in (1, 2, 3) for n in range(2)]
    f = facts_from_frames(litigation=pl.DataFrame(rows).with_row_index("id"), units=UNITS)
    # 甲, 丙: 2 suits filed in 2025 (0 → 2: +40% → 25 of 50) and 2 closures; 乙: filed in 2024, 2 → 0: full.
    # Loss rate 0% for all (2 closures, min_cases 1). 甲 and 丙 tie at 75; 乙 scores 100.
    departments = pl.col("category") == "县直部门"
    shared = rank(f, Y2025, scheme=parse_scheme(scheme)).filter(departments).select("group_name", "rank").rows()
    assert shared == [("乙局", 1), ("丙局", 2), ("甲局", 2)]
    # A tie-break on fewer lawsuits filed cannot separate 甲 and 丙 (2 each): they still share.
    broken = rank(f, Y2025, scheme=parse_scheme({**scheme, "tie_break": ["litigation_cases"]})).filter(departments)
    assert broken.select("group_name", "rank").rows() == shared
    # One dispute resolved by 甲 and a tie-break on disputes resolved (more first) puts 甲 ahead.
    disputes = pl.DataFrame({"id": [1], "unit_id": [1], "channel": ["coordination"], "result": ["success"],
                             "concluded_on": [D(2025, 5, 1)]})
    f2 = facts_from_frames(litigation=pl.DataFrame(rows).with_row_index("id"), units=UNITS, disputes=disputes)
    broken = rank(f2, Y2025, scheme=parse_scheme({**scheme, "tie_break": ["substantive_resolution_rate__num"]}))
    assert broken.filter(departments).select("group_name", "rank").rows() == [("乙局", 1), ("甲局", 2), ("丙局", 3)]


def test_a_unit_resting_on_too_little_weight_takes_no_place() -> None:
    scheme = parse_scheme({**LOSS_ONLY, "min_measured_weight": 30, "indicators": [
        {"key": "loss_rate", "weight": 20, "target": 0.0, "threshold": 0.5},
        {"key": "head_appearance_rate", "weight": 80, "measure": "shortfall", "method": "deduction", "per": 10}]})
    hearings = pl.DataFrame({"unit_id": [2], "instance": ["first"], "hearing_on": [D(2025, 6, 1)],
                             "appearance": ["principal"]})
    rows = facts().litigation.select("unit_id", "instance", "closed_on", "outcome")
    f = facts_from_frames(litigation=pl.concat([rows, hearings], how="diagonal_relaxed").with_row_index("id"),
                          units=UNITS)
    table = rank(f, Y2025, scheme=scheme)
    # Only 乙 had a hearing: its loss rate and appearance (100 of the weight) rest on records; the others'
    # loss rate alone (20) is below 30, so they keep a score but take no place.
    ranked = table.filter(pl.col("rank").is_not_null())["group_name"].to_list()
    assert ranked == ["乙局"]
    assert table.filter(pl.col("group_name") == "甲局")["score"][0] == 100.0
