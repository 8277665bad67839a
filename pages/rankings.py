"""考核排名 Rankings: league tables per assessment category, 红黑榜, rank change, and a unit's breakdown."""

from __future__ import annotations

import streamlit as st

from dashboard import comparisons, theme, views
from dashboard import metrics_cache as mc
from dashboard.charts import build_score_bars
from dashboard.components.charts import coloured_heading, has_rows, show_figure
from dashboard.layout import page_context
from dashboard.markdown_text import escape_markdown
from dashboard.ranking_view import breakdown_of, ranking_for_viewer
from dashboard.tables import show_records, show_table

ctx = page_context("page_rankings")
lang, period = ctx.lang, ctx.state.period
zh = lang == "zh"
by = st.segmented_control("排名对象" if zh else "Rank", ("unit", "township"), key="rank_by", required=True,
                          default="unit", persist_state="session", format_func=lambda b: views.by_label(b, lang)) or "unit"
view = ranking_for_viewer(ctx, by)  # county-wide; other names masked for a liaison officer
facts = view.facts
if view.own_position:
    st.info(("本单位排名　" if zh else "Your position: ") + escape_markdown(view.own_position), icon=":material/my_location:")
if view.masked:
    st.caption("其他单位名称已按名次隐藏（管理员可在数据管理页开放）。" if zh else
               "Other names are shown by rank only (an administrator can reveal them).")
groups = comparisons.categories(view.ranking)
category = groups[0] if len(groups) == 1 else st.segmented_control(
    "考核类别" if zh else "Category", groups, key=f"rank_category_{by}", required=True,
    default=groups[0] if groups else None, persist_state="session")
ranking = comparisons.in_category(view.ranking, category)

if has_rows(comparisons.ranked_only(ranking).height, lang):
    left, right = st.columns([3, 2])
    with left:
        st.subheader(f"{escape_markdown(category)}综合得分" if zh else f"Scores: {escape_markdown(category)}")
        show_figure(build_score_bars(comparisons.ranked_only(ranking), label="label", score="score",
                                     id_col="group_name", lang=lang),
                    key=f"rank_bars_{by}_{category}", filter_key="rank_pick", lang=lang, single=True)
        if note := comparisons.score_bars_note(ranking, lang):
            st.caption(note)
    with right:
        red, black = comparisons.red_black_lists(ranking, lang)
        coloured_heading("红榜" if zh else "Honour roll (红榜)", theme.RED_LIST)
        show_table(red, key="rank_red", lang=lang)
        coloured_heading("黑榜" if zh else "To improve (黑榜)", theme.BLACK_LIST)
        show_table(black, key="rank_black", lang=lang)

    st.subheader("排名表" if zh else "League table")
    if note := comparisons.unassessed_note(ranking, by, lang):
        st.caption(note)
    scheme = mc.year_scheme(facts, period.end.year)
    table = comparisons.league_table(ranking, scheme, lang)
    show_records(table, f"{'排名' if zh else 'ranking'}_{category}_{ctx.state.period_spec}", "rank_table", lang, raw=True)

    names = [n for n in view.pickable if n in set(ranking["group_name"].to_list())]
    if names:
        if st.session_state.get("rank_pick") not in names:
            st.session_state["rank_pick"] = names[0]
        picked = st.selectbox("查看得分构成" if zh else "Score breakdown of", names, key="rank_pick")
        st.subheader(("得分构成：" if zh else "Score breakdown: ") + escape_markdown(picked))
        show_table(breakdown_of(view, period, picked, lang), key="rank_breakdown", lang=lang)
