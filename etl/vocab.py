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
    # Second instance (行终): how the appeal ended, which by itself does not say whether the agency
    # lost — that depends on who appealed and on the first instance (APPEAL_OUTCOMES below).
    APPEAL_UPHELD = "appeal_upheld"  # 驳回上诉，维持原判
    APPEAL_REVERSED = "appeal_reversed"  # 撤销原判，依法改判
    APPEAL_REMANDED = "appeal_remanded"  # 发回重审
    APPEAL_WITHDRAWN = "appeal_withdrawn"  # 准予撤回上诉
    # 非诉执行审查 (行审): the court rules on an agency's application to enforce its own decision.
    ENFORCEMENT_GRANTED = "enforcement_granted"  # 裁定准予执行
    ENFORCEMENT_REFUSED = "enforcement_refused"  # 裁定不准予执行: the agency's decision cannot be enforced
    OTHER = "other"


#: Judgments (as opposed to rulings 裁定 and withdrawals): the SPC's narrower loss-rate denominator.
JUDGMENT_OUTCOMES = frozenset({
    LitigationOutcome.REVOKED, LitigationOutcome.PARTIALLY_REVOKED, LitigationOutcome.CONFIRMED_ILLEGAL,
    LitigationOutcome.CONFIRMED_INVALID, LitigationOutcome.ORDERED_TO_PERFORM, LitigationOutcome.VARIED,
    LitigationOutcome.COMPENSATION, LitigationOutcome.PAYMENT, LitigationOutcome.INDEMNITY,
    LitigationOutcome.AGREEMENT_ADVERSE, LitigationOutcome.CLAIM_DISMISSED,
})


#: Outcomes of an appeal. They say how the appeal ended, not who won: 维持原判 of a first-instance loss is
#: still a loss, 改判 may go either way. ``loss_rate`` leaves them out of its denominator unless a
#: region lists one in ``loss_outcomes`` (docs/indicators.md, "Instances other than the first").
APPEAL_OUTCOMES = frozenset({
    LitigationOutcome.APPEAL_UPHELD, LitigationOutcome.APPEAL_REVERSED, LitigationOutcome.APPEAL_REMANDED,
    LitigationOutcome.APPEAL_WITHDRAWN,
})


class Appearance(StrEnum):
    """Who appeared in court for the defendant agency (出庭情况)."""

    PRINCIPAL = "principal"  # 正职出庭
    DEPUTY = "deputy"  # 副职 / 分管 / 其他负责人出庭
    HEAD = "head"  # 负责人出庭, rank not recorded (是, √, 出庭)
    AGENT_ONLY = "agent_only"  # 委托代理人出庭, no head
    ABSENT = "absent"  # 未出庭 / 否


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
