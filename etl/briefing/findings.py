"""存在问题, 下步工作 and 提醒督促, written from the data by rules.

Each rule looks at one thing (volume, losses, hearings without the head, resolution, reconsideration,
overdue tasks, overdue replies, unmatched names) and, when the figures show a problem, gives the
problem and the work that answers it, naming the units concerned. Reminders go to responsible units
only — agencies and township governments, one line each with their own problems — never to the
county government that convenes the conference, a court or procuratorate, or a place (a township
is where a dispute arose, not who answers for it). Overdue 双清单 tasks are named unit by unit while
few units have them; past ``NAMED_IN_BODY`` units they are counted and left to their annex.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from etl.briefing.annexes import NAMED_IN_BODY
from etl.briefing.data import BriefingData
from etl.briefing.sections import RECONSIDERATION_RATES, RESOLUTION_RATES, rate_line, rising_areas
from etl.db.models import UnitType
from etl.metrics import INDICATORS_BY_KEY
from etl.wording.changes import count_change
from etl.wording.labels import prose_label
from etl.wording.numbers import count
from etl.wording.sentences import rests_on_enough
from etl.wording.status import target_clause

#: Who may be reminded: agencies and township governments (not the county government, courts …).
ADDRESSEES = (UnitType.AGENCY.value, UnitType.TOWNSHIP_GOV.value)
OFF_TARGET = ("missed", "close")


@dataclass(frozen=True)
class Finding:
    problem: str
    action: str = ""


def _unit_count(frame: pl.DataFrame) -> str:
    """涉及3个单位 / 涉及1个单位 (unmatched names count as one unit each)."""
    matched = frame["unit_id"].drop_nulls().n_unique()
    return f"{matched + int(frame['unit_id'].is_null().sum())}个单位"


def _status_clause(data: BriefingData, key: str) -> str:
    v, direction = data.result[key], INDICATORS_BY_KEY[key].direction
    value = None if v.value is None else float(v.value)
    return target_clause(value, v.target, None if direction is None else direction.value, v.status, gap=False)


def _off_target(data: BriefingData, key: str) -> bool:
    """A rate missed (or nearly missed) its target, over enough records to say so: one failed
    settlement out of one is not a finding."""
    v = data.result[key]
    return v.status in OFF_TARGET and v.value is not None and rests_on_enough(v.denominator, data.min_records)


def findings(data: BriefingData) -> list[Finding]:
    r = data.result
    out: list[Finding] = []
    cases = r["litigation_cases"]
    if cases.previous is not None and (cases.value or 0) > cases.previous:
        rising = rising_areas(data)["group_name"].to_list()
        where = f"，{'、'.join(rising)}领域增加较多" if rising else ""
        out.append(Finding(
            f"行政诉讼发案量{count_change(cases.value, cases.previous, basis='yoy', min_records=data.min_records)}{where}",
            f"加强{'、'.join(rising) + '等' if rising else '重点'}领域执法规范化建设和源头治理，遏制发案量上升势头"))
    # Units are counted here, not listed: they are named with their cases above and in 提醒督促 below.
    if data.lost.height:
        status = _status_clause(data, "loss_rate") if _off_target(data, "loss_rate") else ""
        out.append(Finding(
            f"发生败诉案件{data.lost.height}件，涉及{_unit_count(data.lost)}"
            + (f"，{prose_label('loss_rate')}{status}" if status else ""),
            "督促败诉单位深入分析败诉原因，落实整改，依法依规追究败诉责任"))
    if data.absent.height:
        out.append(Finding(f"{data.absent.height}件庭审行政机关负责人未出庭应诉，涉及{_unit_count(data.absent)}",
                           "严格落实行政机关负责人出庭应诉制度，按月通报出庭情况"))
    behind = [k for k in RESOLUTION_RATES if _off_target(data, k)]
    if behind:
        out.append(Finding(
            "；".join(f"{rate_line(data, k)}，{_status_clause(data, k)}" for k in behind),
            f"发挥诉前调解、执前和解等渠道作用，提升{'、'.join(prose_label(k) for k in behind)}"))
    for key in RECONSIDERATION_RATES:
        if _off_target(data, key):
            action = ("对复议纠错较多的单位开展执法案卷评查" if key == "reconsideration_correction_rate"
                      else "在行政复议中加大调解和解力度")
            out.append(Finding(f"{rate_line(data, key)}，{_status_clause(data, key)}", action))
    if data.tasks.height:
        out.append(Finding(f"截至{data.as_of_label}，{data.tasks.height}项双清单任务逾期未完成，"
                           f"涉及{_unit_count(data.tasks)}", "对逾期双清单任务逐项督办，限期完成"))
    overdue = data.recommendations.filter(pl.col("overdue")) if data.recommendations.height else data.recommendations
    if overdue.height:
        out.append(Finding(f"截至{data.as_of_label}，{overdue.height}件司法建议和检察建议逾期未答复，"
                           f"涉及{_unit_count(overdue)}", "督促按期答复司法建议和检察建议并落实整改"))
    unmatched = sum(int(f["unit_id"].is_null().sum()) for f in (data.lost, data.absent, data.tasks, overdue)
                    if f.height)
    if unmatched:
        out.append(Finding(f"{unmatched}条记录的责任单位名称未能与单位名录匹配，未能列入提醒督促",
                           "联席会议办公室核实责任单位名称，在数据管理中完成名称匹配"))
    return out


def problem_paragraphs(found: list[Finding]) -> tuple[str, ...]:
    if not found:
        return ("本期各项主要指标总体平稳，未发现需要专门指出的问题。",)
    return ("；".join(f"{_ordinal(n)}是{f.problem}" for n, f in enumerate(found)) + "。",)


def action_paragraphs(found: list[Finding]) -> tuple[str, ...]:
    actions = [f.action for f in found if f.action]
    if not actions:
        return ("巩固现有成效，继续落实联席会议各项部署，推动“双下降”工作持续向好。",)
    return ("；".join(f"{_ordinal(n)}是{action}" for n, action in enumerate(actions)) + "。",)


def _ordinal(n: int) -> str:
    return "一二三四五六七八九十"[n] if n < 10 else str(n + 1)


def reminders(data: BriefingData, names: dict[int, str]) -> list[tuple[str, str]]:
    """(unit's short name, its problems) for each responsible unit with something to answer for."""
    units = data.facts.units
    kinds = dict(zip(units["id"].to_list(), units["unit_type"].to_list(), strict=True))
    problems: dict[int, list[str]] = defaultdict(list)

    def add(frame: pl.DataFrame, text: Callable[[pl.DataFrame], str]) -> None:
        for unit_id, rows in frame.filter(pl.col("unit_id").is_not_null()).group_by("unit_id", maintain_order=True):
            problems[int(unit_id[0])].append(text(rows))

    # Short: the cases and items themselves are named in the body and the annexes.
    add(data.lost, lambda rows: f"败诉{rows.height}件")
    add(data.absent, lambda rows: f"{rows.height}件庭审负责人未出庭")
    # Rising volume by the 预警 rule (enough cases, a real rise), stated briefly: 发案量同比增加3件.
    rising = data.warnings.filter(pl.col("kind") == "volume_rise").select("group_id").join(
        data.units.select("group_id", "litigation_cases", "litigation_cases__previous"), on="group_id")
    for gid, cur, prev in rising.iter_rows():
        problems[int(gid)].append(f"发案量{count_change(cur, prev, basis='yoy', min_records=data.min_records)}")
    if not tasks_in_annex(data):
        add(data.tasks, lambda rows: f"{rows.height}项双清单任务逾期未完成")
    if data.recommendations.height:
        add(data.recommendations.filter(pl.col("overdue")), lambda rows: f"{count(rows.height)}司法建议或检察建议逾期未答复")
    order = dict(zip(units["id"].to_list(), units["sort_order"].fill_null(0).to_list(), strict=True))
    return [(names.get(u, str(u)), "；".join(problems[u])) for u in sorted(problems, key=lambda u: (order.get(u, 0), u))
            if kinds.get(u) in ADDRESSEES]


def _task_units(data: BriefingData) -> int:
    """Responsible units (agencies and township governments) with a 双清单 task overdue."""
    units = data.facts.units.filter(pl.col("unit_type").is_in(ADDRESSEES))["id"]
    return data.tasks.filter(pl.col("unit_id").is_in(units.implode()))["unit_id"].n_unique() if data.tasks.height else 0


def tasks_in_annex(data: BriefingData) -> bool:
    """Overdue 双清单 tasks are reminded unit by unit only while few units have them; beyond that the
    reminder counts the units and points at the annex that lists each task with its unit, as the body
    does with long lists of cases (a county where every member unit states yearly items can have
    twenty units behind, which would push the 正文 past four pages)."""
    return _task_units(data) > NAMED_IN_BODY


def task_reminder(data: BriefingData, see: str = "") -> str:
    """The paragraph for overdue 双清单 tasks when their units are not named one by one ('' otherwise)."""
    if not tasks_in_annex(data):
        return ""
    # One line: the date and the tasks themselves are in the body's 三 and in the annex. Counted as 存在问题
    # counts them (a court's or procuratorate's overdue task too), so the two paragraphs agree.
    return f"{_unit_count(data.tasks)}的双清单任务逾期未完成{see}。"


def reminder_paragraphs(lines: list[tuple[str, str]], tasks: str = "") -> tuple[str, ...]:
    """One paragraph per distinct problem, naming every unit that has exactly it (each unit once), then
    the overdue 双清单 tasks when they are reminded by count (``task_reminder``)."""
    if not lines and not tasks:
        return ("本期无需专门提醒督促的单位，请各单位继续保持。",)
    grouped: dict[str, list[str]] = defaultdict(list)
    for name, text in lines:
        grouped[text].append(name)
    return ("请以下单位抓好整改，于下次联席会议前报送整改情况：",
            *(f"{'、'.join(names)}：{text}。" for text, names in grouped.items()), *((tasks,) if tasks else ()))
