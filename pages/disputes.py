"""争议化解 Dispute resolution: success rates of the five channels, by agency and by township; received,
concluded and resolved side by side; the key cases (重点案件) leaders handle in person, overdue first."""

from __future__ import annotations

import streamlit as st

from dashboard import conference_views as cv
from dashboard import metrics_cache as mc
from dashboard import views
from dashboard.charts import build_rate_bars, build_stage_bars
from dashboard.components.charts import has_rows, show_figure
from dashboard.components.kpi import show_tiles
from dashboard.components.tile_drill import TileDrill
from dashboard.filters import TOWN_KEY, UNIT_KEY
from dashboard.layout import page_context
from dashboard.tables import show_records
from etl.metrics import key_case_list

ctx = page_context("page_disputes")
lang, facts, period, filters = ctx.lang, ctx.facts, ctx.state.period, ctx.filters
zh = lang == "zh"
result = mc.indicators(facts, period, filters)
drill = TileDrill(facts, period, filters, result, ctx.state.period_spec, lang, ctx.options.as_of)
show_tiles([views.tile(result, k, lang) for k in views.DISPUTE_TILE_KEYS], lang, drill=drill)

overview, groups, key_cases, records = st.tabs(
    ["渠道与办理" if zh else "Channels", "按单位和乡镇" if zh else "By agency and township",
     "重点案件" if zh else "Key cases", "纠纷清单" if zh else "Dispute list"], key="disp_tab", on_change="rerun")

if overview.open:
    with overview:
        left, right = st.columns(2)
        with left:
            st.subheader("各渠道化解成功率" if zh else "Success rate by channel")
            channels = views.channel_rates(result, lang)
            if has_rows(views.nonzero_rows(channels, "denominator"), lang):
                show_figure(build_rate_bars(channels, label="label", rate="rate", status="status",
                                            denominator="denominator", direction="higher", lang=lang),
                            key="disp_channels")
        with right:
            st.subheader("受理、办结与化解" if zh else "Received, concluded and resolved")
            stages = views.resolution_stages(result, lang)
            if has_rows(len([n for _, n in stages if n]), lang):
                show_figure(build_stage_bars(stages, lang=lang), key="disp_stages")
                st.caption(views.stages_caption(lang))

if groups.open:
    with groups:
        key = st.segmented_control(
            "渠道" if zh else "Channel", views.DISPUTE_TILE_KEYS, key="disp_channel", required=True,
            default=views.DISPUTE_TILE_KEYS[0], format_func=lambda k: views.label(k, lang)) or views.DISPUTE_TILE_KEYS[0]
        cols = st.columns(2)
        for column, by, filter_key in zip(cols, ("unit", "township"), (UNIT_KEY, TOWN_KEY), strict=True):
            with column:
                st.subheader(f"{views.label(key, lang)}·{views.by_label(by, lang)}")
                frame = views.with_display_names(mc.grouped(facts, period, filters, by=by), facts, by)
                if has_rows(views.nonzero_rows(frame, f"{key}__den"), lang):
                    fig = build_rate_bars(frame, label="label", rate=key, status=f"{key}__status",
                                          denominator=f"{key}__den", id_col="group_name",
                                          target=result[key].target, direction="higher", lang=lang)
                    show_figure(fig, key=f"disp_{by}", filter_key=filter_key, lang=lang)

if key_cases.open:
    with key_cases:
        show_tiles([views.tile(result, k, lang) for k in ("key_cases", "key_case_resolution_rate")], lang,
                   drill=drill)
        listed = key_case_list(facts, ctx.options.as_of, filters, period, with_earlier_open=True)
        st.caption(f"本期列入的重点案件及此前列入、仍在化解中的重点案件，逾期在前（按数据截至日 {ctx.options.as_of.isoformat()} 计）；"
                   "编号为诉讼案号或争议编号的，该诉讼、争议在清单中标为重点案件。" if zh else
                   "Key cases listed in the period and earlier ones still being resolved, overdue first; a key "
                   "case numbered by a lawsuit's or dispute's reference marks it as key in the case lists.")
        show_records(cv.key_case_table(listed, lang), "重点案件" if zh else "key_cases", "disp_key_cases", lang,
                     raw=True)

if records.open:
    with records:
        figure = st.segmented_control(
            "数字" if zh else "Figure", views.DRILL_KEYS["disputes"], key="disp_drill", required=True,
            default=views.DRILL_KEYS["disputes"][0], format_func=lambda k: views.label(k, lang)) or \
            views.DRILL_KEYS["disputes"][0]
        st.caption(views.drill_caption(figure, result, lang))
        show_records(mc.drill(facts, figure, period, filters),
                     f"{views.label(figure, lang)}_{ctx.state.period_spec}", "disp_records", lang)
