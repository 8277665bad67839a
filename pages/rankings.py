"""考核排名 Rankings: league tables of units and townships, 红黑榜, rank change, and a unit's breakdown."""

from __future__ import annotations

import streamlit as st

from dashboard import comparisons, views
from dashboard import metrics_cache as mc
from dashboard.charts import build_score_bars
from dashboard.components.charts import has_rows, show_figure
from dashboard.layout import page_context
from dashboard.markdown_text import escape_markdown
from dashboard.ranking_view import ranking_for_viewer
from dashboard.tables import show_records, show_table

ctx = page_context("page_rankings")
lang, facts, period = ctx.lang, ctx.facts, ctx.state.period
zh = lang == "zh"
by = st.segmented_control("排名对象" if zh else "Rank", ("unit", "township"), key="rank_by", required=True,
                          default="unit", persist_state="session", format_func=lambda b: views.by_label(b, lang)) or "unit"
view = ranking_for_viewer(ctx, by)  # county-wide; other names masked for a liaison officer (issue 8)
ranking, facts = view.ranking, view.facts
if view.own_position:
    st.info(("本单位排名　" if zh else "Your position: ") + escape_markdown(view.own_position), icon=":material/my_location:")
if view.masked:
    st.caption("其他单位名称已按名次隐藏（管理员可在数据管理页开放）。" if zh else
               "Other names are shown by rank only (an administrator can reveal them).")

if has_rows(comparisons.ranked_only(ranking).height, lang):
    left, right = st.columns([3, 2])
    with left:
        st.subheader("综合得分（绿色红榜·红色黑榜）" if zh else "Scores (green: top, red: bottom)")
        show_figure(build_score_bars(comparisons.ranked_only(ranking), label="label", score="score",
                                     id_col="group_name", lang=lang),
                    key=f"rank_bars_{by}", filter_key="rank_pick", lang=lang, single=True)
        if note := comparisons.score_bars_note(ranking, lang):
            st.caption(note)
    with right:
        red, black = comparisons.red_black_lists(ranking, lang)
        st.subheader("红榜" if zh else "Top of the table")
        show_table(red, key="rank_red")
        st.subheader("黑榜" if zh else "Bottom of the table")
        show_table(black, key="rank_black")

    st.subheader("排名表" if zh else "League table")
    if note := comparisons.unassessed_note(ranking, by, lang):
        st.caption(note)
    table = comparisons.league_table(ranking, facts, period, lang)
    show_records(table, f"{'排名' if zh else 'ranking'}_{ctx.state.period_spec}", "rank_table", lang, raw=True)

    names = view.pickable
    if names:
        if st.session_state.get("rank_pick") not in names:
            st.session_state["rank_pick"] = names[0]
        picked = st.selectbox("查看得分构成" if zh else "Score breakdown of", names, key="rank_pick")
        grouped = mc.grouped(facts, period, comparisons.ranking_filters(ctx.filters, by), by=by)
        show_table(comparisons.score_breakdown(ranking, grouped, picked, facts, period, lang), key="rank_breakdown")
