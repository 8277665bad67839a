"""Fixed wall-screen wording, Chinese first; shared UI strings come from ``dashboard.i18n``."""

from __future__ import annotations

from dashboard.i18n import Lang, t

STRINGS: dict[str, tuple[str, str]] = {
    "screen_title": ("府院府检联动", "joint conference"),
    "page_title": ("大屏", "Wall screen"),
    "panel_kpi": ("核心指标", "Key indicators"),
    "panel_trend": ("行政诉讼发案趋势", "Lawsuits filed by month"),
    "panel_agencies": ("各单位发案量与败诉率", "Agencies: lawsuits and loss rate"),
    "panel_ranking": ("考核排名", "Assessment ranking"),
    "panel_townships": ("乡镇（街道）发案情况", "Townships: lawsuits filed"),
    "panel_overdue": ("督办事项", "Overdue items"),
    "panel_map": ("乡镇分布图", "Map of the townships"),
    "map_by_county": ("按县（市、区）", "by county"),
    "map_legend": ("图例", "Legend"),
    "whole_region": ("全县", "Whole county"),
    "map_attention": ("最需关注", "Needing most attention"),
    "map_demo": ("演示边界（虚构）", "demo outlines (invented)"),
    "no_outlines": ("尚未导入乡镇边界（liandong import 边界.geojson）。",
                    "No outlines imported yet (liandong import outlines.geojson)."),
    "panel_keycases": ("重点案件化解", "Key cases"),
    "panel_limits": ("办理时限", "Time limits"),
    "keycases_open": ("化解中的重点案件", "Key cases in progress"),
    "keycases_overdue": ("逾期未化解", "Overdue"),
    "keycases_rate": ("本期重点案件化解率", "Resolved this period"),
    "keycases_rows": ("逾期或临近期限的重点案件（包案领导）", "Overdue or nearest key cases (leader in charge)"),
    "no_keycases": ("当前没有化解中的重点案件。", "No key case is being resolved."),
    "limits_litigation": ("一审诉讼超6个月未结", "Lawsuits past 6 months"),
    "limits_reconsideration": ("复议超60日未决", "Reviews past 60 days"),
    "limits_recommendation": ("建议超2个月未复", "Replies past 2 months"),
    "limits_rows": ("超过或临近法定期限的案件", "Past or near their statutory limit"),
    "no_limits": ("没有临近或超过法定期限的未结案件。", "Nothing pending is near or past its limit."),
    "kind_litigation": ("诉讼", "Lawsuit"),
    "kind_reconsideration": ("复议", "Review"),
    "kind_recommendation": ("建议", "Reply"),
    "as_of_note": ("截至 {day}", "as of {day}"),
    "period": ("期间", "Period"),
    "clock_label": ("当前时间", "Time"),
    "this_year": ("本期", "This period"),
    "last_year": ("上年同期", "Same span last year"),
    "yoy": ("同比", "YoY"),
    "loss_rate_short": ("败诉率", "Loss rate"),
    "no_closures": ("无结案", "no closures"),
    "agencies_footnote": ("发案前{shown}名单位，共{total}个单位有案件", "Top {shown} of {total} agencies with cases"),
    "towns_footnote": ("其余{n}个乡镇（街道）合计{cases}", "{n} other townships: {cases}"),
    "top": ("红榜", "Top"),
    "bottom": ("黑榜", "Bottom"),
    "score": ("得分", "Score"),
    "offline": ("连接中断，正在重新连接……画面上的数据可能不是最新", "Connection lost, reconnecting… figures may be out of date"),
    "own_rank": ("本范围排名", "This screen's scope"),
    "rank_change": ("名次变化", "Rank change"),
    "ranking_units": ("单位考核得分（分类别排名，含加减分） ▲▼ 名次变化",
                      "Agency scores by category (bonus and deductions incl.) ▲▼ rank change"),
    "ranking_towns": ("乡镇考核得分（含加减分） ▲▼ 名次变化", "Township scores (bonus and deductions incl.) ▲▼ rank change"),
    "overdue_tasks": ("逾期未完成双清单任务", "Overdue joint tasks"),
    "overdue_recs": ("逾期未回复司法/检察建议", "Overdue recommendations"),
    "oldest_tasks": ("逾期最久的任务", "Longest overdue tasks"),
    "no_overdue": ("当前没有逾期任务。", "No overdue tasks."),
    "items": ("项", " tasks"),
    "days": ("{n}天", "{n} d"),
    "late": ("逾期", "late"),
    "achieved": ("实现", "achieved"),
    "not_achieved": ("未实现", "not achieved"),
    "scope": ("范围", "Scope"),
    "legend": ("✓达标 ●接近 ✗未达标 —不适用", "✓ met ● close ✗ missed — n/a"),
    "trend_legend_this": ("本年", "This year"),
    "trend_legend_last": ("上年", "Last year"),
    "trend_unit": ("单位：件", "Cases"),
    "unfinished": ("本月未完", "unfinished"),
    "scope_blocked": ("为免把全县数字误读为所选范围的数字，本屏不显示数据，请修改大屏地址。",
                      "So that county-wide figures are not read as the selection's, this screen shows no "
                      "figures: please correct the screen's address."),
    "no_data": ("所选期间和范围内没有数据。", "No records for the selected period and scope."),
}


def s(key: str, lang: Lang = "zh", **values: object) -> str:
    """A screen string; falls back to the shared dictionary so a key is never silently empty."""
    pair = STRINGS.get(key)
    if pair is None:
        return t(key, lang, **values)
    text = pair[0 if lang == "zh" else 1]
    return text.format(**values) if values else text
