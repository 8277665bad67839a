"""Labels of indicators and vocabularies, in every form a surface needs.

The full label of an indicator is the registry's (``etl.metrics.registry``); this module only adds
the forms derived from it: the prose form (no slash inside a sentence: 司法建议和检察建议落实率), the
short column heading of a table (败诉率), and the words for a rate's numerator and denominator in
a sentence (败诉 / 审结一审案件). A test walks the registry so every indicator has each form.
"""

from __future__ import annotations

from etl.metrics.registry import INDICATORS_BY_KEY
from etl.wording.numbers import Lang


def label(key: str, lang: Lang = "zh") -> str:
    ind = INDICATORS_BY_KEY[key]
    return ind.label_zh if lang == "zh" else ind.label_en


def prose_label(key: str, lang: Lang = "zh") -> str:
    """The label inside a sentence: a slash reads as a table heading, so 甲/乙 becomes 甲和乙."""
    text = label(key, lang)
    return text.replace("/", "和") if lang == "zh" else text.replace("/", " and ")


#: Column headings of tables, where the full label does not fit (zh, en).
SHORT_LABELS: dict[str, tuple[str, str]] = {
    "litigation_cases": ("发案量", "Filed"), "loss_rate": ("败诉率", "Loss rate"),
    "head_appearance_rate": ("出庭应诉率", "Head appearance"),
    "pre_litigation_mediation_rate": ("诉前调解成功率", "Pre-litigation mediation"),
    "pre_enforcement_settlement_rate": ("执前和解成功率", "Pre-enforcement settlement"),
    "coordination_success_rate": ("协调成功率", "Coordination"),
    "reconsideration_mediation_success_rate": ("复议调解成功率", "Reconsideration mediation"),
    "substantive_resolution_rate": ("实质性化解率", "Substantive resolution"),
    "disputes_received": ("受理争议", "Received"), "disputes_concluded": ("办结争议", "Concluded"),
    "disputes_resolved": ("化解成功", "Resolved"), "reconsideration_cases": ("复议案件", "Reconsiderations"),
    "reconsideration_correction_rate": ("复议纠错率", "Correction rate"),
    "reconsideration_settlement_rate": ("复议调解和解率", "Settlement rate"),
    "recommendation_adoption_rate": ("建议落实率", "Recommendations adopted"),
    "task_on_time_rate": ("任务按期完成率", "Tasks on time"), "clearance_rate": ("结收比", "Clearance"),
    "procuratorate_resolution_success_rate": ("检察参与化解成功率", "Procuratorate-assisted"),
    "judicial_recommendation_adoption_rate": ("司法建议落实率", "Judicial adopted"),
    "procuratorial_recommendation_adoption_rate": ("检察建议落实率", "Procuratorial adopted"),
    "key_cases": ("重点案件", "Key cases"), "key_case_resolution_rate": ("重点案件化解率", "Key cases resolved"),
    "supervision_cases": ("监督案件", "Supervision cases"),
    "supervision_recommendation_share": ("检察建议占比", "Ending in a recommendation"),
}


def short_label(key: str, lang: Lang = "zh") -> str:
    zh, en = SHORT_LABELS[key]
    return zh if lang == "zh" else en


#: What a rate's numerator and denominator are called in a sentence (zh, en): 审结一审案件86件，其中败诉1件.
BASIS_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "loss_rate": (("败诉", "lost"), ("审结一审案件", "first-instance cases closed")),
    "head_appearance_rate": (("负责人出庭", "with the head in court"), ("开庭审理案件", "cases heard")),
    "pre_litigation_mediation_rate": (("调解成功", "successful"), ("办结诉前调解纠纷", "pre-litigation mediations concluded")),
    "pre_enforcement_settlement_rate": (("和解成功", "successful"), ("办结执前和解案件", "pre-enforcement settlements concluded")),
    "coordination_success_rate": (("协调成功", "successful"), ("办结府院联动协调案件", "coordinations concluded")),
    "reconsideration_mediation_success_rate": (("调解成功", "successful"), ("办结复议调解案件", "reconsideration mediations concluded")),
    "substantive_resolution_rate": (("实质性化解", "resolved"), ("办结行政争议", "disputes concluded")),
    "reconsideration_correction_rate": (("纠错", "corrected"), ("作出复议决定", "reconsideration decisions")),
    "reconsideration_settlement_rate": (("调解和解", "mediated or settled"), ("作出复议决定", "reconsideration decisions")),
    "recommendation_adoption_rate": (("按期答复并整改", "answered and rectified on time"),
                                     ("到期司法建议和检察建议", "recommendations due")),
    "task_on_time_rate": (("按期完成", "completed on time"), ("到期双清单任务", "joint tasks due")),
    "clearance_rate": (("审结", "closed"), ("立案一审案件", "first-instance cases filed")),
    "procuratorate_resolution_success_rate": (("化解成功", "successful"),
                                              ("办结检察机关参与化解案件", "procuratorate-assisted resolutions concluded")),
    "judicial_recommendation_adoption_rate": (("按期答复并整改", "answered and rectified on time"),
                                              ("到期司法建议", "judicial recommendations due")),
    "procuratorial_recommendation_adoption_rate": (("按期答复并整改", "answered and rectified on time"),
                                                   ("到期检察建议", "procuratorial recommendations due")),
    "key_case_resolution_rate": (("已化解", "resolved"), ("列入重点案件", "key cases listed")),
    "supervision_recommendation_share": (("以检察建议结案", "ending in a procuratorial recommendation"),
                                         ("办结行政检察监督案件", "supervision cases closed")),
}


