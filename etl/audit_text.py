"""The audit log in sentences: what an administrator reads instead of ``what=…; filters={}``.

``etl.audit`` stores each event's details as the code that wrote it knows them (keys and ids); this
module words them, one template per action, for the 审计日志 page and ``liandong audit``. A detail
no template mentions is still listed at the end, so nothing recorded is hidden from the reader.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from etl import audit
from etl.importing.spec import KIND_LABELS
from etl.localtime import local_text, zone_label
from etl.metrics import INDICATORS_BY_KEY
from etl.reporting.terms import SUBJECT_LABELS
from etl.wording import labels, numbers

Detail = Mapping[str, Any]
#: URL parameters of a page, as a download records them, in the words of the filter bar.
_FILTER_WORDS = {"period": ("期间", "period"), "town": ("乡镇", "township"), "unit": ("单位", "unit"),
                 "area": ("领域", "subject area"), "lang": ("语言", "language")}
_ROLES = {"admin": ("管理员", "administrator"), "leader": ("领导", "leader"), "liaison": ("联络员", "liaison")}
_LOGIN_FAILURES = {"bad_credentials": ("用户名或密码错误", "wrong user name or password"),
                   "throttled": ("尝试过于频繁，已暂时锁定", "too many attempts, temporarily locked"),
                   "proxy_header_unknown_or_disabled": ("统一身份认证传来的账号不存在或已停用",
                                                        "the single sign-on user is unknown or disabled")}


def _kind(value: Any, zh: bool) -> str:
    return str(KIND_LABELS.get(str(value), value)) if zh else str(value)


def _pick(pair: tuple[str, str], zh: bool) -> str:
    return pair[0 if zh else 1]


def _filters(filters: Any, zh: bool) -> str:
    """``{"period": ["2026H1"], "unit": ["示范县财政局"]}`` → ``期间 2026H1、单位 示范县财政局``; none → 未筛选."""
    if not isinstance(filters, Mapping):
        return ""
    parts = []
    for key, values in filters.items():
        shown = "、".join(str(v) for v in values) if isinstance(values, list | tuple) else str(values)
        if key == "lang" or not shown:
            continue
        word = _pick(_FILTER_WORDS[key], zh) if key in _FILTER_WORDS else key
        parts.append(f"{word} {shown}")
    if not parts:
        return "未筛选（默认期间）" if zh else "no filter (default period)"
    return ("、" if zh else ", ").join(parts)


def _target_value(d: Detail, zh: bool) -> str:
    indicator = INDICATORS_BY_KEY.get(str(d.get("indicator")))
    value = d.get("value")
    if indicator is None or not isinstance(value, int | float):
        return str(value)
    return numbers.value(value, indicator.format.value, "zh" if zh else "en")


def _import(d: Detail, zh: bool) -> str:
    if zh:
        return (f"导入文件“{d.get('file_name')}”（{_kind(d.get('kind'), zh)}，批次{d.get('batch_id')}）："
                f"读取{d.get('rows_read')}行，接受{d.get('accepted')}行，拒绝{d.get('rejected')}行；"
                f"新增{d.get('inserted')}行，更新{d.get('updated')}行，未变{d.get('unchanged')}行")
    return (f"Imported {d.get('file_name')} ({d.get('kind')}, batch {d.get('batch_id')}): {d.get('rows_read')} rows "
            f"read, {d.get('accepted')} accepted, {d.get('rejected')} rejected; {d.get('inserted')} new, "
            f"{d.get('updated')} updated, {d.get('unchanged')} unchanged")


def _rollback(d: Detail, zh: bool) -> str:
    if zh:
        return (f"回滚批次{d.get('batch_id')}（文件“{d.get('file_name')}”，{_kind(d.get('kind'), zh)}），"
                f"涉及{d.get('rows')}行")
    return f"Rolled back batch {d.get('batch_id')} ({d.get('file_name')}, {d.get('kind')}), {d.get('rows')} rows"


def _target(d: Detail, zh: bool) -> str:
    key = str(d.get("indicator"))
    name = labels.label(key, "zh" if zh else "en") if key in INDICATORS_BY_KEY else key
    scope = d.get("scope_type") or "region"
    where = {"region": ("全县", "county"), "unit": ("单位", "unit"), "township": ("乡镇", "township")}.get(
        str(scope), (str(scope), str(scope)))
    scope_text = _pick(where, zh) + (f"#{d['scope_id']}" if d.get("scope_id") is not None else "")
    if zh:
        return f"设定{d.get('year')}年目标：{name}（{scope_text}）为{_target_value(d, zh)}"
    return f"Set the {d.get('year')} target of {name} ({scope_text}) to {_target_value(d, zh)}"


def _scheme(d: Detail, zh: bool) -> str:
    if d.get("op") == "reset":
        return f"将{d.get('year')}年考核方案恢复为默认方案" if zh else f"Reset the {d.get('year')} scheme to the default"
    count = len(d.get("indicators") or [])
    if zh:
        return f"保存{d.get('year')}年考核方案“{d.get('name')}”（{count}项指标）"
    return f"Saved the {d.get('year')} assessment scheme {d.get('name')} ({count} indicators)"


def _case_flag(d: Detail, zh: bool) -> str:
    case = f"{d.get('court') or ''} {d.get('case_number')}".strip()
    if zh:
        verb = "标记" if d.get("op") == "set" else "取消标记"
        note = f"（{d['note']}）" if d.get("note") else ""
        return f"{verb}案件 {case} 为重大败诉{note}"
    return f"{'Flagged' if d.get('op') == 'set' else 'Unflagged'} {case} as a major loss"


def _name_mapping(d: Detail, zh: bool) -> str:
    op, name, rows = d.get("op"), d.get("name"), d.get("rows")
    if op == "create_unit":
        return f"以名称“{name}”新建单位，重新归属{rows}行" if zh else f"Created unit {name}, {rows} rows re-attributed"
    target = d.get("unit") or d.get("township")
    if zh:
        return f"将“{name}”设为{'乡镇' if op == 'township_alias' else '单位'}“{target}”的别名，重新归属{rows}行"
    return f"Mapped {name} to {target}, {rows} rows re-attributed"


def _export(d: Detail, zh: bool) -> str:
    what = d.get("what") or d.get("title") or ""
    rows = f"，{d['rows']}行" if zh and d.get("rows") is not None else (
        f", {d['rows']} rows" if d.get("rows") is not None else "")
    filters = _filters(d.get("filters"), zh)
    if zh:
        return f"下载“{what}”（{d.get('format')}{rows}）" + (f"；筛选：{filters}" if filters else "")
    return f"Downloaded {what} ({d.get('format')}{rows})" + (f"; filters: {filters}" if filters else "")


def _briefing(d: Detail, zh: bool) -> str:
    scope = d.get("unit") or d.get("township")
    issue = f"，{d['issue']}" if d.get("issue") else ""
    if zh:
        return (f"生成“{d.get('title')}”（{d.get('format')}" + (f"，期间 {d['period']}" if d.get("period") else "")
                + (f"，范围 {scope}" if scope else "") + f"{issue}）")
    return f"Generated {d.get('title')} ({d.get('format')}" + (f", {d['period']}" if d.get("period") else "") + ")"


def _user(d: Detail, zh: bool) -> str:
    op, user = d.get("op"), d.get("username")
    if op == "add":
        role = _pick(_ROLES.get(str(d.get("role")), (str(d.get("role")),) * 2), zh)
        return f"新增账号“{user}”（{role}）" if zh else f"Added account {user} ({role})"
    words = {"disable": ("停用账号", "Disabled account"), "enable": ("启用账号", "Enabled account"),
             "reset_password": ("重置密码：账号", "Reset the password of")}
    verb = _pick(words.get(str(op), (str(op), str(op))), zh)
    return f"{verb}“{user}”" if zh else f"{verb} {user}"


def _token(d: Detail, zh: bool) -> str:
    if d.get("op") == "add":
        return f"新增大屏令牌#{d.get('token_id')}“{d.get('label')}”" if zh else f"Added display token #{d.get('token_id')}"
    return f"撤销大屏令牌#{d.get('token_id')}" if zh else f"Revoked display token #{d.get('token_id')}"


def _token_use(d: Detail, zh: bool) -> str:
    return (f"以大屏令牌#{d.get('token_id')}“{d.get('label')}”打开大屏" if zh
            else f"Opened the wall screen with display token #{d.get('token_id')}")


def _setting(d: Detail, zh: bool) -> str:
    if d.get("setting") == "ranking_names_visible":
        shown = bool(d.get("value"))
        if zh:
            return "设置：联络员在考核排名中" + ("可见" if shown else "不可见") + "其他单位、乡镇的名称"
        return "Setting: liaison officers " + ("see" if shown else "do not see") + " other names in rankings"
    return f"设置“{d.get('setting')}”改为{d.get('value')}" if zh else f"Set {d.get('setting')} to {d.get('value')}"


def _issue(d: Detail, zh: bool) -> str:
    if zh:
        return f"印发{d.get('year')}年第{d.get('number')}期“{d.get('title')}”（期间 {d.get('period')}）"
    return f"Issued number {d.get('number')} of {d.get('year')}: {d.get('title')}"


def _loss_review(d: Detail, zh: bool) -> str:
    case = f"{d.get('court') or ''} {d.get('case_number')}".strip()
    return (f"记录败诉案件 {case} 的整改情况（{d.get('changed')}）" if zh
            else f"Recorded the review of lost case {case} ({d.get('changed')})")


def _reported(d: Detail, zh: bool) -> str:
    pair = SUBJECT_LABELS.get(str(d.get("subject")), (str(d.get("subject")),) * 2)
    what = f"{d.get('court') or ''} {d.get('reference') or ''}".strip()
    return f"{_pick(pair, zh)} {what}".strip()


def _report(d: Detail, zh: bool) -> str:
    if d.get("evidence"):  # a 佐证 file attached to the report
        return (f"上传佐证材料“{d['evidence']}”：{_reported(d, zh)}" if zh
                else f"Attached evidence {d['evidence']}: {_reported(d, zh)}")
    return f"填报：{_reported(d, zh)}" if zh else f"Reported: {_reported(d, zh)}"


def _reminder(d: Detail, zh: bool) -> str:
    if d.get("closed") == "dismissed":
        return "关闭催报提醒" if zh else "Dismissed a reminder"
    return f"发出催报：{d.get('message') or ''}" if zh else f"Sent a reminder: {d.get('message') or ''}"


def _report_resolution(d: Detail, zh: bool) -> str:
    wins = {"report": ("以填报为准", "the report stands"), "ledger": ("以台账为准", "the ledger stands")}
    choice = _pick(wins.get(str(d.get("choice")), (str(d.get("choice")),) * 2), zh)
    return (f"处理填报与台账不一致：{_reported(d, zh)}，{choice}" if zh
            else f"Settled a report against the ledger: {_reported(d, zh)}, {choice}")


def _vocabulary(d: Detail, zh: bool) -> str:
    """The office's own wording: a value mapped to a code, a header synonym, a vocabulary file imported."""
    op = d.get("op")
    if op == "map_value":
        rows = f"，{d.get('rows')} 行" if zh and d.get("rows") is not None else ""
        return (f"词表：“{d.get('raw')}”记为 {d.get('vocabulary')} 的 {d.get('code')}（{d.get('column')}）{rows}" if zh
                else f"Vocabulary: {d.get('raw')} counts as {d.get('code')} of {d.get('vocabulary')} ({d.get('column')})")
    if op == "unmap_value":
        return (f"词表：撤销“{d.get('raw')}”的映射（{d.get('vocabulary')}，{d.get('column')}）" if zh
                else f"Vocabulary: removed the mapping of {d.get('raw')} ({d.get('vocabulary')}, {d.get('column')})")
    if op == "add_header":
        return (f"表头同义词：{_kind(d.get('kind'), zh)}台账的“{d.get('header')}”即 {d.get('field')}" if zh
                else f"Header synonym: {d.get('header')} means {d.get('field')} in {d.get('kind')} ledgers")
    if op == "remove_header":
        return (f"删除表头同义词：{_kind(d.get('kind'), zh)}台账的“{d.get('header')}”" if zh
                else f"Removed the header synonym {d.get('header')} of {d.get('kind')} ledgers")
    if op == "import":
        return "导入词表文件" if zh else "Imported a vocabulary file"
    return "修改词表" if zh else "Changed the vocabulary"


