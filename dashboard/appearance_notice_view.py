"""出庭应诉通报 on the 行政诉讼 page's monthly tab: the notice of the selected period as DOCX or PDF."""

from __future__ import annotations

import streamlit as st

from dashboard import metrics_cache
from dashboard.i18n import Lang
from dashboard.notice_downloads import notice_download_buttons
from etl.metrics import Facts, Period
from etl.notices.generate import appearance_notice_file


def show(facts: Facts, period: Period, lang: Lang) -> None:
    zh = lang == "zh"
    st.subheader(f"{period.label_zh}出庭应诉通报" if zh else "Notice of agency heads in court")
    st.caption("各单位开庭数、正职/副职出庭、仅委托代理人出庭、未出庭、出庭率和排名；负责人未出庭的庭审逐件列出，"
               "低于目标的单位点名提醒。按月印发时请先选择月份。" if zh else
               "Per agency: hearings, who appeared, rate and rank; every hearing without the head; agencies below "
               "target named. Choose a month for the monthly notice.")
    stem = f"出庭应诉通报_{facts.region_name or ''}_{period.label_zh}"
    config = metrics_cache.current_rules().definitions  # whether a deputy counts, as on the tiles
    notice_download_buttons(lambda fmt: appearance_notice_file(facts, period, fmt, config=config).content,
                            f"{period.label_zh}出庭应诉通报", stem, "appearance_notice", lang)
