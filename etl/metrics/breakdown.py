"""The score explained: one row per indicator, bonus, event and veto of a unit, adding up to its score.

Built from a :func:`etl.metrics.rank` row, the scheme and the period's events, so the 考核排名 page,
``liandong rank --json`` and the briefing's annex print the same lines. The ``points`` column of the
rows before the total adds up to the score: indicator points to the base score, then bonuses (with an
adjustment where the bonus cap bites), event deductions, and a veto cancelling the rest.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from etl.metrics.assessment_events import EVENT_SOURCES
from etl.metrics.registry import INDICATORS_BY_KEY
from etl.metrics.scheme import Scheme, SchemeItem

BREAKDOWN_SCHEMA: dict[str, pl.DataType] = {
    "group_id": pl.Int64(), "section": pl.String(), "item": pl.String(), "value": pl.String(),
    "points": pl.Float64(), "method": pl.String(), "why": pl.String()}
SECTIONS = ("indicator", "bonus", "event", "veto", "total")
MEASURE_LABELS = {"value": ("", ""), "change": ("同比变化", "change"), "shortfall": ("未达标件数", "shortfalls"),
                  "increase": ("比上年增加件数", "increase")}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _figure(item: SchemeItem, value: float | None) -> str:
    """A measured figure or threshold in the item's own terms (a rate, a change, a count)."""
    if value is None:
        return "—"
    if item.measure == "change":
        return f"{'+' if value > 0 else ''}{value * 100:.1f}%" if not INDICATORS_BY_KEY[item.key].is_rate \
            else f"{'+' if value > 0 else ''}{value * 100:.1f}个百分点"
    if item.measure == "value" and INDICATORS_BY_KEY[item.key].is_rate:
        return _pct(value)
    return f"{value:g}件"


def item_label(item: SchemeItem, lang: str = "zh") -> str:
    ind = INDICATORS_BY_KEY[item.key]
    extra = MEASURE_LABELS[item.measure][0 if lang == "zh" else 1]
    name = ind.label_zh if lang == "zh" else ind.label_en
    return f"{name}（{extra}）" if extra and lang == "zh" else f"{name} ({extra})" if extra else name


def method_text(item: SchemeItem, row: dict[str, Any] | None = None) -> str:
    """The scoring rule in one phrase (Chinese, as the scheme documents are written)."""
    if item.method == "banded":
        sign = "≤" if item.lower_is_better else "≥"
        bands = "；".join(f"{sign}{_figure(item, b.at)}得{b.points:g}分" for b in item.bands)
        return f"分档：{bands}；其余0分"
    if item.method == "deduction":
        return f"每件扣{item.per:g}分，最多扣{item.deduction_cap:g}分"
    target = row.get(f"{item.slug}__target") if row else None
    zero = row.get(f"{item.slug}__zero") if row else None
    if item.method == "relative" and target is None:
        def offset(value: float | None) -> str:
            v = (value or 0.0) * 100
            return "平均水平" if v == 0 else f"{'高于' if v > 0 else '低于'}平均{abs(v):g}个百分点"
        return f"与全县平均比较：{offset(item.target)}得满分，{offset(item.threshold)}得0分，其间按线性"
    if item.method == "relative" and target is not None:  # None returned above: narrowed for mypy
        avg = target - float(item.target or 0.0)
        return (f"与全县平均（{_pct(avg)}）比较：{_pct(target)}及以{'下' if item.lower_is_better else '上'}"
                f"得满分，{_pct(zero)}得0分，其间按线性")
    full = target if target is not None else item.target
    return f"线性：{_figure(item, full)}得满分，{_figure(item, zero if zero is not None else item.threshold)}得0分"


def _basis(item: SchemeItem, row: dict[str, Any], min_cases: int) -> str:
    """The figure with the records it rests on, or why it does not apply."""
    key = item.key
    num, den, prev, cur = (row.get(f"{key}__num"), row.get(f"{key}__den"), row.get(f"{key}__previous"), row.get(key))
    value = row.get(f"{item.slug}__measured")
    if item.measure in ("change", "increase") and not INDICATORS_BY_KEY[key].is_rate:
        shown = f"本期{_num(cur)}件，上年同期{_num(prev)}件"
        if item.measure == "increase":
            return f"{shown}，增加{_num(value)}件"
        return f"{shown}，变化{_figure(item, value)}（以不少于{item.floor:g}件为基数）"
    if item.measure == "shortfall":
        return "不适用：本期无相关记录" if value is None else f"未达标{_num(value)}件（共{_num(den)}件）"
    if INDICATORS_BY_KEY[key].is_rate:
        if value is None:
            if item.measure == "change":
                return "不适用：无可比数据"
            return "不适用：本期无相关记录" if not den else f"不适用：仅{_num(den)}件，不足{min_cases}件"
        if item.measure == "change":
            return f"同比{_figure(item, value)}"
        return f"{_pct(value)}（{_num(num)}/{_num(den)}件）"
    return "不适用：本期无记录" if value is None else f"{_num(value)}件"


def _indicator_rows(row: dict[str, Any], scheme: Scheme, min_cases: int) -> list[dict[str, Any]]:
    full_marks = scheme.not_applicable == "full_marks"
    rows = []
    for item in scheme.items:
        points, weight = row.get(f"{item.slug}__score"), row.get(f"{item.slug}__weight")
        measured = row.get(f"{item.slug}__measured") is not None
        if not measured:
            why = "不适用，按满分计" if full_marks else "不适用，不计分，权重按比例分摊给已考核的指标"
        else:
            why = f"得{points:.2f}分（折算权重{weight:.2f}，原权重{item.weight:g}）" \
                if weight is not None and abs(weight - item.weight) > 1e-9 else f"得{points:.2f}分（权重{item.weight:g}）"
        rows.append({"section": "indicator", "item": item_label(item), "value": _basis(item, row, min_cases),
                     "points": points, "method": method_text(item, row), "why": why})
    return rows


