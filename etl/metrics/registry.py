"""The registry: every indicator defined once — labels, numerator, denominator, dates, direction.

Screens, the briefing and the CLI look indicators up by key; none re-types a formula.
docs/indicators.md describes each in words.
A rate's numerator mask is always a subset of its denominator mask, except clearance_rate, whose
numerator (closures) and denominator (filings) are placed in the period by different dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl

from etl.db.models import (
    DisputeChannel,
    DisputeResult,
    KeyCaseStatus,
    RecommendationKind,
    SupervisionResult,
    TaskStatus,
)
from etl.metrics.definitions import IndicatorConfig
from etl.metrics.filters import Filters
from etl.vocab import APPEAL_OUTCOMES, JUDGMENT_OUTCOMES


class Direction(StrEnum):
    LOWER = "lower"
    HIGHER = "higher"


class Format(StrEnum):
    COUNT = "count"
    RATE = "rate"
    DAYS = "days"


#: (denominator mask, numerator mask) for a configuration and filters; numerator is ANDed with the
#: denominator by the engine unless the indicator has its own numerator date.
Masks = Callable[[IndicatorConfig, Filters], tuple[pl.Expr, pl.Expr]]


@dataclass(frozen=True)
class Indicator:
    key: str
    label_zh: str
    label_en: str
    numerator_zh: str
    numerator_en: str
    denominator_zh: str
    denominator_en: str
    table: str  # a Facts frame name
    date_column: str  # places a denominator (or counted) record in a period
    direction: Direction | None
    format: Format
    unit_zh: str  # 件, %, 天
    unit_en: str
    masks: Masks = field(compare=False, repr=False)
    #: When set, numerator records are placed in the period by this date instead (clearance_rate).
    numerator_date_column: str | None = None

    @property
    def is_rate(self) -> bool:
        return self.format == Format.RATE

    @property
    def num_date(self) -> str:
        return self.numerator_date_column or self.date_column


def _known(field: str) -> pl.Expr:
    """Not held: the row's value in ``field`` is known (a held spelling waits in the review queue)."""
    return ~pl.col(f"{field}_held").fill_null(False)


def _instances(config: IndicatorConfig, filters: Filters) -> pl.Expr:
    return pl.col("instance").is_in(list(filters.instances or config.instances))


