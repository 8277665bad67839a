"""Normalised vocabularies for outcomes and decisions.

Ledgers spell outcomes many ways (判决撤销, 撤销行政行为, 撤销…); the editable mapping in
``data/mappings/`` turns raw wording into these keys, and indicator definitions refer to the keys.
"""

from __future__ import annotations

from enum import StrEnum


class LitigationOutcome(StrEnum):
    REVOKED = "revoked"  # 判决撤销
    PARTIALLY_REVOKED = "partially_revoked"  # 部分撤销
    CONFIRMED_ILLEGAL = "confirmed_illegal"  # 确认违法
    CONFIRMED_INVALID = "confirmed_invalid"  # 确认无效
    ORDERED_TO_PERFORM = "ordered_to_perform"  # 责令履行(法定职责)
    VARIED = "varied"  # 变更
    COMPENSATION = "compensation"  # 判决赔偿
    PAYMENT = "payment"  # 判决给付
    INDEMNITY = "indemnity"  # 补偿
    AGREEMENT_ADVERSE = "agreement_adverse"  # 行政协议 judgment against the agency
    CLAIM_DISMISSED = "claim_dismissed"  # 判决驳回诉讼请求
    SUIT_DISMISSED = "suit_dismissed"  # 裁定驳回起诉
    WITHDRAWN = "withdrawn"  # 准予撤诉 / 撤诉
    MEDIATED = "mediated"  # 调解
    TERMINATED = "terminated"  # 终结
    TRANSFERRED = "transferred"  # 移送 / 其他程序性结案
    OTHER = "other"


#: Judgments (as opposed to rulings 裁定 and withdrawals): the SPC's narrower loss-rate denominator.
JUDGMENT_OUTCOMES = frozenset({
    LitigationOutcome.REVOKED, LitigationOutcome.PARTIALLY_REVOKED, LitigationOutcome.CONFIRMED_ILLEGAL,
    LitigationOutcome.CONFIRMED_INVALID, LitigationOutcome.ORDERED_TO_PERFORM, LitigationOutcome.VARIED,
    LitigationOutcome.COMPENSATION, LitigationOutcome.PAYMENT, LitigationOutcome.INDEMNITY,
    LitigationOutcome.AGREEMENT_ADVERSE, LitigationOutcome.CLAIM_DISMISSED,
})


class ReconsiderationDecision(StrEnum):
    REVOKED = "revoked"  # 撤销
    VARIED = "varied"  # 变更
    CONFIRMED_ILLEGAL = "confirmed_illegal"  # 确认违法
    CONFIRMED_INVALID = "confirmed_invalid"  # 确认无效
    ORDERED_TO_PERFORM = "ordered_to_perform"  # 责令履行
    UPHELD = "upheld"  # 维持
    DISMISSED = "dismissed"  # 驳回复议请求 / 驳回申请
    MEDIATED = "mediated"  # 调解
    SETTLED = "settled"  # 和解
    WITHDRAWN = "withdrawn"  # 撤回申请, 终止
    TERMINATED = "terminated"  # 其他终止
    OTHER = "other"


SUBJECT_AREAS = ("土地征收", "房屋征收", "社会保障", "治安管理", "市场监管", "自然资源", "住房城乡建设",
                 "政府信息公开", "行政协议", "其他")