def _login(d: Detail, zh: bool) -> str:
    if d.get("via") == "proxy_header":
        return "通过统一身份认证登录" if zh else "Logged in through single sign-on"
    return "登录" if zh else "Logged in"


def _logout(d: Detail, zh: bool) -> str:
    return "退出登录" if zh else "Logged out"


def _login_failed(d: Detail, zh: bool) -> str:
    reason = _pick(_LOGIN_FAILURES.get(str(d.get("reason")), (str(d.get("reason")),) * 2), zh)
    return f"登录失败：{reason}" if zh else f"Login failed: {reason}"


_WRITERS: dict[str, tuple[Callable[[Detail, bool], str], frozenset[str]]] = {
    audit.LOGIN: (_login, frozenset({"via"})),
    audit.LOGIN_FAILED: (_login_failed, frozenset({"reason"})),
    audit.LOGOUT: (_logout, frozenset()),
    audit.IMPORT: (_import, frozenset({"file_name", "kind", "batch_id", "rows_read", "accepted", "rejected",
                                       "inserted", "updated", "unchanged"})),
    audit.ROLLBACK: (_rollback, frozenset({"batch_id", "file_name", "kind", "rows"})),
    audit.TARGET_CHANGE: (_target, frozenset({"year", "indicator", "scope_type", "scope_id", "value"})),
    audit.SCHEME_CHANGE: (_scheme, frozenset({"op", "year", "name", "indicators"})),
    audit.CASE_FLAG: (_case_flag, frozenset({"op", "kind", "court", "case_number", "note"})),
    audit.NAME_MAPPING: (_name_mapping, frozenset({"op", "name", "unit", "unit_id", "township", "township_id",
                                                   "rows"})),
    audit.VOCABULARY: (_vocabulary, frozenset({"op", "raw", "vocabulary", "code", "column", "rows", "kind",
                                               "header", "field"})),
    audit.EXPORT: (_export, frozenset({"what", "title", "format", "rows", "filters"})),
    audit.BRIEFING: (_briefing, frozenset({"title", "format", "period", "township", "unit", "file", "issue",
                                           "filters", "what", "rows"})),
    audit.USER_CHANGE: (_user, frozenset({"op", "username", "role", "unit_id", "township_id"})),
    audit.TOKEN_CHANGE: (_token, frozenset({"op", "token_id", "label"})),
    audit.TOKEN_USE: (_token_use, frozenset({"token_id", "label"})),
    audit.SETTING_CHANGE: (_setting, frozenset({"setting", "value"})),
    audit.BRIEFING_ISSUE: (_issue, frozenset({"number", "year", "title", "period"})),
    audit.LOSS_REVIEW: (_loss_review, frozenset({"court", "case_number", "changed"})),
    audit.REPORT: (_report, frozenset({"subject", "court", "reference", "evidence"})),
    audit.REMINDER: (_reminder, frozenset({"closed", "message"})),
    audit.REPORT_RESOLUTION: (_report_resolution, frozenset({"subject", "court", "reference", "choice"})),
}