def _litigation_cases(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    m = _instances(c, f)
    return m, m


def _loss(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    lost = pl.col("outcome").is_in(sorted(c.loss_outcomes))
    # An appeal's outcome alone says how the appeal ended, not who won (etl.vocab.APPEAL_OUTCOMES); a
    # held outcome is not known yet. Neither is a closure the rate can judge.
    undecided = sorted(str(o) for o in APPEAL_OUTCOMES if str(o) not in c.loss_outcomes)
    judged = ~pl.col("outcome").is_in(undecided).fill_null(False) & _known("outcome")
    closed = _instances(c, f) & judged
    if c.loss_denominator == "judgments":
        closed = closed & pl.col("outcome").is_in([o.value for o in JUDGMENT_OUTCOMES])
    return closed, lost


def _head(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    chosen = f.instances or c.head_appearance_instances
    den = pl.col("instance").is_in(list(chosen)) if chosen else pl.lit(True)
    # An unrecorded appearance (null) is not an appearance: the 通报 counts confirmed appearances. A held
    # one (wording not yet mapped) is left out until the office says what it means.
    return den & _known("appearance"), pl.col("appearance").is_in(sorted(c.head_appearances)).fill_null(False)


def _channel(channel: str | None) -> Masks:
    def masks(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
        den = pl.col("result").is_in([DisputeResult.SUCCESS.value, DisputeResult.FAILURE.value])
        if channel is not None:
            den = den & (pl.col("channel") == channel)
        return den, pl.col("result") == DisputeResult.SUCCESS.value
    return masks


def _concluded(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    """Concluded disputes of any channel, in progress excluded (a count: both masks are the same)."""
    done = pl.col("result").is_in([DisputeResult.SUCCESS.value, DisputeResult.FAILURE.value])
    return done, done


def _resolved(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    """Disputes resolved successfully through any channel (a count: both masks are the same)."""
    success = pl.col("result") == DisputeResult.SUCCESS.value
    return success, success


def _all(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    return pl.lit(True), pl.lit(True)


def _correction(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    return pl.col("decision").is_not_null(), pl.col("decision").is_in(sorted(c.correction_decisions))


def _settlement(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    return pl.col("decision").is_not_null(), pl.col("decision").is_in(sorted(c.effective_settlement_decisions))


def _adoption_of(kind: str | None) -> Masks:
    """Answered by the due date and rectified; ``kind`` limits it to 司法建议 or 检察建议."""
    def masks(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
        answered = pl.col("answered_on").is_not_null() & (pl.col("answered_on") <= pl.col("due_on"))
        den = pl.lit(True) if kind is None else pl.col("kind") == kind
        return den & _known("rectified"), (answered & pl.col("rectified").fill_null(False))
    return masks


def task_done_on_time() -> pl.Expr:
    """A 双清单 task done by its deadline: the on-time rule of task_on_time_rate and of each meeting's
    decisions (``etl.metrics.meetings``)."""
    return ((pl.col("status") == TaskStatus.DONE.value) & (pl.col("completed_on") <= pl.col("deadline"))).fill_null(False)


def _tasks(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    den = pl.col("status").is_not_null() & (pl.col("status") != TaskStatus.CANCELLED.value)  # null: held
    return den, task_done_on_time()


def _key_cases_resolved(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    """Key cases listed in the period; resolved as the latest ledger says (状态 已化解). A held status
    is neither until the office says what it means."""
    return _known("status"), pl.col("status") == KeyCaseStatus.RESOLVED.value


def _supervision_recommendations(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    """Supervision cases closed with a result; those ending in a 检察建议."""
    closed = pl.col("result").is_not_null() & (pl.col("result") != SupervisionResult.IN_PROGRESS.value)
    return closed, pl.col("result") == SupervisionResult.RECOMMENDATION.value


def _clearance(c: IndicatorConfig, f: Filters) -> tuple[pl.Expr, pl.Expr]:
    m = _instances(c, f)
    return m, m


L, H, N = Direction.LOWER, Direction.HIGHER, None
C, R = Format.COUNT, Format.RATE

INDICATORS: tuple[Indicator, ...] = (
    Indicator("litigation_cases", "行政诉讼发案量", "Administrative lawsuits filed",
              "立案日期在期间内的一审行政诉讼案件", "first-instance cases filed in the period",
              "—", "—", "litigation", "filed_on", L, C, "件", "cases", _litigation_cases),
    Indicator("loss_rate", "行政诉讼败诉率", "Loss rate",
              "期间内审结且结果为败诉的一审案件", "first-instance cases closed in the period and lost",
              "期间内审结的一审案件（口径可配置）", "first-instance cases closed in the period (configurable)",
              "litigation", "closed_on", L, R, "%", "%", _loss),
    Indicator("head_appearance_rate", "行政机关负责人出庭应诉率", "Agency-head court appearance rate",
              "期间内开庭且负责人出庭的案件", "cases heard in the period with the agency head present",
              "期间内开庭的案件", "cases heard in the period", "litigation", "hearing_on", H, R, "%", "%", _head),
    Indicator("pre_litigation_mediation_rate", "诉前调解成功率", "Pre-litigation mediation success rate",
              "期间内办结且调解成功的诉前调解纠纷", "pre-litigation mediations concluded successfully",
              "期间内办结的诉前调解纠纷（不含在办）", "pre-litigation mediations concluded (pending excluded)",
              "disputes", "concluded_on", H, R, "%", "%", _channel(DisputeChannel.PRE_LITIGATION_MEDIATION.value)),
    Indicator("pre_enforcement_settlement_rate", "执前和解成功率", "Pre-enforcement settlement success rate",
              "期间内办结且和解成功的执前和解案件", "pre-enforcement settlements concluded successfully",
              "期间内办结的执前和解案件（不含在办）", "pre-enforcement settlements concluded (pending excluded)",
              "disputes", "concluded_on", H, R, "%", "%",
              _channel(DisputeChannel.PRE_ENFORCEMENT_SETTLEMENT.value)),
    Indicator("coordination_success_rate", "府院联动协调成功率", "Court–government coordination success rate",
              "期间内办结且协调成功的府院联动协调案件", "court–government coordinations concluded successfully",
              "期间内办结的府院联动协调案件（不含在办）", "court–government coordinations concluded (pending excluded)",
              "disputes", "concluded_on", H, R, "%", "%", _channel(DisputeChannel.COORDINATION.value)),
    Indicator("reconsideration_mediation_success_rate", "复议调解成功率", "Reconsideration mediation success rate",
              "期间内办结且调解成功的复议调解案件", "reconsideration mediations concluded successfully",
              "期间内办结的复议调解案件（不含在办）", "reconsideration mediations concluded (pending excluded)",
              "disputes", "concluded_on", H, R, "%", "%",
              _channel(DisputeChannel.RECONSIDERATION_MEDIATION.value)),
    Indicator("procuratorate_resolution_success_rate", "检察机关参与化解成功率",
              "Procuratorate-assisted resolution success rate",
              "期间内办结且化解成功的检察机关参与化解案件", "procuratorate-assisted resolutions concluded successfully",
              "期间内办结的检察机关参与化解案件（不含在办）",
              "procuratorate-assisted resolutions concluded (pending excluded)",
              "disputes", "concluded_on", H, R, "%", "%", _channel(DisputeChannel.PROCURATORATE.value)),
    Indicator("substantive_resolution_rate", "行政争议实质性化解率", "Substantive resolution rate",
              "期间内经各化解渠道办结且化解成功的争议", "disputes concluded successfully through any channel",
              "期间内经各化解渠道办结的争议", "disputes concluded through any channel",
              "disputes", "concluded_on", H, R, "%", "%", _channel(None)),
    # The dispute funnel (受理 → 办结 → 化解成功): three counts over every channel. Received is placed
    # in the period by received_on, the other two by concluded_on, so the stages are flows within the
    # period, not one cohort followed through; concluded and resolved equal the denominator and
    # numerator of substantive_resolution_rate.
    Indicator("disputes_received", "受理争议数", "Disputes received",
              "受理日期在期间内的争议（各化解渠道）", "disputes received in the period (every channel)", "—", "—",
              "disputes", "received_on", N, C, "件", "cases", _all),
    Indicator("disputes_concluded", "办结争议数", "Disputes concluded",
              "期间内办结的争议（各化解渠道，不含在办）", "disputes concluded in the period (every channel)", "—", "—",
              "disputes", "concluded_on", N, C, "件", "cases", _concluded),
    Indicator("disputes_resolved", "化解成功争议数", "Disputes resolved",
              "期间内办结且化解成功的争议（各化解渠道）", "disputes concluded successfully in the period (every channel)",
              "—", "—", "disputes", "concluded_on", N, C, "件", "cases", _resolved),
    Indicator("reconsideration_cases", "行政复议案件量", "Reconsideration applications",
              "申请/受理日期在期间内的行政复议案件", "applications received in the period", "—", "—",
              "reconsideration", "received_on", N, C, "件", "cases", _all),
    Indicator("reconsideration_correction_rate", "行政复议纠错率", "Reconsideration correction rate",
              "期间内决定撤销、变更、确认违法、确认无效、责令履行的案件",
              "decisions in the period that revoke, vary, find illegal or invalid, or order performance",
              "期间内作出决定的案件", "decisions in the period", "reconsideration", "decided_on", L, R, "%", "%",
              _correction),
    Indicator("reconsideration_settlement_rate", "行政复议调解和解率", "Reconsideration mediation/settlement rate",
              "期间内以调解、和解结案的案件（撤回是否计入可配置）",
              "decisions in the period by mediation or settlement (withdrawals configurable)",
              "期间内作出决定的案件", "decisions in the period", "reconsideration", "decided_on", H, R, "%", "%",
              _settlement),
    Indicator("recommendation_adoption_rate", "司法建议/检察建议落实率", "Recommendation adoption rate",
              "期间内到期且按期回复并整改的建议", "recommendations due in the period answered and rectified on time",
              "期间内到期的建议", "recommendations due in the period", "recommendations", "due_on", H, R, "%", "%",
              _adoption_of(None)),
    Indicator("judicial_recommendation_adoption_rate", "司法建议落实率", "Judicial recommendation adoption rate",
              "期间内到期且按期回复并整改的司法建议", "judicial recommendations due in the period answered and rectified on time",
              "期间内到期的司法建议", "judicial recommendations due in the period", "recommendations", "due_on",
              H, R, "%", "%", _adoption_of(RecommendationKind.JUDICIAL.value)),
    Indicator("procuratorial_recommendation_adoption_rate", "检察建议落实率", "Procuratorial recommendation adoption rate",
              "期间内到期且按期回复并整改的检察建议",
              "procuratorial recommendations due in the period answered and rectified on time",
              "期间内到期的检察建议", "procuratorial recommendations due in the period", "recommendations", "due_on",
              H, R, "%", "%", _adoption_of(RecommendationKind.PROCURATORIAL.value)),
    Indicator("task_on_time_rate", "双清单按期完成率", "Joint-task on-time completion rate",
              "期间内到期且按期完成的任务", "tasks due in the period completed by the deadline",
              "期间内到期的任务（已取消除外）", "tasks due in the period (cancelled excluded)",
              "tasks", "deadline", H, R, "%", "%", _tasks),
    Indicator("clearance_rate", "结收比", "Clearance rate",
              "期间内审结的一审案件", "first-instance cases closed in the period",
              "期间内立案的一审案件", "first-instance cases filed in the period",
              "litigation", "filed_on", H, R, "%", "%", _clearance, numerator_date_column="closed_on"),
    Indicator("key_cases", "重点案件数", "Key cases listed",
              "列入日期在期间内的重点案件", "key cases listed in the period", "—", "—",
              "keycases", "listed_on", N, C, "件", "cases", _all),
    Indicator("key_case_resolution_rate", "重点案件化解率", "Key-case resolution rate",
              "期间内列入且已化解的重点案件", "key cases listed in the period and resolved",
              "期间内列入的重点案件", "key cases listed in the period", "keycases", "listed_on", H, R, "%", "%",
              _key_cases_resolved),
    Indicator("supervision_cases", "行政检察监督案件数", "Procuratorial supervision cases",
              "受理日期在期间内的行政检察监督案件", "administrative supervision cases received in the period", "—", "—",
              "supervision", "received_on", N, C, "件", "cases", _all),
    Indicator("supervision_recommendation_share", "监督案件检察建议占比", "Supervision cases ending in a recommendation",
              "期间内办结且以检察建议结案的监督案件", "supervision cases closed in the period with a procuratorial recommendation",
              "期间内办结的监督案件", "supervision cases closed in the period", "supervision", "closed_on", L, R, "%", "%",
              _supervision_recommendations),
)

INDICATORS_BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}

#: double_decline is derived from litigation_cases and loss_rate, not aggregated: described here so
#: screens can label it from the registry too.
DOUBLE_DECLINE_LABEL = ("双下降", "Double decline")
DOUBLE_DECLINE_KEY = "double_decline"


def indicator(key: str) -> Indicator:
    try:
        return INDICATORS_BY_KEY[key]
    except KeyError:
        raise KeyError(f"未知指标 {key!r} (unknown indicator)") from None
