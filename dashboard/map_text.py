"""The words of the township map, shared by the page map, the wall screen's map panel and their legends
(Chinese first; general words such as 达标 come from ``dashboard.i18n``)."""

from __future__ import annotations

from dashboard.formatting import fmt_value
from dashboard.i18n import Lang, t
from etl.geo.layer import FEW_CASES, NO_VALUE, SHADED, MapArea, MapLayer

STRINGS: dict[str, tuple[str, str]] = {
    "indicator": ("地图指标", "Map shows"),
    "few_cases": ("案件过少（不足{n}件）", "Too few cases (under {n})"),
    "shaded": ("无目标：颜色越深数值越大", "No target: darker is higher"),
    "no_value": ("不适用（无案件）", "n/a (no cases)"),
    "click_hint": ("点击地图上的乡镇即按该乡镇筛选本页（也可在上方筛选栏中选择）。",
                   "Click a township to filter the page to it (or choose in the filter bar above)."),
    "click_hint_county": ("地图按县（市、区）显示。", "The map shows counties."),
    "demo": ("边界为演示数据（虚构），非真实行政区划。", "Demo outlines (invented), not real boundaries."),
    "crs": ("坐标系：{crs}。", "Coordinates: {crs}."),
    "missing": ("{n}个无边界，未上图：{names}。", "{n} without an outline, not drawn: {names}."),
    "no_outlines": ("尚未导入乡镇边界：在数据管理页上传 GeoJSON，或运行 liandong import 边界.geojson。",
                    "No township outlines yet: upload a GeoJSON on 数据管理, or run liandong import outlines.geojson."),
    "selected": ("已选", "selected"),
}


def m(key: str, lang: Lang = "zh", **values: object) -> str:
    zh, en = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def class_label(fill: str, layer: MapLayer, lang: Lang) -> str:
    """The legend entry of a fill class."""
    if fill == FEW_CASES:
        return m("few_cases", lang, n=layer.min_cases)
    if fill == NO_VALUE:
        return m("no_value", lang)
    if fill == SHADED:
        return m("shaded", lang)
    return t(f"status_{fill}", lang)


def value_text(area: MapArea, layer: MapLayer, lang: Lang) -> str:
    """The figure as written on the map: a rate with the cases it rests on, a count as such."""
    ind = layer.indicator
    value = fmt_value(area.value, ind.format.value, lang)
    if ind.is_rate and area.denominator:
        return f"{value}（{t('based_on', lang, num=area.numerator, den=area.denominator)}）" if lang == "zh" else \
            f"{value} ({t('based_on', lang, num=area.numerator, den=area.denominator)})"
    return value


def short_value(area: MapArea, layer: MapLayer, lang: Lang) -> str:
    """The figure under a name on the map: few cases say how few (2件), not a rate."""
    if area.few_cases:
        return t("based_on", lang, num=area.numerator, den=area.denominator)
    return fmt_value(area.value, layer.indicator.format.value, lang)


def hover_text(area: MapArea, layer: MapLayer, lang: Lang) -> str:
    """Name, indicator and figure, then the target and status where there is one (plain text; the
    builder escapes it)."""
    ind = layer.indicator
    lines = [area.name, f"{ind.label_zh if lang == 'zh' else ind.label_en}：{value_text(area, layer, lang)}"]
    if area.few_cases:
        lines.append(m("few_cases", lang, n=layer.min_cases))
    elif area.target is not None and area.value is not None and area.shade is None:
        target = fmt_value(area.target, ind.format.value, lang)
        status = t(f"status_{'na' if area.status == 'n/a' else area.status}", lang)
        lines.append(f"{t('target', lang)} {target} · {status}")
    return "\n".join(lines)
