"""The paragraphs of each indicator group, written from one MetricsResult.

Every figure is read from the indicator layer's values; wording comes from ``phrasing`` so the
text can only say what the numbers show.
"""

from __future__ import annotations

from etl.briefing.phrasing import (
    count_change,
    double_decline_sentence,
    format_percent,
    rate_change,
    rate_with_basis,
    target_phrase,
)
from etl.metrics import INDICATORS_BY_KEY, IndicatorValue, MetricsResult

LITIGATION_RATES = ("loss_rate", "head_appearance_rate")
RESOLUTION_RATES = ("pre_litigation_mediation_rate", "pre_enforcement_settlement_rate",
                    "substantive_resolution_rate")
RECONSIDERATION_RATES = ("reconsideration_correction_rate", "reconsideration_settlement_rate")
FOLLOW_UP_RATES = ("recommendation_adoption_rate", "task_on_time_rate")
#: 府检联动: what the procuratorate's supervision found, and how its and the court's recommendations fared.
PROCURATORATE_RATES = ("supervision_recommendation_share", "procuratorial_recommendation_adoption_rate",
                       "judicial_recommendation_adoption_rate", "procuratorate_resolution_success_rate")

# What a rate's numerator and denominator are called in prose (the registry's labels are definitions).
BASIS_WORDS: dict[str, tuple[str, str]] = {
    "loss_rate": ("败诉", "审结一审案件"),
    "head_appearance_rate": ("负责人出庭", "开庭审理案件"),
    "pre_litigation_mediation_rate": ("调解成功", "办结诉前调解纠纷"),
    "pre_enforcement_settlement_rate": ("和解成功", "办结执前和解案件"),
    "substantive_resolution_rate": ("实质性化解", "办结行政争议"),
    "reconsideration_correction_rate": ("纠错", "作出复议决定"),
    "reconsideration_settlement_rate": ("调解和解", "作出复议决定"),
    "recommendation_adoption_rate": ("按期答复并整改", "到期司法建议、检察建议"),
    "task_on_time_rate": ("按期完成", "到期双清单任务"),
    "supervision_recommendation_share": ("以检察建议结案", "办结行政检察监督案件"),
    "procuratorial_recommendation_adoption_rate": ("按期答复并整改", "到期检察建议"),
    "judicial_recommendation_adoption_rate": ("按期答复并整改", "到期司法建议"),
    "procuratorate_resolution_success_rate": ("化解成功", "办结检察机关参与化解案件"),
}


def label(key: str) -> str:
    return INDICATORS_BY_KEY[key].label_zh


def _join(*parts: str) -> str:
    """Clauses joined by full-width commas, empty ones dropped, closed with a full stop."""
    return "，".join(p for p in parts if p) + "。"


def rate_sentence(key: str, value: IndicatorValue) -> str:
    ind = INDICATORS_BY_KEY[key]
    num_word, den_word = BASIS_WORDS[key]
    direction = ind.direction.value if ind.direction is not None else None
    return _join(f"{ind.label_zh}{rate_with_basis(value.value, value.numerator, value.denominator, num_word, den_word)}",
                 rate_change(as_rate(value.value), as_rate(value.previous)) if value.value is not None else "",
                 # a not-applicable rate has nothing to hold against its target: say 不适用 once
                 target_phrase(as_rate(value.value), value.target, direction) if value.value is not None else "")


def as_rate(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def as_count(value: float | int | None) -> int | None:
    return None if value is None else int(value)


def count_sentence(key: str, value: IndicatorValue) -> str:
    return _join(f"{label(key)}{as_count(value.value)}件",
                 count_change(as_count(value.value), as_count(value.previous)),
                 count_change(as_count(value.value), value.sequential, basis="环比"))


def double_decline_text(result: MetricsResult) -> str:
    cases, loss = result["litigation_cases"], result["loss_rate"]
    return double_decline_sentence(as_count(cases.value), as_count(cases.previous), as_rate(loss.value),
                                   as_rate(loss.previous))


def headline(result: MetricsResult, scope_label: str) -> str:
    """The opening paragraph leaders read first, in the order of the speech that a briefing feeds."""
    cases, loss, head = result["litigation_cases"], result["loss_rate"], result["head_appearance_rate"]
    resolution = result["substantive_resolution_rate"]
    correction = result["reconsideration_correction_rate"]
    adoption = result["recommendation_adoption_rate"]
    first = _join(f"{result.period.label_zh}，{scope_label}行政诉讼发案量{as_count(cases.value)}件",
                  count_change(as_count(cases.value), as_count(cases.previous)),
                  f"败诉率{format_percent(as_rate(loss.value))}",
                  rate_change(as_rate(loss.value), as_rate(loss.previous)) if loss.value is not None else "",
                  double_decline_text(result))
    second = _join(f"行政机关负责人出庭应诉率{format_percent(as_rate(head.value))}",
                   f"行政争议实质性化解率{format_percent(as_rate(resolution.value))}",
                   f"行政复议纠错率{format_percent(as_rate(correction.value))}",
                   f"司法建议、检察建议落实率{format_percent(as_rate(adoption.value))}")
    return first + second


def litigation_paragraphs(result: MetricsResult) -> tuple[str, ...]:
    return (count_sentence("litigation_cases", result["litigation_cases"]),
            rate_sentence("loss_rate", result["loss_rate"]) + "本期" + double_decline_text(result) + "。",
            rate_sentence("head_appearance_rate", result["head_appearance_rate"]))


def rate_paragraphs(result: MetricsResult, keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(rate_sentence(key, result[key]) for key in keys)


def reconsideration_paragraphs(result: MetricsResult) -> tuple[str, ...]:
    return (count_sentence("reconsideration_cases", result["reconsideration_cases"]),
            *rate_paragraphs(result, RECONSIDERATION_RATES))


def procuratorate_paragraphs(result: MetricsResult) -> tuple[str, ...]:
    """府检联动: supervision cases received, then the rates of :data:`PROCURATORATE_RATES`."""
    return (count_sentence("supervision_cases", result["supervision_cases"]),
            *rate_paragraphs(result, PROCURATORATE_RATES))
