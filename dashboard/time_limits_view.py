"""The 办理时限 section of a ledger's page: days to close against the statutory limit, per unit and per
subject area, and the matters still open that are near or past it (``etl.metrics.durations``)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import conference_views as cv
from dashboard import metrics_cache as mc
from dashboard.i18n import Lang
from dashboard.tables import show_records, show_table
from etl.metrics import Facts, Filters, Period
from etl.metrics.durations import FLOWS_BY_KIND, NEAR_SHARE
from etl.wording.numbers import percent


def show_time_limits(facts: Facts, period: Period, filters: Filters, as_of: dt.date, kind: str, lang: Lang) -> None:
    """One flow (``litigation``, ``reconsideration``, ``recommendation``): summary, per unit and area, pending."""
    zh = lang == "zh"
    flow = FLOWS_BY_KIND[kind]
    st.caption(f"法定期限：{flow.label_zh}{flow.limit_zh}；已用时限达{percent(NEAR_SHARE, lang)}为临近期限。中位数和90%分位数按本期办结的案件计算。"
               if zh else f"Statutory limit: {flow.limit_zh.replace('个月', ' months').replace('日', ' days')}; "
               f"near the limit once {percent(NEAR_SHARE, lang)} of it is gone. Medians and 90th percentiles of matters "
               "closed in the period.")
    summary = mc.days_to_close(facts, period, filters).filter(pl.col("kind") == kind)
    show_table(cv.duration_table(summary, lang), key=f"limits_{kind}_summary", lang=lang)
    left, right = st.columns(2)
    for column, by, title in ((left, "unit", "按单位" if zh else "By unit"), (right, "area", "按领域" if zh else "By area")):
        with column:
            st.subheader(title)
            grouped = mc.days_to_close(facts, period, filters, by=by).filter(pl.col("kind") == kind)
            show_records(cv.duration_table(grouped, lang, by), f"{'办理时限' if zh else 'time_limits'}_{by}",
                         f"limits_{kind}_{by}", lang, raw=True, height=300)
    pending = mc.pending_cases(facts, period, filters, as_of, (kind,))
    st.subheader(f"{'临近或超过期限的未结案件' if zh else 'Pending near or past the limit'}（{pending.height}）")
    st.caption((f"按数据截至日 {as_of.isoformat()} 计。") if zh else f"As of {as_of.isoformat()}.")
    show_records(cv.pending_table(pending, lang), "临近或超过期限" if zh else "pending_near_limit",
                 f"limits_{kind}_pending", lang, raw=True)
