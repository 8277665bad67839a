"""The demo generator: deterministic frames, magnitudes from the seeds, clean names, no future dates.

Expected ranges come from docs/domain.md ("Demo county figures"); they are computed
here directly from the generated frames with plain Polars, not through the metrics package.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from etl.demo import DemoData, generate_demo
from etl.names import NameResolver

END = dt.date(2026, 6, 15)
SEEDS = (1, 7, 20231225)
LOSSES = ["revoked", "partially_revoked", "confirmed_illegal", "confirmed_invalid", "ordered_to_perform",
          "varied", "compensation"]
CORRECTIONS = ["revoked", "varied", "confirmed_illegal", "confirmed_invalid", "ordered_to_perform"]
DATE_COLUMNS = {
    "litigation_case": ("filed_on", "hearing_on", "closed_on"),
    "reconsideration_case": ("received_on", "decided_on"),
    "dispute_case": ("received_on", "concluded_on"),
    "recommendation": ("issued_on", "answered_on"),
    "joint_task": ("assigned_on", "completed_on"),
    "meeting": ("held_on",),
    "key_case": ("listed_on", "resolved_on"),
    "supervision_case": ("received_on", "closed_on"),
}


def county_facts(data: DemoData) -> dict[str, pl.DataFrame]:
    [(_, frames)] = list(data.county_facts())
    return frames


@pytest.fixture(scope="module", params=SEEDS)
def facts(request: pytest.FixtureRequest) -> dict[str, pl.DataFrame]:
    return county_facts(generate_demo(request.param, "county", END))


def per_year(frame: pl.DataFrame, column: str, years: tuple[int, ...] = (2023, 2024, 2025)) -> pl.DataFrame:
    return frame.filter(pl.col(column).dt.year().is_in(years)).group_by(year=pl.col(column).dt.year())


def test_same_seed_gives_identical_frames() -> None:
    first, second = generate_demo(5, "county", END), generate_demo(5, "county", END)
    for name, frame in first.geography.frames.items():
        assert_frame_equal(frame, second.geography.frames[name])
    assert_frame_equal(first.targets, second.targets)
    for name, frame in county_facts(first).items():
        assert_frame_equal(frame, county_facts(second)[name])


def test_different_seed_gives_different_facts() -> None:
    one, two = county_facts(generate_demo(1, "county", END)), county_facts(generate_demo(2, "county", END))
    for name in one:
        assert not one[name].equals(two[name]), name


def test_every_fact_table_is_filled_and_no_date_lies_after_end(facts: dict[str, pl.DataFrame]) -> None:
    for name, columns in DATE_COLUMNS.items():
        frame = facts[name]
        assert frame.height > 0, name
        for column in columns:
            dates = frame[column].drop_nulls()
            assert dates.max() <= END, (name, column)
            assert dates.min() >= dt.date(2023, 1, 1), (name, column)


def test_first_instance_volume_is_a_few_hundred_a_year_with_spring_festival_dip(
        facts: dict[str, pl.DataFrame]) -> None:
    first = facts["litigation_case"].filter(pl.col("instance") == "first")
    yearly = per_year(first, "filed_on").len()
    assert yearly["len"].is_between(150, 250).all(), yearly
    full_years = first.filter(pl.col("filed_on").dt.year() <= 2025)
    by_month = full_years.group_by(month=pl.col("filed_on").dt.month()).len()
    winter = by_month.filter(pl.col("month").is_in([1, 2]))["len"].sum() / 2
    rest = by_month.filter(pl.col("month").is_between(4, 12))["len"].sum() / 9
    assert winter < 0.7 * rest


def test_other_instances_have_their_own_case_numbers(facts: dict[str, pl.DataFrame]) -> None:
    cases = facts["litigation_case"]
    counts = dict(cases.group_by("type_code").len().iter_rows())
    assert {"行初", "行终", "行申", "行审"} <= set(counts)
    assert cases.select(pl.struct("court", "case_number").is_duplicated().sum()).item() == 0
    assert cases["case_number_raw"].str.contains(r"^[（(〔]2\d{3}[）)〕]示\d*行(初|终|申|审)\d+号$").all()
    assert cases.filter(pl.col("type_code") == "行初")["case_number"].str.contains("示0928行初|示7101行初").all()


def test_loss_rate_falls_from_about_three_to_under_two_percent(facts: dict[str, pl.DataFrame]) -> None:
    closed = facts["litigation_case"].filter(pl.col("instance") == "first", pl.col("closed_on").is_not_null())
    rates = dict(per_year(closed, "closed_on", (2023, 2024, 2025, 2026))
                 .agg(pl.col("outcome").is_in(LOSSES).mean()).sort("year").iter_rows())
    assert 0.02 <= rates[2023] <= 0.035
    assert rates[2025] <= 0.022 and rates[2025] < rates[2023]
    assert rates[2026] <= 0.025  # half a year: two losses in ~90 closures at most
    assert closed["outcome_raw"].is_not_null().all()
    pending = facts["litigation_case"].filter(pl.col("closed_on").is_null())
    assert pending.height > 0 and pending["outcome"].is_null().all()


def test_head_appearance_is_in_the_high_nineties_and_only_at_hearings(facts: dict[str, pl.DataFrame]) -> None:
    first = facts["litigation_case"].filter(pl.col("instance") == "first")
    heard = first.filter(pl.col("hearing_on").is_not_null())
    assert heard.height > first.height / 2  # most cases are heard
    rates = per_year(heard, "hearing_on").agg(pl.col("appearance").is_in(["principal", "deputy"]).mean())
    assert rates["appearance"].is_between(0.94, 0.99).all(), rates
    assert set(heard["appearance"]) == {"principal", "deputy", "agent_only", "absent"}
    assert first.filter(pl.col("hearing_on").is_null())["appearance"].is_null().all()


def test_reconsideration_volume_settlement_and_correction(facts: dict[str, pl.DataFrame]) -> None:
    recon = facts["reconsideration_case"]
    assert per_year(recon, "received_on").len()["len"].is_between(40, 80).all()
    decided = recon.filter(pl.col("decided_on").is_not_null())
    rates = per_year(decided, "decided_on").agg(
        settled=pl.col("decision").is_in(["mediated", "settled"]).mean(),
        corrected=pl.col("decision").is_in(CORRECTIONS).mean())
    assert rates["settled"].is_between(0.3, 0.4).all(), rates
    assert rates["corrected"].is_between(0.09, 0.17).all(), rates


def test_dispute_channels_show_the_seed_success_rates(facts: dict[str, pl.DataFrame]) -> None:
    concluded = facts["dispute_case"].filter(pl.col("result") != "in_progress")
    rates = dict(concluded.group_by("channel").agg((pl.col("result") == "success").mean()).iter_rows())
    assert set(rates) == {"pre_litigation_mediation", "pre_enforcement_settlement", "coordination",
                          "reconsideration_mediation", "procuratorate"}
    assert 0.42 <= rates["pre_enforcement_settlement"] <= 0.50
    assert 0.55 <= rates["procuratorate"] <= 0.85  # 检察机关参与化解, about seven in ten
    assert 0.55 <= rates["pre_litigation_mediation"] <= 0.65
    overall = (concluded["result"] == "success").mean()
    assert 0.75 <= overall <= 0.85  # substantive resolution ~80%
    assert concluded["concluded_on"].is_not_null().all()
    assert facts["dispute_case"].filter(pl.col("result") == "in_progress")["concluded_on"].is_null().all()


def test_recommendations_are_mostly_answered_on_time_with_a_few_laggards(facts: dict[str, pl.DataFrame]) -> None:
    recs = facts["recommendation"]
    assert per_year(recs, "issued_on").len()["len"].is_between(20, 40).all()
    due = recs.filter(pl.col("due_on") <= END)
    on_time = due.filter(pl.col("answered_on") <= pl.col("due_on"), pl.col("rectified"))
    assert 0.75 <= on_time.height / due.height < 1.0
    laggards = due.height - on_time.height
    assert laggards >= 3
    assert due.filter(pl.col("answered_on").is_null() | ~pl.col("rectified")).height >= 1


def test_tasks_come_from_quarterly_meetings_and_some_are_overdue(facts: dict[str, pl.DataFrame]) -> None:
    tasks = facts["joint_task"]
    yearly = pl.col("reference").str.contains("年度")  # each member unit's own items of the yearly 双清单
    assert per_year(tasks.filter(~yearly), "assigned_on").len()["len"].is_between(30, 50).all()
    per_unit = tasks.filter(yearly).group_by(pl.col("assigned_on").dt.year(), "lead_unit_id").len()["len"]
    assert per_unit.is_between(1, 3).all()
    meetings = per_year(tasks, "assigned_on").agg(pl.col("meeting").n_unique())
    assert (meetings["meeting"] == 4).all()
    overdue = tasks.filter(pl.col("status") == "open", pl.col("deadline") < END)
    assert overdue.height >= 1
    done = tasks.filter(pl.col("status") == "done")
    assert done["completed_on"].is_not_null().all()


def test_worsening_agencies_take_a_growing_share_of_cases_and_losses() -> None:
    data = generate_demo(3, "county", dt.date(2026, 12, 31))
    worse = [u.id for u in data.geography.counties[0].units if u.spec.worsening and u.township is None]
    assert len(worse) == 3
    first = county_facts(data)["litigation_case"].filter(pl.col("instance") == "first")
    share = dict(per_year(first, "filed_on", (2023, 2026)).agg(
        pl.col("defendant_unit_id").is_in(worse).mean()).iter_rows())
    assert share[2026] > share[2023] * 1.4
    losses = first.filter(pl.col("outcome").is_in(LOSSES))
    assert losses["defendant_unit_id"].is_in(worse).mean() > share[2023]


def test_two_townships_get_a_growing_share_of_cases() -> None:
    data = generate_demo(3, "county", dt.date(2026, 12, 31))
    worse = [t.id for t in data.geography.counties[0].townships if t.spec.worsening]
    assert len(worse) == 2
    first = county_facts(data)["litigation_case"].filter(pl.col("instance") == "first")
    share = dict(per_year(first, "filed_on", (2023, 2026)).agg(pl.col("township_id").is_in(worse).mean()).iter_rows())
    assert share[2026] > share[2023] * 1.4


def test_every_raw_spelling_resolves_to_the_stored_id(facts: dict[str, pl.DataFrame]) -> None:
    geo = generate_demo(1, "county", END).geography
    units = NameResolver("示范县")
    aliases = geo.frames["unit_alias"]
    for unit_id, name, short in geo.frames["unit"].select("id", "name", "short_name").iter_rows():
        units.add(unit_id, [name, short, *aliases.filter(pl.col("unit_id") == unit_id)["alias"]])
    towns = NameResolver("示范县")
    region_aliases = geo.frames["region_alias"]
    for region_id, name in geo.frames["region"].filter(pl.col("level") == "township").select("id", "name").iter_rows():
        towns.add(region_id, [name, *region_aliases.filter(pl.col("region_id") == region_id)["alias"]])
    checks = (("litigation_case", "defendant_raw", "defendant_unit_id", units),
              ("reconsideration_case", "respondent_raw", "respondent_unit_id", units),
              ("dispute_case", "unit_raw", "unit_id", units),
              ("recommendation", "addressee_raw", "addressee_unit_id", units),
              ("joint_task", "lead_unit_raw", "lead_unit_id", units),
              ("litigation_case", "township_raw", "township_id", towns))
    for table, raw, resolved, resolver in checks:
        pairs = facts[table].select(raw, resolved).unique().drop_nulls()
        wrong = [(r, i) for r, i in pairs.iter_rows() if resolver.resolve(r) != i]
        assert not wrong, (table, wrong[:5])
        assert facts[table][resolved].null_count() == facts[table][raw].null_count()
    spellings = facts["litigation_case"]["defendant_raw"]
    assert spellings.str.starts_with("示范县").any() and (~spellings.str.starts_with("示范县")).any()


def test_province_scale_has_150_counties_in_15_cities_and_eight_times_the_volume() -> None:
    data = generate_demo(1, "province", END)
    geo = data.geography
    regions = geo.frames["region"]
    assert geo.jurisdiction == "示范省" and len(geo.counties) == 150
    assert regions.filter(pl.col("level") == "city").height == 15
    assert regions.filter(pl.col("level") == "county")["code"].n_unique() == 150
    assert regions.filter(pl.col("level") == "county")["name"].n_unique() == 150
    assert all(name.startswith("示范") for name in regions.filter(pl.col("level") != "township")["name"])
    _, frames = next(data.county_facts())  # streamed: only the first county is generated here
    county = county_facts(generate_demo(1, "county", END))
    ratio = frames["litigation_case"].height / county["litigation_case"].height
    assert 7 <= ratio <= 9
