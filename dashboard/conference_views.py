"""The joint conference's lists shaped for display: meetings and their decisions, key cases, supervision
cases and time limits. Columns are picked, labelled and worded here; every figure comes from
``etl.metrics`` (meetings, key_cases, supervision, durations).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.i18n import Lang
from etl.metrics import Facts, Filters
from etl.metrics.key_cases import key_case_list, status_label
from etl.metrics.meetings import NO_MEETING, kind_label
from etl.metrics.supervision import KIND_LABELS, RESULT_LABELS, label_of
from etl.wording.numbers import percent, time_left, trim


def _h(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def short_name(name: str, region: str | None) -> str:
    """示范县2025年第一次府院联动联席会议 → 2025年第一次府院联动联席会议 inside the county's own view."""
    if region and name.startswith(region) and len(name) > len(region):
        return name[len(region):]
    return name


def _meeting_label(row: dict[str, object], region: str | None, lang: Lang) -> str:
    name = str(row["name"])
    if name == NO_MEETING:
        return _h(lang, NO_MEETING, "(no meeting named)")
    shown = short_name(name, region)
    return shown if row["registered"] else shown + _h(lang, "（未入会议台账）", " (not in the register)")


def newest_first(meetings: pl.DataFrame) -> pl.DataFrame:
    """The register's meetings latest first (what a 督办 list reads first), then the others as they came."""
    registered = meetings.filter(pl.col("registered")).sort("held_on", descending=True, nulls_last=True,
                                                            maintain_order=True)
    return pl.concat([registered, meetings.filter(~pl.col("registered"))])


def decision_segments(meetings: pl.DataFrame, region: str | None, lang: Lang) -> pl.DataFrame:
    """Per meeting (``etl.metrics.meetings.decisions_by_meeting`` rows, in order), the four states of its
    decisions, which add up to its decisions: done on time, done late, open not yet due, overdue."""
    labels = [_meeting_label(r, region, lang) for r in meetings.iter_rows(named=True)]
    return meetings.select(
        pl.Series("label", labels, dtype=pl.String), "done_on_time",
        (pl.col("done") - pl.col("done_on_time")).alias("done_late"),
        (pl.col("open") - pl.col("overdue")).alias("not_due"), "overdue")


def meeting_table(meetings: pl.DataFrame, region: str | None, lang: Lang) -> pl.DataFrame:
    """The register with each meeting's decisions, for the 督办 page and its download."""
    rows = [(_meeting_label(r, region, lang), kind_label(r["kind"], lang) if r["registered"] else "—",
             _date(r["held_on"]), r["minutes_no"] or "", r["decisions"], r["done"], r["done_on_time"], r["overdue"])
            for r in meetings.iter_rows(named=True)]
    headers = [_h(lang, *p) for p in (("会议", "Meeting"), ("类型", "Kind"), ("召开日期", "Held"),
                                       ("纪要文号", "Minutes no."), ("议定事项", "Decisions"), ("已完成", "Done"),
                                       ("其中按期", "On time"), ("逾期未完成", "Overdue"))]
    schema = dict(zip(headers, [pl.String, pl.String, pl.Date, pl.String] + [pl.Int64] * 4, strict=True))
    return pl.DataFrame(rows, schema=schema, orient="row")


def meeting_options(meetings: pl.DataFrame, region: str | None, lang: Lang) -> list[str]:
    """The picker's labels: the meeting and how many of its decisions are overdue."""
    return [f"{_meeting_label(r, region, lang)}（{_h(lang, '逾期', 'overdue')} {r['overdue']}）"
            for r in meetings.iter_rows(named=True)]


def _date(value: object) -> dt.date | None:
    """A date column stays a date (the grid sorts it, an xlsx download holds a real date) and an empty one
    stays empty: ``dashboard.tables`` shows it without a time and blank, one rule for every table."""
    return value if isinstance(value, dt.date) else None


