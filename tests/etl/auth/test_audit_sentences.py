"""The audit log in sentences and on the office's clock (北京时间), for the page and ``liandong audit``."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from etl import audit
from etl.audit_text import ACTION_LABELS, action_label, describe, events_in_words
from etl.config import load_settings
from etl.localtime import TimezoneError, local_text, zone


def test_each_action_reads_as_a_sentence_without_code_words() -> None:
    assert describe(audit.IMPORT, {"file_name": "法院台账.xlsx", "kind": "litigation", "batch_id": 3, "rows_read": 14,
                                   "accepted": 6, "rejected": 4, "inserted": 6, "updated": 0, "unchanged": 0}) == \
        "导入文件“法院台账.xlsx”（行政诉讼台账，批次3）：读取14行，接受6行，拒绝4行；新增6行，更新0行，未变0行"
    assert describe(audit.EXPORT, {"what": "败诉案件_2026YTD", "format": "xlsx", "rows": 12,
                                   "filters": {"period": ["2026H1"], "unit": ["示范县财政局"], "lang": ["English"]}}) == \
        "下载“败诉案件_2026YTD”（xlsx，12行）；筛选：期间 2026H1、单位 示范县财政局"
    assert describe(audit.EXPORT, {"what": "逾期双清单任务", "format": "csv", "rows": 3, "filters": {}}) == \
        "下载“逾期双清单任务”（csv，3行）；筛选：未筛选（默认期间）"
    assert describe(audit.TARGET_CHANGE, {"year": 2026, "indicator": "loss_rate", "scope_type": "region",
                                          "scope_id": None, "value": 0.02}) == "设定2026年目标：行政诉讼败诉率（全县）为2%"
    assert describe(audit.LOGIN_FAILED, {"reason": "bad_credentials"}) == "登录失败：用户名或密码错误"
    assert describe(audit.ROLLBACK, {"batch_id": 3, "file_name": "a.xlsx", "kind": "litigation", "rows": 6},
                    "en") == "Rolled back batch 3 (a.xlsx, litigation), 6 rows"


def test_no_sentence_shows_key_equals_value_or_empty_braces() -> None:
    samples = {audit.LOGIN: {}, audit.USER_CHANGE: {"op": "add", "username": "lly", "role": "liaison"},
               audit.SETTING_CHANGE: {"setting": "ranking_names_visible", "value": False},
               audit.NAME_MAPPING: {"op": "unit_alias", "name": "翠湖管委会", "unit": "住建局", "unit_id": 4, "rows": 1}}
    for action, detail in samples.items():
        text = describe(action, detail)
        assert text and "=" not in text and "{}" not in text and "_" not in text, (action, text)


def test_every_action_has_a_name_and_a_sentence_in_both_languages() -> None:
    """An action added to the log (the logout and display-token use of session hardening) is worded too."""
    assert set(ACTION_LABELS) == set(audit.ACTIONS)
    for action in audit.ACTIONS:
        assert action_label(action, "zh") != action and action_label(action, "en") != action, action
        assert describe(action, {}, "zh") and describe(action, {}, "en"), action
    assert describe(audit.LOGOUT, {}) == "退出登录"
    assert describe(audit.REPORT, {"subject": "task", "reference": "RW8", "evidence": "方案.pdf"}) == \
        "上传佐证材料“方案.pdf”：任务进展 RW8"
    assert describe(audit.TOKEN_USE, {"token_id": 3, "label": "指挥中心大屏"}) == "以大屏令牌#3“指挥中心大屏”打开大屏"


def test_a_detail_no_template_knows_is_still_shown() -> None:
    assert describe(audit.LOGIN, {"client": "10.0.0.7"}) == "登录（client：10.0.0.7）"


def test_times_are_shown_in_beijing_time_by_default_and_in_the_configured_zone() -> None:
    at = dt.datetime(2026, 12, 6, 8, 27, 48)  # stored UTC
    assert load_settings(environ={}).timezone == "Asia/Shanghai"
    assert local_text(at, "Asia/Shanghai") == "2026-12-06 16:27:48"
    assert local_text(at, load_settings(environ={"LIANDONG_TIMEZONE": "Europe/Berlin"}).timezone) == \
        "2026-12-06 09:27:48"
    assert zone("Asia/Shanghai").utcoffset(None) == dt.timedelta(hours=8)  # no zone database needed
    with pytest.raises(TimezoneError, match="无法识别的时区"):
        zone("Mars/Olympus")


def test_the_log_table_names_its_clock_and_writes_sentences() -> None:
    events = pl.DataFrame({"id": [1], "at": [dt.datetime(2026, 1, 1, 0, 30)], "actor": [None], "action": [audit.LOGIN],
                           "detail": [""], "data": [json.dumps({})]})
    table = events_in_words(events, "Asia/Shanghai")
    assert table.columns == ["时间（北京时间）", "操作人", "操作", "详情"]
    assert table.row(0) == ("2026-01-01 08:30:00", "-", "登录", "登录")
