"""The paragraphs of the briefing's body: one per area, the cases that matter named, and the
analysis by 领域 — every figure read from the gathered data, every word from ``etl.wording``."""

from __future__ import annotations

import polars as pl

from etl.briefing.annexes import NAMED_IN_BODY, TASKS_ANNEX, annex_number
from etl.briefing.cases import absent_head_phrase, lost_case_phrase
from etl.briefing.data import BriefingData
from etl.briefing.model import Annex
from etl.wording.changes import count_change
from etl.wording.labels import basis_words, prose_label
from etl.wording.numbers import count, percent
from etl.wording.sentences import (
    count_sentence,
    held_note,
    join,
    meetings_clause,
    rate_clause,
    rate_sentence,
    rests_on_enough,
)
from etl.wording.verdicts import double_decline

RESOLUTION_RATES = ("pre_litigation_mediation_rate", "pre_enforcement_settlement_rate", "substantive_resolution_rate")
RECONSIDERATION_RATES = ("reconsideration_correction_rate", "reconsideration_settlement_rate")
FOLLOW_UP_RATES = ("recommendation_adoption_rate", "task_on_time_rate")
#: 府检联动: what the procuratorate's supervision found, and how its and the court's recommendations fared.
#: (检察机关参与化解 is a channel of 争议化解: like the other channels but three, it is on the pages, not in
#: the 正文, which keeps to four pages.)
PROCURATORATE_RATES = ("supervision_recommendation_share", "procuratorial_recommendation_adoption_rate",
                       "judicial_recommendation_adoption_rate")
ORDINALS = "一二三四五六七八九十"
OTHER_AREA = "其他"


def see(annexes: tuple[Annex, ...], title: str) -> str:
    number = annex_number(annexes, title)
    return "" if number is None else f"（详见附件{number}）"


def enumerate_zh(items: list[str]) -> str:
    """(1)…；(2)… for two or more items, the item alone for one."""
    if len(items) == 1:
        return items[0]
    return "；".join(f"（{n}）{item}" for n, item in enumerate(items, 1))


def verdict(data: BriefingData) -> str:
    cases, loss = data.result["litigation_cases"], data.result["loss_rate"]
    return double_decline(cases.value, cases.previous, loss.value, loss.previous, data.period.kind.value).sentence


def _headline_rate(data: BriefingData, key: str) -> str:
    v = data.result[key]
    if v.value is None or not rests_on_enough(v.denominator, data.min_records):
        num_word, den_word = basis_words(key)
        return "" if not v.denominator else f"{den_word}{v.denominator}件，其中{num_word}{v.numerator}件"
    return f"{prose_label(key)}{percent(float(v.value))}"


def headline(data: BriefingData, scope_label: str) -> str:
    """The opening paragraph leaders read first: volume, losses, 双下降, then the other rates."""
    r = data.result
    cases, loss = r["litigation_cases"], r["loss_rate"]
    first = [f"{data.period.label_zh}，{scope_label}行政诉讼发案量{count(cases.value)}",
             count_change(cases.value, cases.previous, basis="yoy", min_records=data.min_records)]
    if loss.denominator:
        lost = f"审结一审案件{loss.denominator}件，其中败诉{loss.numerator}件"
        if rests_on_enough(loss.denominator, data.min_records) and loss.value is not None:
            lost += f"，败诉率{percent(float(loss.value))}"
        first.append(lost)
    first.append(verdict(data))
    others = [_headline_rate(data, k) for k in ("head_appearance_rate", "substantive_resolution_rate",
                                                 "reconsideration_correction_rate", "recommendation_adoption_rate")]
    note = held_note(data.held)
    return join(*first) + join(*others) + (f"另有{note}。" if note else "")


def litigation_paragraphs(data: BriefingData, annexes: tuple[Annex, ...]) -> tuple[str, ...]:
    r, n = data.result, data.min_records
    losses = count_sentence("litigation_cases", r["litigation_cases"], min_records=n,
                            with_sequential=data.has_sequential)
    losses += rate_sentence("loss_rate", r["loss_rate"], min_records=n)  # 双下降 is said in the headline
    if data.lost.height:
        named = [lost_case_phrase(row) for row in data.lost.head(NAMED_IN_BODY).iter_rows(named=True)]
        more = f"等{data.lost.height}件" if data.lost.height > NAMED_IN_BODY else ""
        losses += f"本期败诉案件{data.lost.height}件：{enumerate_zh(named)}{more}{see(annexes, '败诉案件清单')}。"
    elif r["loss_rate"].denominator:
        losses += "本期无败诉案件。"
    heads = rate_sentence("head_appearance_rate", r["head_appearance_rate"], min_records=n)
    if data.absent.height:
        named = [absent_head_phrase(row) for row in data.absent.head(NAMED_IN_BODY).iter_rows(named=True)]
        more = f"等{data.absent.height}件" if data.absent.height > NAMED_IN_BODY else ""
        heads += (f"行政机关负责人未出庭的庭审{data.absent.height}件：{'、'.join(named)}{more}"
                  f"{see(annexes, '负责人未出庭应诉案件清单')}。")
    return losses, heads


