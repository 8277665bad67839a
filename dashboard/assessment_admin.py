"""数据管理 page, assessment tabs: the year's scheme (TOML editor with validation, save, reset) and the
office's 重大败诉 flags on lawsuits. Every rule is ``etl.metrics``'s; each change is audited there."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import polars as pl
import streamlit as st
from sqlalchemy import Engine

from dashboard import metrics_cache
from dashboard.auth import actor_name
from dashboard.data import load
from dashboard.markdown_text import escape_markdown
from etl.case_flags import (
    FLAG_KINDS,
    CaseFlagError,
    clear_case_flag,
    list_case_flags,
    lost_cases,
    set_case_flag,
)
from etl.metrics.admin import delete_scheme, save_scheme
from etl.metrics.breakdown import method_table
from etl.metrics.scheme import SchemeError, parse_scheme
from etl.metrics.scheme_toml import scheme_toml

FLAG_COLUMNS = {"court": "法院", "case_number": "案号", "kind": "标记", "note": "认定理由", "flagged_by": "标记人",
                "flagged_at": "标记时间", "defendant": "被告", "outcome": "结案方式", "closed_on": "结案日期"}


def _parsed(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """The editor's text as a validated definition, or the reason it is not one (in Chinese)."""
    try:
        raw = tomllib.loads(text)
        parse_scheme(raw, source="database")
    except tomllib.TOMLDecodeError as exc:
        return None, f"格式错误：{exc}"
    except SchemeError as exc:
        return None, str(exc)
    return raw, None


def render_scheme_editor(engine: Engine) -> None:
    """Show the year's scheme as TOML; check, save (replacing the year's scheme) or reset to the default."""
    st.subheader("考核方案")
    st.caption("考核类别、各指标的计分方法（线性、分档、每件扣分、与全县平均比较）、加分项、考核事件和一票否决。"
               "字段说明见 docs/assessment.md；保存后下次刷新即按新方案排名，修改记入审计日志。")
    facts = load().facts
    this_year = (facts.as_of or dt.date.today()).year
    year = int(st.number_input("考核年度", min_value=2000, max_value=2100, value=this_year, step=1, key="dm_scheme_year"))
    scheme = metrics_cache.year_scheme(facts, year)
    st.caption(f"当前：{escape_markdown(scheme.name)}（{'数据库中的年度方案' if scheme.source == 'database' else '默认方案文件'}）")
    text = st.text_area("方案内容（TOML）", value=scheme_toml(scheme), height=420, key=f"dm_scheme_text_{year}")
    raw, error = _parsed(text)
    if error:
        st.error(escape_markdown(error))
    else:
        assert raw is not None
        st.dataframe(method_table(parse_scheme(raw)), hide_index=True, width="stretch")
    left, middle, right = st.columns(3)
    if left.button("保存为该年度方案", type="primary", disabled=raw is None, key="dm_scheme_save"):
        with engine.begin() as conn:
            saved = save_scheme(conn, year, raw or {}, actor=actor_name())
        st.success(f"已保存{year}年度考核方案“{escape_markdown(saved.name)}”")
    if middle.button("恢复默认方案", disabled=scheme.source != "database", key="dm_scheme_reset"):
        with engine.begin() as conn:
            delete_scheme(conn, year, actor=actor_name())
        st.success(f"{year}年度已恢复默认方案")
    right.download_button("下载方案文件 (TOML)", data=text.encode("utf-8"), file_name=f"考核方案_{year}.toml",
                          mime="application/toml", key="dm_scheme_download")


def render_case_flags(engine: Engine) -> None:
    """Flag a lost lawsuit as 重大败诉 (an assessment event: a veto or deduction under the scheme), or unflag."""
    st.subheader("重大败诉案件")
    st.caption("联席会议办公室认定的重大败诉案件，按考核方案一票否决或扣分，并在得分构成中列明案号。标记和取消均记入审计日志。")
    with engine.connect() as conn:
        flags = list_case_flags(conn)
        losses = lost_cases(conn)
    if flags.is_empty():
        st.caption("尚未标记案件。")
    else:
        shown = flags.with_columns(pl.col("kind").replace({k: v[0] for k, v in FLAG_KINDS.items()}))
        st.dataframe(shown.rename(FLAG_COLUMNS), hide_index=True, width="stretch")
    if not losses.is_empty():
        labels = {f"{r['case_number']}｜{r['defendant'] or '未匹配单位'}｜{r['outcome'] or ''}｜{r['closed_on']}":
                  (r["case_number"], r["court"]) for r in losses.iter_rows(named=True)}
        left, right = st.columns([3, 2])
        picked = left.selectbox("败诉案件（按结案日期，新的在前）", list(labels), key="dm_flag_case")
        note = right.text_input("认定理由", key="dm_flag_note")
        if st.button("标记为重大败诉", type="primary", key="dm_flag_set"):
            number, court = labels[picked]
            try:
                with engine.begin() as conn:
                    set_case_flag(conn, number, note=note, court=court, actor=actor_name())
                st.success(f"已将 {escape_markdown(number)} 标记为重大败诉")
            except CaseFlagError as exc:
                st.error(escape_markdown(exc))
    if not flags.is_empty():
        options = {f"{r['case_number']}（{r['court']}）": (r["case_number"], r["court"], r["kind"])
                   for r in flags.iter_rows(named=True)}
        left, right = st.columns([3, 2])
        chosen = left.selectbox("已标记的案件", list(options), key="dm_flag_clear_case")
        if right.button("取消标记", key="dm_flag_clear"):
            number, court, kind = options[chosen]
            with engine.begin() as conn:
                clear_case_flag(conn, number, kind, court, actor=actor_name())
            st.success(f"已取消 {escape_markdown(number)} 的标记")