def _bonus_rows(row: dict[str, Any], scheme: Scheme) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for b in scheme.bonuses:
        points = float(row.get(f"{b.slug}__bonus") or 0.0)
        if b.when is not None:
            met = bool(row.get(b.when))
            rows.append({"section": "bonus", "item": f"加分：{b.name}", "value": "是" if met else "否",
                         "points": points, "method": f"达到条件加{b.points:g}分",
                         "why": "行政诉讼发案量和败诉率同比均下降" if met else "未达到条件"})
        else:
            key = str(b.key)
            count = row.get(f"{key}__num" if INDICATORS_BY_KEY[key].is_rate else key) or 0
            rows.append({"section": "bonus", "item": f"加分：{b.name}", "value": f"{_num(count)}件",
                         "points": points, "method": f"每件加{b.per:g}分，最多加{_num(b.cap)}分",
                         "why": f"{_num(count)}件 × {b.per:g}分" + ("（已达上限）" if b.cap is not None and points >= b.cap else "")})
    raw = sum(r["points"] for r in rows)
    if scheme.bonus_cap is not None and raw > float(row.get("bonus") or 0.0) + 1e-9:
        rows.append({"section": "bonus", "item": "加分上限", "value": f"加分合计{raw:g}分", "points": float(row["bonus"]) - raw,
                     "method": f"加分合计最多{scheme.bonus_cap:g}分", "why": "超过上限的部分不计"})
    return rows


def _event_rows(row: dict[str, Any], scheme: Scheme, events: pl.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for rule in scheme.events:
        label = EVENT_SOURCES[rule.kind].label_zh
        mine = events.filter(pl.col("kind") == rule.kind)
        left = float(row.get(f"{rule.kind}__deduction") or 0.0)
        cap = "不设上限" if rule.cap is None else f"最多扣{rule.cap:g}分"
        for event in mine.iter_rows(named=True):
            if rule.action == "veto":
                points, why = 0.0, "一票否决"
            else:
                points = min(rule.per, left)
                left -= points
                why = f"扣{points:g}分" if points else "已达扣分上限，不再扣分"
            rows.append({"section": "event", "item": label, "value": event["detail_zh"], "points": -points,
                         "method": "一票否决" if rule.action == "veto" else f"每件扣{rule.per:g}分，{cap}",
                         "why": why})
    return rows


def breakdown_rows(row: dict[str, Any], scheme: Scheme, events: pl.DataFrame, min_cases: int = 3) -> list[dict[str, Any]]:
    """The lines of one ranking row (a dict from :func:`etl.metrics.rank`); ``events`` are its own events."""
    rows = _indicator_rows(row, scheme, min_cases) + _bonus_rows(row, scheme) + _event_rows(row, scheme, events)
    score = row.get("score")
    if row.get("vetoed"):
        before = sum(r["points"] or 0.0 for r in rows)
        rows.append({"section": "veto", "item": "一票否决", "value": row.get("veto_reason") or "",
                     "points": -before, "method": "一票否决", "why": "总分计为0分，排在本类别最后"})
    rows.append({"section": "total", "item": "总分", "value": "", "points": score,
                 "method": "基础得分 + 加分 − 扣分", "why": "本期无可考核指标，不参与排名" if score is None else
                 f"基础得分{row.get('base_score') or 0:.2f} + 加分{row.get('bonus') or 0:.2f} − 扣分{row.get('deduction') or 0:.2f}"})
    return [{"group_id": row["group_id"], **r} for r in rows]


def score_breakdown(ranking: pl.DataFrame, scheme: Scheme, events: pl.DataFrame, group_id: int,
                    min_cases: int = 3, by: str = "unit") -> pl.DataFrame:
    """:func:`breakdown_rows` of one group as a frame (``BREAKDOWN_SCHEMA``)."""
    found = ranking.filter(pl.col("group_id") == group_id)
    if found.is_empty():
        return pl.DataFrame(schema=BREAKDOWN_SCHEMA)
    column = "unit_id" if by == "unit" else "township_id"
    rows = breakdown_rows(found.row(0, named=True), scheme, events.filter(pl.col(column) == group_id), min_cases)
    return pl.DataFrame(rows, schema=BREAKDOWN_SCHEMA, orient="row")


def method_table(scheme: Scheme) -> pl.DataFrame:
    """指标, 权重, 计分方法: the scheme in one table (annex, scheme editor preview)."""
    rows: list[tuple[str, float | None, str]] = [(item_label(i), i.weight, method_text(i)) for i in scheme.items]
    rows += [(f"加分：{b.name}", None, f"达到条件加{b.points:g}分" if b.when else f"每件加{b.per:g}分，最多加{_num(b.cap)}分")
             for b in scheme.bonuses]
    rows += [(EVENT_SOURCES[e.kind].label_zh, None,
              "一票否决" if e.action == "veto" else f"每件扣{e.per:g}分" + ("" if e.cap is None else f"，最多扣{e.cap:g}分"))
             for e in scheme.events]
    rows += [("一票否决", None, v.reason) for v in scheme.vetoes]
    return pl.DataFrame(rows, schema={"指标": pl.String, "权重": pl.Float64, "计分方法": pl.String}, orient="row")
