"""The invented vocabulary of the demo county: member units, townships, ledger wording.

The unit list follows the ~30 member units of a real county's joint conference, as its published
notice lists them (docs/domain.md), under the fictional 示范县 prefix; township names are invented.
Weights say how often a unit is sued and in which subject areas, so the demo concentrates cases where
real counties see them (自然资源, 住建, 人社, 土地征收).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from etl.db.models import UnitType
from etl.vocab import LitigationOutcome as LO
from etl.vocab import ReconsiderationDecision as RD

#: (normalised key, relative weight, raw spellings as ledgers write it)
WordingTable = tuple[tuple[StrEnum, float, tuple[str, ...]], ...]


@dataclass(frozen=True)
class UnitSpec:
    """One member unit; ``stem`` is the name without the county prefix (自然资源局)."""

    stem: str
    short_name: str
    aliases: tuple[str, ...] = ()
    weight: float = 0.0  # relative share of lawsuits and disputes
    areas: tuple[tuple[str, float], ...] = (("其他", 0.6), ("政府信息公开", 0.4))
    unit_type: str = UnitType.AGENCY
    worsening: bool = False  # rising volume and losses over time, so warnings have something to show


GOVERNMENT = UnitSpec("人民政府", "县政府", ("县人民政府", "县政府"), 10.0,
                      (("土地征收", 0.4), ("房屋征收", 0.25), ("行政协议", 0.15), ("政府信息公开", 0.2)),
                      UnitType.GOVERNMENT)
COURT = UnitSpec("人民法院", "县法院", ("县法院", "法院"), unit_type=UnitType.COURT)
PROCURATORATE = UnitSpec("人民检察院", "县检察院", ("县检察院", "检察院"), unit_type=UnitType.PROCURATORATE)

MEMBER_UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("人民政府办公室", "县政府办", ("政府办",), 0.3),
    UnitSpec("委县政府督查局", "督查局", (), 0.0),
    UnitSpec("发展和改革委员会", "发改委", ("发展改革委", "县发改委"), 0.5),
    UnitSpec("工业和信息化局", "工信局", ("县工信局",), 0.4),
    UnitSpec("司法局", "司法局", (), 0.3),
    UnitSpec("财政局", "财政局", (), 0.5),
    UnitSpec("教育局", "教育局", ("县教体局",), 1.0),
    UnitSpec("民政局", "民政局", (), 1.0),
    UnitSpec("人力资源和社会保障局", "人社局", ("县人社局", "人力资源社会保障局"), 10.0,
             (("社会保障", 0.85), ("政府信息公开", 0.15)), worsening=True),
    UnitSpec("生态环境分局", "生态环境分局", ("环保局", "生态环境局"), 2.0, (("其他", 0.7), ("政府信息公开", 0.3))),
    UnitSpec("自然资源局", "自然资源局", ("国土局", "县国土资源局"), 18.0,
             (("自然资源", 0.5), ("土地征收", 0.3), ("政府信息公开", 0.2))),
    UnitSpec("住房和城乡建设局", "住建局", ("住房城乡建设局", "县住建局"), 12.0,
             (("住房城乡建设", 0.5), ("房屋征收", 0.35), ("政府信息公开", 0.15)), worsening=True),
    UnitSpec("综合行政执法局", "综合执法局", ("城管局", "县城管局"), 6.0,
             (("住房城乡建设", 0.5), ("其他", 0.5)), worsening=True),
    UnitSpec("交通运输局", "交通局", ("县交通局",), 2.0, (("其他", 0.7), ("行政协议", 0.3))),
    UnitSpec("水利局", "水利局", (), 1.0),
    UnitSpec("农业农村局", "农业农村局", ("农业局",), 2.0, (("土地征收", 0.3), ("其他", 0.7))),
    UnitSpec("商务局", "商务局", (), 0.5, (("行政协议", 0.5), ("其他", 0.5))),
    UnitSpec("文化广电旅游体育局", "文广旅体局", ("文旅局",), 0.5, (("市场监管", 0.5), ("其他", 0.5))),
    UnitSpec("卫生健康委员会", "卫健委", ("县卫健委", "卫生健康委"), 1.0, (("市场监管", 0.4), ("其他", 0.6))),
    UnitSpec("应急管理局", "应急局", ("县应急局",), 1.0, (("市场监管", 0.3), ("其他", 0.7))),
    UnitSpec("审计局", "审计局", (), 0.2),
    UnitSpec("市场监督管理局", "市场监管局", ("县市场监管局", "市监局"), 5.0,
             (("市场监管", 0.85), ("政府信息公开", 0.15))),
    UnitSpec("民族宗教事务局", "民宗局", ("民族宗教局",), 0.2),
    UnitSpec("医疗保障局", "医保局", ("县医保局",), 1.0, (("社会保障", 0.8), ("其他", 0.2))),
    UnitSpec("金融工作局", "金融局", ("金融工作局",), 0.2),
    UnitSpec("信访局", "信访局", (), 0.5, (("政府信息公开", 0.7), ("其他", 0.3))),
    UnitSpec("政务服务和大数据管理局", "大数据局", ("政务服务局",), 0.5, (("政府信息公开", 0.6), ("其他", 0.4))),
    UnitSpec("粮食和物资储备局", "粮食局", ("县粮食局",), 0.2),
    UnitSpec("林业发展中心", "林业中心", ("林业局",), 1.0, (("自然资源", 0.6), ("其他", 0.4))),
    UnitSpec("公安局", "公安局", ("县公安局",), 8.0, (("治安管理", 0.9), ("政府信息公开", 0.1))),
)

TOWNSHIP_GOV_WEIGHT = 0.85  # each of ~18 township governments
TOWNSHIP_GOV_AREAS = (("土地征收", 0.35), ("房屋征收", 0.25), ("行政协议", 0.15), ("其他", 0.25))


@dataclass(frozen=True)
class TownshipSpec:
    name: str
    weight: float = 1.0
    worsening: bool = False
    former_name: str | None = None  # renamed 乡 → 镇 on RENAME_DATE


#: Invented names; 桑堤 was a 乡 until the rename date, 经济开发区 is the development zone.
TOWNSHIPS: tuple[TownshipSpec, ...] = (
    TownshipSpec("文昌街道", 1.6), TownshipSpec("城东街道", 1.4), TownshipSpec("城西街道", 1.2),
    TownshipSpec("柳湾镇", 1.3, worsening=True), TownshipSpec("杏坡镇"), TownshipSpec("槐荫镇"),
    TownshipSpec("栗园镇"), TownshipSpec("枫渡镇", 1.1, worsening=True), TownshipSpec("菱塘镇"),
    TownshipSpec("梨埠镇", 0.8), TownshipSpec("蒲滩镇", 0.8), TownshipSpec("桑堤镇", 0.9, former_name="桑堤乡"),
    TownshipSpec("苇塘乡", 0.6), TownshipSpec("棠溪乡", 0.6), TownshipSpec("雁鸣乡", 0.5),
    TownshipSpec("鹊桥乡", 0.5), TownshipSpec("荻港乡", 0.5), TownshipSpec("经济开发区", 1.5),
)

SUBJECT_AREA_ALIASES: dict[str, tuple[str, ...]] = {
    "土地征收": ("征地", "集体土地征收"),
    "房屋征收": ("拆迁", "房屋拆迁", "国有土地上房屋征收"),
    "社会保障": ("工伤认定", "劳动保障"),
    "治安管理": ("治安处罚",),
    "政府信息公开": ("信息公开",),
    "住房城乡建设": ("规划建设", "违法建设"),
    "行政协议": ("行政协议纠纷",),
}

CAUSES: dict[str, tuple[str, ...]] = {
    "土地征收": ("土地征收决定", "征地补偿安置", "责令交出土地"),
    "房屋征收": ("房屋征收补偿决定", "强制拆除房屋"),
    "社会保障": ("工伤认定", "社会保险待遇核定", "劳动保障监察"),
    "治安管理": ("治安管理处罚", "行政拘留"),
    "市场监管": ("市场监管行政处罚", "食品安全行政处罚"),
    "自然资源": ("土地行政登记", "非法占地行政处罚", "不动产登记"),
    "住房城乡建设": ("限期拆除决定", "建设工程规划许可", "违法建筑强制拆除"),
    "政府信息公开": ("政府信息公开",),
    "行政协议": ("房屋征收补偿协议", "招商引资协议"),
    "其他": ("行政不作为", "行政确认", "行政许可"),
}

LOSS_OUTCOMES: WordingTable = (
    (LO.REVOKED, 0.40, ("判决撤销", "撤销行政行为", "判决撤销被诉行政行为")),
    (LO.CONFIRMED_ILLEGAL, 0.30, ("确认违法", "判决确认违法")),
    (LO.ORDERED_TO_PERFORM, 0.15, ("责令履行法定职责", "判决履行法定职责")),
    (LO.PARTIALLY_REVOKED, 0.05, ("部分撤销",)),
    (LO.COMPENSATION, 0.05, ("判决赔偿",)),
    (LO.CONFIRMED_INVALID, 0.05, ("确认无效",)),
)
WIN_OUTCOMES: WordingTable = (
    (LO.CLAIM_DISMISSED, 0.45, ("判决驳回诉讼请求", "驳回诉讼请求", "驳回原告诉讼请求")),
    (LO.SUIT_DISMISSED, 0.25, ("裁定驳回起诉", "驳回起诉")),
    (LO.WITHDRAWN, 0.25, ("准予撤诉", "撤诉", "裁定准予撤诉")),
    (LO.MEDIATED, 0.03, ("调解", "调解结案")),
    (LO.TERMINATED, 0.02, ("终结诉讼",)),
)
APPEAL_OUTCOMES: WordingTable = (
    (LO.APPEAL_UPHELD, 0.80, ("驳回上诉，维持原判", "维持原判")),
    (LO.APPEAL_WITHDRAWN, 0.12, ("准予撤回上诉",)),
    (LO.APPEAL_REVERSED, 0.08, ("撤销原判，依法改判",)),
)
RETRIAL_OUTCOMES: WordingTable = (
    (LO.SUIT_DISMISSED, 0.9, ("驳回再审申请",)),
    (LO.OTHER, 0.1, ("指令再审",)),
)
REVIEW_OUTCOMES: WordingTable = (
    (LO.ENFORCEMENT_GRANTED, 0.9, ("裁定准予执行",)),
    (LO.ENFORCEMENT_REFUSED, 0.1, ("裁定不准予执行",)),
)
#: How the demo's ledgers write who appeared for the agency (etl.vocab.Appearance).
APPEARANCE_WORDING = {"principal": "正职出庭", "deputy": "副职出庭", "agent_only": "委托代理人出庭", "absent": "未出庭"}

CORRECTIONS: WordingTable = (
    (RD.REVOKED, 0.5, ("撤销原行政行为", "决定撤销")),
    (RD.CONFIRMED_ILLEGAL, 0.25, ("确认违法",)),
    (RD.ORDERED_TO_PERFORM, 0.15, ("责令履行", "责令限期履行")),
    (RD.VARIED, 0.1, ("变更",)),
)
SETTLEMENTS: WordingTable = (
    (RD.MEDIATED, 0.45, ("调解结案", "调解")),
    (RD.SETTLED, 0.55, ("和解", "达成和解")),
)
OTHER_DECISIONS: WordingTable = (
    (RD.UPHELD, 0.55, ("维持", "决定维持")),
    (RD.DISMISSED, 0.25, ("驳回复议请求", "驳回申请")),
    (RD.WITHDRAWN, 0.2, ("申请人撤回申请，终止审理", "撤回申请")),
)

RESULT_WORDING = {
    "success": ("化解成功", "调解成功", "达成和解", "已化解"),
    "failure": ("调解不成", "未化解", "化解失败"),
    "in_progress": ("办理中", "正在协调"),
}
TASK_STATUS_WORDING = {
    "done": ("已完成", "完成", "办结"),
    "open": ("推进中", "未完成", "正在落实"),
    "cancelled": ("已取消",),
}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
COMPANY_KINDS = ("置业有限公司", "建材有限公司", "农业专业合作社", "商贸有限公司", "食品有限公司", "运输有限公司")

RECOMMENDATION_TOPICS = (
    "规范征收补偿程序", "严格落实重大行政决策程序", "加强行政执法证据收集", "规范送达程序",
    "完善信息公开答复", "规范工伤认定调查", "加强违法建设查处", "落实行政机关负责人出庭应诉",
    "规范行政处罚裁量", "加强执法人员培训",
)
TASK_TOPICS = (
    "开展集体土地征收领域行政争议专项排查", "建立败诉案件原因分析和责任追究台账", "组织庭审观摩活动",
    "每月通报行政机关负责人出庭应诉情况", "完善诉前调解与行政复议衔接机制", "推进府院联动数字化平台建设",
    "开展行政执法不满意问题专项整治", "梳理涉企行政案件风险清单", "开展出庭应诉业务培训",
    "落实司法建议整改并书面反馈", "推进执前和解中心建设", "制定重大案件协调化解工作方案",
)