def resolution_paragraphs(data: BriefingData) -> tuple[str, ...]:
    r, n = data.result, data.min_records
    # Secondary rates without their basis, to keep the body to four pages; the annexes give the counts.
    disputes = "".join(rate_sentence(k, r[k], min_records=n, with_basis=False) for k in RESOLUTION_RATES)
    review = count_sentence("reconsideration_cases", r["reconsideration_cases"], min_records=n,
                            with_sequential=data.has_sequential)
    review += "".join(rate_sentence(k, r[k], min_records=n, with_basis=False) for k in RECONSIDERATION_RATES)
    return disputes, review


def follow_up_paragraphs(data: BriefingData, annexes: tuple[Annex, ...]) -> tuple[str, ...]:
    r, n = data.result, data.min_records
    text = "".join(rate_sentence(k, r[k], min_records=n, with_basis=False) for k in FOLLOW_UP_RATES)
    overdue_recs = int(data.recommendations["overdue"].sum()) if data.recommendations.height else 0
    text += (f"截至{data.as_of_label}，{_meetings_clause(data)}逾期未完成的双清单任务{data.tasks.height}项"
             f"{see(annexes, TASKS_ANNEX)}；未答复的司法建议和检察建议{data.recommendations.height}件，"
             f"其中已逾期{overdue_recs}件{see(annexes, '未答复的司法建议和检察建议')}。")
    return (text + procuratorate_sentence(data),)


def _meetings_clause(data: BriefingData) -> str:
    """The meetings held in the period and their decisions done, summed; the annex gives each meeting's,
    and the earlier meetings whose decisions are still overdue (in the overdue count that follows)."""
    held = data.meetings.filter(pl.col("registered") & pl.col("held_on").is_between(data.period.start,
                                                                                    data.period.end))
    if not held.height:
        return ""
    return meetings_clause(held.height, int(held["decisions"].sum()), int(held["done"].sum())) + "；"


def procuratorate_sentence(data: BriefingData) -> str:
    """府检联动 in one sentence at the end of the follow-up paragraph (the 正文 keeps to four pages):
    supervision cases received, then :data:`PROCURATORATE_RATES` as figures alone — their counts where
    too few for a rate."""
    r = data.result
    return "府检联动方面，" + join(f"{prose_label('supervision_cases')}{count(r['supervision_cases'].value)}",
                                 *(rate_line(data, k) for k in PROCURATORATE_RATES))


def rising_areas(data: BriefingData, limit: int = 2) -> pl.DataFrame:
    """The 领域 whose filings rose most on a year earlier (whole cases, ties by name; 其他 left out)."""
    return (data.areas.with_columns((pl.col("litigation_cases") - pl.col("litigation_cases__previous").fill_null(0))
                                    .alias("_up"))
            .filter((pl.col("_up") > 0) & (pl.col("group_name") != OTHER_AREA))
            .sort(["_up", "group_name"], descending=[True, False]).head(limit))


def area_paragraph(data: BriefingData) -> str:
    """Where cases come from and where they rise, and where the losses come from (分领域分析)."""
    areas = data.areas.filter(pl.col("litigation_cases").fill_null(0) + pl.col("litigation_cases__previous")
                              .fill_null(0) > 0)
    total = int(data.result["litigation_cases"].value or 0)
    if total == 0 and areas.is_empty():
        return "本期及去年同期均无行政诉讼案件。"
    parts = []
    # 其他 is what no 领域 claimed: it is counted, not analysed as a field of its own.
    top = areas.filter((pl.col("litigation_cases") > 0) & (pl.col("group_name") != OTHER_AREA)).sort(
        ["litigation_cases", "group_name"], descending=[True, False]).head(3)
    if top.height:
        listed = "、".join(f"{r['group_name']}（{r['litigation_cases']}件）" for r in top.iter_rows(named=True))
        share = int(top["litigation_cases"].sum())
        lead = f"从领域看，发案量居前{ORDINALS[top.height - 1]}位的是{listed}" if top.height > 1 else f"从领域看，案件集中在{listed}"
        if total >= data.min_records and top.height > 1:
            lead += f"，合计占{percent(share / total)}"
        parts.append(lead)
    rising = rising_areas(data)
    if rising.height:
        parts.append("同比增加较多的是" + "、".join(
            f"{r['group_name']}（{count_change(r['litigation_cases'], r['litigation_cases__previous'], min_records=data.min_records)}）"
            for r in rising.iter_rows(named=True)))
    else:
        parts.append("各领域发案量均未同比上升")
    if data.lost.height:
        by_area = data.lost.group_by(pl.col("area").fill_null("其他")).len().sort(["len", "area"],
                                                                                   descending=[True, False])
        parts.append("败诉案件分布在" + "、".join(f"{a}（{k}件）" for a, k in by_area.iter_rows()) + "领域")
    return join(*parts)


def rate_line(data: BriefingData, key: str) -> str:
    """The rate alone for a finding (行政复议纠错率20%): its basis was given in the section above;
    too few records for a rate give the counts."""
    v = data.result[key]
    if v.value is not None and rests_on_enough(v.denominator, data.min_records):
        return f"{prose_label(key)}{percent(float(v.value))}"
    return rate_clause(key, v, min_records=data.min_records)
