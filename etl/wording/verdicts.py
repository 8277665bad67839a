"""双下降 in words: the verdict a tile shows and the clause a document writes.

The indicator (``double_decline``: both lawsuits filed and the loss rate strictly lower than a year
earlier) is computed by the indicator layer. Its wording must not mislead where the strict test
does: a loss rate of 0% held at 0% cannot fall, so it is "败诉率保持为零", not "未实现双下降"; and
the double decline is a yearly aim, so a month gets no verdict at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.wording.numbers import Lang

_EPS = 1e-12


@dataclass(frozen=True)
class DoubleDecline:
    status: str  # met / missed / n/a, as target statuses
    short: str  # what a tile or the CLI shows
    sentence: str  # the clause a document writes


def double_decline(cases: int | float | None, cases_previous: int | float | None, loss_rate: float | None,
                   loss_rate_previous: float | None, period_kind: str | None = None,
                   lang: Lang = "zh") -> DoubleDecline:
    zh = lang == "zh"
    if period_kind == "month":
        return DoubleDecline("n/a", "按年评价" if zh else "assessed yearly",
                             "“双下降”按年度评价，月度不作结论" if zh
                             else "the double decline is assessed per year, not per month")
    if None in (cases, cases_previous, loss_rate, loss_rate_previous):
        return DoubleDecline("n/a", "不适用" if zh else "n/a",
                             "因缺少去年同期可比数据，暂无法评价“双下降”" if zh
                             else "without comparable figures a year earlier the double decline cannot be assessed")
    assert cases is not None and cases_previous is not None
    assert loss_rate is not None and loss_rate_previous is not None
    fewer = cases < cases_previous
    if abs(loss_rate) < _EPS and abs(loss_rate_previous) < _EPS:
        if fewer:
            # Not "是": the strict indicator is false (0% cannot fall); not "否" either: nothing was missed.
            return DoubleDecline("met", "败诉率保持为零" if zh else "Losses held at zero",
                                 "发案量同比下降，败诉率保持为零" if zh
                                 else "lawsuits filed fell and the loss rate stayed at zero")
        return DoubleDecline("missed", "否" if zh else "No",
                             "败诉率保持为零，但发案量未同比下降" if zh
                             else "the loss rate stayed at zero but lawsuits filed did not fall")
    lower_loss = loss_rate < loss_rate_previous - _EPS
    if fewer and lower_loss:
        return DoubleDecline("met", "是" if zh else "Yes",
                             "实现发案量和败诉率“双下降”" if zh else "lawsuits filed and the loss rate both fell")
    misses = [name for name, fell in ((("发案量", "lawsuits filed"), fewer), (("败诉率", "the loss rate"), lower_loss))
              if not fell]
    if zh:
        return DoubleDecline("missed", "否", f"未实现“双下降”（{'和'.join(m[0] for m in misses)}未同比下降）")
    return DoubleDecline("missed", "No", f"no double decline ({' and '.join(m[1] for m in misses)} did not fall)")