def basis_words(key: str, lang: Lang = "zh") -> tuple[str, str]:
    """(numerator word, denominator word) of a rate in ``lang``."""
    (num_zh, num_en), (den_zh, den_en) = BASIS_WORDS[key]
    return (num_zh, den_zh) if lang == "zh" else (num_en, den_en)


#: Vocabulary keys (etl.vocab, etl.db.models) → Chinese wording, for tables and documents alike.
VOCAB_ZH: dict[str, dict[str, str]] = {
    "outcome": {"revoked": "判决撤销", "partially_revoked": "部分撤销", "confirmed_illegal": "确认违法",
                "confirmed_invalid": "确认无效", "ordered_to_perform": "责令履行", "varied": "变更",
                "compensation": "判决赔偿", "payment": "判决给付", "indemnity": "补偿",
                "agreement_adverse": "行政协议败诉", "claim_dismissed": "驳回诉讼请求", "suit_dismissed": "驳回起诉",
                "withdrawn": "撤诉", "mediated": "调解", "terminated": "终结", "transferred": "移送",
                "appeal_upheld": "驳回上诉，维持原判", "appeal_reversed": "撤销原判，依法改判", "appeal_remanded": "发回重审",
                "appeal_withdrawn": "准予撤回上诉", "enforcement_granted": "裁定准予执行",
                "enforcement_refused": "裁定不准予执行", "other": "其他"},
    "appearance": {"principal": "正职出庭", "deputy": "副职出庭", "head": "负责人出庭", "agent_only": "仅委托代理人出庭",
                   "absent": "未出庭"},
    "decision": {"revoked": "撤销", "varied": "变更", "confirmed_illegal": "确认违法", "confirmed_invalid": "确认无效",
                 "ordered_to_perform": "责令履行", "upheld": "维持", "dismissed": "驳回", "mediated": "调解",
                 "settled": "和解", "withdrawn": "撤回申请", "terminated": "终止", "other": "其他"},
    "channel": {"pre_litigation_mediation": "诉前调解", "pre_enforcement_settlement": "执前和解",
                "coordination": "府院联动协调", "reconsideration_mediation": "复议调解",
                "procuratorate": "检察机关参与化解"},
    "result": {"success": "成功", "failure": "未成功", "in_progress": "在办"},
    "status": {"open": "未完成", "done": "已完成", "cancelled": "已取消"},
    "kind": {"judicial": "司法建议", "procuratorial": "检察建议"},
}


def vocab_label(column: str, key: str | None, lang: Lang = "zh") -> str | None:
    """The Chinese word for a vocabulary key (English shows the key itself)."""
    if key is None or lang != "zh":
        return key
    return VOCAB_ZH.get(column, {}).get(key, key)


#: Vocabularies of the conference's own ledgers as the documents name them (zh, en): meeting kinds, key-case
#: states, supervision types and results. Keys are the stored values (``etl.db.models``).
RECORD_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "meeting_kind": {"court": ("府院联动", "Court–government"), "procuratorate": ("府检联动", "Procuratorate–government"),
                     "joint": ("府院府检联合", "Joint")},
    "key_case_status": {"open": ("化解中", "in progress"), "resolved": ("已化解", "resolved"),
                        "unresolved": ("未化解", "not resolved")},
    "supervision_kind": {"litigation": ("行政诉讼监督", "Litigation supervision"),
                         "non_litigation_enforcement": ("行政非诉执行监督", "Non-litigation enforcement"),
                         "illegal_conduct": ("行政违法行为监督", "Unlawful administrative acts")},
    "supervision_result": {"in_progress": ("在办", "In progress"), "recommendation": ("检察建议", "Recommendation"),
                           "protest": ("抗诉", "Protest"), "not_supported": ("不支持监督申请", "Not supported"),
                           "terminated": ("终结审查", "Review ended"), "other": ("其他", "Other")},
}


def record_label(labels: dict[str, tuple[str, str]], key: str | None, lang: Lang = "zh") -> str:
    """A key of one of :data:`RECORD_LABELS`' vocabularies in ``lang`` (an unknown key as it is; none: —)."""
    if key is None:
        return "—"
    zh, en = labels.get(key, (key, key))
    return zh if lang == "zh" else en
