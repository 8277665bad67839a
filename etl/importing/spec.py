"""What each kind of ledger holds: one column spec shared by the mapper, the validator and templates.

Header spellings live in ``data/mappings/headers.toml``; this module says what a field *is* (its
type, whether it is required, an example and the explanation shown in the template).
"""

from __future__ import annotations

from dataclasses import dataclass

# Field types. Vocabulary types name a section of data/mappings/values.toml.
TEXT, NAME, CASE_NUMBER, DATE, BOOL, UNIT, TOWNSHIP, SUBJECT, INT, NUMBER, ALIASES = (
    "text", "name", "case_number", "date", "bool", "unit", "township", "subject", "int", "number", "aliases")


@dataclass(frozen=True)
class Column:
    field: str
    type: str
    required: bool
    example: str
    help: str


@dataclass(frozen=True)
class KindSpec:
    kind: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # fields that identify a record across files

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns if c.required)


_TOWNSHIP = Column("township", TOWNSHIP, False, "柳屯镇", "争议发生地乡镇(街道)，可空；按乡镇维度配置解析")
_SUBJECT = Column("subject_area", SUBJECT, False, "土地征收", "领域/案件类型，如 土地征收、社会保障")

SPECS: dict[str, KindSpec] = {s.kind: s for s in (
    KindSpec("litigation", "行政诉讼台账", (
        Column("case_number", CASE_NUMBER, True, "（2025）豫0928行初15号",
               "案号；括号统一为（），审级由类型代字推出：行初=一审，行终=二审，行再/行申=再审，行审=非诉审查"),
        Column("court", NAME, False, "河清县人民法院", "审理法院；空时取表头“填报单位”或导入时指定的法院"),
        Column("plaintiff", TEXT, False, "张某", "原告"),
        Column("defendant", UNIT, False, "县自然资源局", "被告行政机关；可带或不带县名前缀，可用简称"),
        Column("cause", TEXT, False, "土地行政登记", "案由"),
        Column("filed_on", DATE, False, "2025-03-05", "立案日期：日期单元格、2025/3/5、2025.03.05、2025年3月5日、20250305 均可"),
        Column("hearing_on", DATE, False, "2025-04-10", "开庭日期"),
        Column("closed_on", DATE, False, "2025-06-20", "结案日期，不得早于立案日期"),
        Column("outcome", "litigation_outcome", False, "判决驳回诉讼请求", "结案方式，按 data/mappings/values.toml 归一"),
        Column("head_appeared", BOOL, False, "是", "负责人是否出庭：是/否、√/×、出庭/未出庭、Y/N、1/0"),
        _TOWNSHIP, _SUBJECT), ("court", "case_number")),
    KindSpec("reconsideration", "行政复议台账", (
        Column("case_number", CASE_NUMBER, True, "河清复决字〔2025〕3号", "复议案号"),
        Column("applicant", TEXT, False, "李某", "申请人"),
        Column("respondent", UNIT, False, "县市场监管局", "被申请人"),
        Column("cause", TEXT, False, "行政处罚", "复议事项"),
        Column("received_on", DATE, False, "2025-02-01", "申请(受理)日期"),
        Column("decided_on", DATE, False, "2025-03-20", "决定日期，不得早于申请日期"),
        Column("decision", "reconsideration_decision", False, "维持", "复议决定：撤销、变更、确认违法、维持、驳回、调解、和解、终止…"),
        _TOWNSHIP, _SUBJECT), ("case_number",)),
    KindSpec("disputes", "争议化解台账", (
        Column("reference", NAME, True, "SQ-2025-001", "台账编号"),
        Column("channel", "dispute_channel", True, "诉前调解", "化解渠道：诉前调解、执前和解、府院联动协调、复议调解"),
        Column("unit", UNIT, False, "县人社局", "涉及单位"),
        Column("parties", TEXT, False, "王某与县人社局", "当事人"),
        Column("received_on", DATE, False, "2025-01-10", "受理日期"),
        Column("concluded_on", DATE, False, "2025-02-10", "办结日期"),
        Column("result", "dispute_result", False, "化解成功", "化解结果：成功/失败/办理中；空=办理中"),
        Column("is_major", BOOL, False, "否", "是否重大争议"),
        _TOWNSHIP, _SUBJECT), ("reference",)),
    KindSpec("recommendations", "司法建议/检察建议台账", (
        Column("reference", NAME, True, "河法建〔2025〕2号", "建议文号"),
        Column("kind", "recommendation_kind", True, "司法建议", "建议类型：司法建议/检察建议"),
        Column("issuer", TEXT, False, "河清县人民法院", "发出单位"),
        Column("addressee", UNIT, False, "县住建局", "被建议单位"),
        Column("content", TEXT, False, "规范征收补偿程序", "建议内容"),
        Column("issued_on", DATE, False, "2025-03-01", "发出日期"),
        Column("due_on", DATE, False, "2025-05-01", "回复期限"),
        Column("answered_on", DATE, False, "2025-04-20", "回复日期"),
        Column("rectified", BOOL, False, "是", "是否整改到位"),
        _TOWNSHIP, _SUBJECT), ("reference",)),
    KindSpec("tasks", "双清单任务台账", (
        Column("reference", NAME, True, "2025-01", "任务编号"),
        Column("meeting", TEXT, False, "2025年第一次联席会议", "来源会议"),
        Column("content", TEXT, True, "开展征收补偿专项排查", "任务内容"),
        Column("lead_unit", UNIT, False, "县自然资源局", "牵头(责任)单位"),
        Column("assigned_on", DATE, False, "2025-01-15", "交办日期"),
        Column("deadline", DATE, False, "2025-06-30", "完成时限"),
        Column("status", "task_status", False, "已完成", "完成情况：已完成/未完成/取消；空=未完成"),
        Column("completed_on", DATE, False, "2025-06-01", "完成日期"),
        _TOWNSHIP, _SUBJECT), ("reference",)),
    KindSpec("targets", "目标值", (
        Column("year", INT, True, "2025", "年度"),
        Column("indicator", "target_indicator", True, "行政诉讼败诉率", "指标名称或键，如 行政诉讼败诉率 / loss_rate"),
        Column("scope", NAME, False, "全县", "范围：空或“全县”=整个辖区；否则填单位或乡镇名称"),
        Column("value", NUMBER, True, "2%", "目标值：比率写 2% 或 0.02，数量写整数"),
    ), ("year", "indicator", "scope")),
    KindSpec("units", "单位名录", (
        Column("name", NAME, True, "河清县自然资源局", "单位全称"),
        Column("aliases", ALIASES, False, "自然资源局、国土局", "别名/简称，用 、 ， ; 或换行分隔"),
        Column("unit_type", "unit_type", False, "部门", "单位类型：部门/乡镇政府/县政府/法院/检察院/其他；空=部门"),
        Column("parent", NAME, False, "河清县", "所属区域；空=本辖区"),
        Column("sort_order", INT, False, "1", "排序号"),
    ), ("name",)),
    KindSpec("townships", "乡镇(街道)名录", (
        Column("name", NAME, True, "柳屯镇", "乡镇(街道)名称"),
        Column("aliases", ALIASES, False, "柳屯乡", "曾用名/别名，用 、 ， ; 或换行分隔"),
        Column("township_type", TEXT, False, "镇", "类型：乡/镇/街道(仅作说明)"),
        Column("parent", NAME, False, "河清县", "所属县区；空=本辖区"),
        Column("code", TEXT, False, "410928101", "行政区划代码"),
    ), ("name",)),
)}

KINDS: tuple[str, ...] = tuple(SPECS)
FACT_KINDS = ("litigation", "reconsideration", "disputes", "recommendations", "tasks")
KIND_LABELS = {k: s.label for k, s in SPECS.items()}