def key_case_table(cases: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """``etl.metrics.key_cases.key_case_list`` rows: what a leader reads of each key case."""
    def state(r: dict[str, object]) -> str:
        if r["overdue"]:
            return time_left(-int(r["days_overdue"]), lang)  # type: ignore[call-overload]
        if r["days_left"] is not None:
            return time_left(int(r["days_left"]), lang)  # type: ignore[call-overload]
        return ""

    rows = [(r["reference"], r["name"], r["unit_name"] or r["unit_raw"] or "", r["leader"] or "",
             _date(r["listed_on"]), _date(r["due_on"]), status_label(r["status"], lang), state(r),
             r["progress"] or "", r["linked"]) for r in cases.iter_rows(named=True)]
    headers = [_h(lang, *p) for p in (("编号/案号", "Reference"), ("案件名称", "Case"), ("责任单位", "Unit"),
                                       ("包案领导", "Leader in charge"), ("列入日期", "Listed"), ("化解期限", "Due"),
                                       ("状态", "Status"), ("期限", "Deadline"), ("化解进展", "Progress"),
                                       ("关联诉讼/争议", "Linked cases"))]
    types = [pl.String] * 4 + [pl.Date] * 2 + [pl.String] * 3 + [pl.Int64]
    return pl.DataFrame(rows, schema=dict(zip(headers, types, strict=True)), orient="row")


def key_case_records(records: pl.DataFrame, facts: Facts, filters: Filters, as_of: dt.date | None,
                     lang: Lang) -> pl.DataFrame:
    """The key cases of a drill list (``drill_records`` on a key-case indicator) as the 重点案件 tab shows
    them: 包案领导, 化解期限 and how far each is from it, in the list's order (overdue first)."""
    listed = key_case_list(facts, as_of, filters)
    return key_case_table(listed.join(records.select("id"), on="id", how="semi", maintain_order="left"), lang)


def drill_table(table: str, records: pl.DataFrame, facts: Facts, filters: Filters, as_of: dt.date | None,
                lang: Lang) -> pl.DataFrame | None:
    """A drill list of one of the conference's own ledgers in its own vocabulary (supervision types and
    results, key-case states), or None for the case ledgers, which ``dashboard.tables`` words itself."""
    if table == "supervision":
        return supervision_table(records, lang)
    if table == "keycases":
        return key_case_records(records, facts, filters, as_of, lang)
    return None


def labelled_mix(mix: pl.DataFrame, labels: dict[str, tuple[str, str]], lang: Lang) -> pl.DataFrame:
    """A (key, count) tally with the reader's wording as ``label``."""
    return mix.with_columns(pl.Series("label", [label_of(labels, k, lang) for k in mix["key"].to_list()],
                                      dtype=pl.String))


def supervision_kinds(mix: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    return labelled_mix(mix, KIND_LABELS, lang)


def supervision_results(mix: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    return labelled_mix(mix, RESULT_LABELS, lang)


def supervision_table(records: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Supervision cases of a drill list (``drill_records(…, "supervision_cases", …)``)."""
    rows = [(r["reference"], label_of(KIND_LABELS, r["kind"], lang), r["unit_name"] or r["supervised_raw"] or "",
             _date(r["received_on"]), _date(r["closed_on"]), label_of(RESULT_LABELS, r["result"], lang))
            for r in records.iter_rows(named=True)]
    headers = [_h(lang, *p) for p in (("案件编号", "Case no."), ("监督类型", "Type"), ("被监督单位", "Supervised unit"),
                                       ("受理日期", "Received"), ("办结日期", "Closed"), ("办理结果", "Result"))]
    types = [pl.String] * 3 + [pl.Date] * 2 + [pl.String]
    return pl.DataFrame(rows, schema=dict(zip(headers, types, strict=True)), orient="row")


def duration_table(frame: pl.DataFrame, lang: Lang, by: str | None = None) -> pl.DataFrame:
    """``days_to_close`` rows: closed, median and 90th-percentile days, over the limit (share)."""
    def days(v: float | None) -> str:
        return "—" if v is None else trim(v, 0)

    def share(n: int, rate: float | None) -> str:
        return "—" if rate is None else f"{n}（{percent(rate, lang)}）"

    first = ("label_zh", _h(lang, "类别", "Kind")) if by is None else (
        "group_name", _h(lang, "单位" if by == "unit" else "领域", "Unit" if by == "unit" else "Subject area"))
    rows = [(r[first[0]] or _h(lang, "（未匹配）", "(unmatched)"), r["closed"], days(r["median_days"]),
             days(r["p90_days"]), share(r["over_limit"], r["over_limit_rate"])) for r in frame.iter_rows(named=True)]
    headers = [first[1], *(_h(lang, *p) for p in (("办结件数", "Closed"), ("中位天数", "Median days"),
                                                   ("90%分位天数", "90th percentile"), ("超期办结", "Over the limit")))]
    return pl.DataFrame(rows, schema=dict(zip(headers, [pl.String, pl.Int64, pl.String, pl.String, pl.String],
                                              strict=True)), orient="row")


def pending_table(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """``pending_cases`` rows: the matters near or past their limit, past first."""
    def left(r: dict[str, object]) -> str:
        return time_left(int(r["days_left"]), lang, statutory=True)  # type: ignore[call-overload]

    rows = [(r["label_zh"] if lang == "zh" else r["kind"], r["reference"] or "", r["unit_name"] or "",
             _date(r["started_on"]), _date(r["due_by"]), r["age_days"], left(r)) for r in frame.iter_rows(named=True)]
    headers = [_h(lang, *p) for p in (("类别", "Kind"), ("案号/文号", "Reference"), ("单位", "Unit"),
                                       ("起算日期", "Started"), ("期限届满", "Limit ends"), ("已历天数", "Age (days)"),
                                       ("状态", "State"))]
    types = [pl.String] * 3 + [pl.Date] * 2 + [pl.Int64, pl.String]
    return pl.DataFrame(rows, schema=dict(zip(headers, types, strict=True)), orient="row")
