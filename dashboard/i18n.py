"""Chinese first, English on request: every fixed UI string, looked up by key.

Indicator labels are not here: they live once, in the indicator registry (``etl.metrics.INDICATORS``).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # app chrome
    "app_title": ("联动看板", "Liandong dashboard"),
    "demo_label": ("演示数据 DEMO DATA", "演示数据 DEMO DATA"),
    "demo_loaded": ("数据库为空，已载入演示县“示范县”的虚构数据。", "The database was empty: the fictional demo county 示范县 was loaded."),
    "demo_explain": ("以下数字均为虚构，仅供演示。", "All figures are invented, for demonstration only."),
    "as_of": ("数据截至", "Data as of"),
    "dismiss": ("知道了", "Dismiss"),
    "shown_period": ("本页期间：", "Showing: "),
    "pinned_period": ("链接固定了这一期间；数据已更新至 {as_of}，选“截至本月”看最新。",
                      "The link fixes this period; data now run to {as_of} (choose Year to date for the latest)."),
    "copy_link": ("复制链接", "Copy link"),
    "tile_records": ("查看明细", "Show records"),
    "tile_records_n": ("查看 {n} 件明细", "Show the {n} records"),
    "tile_records_title": ("明细", "records"),
    "copy_link_help": ("链接带上本页的期间（具体日期）和筛选条件，下月打开仍是同样的数字。点右上角图标复制。",
                       "The link carries this page's period (its dates) and filters, so it shows the same figures "
                       "next month. Copy it with the icon at the top right."),
    "log_out": ("退出登录", "Log out"),
    "language": ("语言", "Language"),
    "db_error": ("无法连接数据库，请检查数据库地址（LIANDONG_DB_URL）。", "Cannot open the database: check LIANDONG_DB_URL."),
    # pages
    "page_overview": ("总览", "Overview"),
    "page_litigation": ("行政诉讼", "Litigation"),
    "page_disputes": ("争议化解", "Dispute resolution"),
    "page_reconsideration": ("行政复议", "Reconsideration"),
    "page_procuratorate": ("府检联动", "Procuratorate"),
    "page_rankings": ("考核排名", "Rankings"),
    "page_townships": ("乡镇", "Townships"),
    "page_tasks": ("督办", "Tasks"),
    "page_reporting": ("填报", "Reporting"),
    "page_data": ("数据管理", "Data management"),
    "page_briefing": ("简报", "Briefing"),
    # filters
    "period": ("期间", "Period"),
    "period_kind": ("期间类型", "Period type"),
    "kind_year": ("全年", "Year"),
    "kind_half": ("半年", "Half"),
    "kind_quarter": ("季度", "Quarter"),
    "kind_month": ("月份", "Month"),
    "kind_ytd": ("截至本月", "Year to date"),
    "kind_custom": ("自定义", "Custom"),
    "year": ("年份", "Year"),
    "half": ("半年", "Half"),
    "quarter": ("季度", "Quarter"),
    "month": ("月份", "Month"),
    "date_from": ("开始日期", "From"),
    "date_to": ("结束日期", "To"),
    "township": ("乡镇（街道）", "Township"),
    "agency": ("单位", "Agency"),
    "area": ("领域", "Subject area"),
    "all": ("全部", "All"),
    "active_filters": ("当前筛选", "Active filters"),
    "clear_filters": ("清除筛选", "Clear filters"),
    "bad_period": ("期间无效，已改用默认期间。", "Invalid period; the default period is shown."),
    "bad_dates": ("开始日期不能晚于结束日期。", "The start date must not be after the end date."),
    "url_name_blocked": ("为免把全县数字误读为所选范围的数字，请先选择，本页暂不显示数据。",
                         "So that county-wide figures are not read as the selection's, this page shows no "
                         "figures until you choose."),
    "url_name_dropped": ("该名称未用于筛选，以下数字只按已识别的名称筛选。",
                         "That name is not used; the figures are filtered by the names that were found."),
    "url_name_use": ("改为：{name}", "Use {name}"),
    "url_name_show_all": ("不限{what}，显示全部", "No {what} filter: show everything"),
    "url_name_dismiss": ("知道了", "OK"),
    # figures
    "not_applicable": ("不适用", "n/a"),
    "no_comparison": ("无可比数据", "no comparison"),
    "flat": ("持平", "unchanged"),
    "up": ("上升", "up"),
    "down": ("下降", "down"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "target": ("目标", "Target"),
    "yoy": ("同比", "YoY"),
    "pop": ("环比", "vs previous period"),
    "based_on": ("{num}/{den}件", "{num} of {den}"),
    "no_cases": ("期间内无相关案件", "no cases in the period"),
    "status_met": ("达标", "met"),
    "status_close": ("接近", "close"),
    "status_missed": ("未达标", "missed"),
    "status_na": ("不适用", "n/a"),
    "empty": ("所选期间和范围内没有数据。", "No records for the selected period and scope."),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "click_to_filter": ("点击柱形可筛选本页。", "Click a bar to filter the page."),
    "click_for_breakdown": ("点击柱形查看该单位的得分构成。", "Click a bar for that unit's score breakdown."),
    "this_year": ("本年", "This year"),
    "last_year": ("上年", "Last year"),
    "unfinished_suffix": ("(未完)", " (part)"),
    "cases": ("件数", "Cases"),
    "unit_name": ("单位", "Unit"),
    "township_name": ("乡镇", "Township"),
    "area_name": ("领域", "Subject area"),
}


def t(key: str, lang: Lang = "zh", **values: object) -> str:
    """The string for ``key`` in ``lang``; an unknown key shows itself so a gap is visible, not fatal."""
    pair = STRINGS.get(key)
    text = key if pair is None else pair[0 if lang == "zh" else 1]
    return text.format(**values) if values else text
