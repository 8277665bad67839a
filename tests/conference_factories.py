"""A county with the joint conference's own ledgers, written the way an office writes them.

``conference_county(engine)`` builds 河清县 (five agencies, one township) and imports five messy sheets
through the importer: the meeting register, the 双清单 tasks (linked to meetings by name and by 纪要文号),
the key cases, the procuratorate's supervision cases and the recommendations (two 司法建议 and two
检察建议, one of each answered and rectified on time: each adoption rate 50%). Every row is commented with what it tests and
what it must become; the counts the tests expect are in ``EXPECTED``.

As of 2025-12-31 the meetings' decisions are (worked out from ``TASKS``):

| meeting | decisions | done | on time | overdue |
|---|---|---|---|---|
| 2025年第一次府院联动联席会议 (河府院联纪〔2025〕1号) | 3 (2025-01, -02, -03) | 2 | 1 (-01) | 1 (-03) |
| 2025年第二次府检联动联席会议 (河府检联纪〔2025〕2号) | 1 (-04; -05 cancelled) | 0 | 0 | 0 |
| 2025年第三次联席会议 (河府院检联纪〔2025〕3号) | 1 (-06) | 1 | 1 | 0 |
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
from sqlalchemy import Engine

from etl.importing.pipeline import FileResult, ImportOptions, import_file
from tests.factories import add_area, add_county, add_township, add_unit

TITLE = "河清县府院府检联动联席会议办公室"
REPORTER = "填报单位：河清县司法局    填报日期：2026年1月5日"

#: Rows whose wording no vocabulary knows: stored and held (docs/decisions/0011-held-values.md). The
#: import tests read them; :func:`conference_county` leaves them out, so the county's figures worked out
#: by hand below are those of confirmed records.
HELD_MEETING: list[object] = [5, "2025年第四次府院联动联席会议", "专题会", "2025-12-10", None, None, None]  # unknown type
HELD_SUPERVISION: list[object] = ["河检行监〔2025〕4号", "行政公益诉讼", "自然资源局", "2025/7/1", None, None]  # not a type
HELD_ROWS = (HELD_MEETING, HELD_SUPERVISION)

MEETINGS: list[list[object]] = [
    [f"{TITLE} 联席会议台账"], [REPORTER],
    ["序号", "会议名称", "会议类别", "会议时间", "会议纪要文号", "出席单位", "承办单位"],
    [1, "2025年第一次府院联动联席会议", "府院联动联席会议", "2025年3月20日", "河府院联纪〔2025〕1号",
     "县法院、县检察院、县司法局、县自然资源局", "县司法局"],
    [2, "2025年第二次府检联动联席会议", "府检", "2025/6/18", "河府检联纪〔2025〕2号", "县检察院、县司法局", "司法局"],
    [3, "２０２５年第三次联席会议", "府院府检联动", "20250925", "河府院检联纪(2025)3号", "县法院、县检察院", "河清县司法局"],
    [4, "2025年第三次联席会议", "联合", "2025.9.25", "河府院检联纪〔2025〕3号", "县法院、县检察院、各乡镇",
     "河清县司法局"],  # the same meeting pasted again, corrected: merged, the later row wins
    HELD_MEETING,
    [None, None, None, None, None, None, None],  # blank: skipped
    ["合计", "4次", None, None, None, None, None],  # total: skipped
    ["注：会议类别按府院联动/府检联动/联合填写"],  # note: skipped
]

TASKS: list[list[object]] = [
    ["双清单任务台账"],
    ["任务编号", "来源会议", "任务内容", "牵头单位", "协办单位", "分管领导", "交办日期", "完成时限", "完成情况", "完成日期"],
    ["2025-01", "2025年第一次府院联动联席会议", "征收补偿专项排查", "自然资源局", "住建局、柳屯镇人民政府", "张副县长",
     "2025-03-25", "2025-06-30", "已完成", "2025-06-10"],  # by name; on time
    ["2025-02", "河府院联纪[2025]1号", "规范行政执法案卷", "县司法局", None, None,
     "2025-03-25", "2025-05-31", "完成", "2025-06-15"],  # by 纪要文号 in other brackets; late
    ["2025-03", "河府院联纪〔2025〕1号", "负责人出庭应诉通报", "住建局", None, "李副县长",
     "2025-03-25", "2025-07-31", "推进中", None],  # by 纪要文号; open and overdue on 2025-12-31
    ["2025-04", "2025年第二次府检联动联席会议", "非诉执行案件评查", "市场监管局", "县司法局", None,
     "2025-06-20", "2026-03-31", "办理中", None],  # open, not yet due
    ["2025-05", "河府检联纪〔2025〕2号", "检察建议整改回头看", "自然资源局", None, None,
     "2025-06-20", "2025-09-30", "已取消", None],  # cancelled: no decision to follow up
    ["2025-06", "第三次联席会议纪要（河府院检联纪（2025）3号）", "行政争议源头治理", "人社局", None, None,
     "2025-09-25", "2025-11-30", "已办结", "2025-11-20"],  # the 文号 inside a longer text; on time
]

KEY_CASES: list[list[object]] = [
    ["重点案件台账（一案一策）"],
    ["编号/案号", "案件名称", "责任单位", "包案县级领导", "列入时间", "化解时限", "进展情况", "化解状态", "化解日期", "乡镇"],
    ["(2025)豫0928行初15号", "王某诉县自然资源局征收补偿案", "县自然资源局", "张副县长", "2025.3.1", "2025年9月30日",
     "两次协调会，达成补偿协议", "已化解", "2025-08-20", "柳屯镇"],  # a lawsuit's 案号 in half-width brackets
    ["SQ-2025-007", "李某等12户拆迁安置争议", "住建局", "李副县长", "2025/4/10", "2025/6/30", "安置方案已报批",
     "推进中", None, "柳屯镇"],  # a dispute's 编号; open past its 化解期限
    ["ZD-2025-03", "某公司行政处罚争议", "市场监管局", None, "2025-05-01", "2026-03-31", None, None, None, None],  # status
    # blank: 化解中
    ["ZD-2025-04", "某社保待遇争议", "人社局", None, "2025-06-01", "2025-05-01", None, "化解中", None, None],  # 化解期限
    # before 列入日期: rejected
    ["合计", None, None, None, None, None, None, None, None, None],
]

SUPERVISION: list[list[object]] = [
    ["河清县人民检察院行政检察监督案件台账"],
    ["案件编号", "监督类别", "被监督行政机关", "受理时间", "结案日期", "监督结果"],
    ["河检行监〔2025〕1号", "行政非诉执行监督", "县市场监管局", "2025年2月10日", "2025年4月2日", "发出检察建议"],
    ["河检行监〔2025〕2号", "诉讼监督", "自然资源局", "2025/3/1", "2025/5/20", "不支持监督申请"],
    ["河检行监〔2025〕3号", "违法行为监督", "河清县住建局", "20250601", None, None],  # in progress
    HELD_SUPERVISION,
]


RECOMMENDATIONS: list[list[object]] = [
    ["司法建议、检察建议台账"],
    ["文号", "建议类型", "发出单位", "被建议单位", "发出日期", "回复期限", "回复日期", "是否整改到位"],
    ["河法建〔2025〕1号", "司法建议", "河清县人民法院", "自然资源局", "2025-02-01", "2025-04-01", "2025-03-20", "是"],
    ["河法建〔2025〕2号", "司法建议书", "河清县人民法院", "住建局", "2025-05-01", "2025-07-01", None, None],  # unanswered
    ["河检行建〔2025〕1号", "检察建议", "河清县人民检察院", "市场监管局", "2025-04-02", "2025-06-02", "2025-05-30",
     "已整改"],  # the 检察建议 of supervision case 河检行监〔2025〕1号, on time
    ["河检行建〔2025〕2号", "检察建议书", "河清县人民检察院", "自然资源局", "2025-06-01", "2025-08-01", "2025-08-15",
     "是"],  # answered two weeks late
]


@dataclass(frozen=True)
class Expected:
    """(rows read, accepted, held, merged duplicates, skipped, rejected) of one sheet."""

    rows_read: int
    accepted: int
    held: int  # stored with a value no vocabulary knows (docs/decisions/0011-held-values.md)
    duplicates: int
    skipped: int
    rejected: int


EXPECTED = {
    "meetings": Expected(8, 3, 1, 1, 3, 0),
    "tasks": Expected(6, 6, 0, 0, 0, 0),
    "keycases": Expected(5, 3, 0, 0, 1, 1),
    "supervision": Expected(4, 3, 1, 0, 0, 0),
    "recommendations": Expected(4, 4, 0, 0, 0, 0),
}
SHEETS = {"meetings": MEETINGS, "tasks": TASKS, "keycases": KEY_CASES, "supervision": SUPERVISION,
          "recommendations": RECOMMENDATIONS}


def xlsx(grid: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in grid:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class County:
    county: int
    township: int
    land: int
    units: dict[str, int]  # short name → id


def conference_dimension(engine: Engine) -> County:
    """河清县 with the five agencies the sheets name (short names as aliases) and 柳屯镇."""
    with engine.begin() as conn:
        county = add_county(conn, "河清县")
        township = add_township(conn, "柳屯镇", county)
        land = add_area(conn, "土地征收")
        units = {short: add_unit(conn, name, county, short_name=short, aliases=(short,)) for name, short in (
            ("河清县自然资源局", "自然资源局"), ("河清县住房和城乡建设局", "住建局"), ("河清县司法局", "司法局"),
            ("河清县市场监督管理局", "市场监管局"), ("河清县人力资源和社会保障局", "人社局"))}
    return County(county, township, land, units)


def import_sheet(engine: Engine, kind: str, grid: list[list[object]] | None = None) -> FileResult:
    return import_file(engine, f"{kind}.xlsx", xlsx(grid if grid is not None else SHEETS[kind]), ImportOptions())


def conference_county(engine: Engine) -> County:
    """The county with every sheet imported (kinds detected from the headers, as a clerk would), without
    the rows that would be held (:data:`HELD_ROWS`)."""
    county = conference_dimension(engine)
    for kind, grid in SHEETS.items():
        result = import_sheet(engine, kind, [row for row in grid if all(row is not held for held in HELD_ROWS)])
        assert result.status == "imported" and result.prepared.kind == kind, result.message
        assert result.prepared.held == 0, result.message
    return county