def describe(action: str, detail: Detail | None, lang: str = "zh") -> str:
    """One sentence for an audit event, in the reader's language; details no template names follow it."""
    zh = lang == "zh"
    d: Detail = detail or {}
    writer = _WRITERS.get(action)
    sentence = writer[0](d, zh) if writer else ""
    named = writer[1] if writer else frozenset()
    rest = [(k, v) for k, v in d.items() if k not in named and v not in (None, "", [], {})]
    if rest:
        extra = ("；" if zh else "; ").join(f"{k}{'：' if zh else ': '}{v}" for k, v in rest)
        sentence = f"{sentence}（{extra}）" if sentence and zh else f"{sentence} ({extra})" if sentence else extra
    return sentence


#: How the log names each action, Chinese and English (the page's filter and the table's 操作 column).
ACTION_LABELS: dict[str, tuple[str, str]] = {
    audit.LOGIN: ("登录", "Login"), audit.LOGIN_FAILED: ("登录失败", "Failed login"),
    audit.LOGOUT: ("退出登录", "Logout"), audit.TOKEN_USE: ("大屏令牌使用", "Display token used"),
    audit.IMPORT: ("导入", "Import"), audit.ROLLBACK: ("回滚", "Rollback"),
    audit.TARGET_CHANGE: ("目标修改", "Target change"), audit.SCHEME_CHANGE: ("考核方案修改", "Scheme change"),
    audit.CASE_FLAG: ("案件标记", "Case flag"),
    audit.NAME_MAPPING: ("名称映射", "Name mapping"), audit.VOCABULARY: ("词表修改", "Vocabulary change"),
    audit.EXPORT: ("下载导出", "Export"),
    audit.BRIEFING: ("生成简报", "Briefing"), audit.USER_CHANGE: ("账号变更", "User change"),
    audit.TOKEN_CHANGE: ("大屏令牌变更", "Display token change"), audit.SETTING_CHANGE: ("设置修改", "Setting change"),
    audit.BRIEFING_ISSUE: ("简报编号印发", "Briefing issued"), audit.LOSS_REVIEW: ("败诉案件整改记录", "Lost-case review"),
    audit.REPORT: ("联络员填报", "Liaison report"), audit.REMINDER: ("催报", "Reminder"),
    audit.REPORT_RESOLUTION: ("填报与台账不一致处理", "Report conflict resolved"),
}


def action_label(action: str, lang: str = "zh") -> str:
    pair = ACTION_LABELS.get(action)
    return action if pair is None else pair[0 if lang == "zh" else 1]


def time_header(timezone: str, lang: str = "zh") -> str:
    """``时间（北京时间）``: the column says which clock its times are on."""
    return f"时间（{zone_label(timezone, lang)}）" if lang == "zh" else f"Time ({zone_label(timezone, lang)})"


def events_in_words(events: pl.DataFrame, timezone: str, lang: str = "zh") -> pl.DataFrame:
    """``etl.audit.list_events`` rows as people read them: local time, who, the action's name, a sentence."""
    zh = lang == "zh"
    rows = [(local_text(r["at"], timezone), r["actor"] or "-", action_label(r["action"], lang),
             describe(r["action"], json.loads(r["data"] or "{}"), lang)) for r in events.iter_rows(named=True)]
    headers = (time_header(timezone, lang), "操作人" if zh else "Who", "操作" if zh else "Action",
               "详情" if zh else "Detail")
    return pl.DataFrame(rows, schema=dict.fromkeys(headers, pl.String), orient="row")
