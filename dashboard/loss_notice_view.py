"""败诉案件通报 on the 行政诉讼 page: the period's lost cases with the office's review of each, the
notice as DOCX/PDF, and for administrators the form that records 败诉原因, 整改措施 and 责任追究.

The cases are the loss rate's numerator (``etl.briefing.cases``); reviews are stored and audited by
``etl.notices.reviews`` and appear in the next notice.
"""

from __future__ import annotations

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard.auth import actor_name, current_viewer, viewer_of_session
from dashboard.downloads import audited
from dashboard.i18n import Lang
from etl import audit
from etl.briefing.cases import CASE_COLUMNS, CaseDetails, case_rows, lost_cases
from etl.briefing.generate import MIME_TYPES
from etl.importing.export_safety import safe_frame
from etl.metrics import Facts, Period
from etl.notices.generate import NOTICE_FORMATS, losses_notice_file
from etl.notices.reviews import FIELD_LABELS, load_details, save_review

REVIEW_HEADERS = tuple(FIELD_LABELS.values())


def review_frame(lost: pl.DataFrame, details: CaseDetails) -> pl.DataFrame:
    """One row per lost case: the notice's columns and what the office recorded (formula-safe)."""
    rows = []
    for cells, row in zip(case_rows(lost), lost.iter_rows(named=True), strict=True):
        review = details.review(row["court"], row["case_number"])
        rows.append((*cells, review.cause_analysis, review.rectification, review.accountability))
    schema = {name: pl.String for name in (*CASE_COLUMNS, *REVIEW_HEADERS)}
    return safe_frame(pl.DataFrame(rows, schema=schema, orient="row"))


def _may_edit(engine: Engine) -> bool:
    viewer = viewer_of_session() or current_viewer(engine, screen_page=False)
    return viewer is not None and viewer.is_admin and not viewer.display_only


def review_form(lost: pl.DataFrame, details: CaseDetails, engine: Engine) -> None:
    """Record the cause, rectification and accountability of one lost case (administrators)."""
    labels = {f"{r['case_number']}（{r['defendant']}）": (r["court"], r["case_number"])
              for r in lost.iter_rows(named=True)}
    choice = st.selectbox("败诉案件", list(labels), key="loss_review_case")
    if choice is None:
        return
    court, number = labels[choice]
    current = details.review(court, number)
    with st.form(f"loss_review_{court}_{number}"):
        texts = {"cause_analysis": st.text_area("败诉原因", value=current.cause_analysis, max_chars=2000),
                 "rectification": st.text_area("整改措施", value=current.rectification, max_chars=2000),
                 "accountability": st.text_area("责任追究", value=current.accountability, max_chars=2000)}
        if st.form_submit_button("保存", icon=":material/save:"):
            with engine.begin() as conn:
                save_review(conn, court, number, actor_name(), **texts)
            st.success(f"已保存 {number} 的整改记录，下次生成通报时载入。", icon=":material/check_circle:")
            st.rerun()
    if current.updated_at is not None:
        st.caption(f"最近由 {current.updated_by or '—'} 于 {current.updated_at:%Y-%m-%d %H:%M} 修改（UTC）。")


def show(facts: Facts, period: Period, engine: Engine, lang: Lang) -> None:
    zh = lang == "zh"
    ids = lost_cases(facts, period)["id"].to_list()
    with engine.connect() as conn:
        details = load_details(conn, ids)
    lost = lost_cases(facts, period, details=details)
    st.subheader(f"{period.label_zh if zh else period.label_en}败诉案件通报" if zh else "Notice of lost cases")
    st.caption("按败诉率的口径列出期间内审结并败诉的一审案件，按被诉单位分组；整改记录随通报印发。"
               if zh else "The lost first-instance cases counted by the loss rate, by unit, with the office's review.")
    columns = st.columns(len(NOTICE_FORMATS))
    for column, fmt in zip(columns, NOTICE_FORMATS, strict=True):
        stem = f"败诉案件通报_{facts.region_name or ''}_{period.label_zh}"

        def build(fmt: str = fmt) -> bytes:  # bound now: the download runs after the loop has moved on
            return losses_notice_file(facts, period, fmt, details=details).content

        with column:
            st.download_button(
                f"下载通报（{fmt.upper()}）" if zh else f"Download notice ({fmt.upper()})",
                data=audited(build, audit.BRIEFING, title=f"{period.label_zh}败诉案件通报", format=fmt, file=f"{stem}.{fmt}"),
                file_name=f"{stem}.{fmt}", mime=MIME_TYPES[fmt], key=f"loss_notice_{fmt}", on_click="ignore",
                icon=":material/download:")
    if lost.is_empty():
        st.info("本期无败诉案件。" if zh else "No lost cases in the period.")
        return
    st.dataframe(review_frame(lost, details).to_arrow(), hide_index=True)
    if _may_edit(engine):
        with st.expander("填报败诉原因、整改措施和责任追究" if zh else "Record cause, rectification, accountability",
                         icon=":material/edit_note:"):
            review_form(lost, details, engine)
