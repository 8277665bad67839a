"""Pure builders: panel values in, HTML out. Every text is escaped (names come from the database).

Charts are drawn as HTML/CSS rather than Plotly here: their fonts must be a share of the screen
height (vh), which a Plotly figure sized in pixels on the server cannot know, and plain elements add
nothing to the server's memory from one rotation to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from dashboard.components.kpi import Tile
from dashboard.i18n import Lang, t
from dashboard.screen.models import (
    BarRow,
    KpiPanel,
    ListPanel,
    MonthBars,
    RankPanel,
    TrendPanel,
    status_symbol,
)
from dashboard.screen.text import s

_STATUS_VAR = {"met": "var(--met)", "close": "var(--close)", "missed": "var(--missed)", "n/a": "var(--na)"}


def status_var(status: str | None) -> str:
    return _STATUS_VAR.get(status or "n/a", "var(--na)")


def _tone(good: bool | None) -> str:
    return "lds-neutral" if good is None else "lds-good" if good else "lds-bad"


@dataclass(frozen=True)
class Header:
    region: str
    period: str
    as_of: str | None
    clock: str
    is_demo: bool
    scope: str = ""
    #: ``最近导入 2026-12-06 16:27（批次3）`` beside 数据截至 (``dashboard.header_info``).
    imported: str = ""


def header_html(h: Header, lang: Lang) -> str:
    """Title over one line of context (scope, period, as-of date); the demo label and clock on the right."""
    demo = f'<span class="lds-demo" data-demo="1">{escape(t("demo_label", lang))}</span>' if h.is_demo else ""
    parts = []
    if h.scope:
        parts.append(f'<span>{escape(s("scope", lang))} <b>{escape(h.scope)}</b></span>')
    parts.append(f'<span>{escape(s("period", lang))} <b>{escape(h.period)}</b></span>')
    if h.as_of:
        parts.append(f'<span>{escape(t("as_of", lang))} <b>{escape(h.as_of)}</b></span>')
    if h.imported:
        parts.append(f'<span data-imported="1">{escape(h.imported)}</span>')
    title = f"{h.region} {s('screen_title', lang)}".strip()
    return (f'<div class="lds-head"><div class="lds-htext"><div class="lds-title">{escape(title)}</div>'
            f'<div class="lds-meta">{"".join(parts)}</div></div><div class="lds-right">{demo}'
            f'<span class="lds-clock" data-clock="1">{escape(h.clock)}</span></div></div>')


def footer_html(panels: tuple[str, ...], current: str, lang: Lang) -> str:
    items = "".join(f'<span class="{"on" if p == current else ""}">{escape(s("panel_" + p, lang))}</span>'
                    for p in panels)
    return f'<div class="lds-foot">{items}<span>{escape(s("legend", lang))}</span></div>'


def _tile_html(tile: Tile, symbol: str, lang: Lang) -> str:
    if tile.key == "double_decline" and tile.status != "n/a":
        status_text = s("achieved" if tile.status == "met" else "not_achieved", lang)
    else:
        status_text = t(f"status_{'na' if tile.status == 'n/a' else tile.status}", lang)
    target = (f'<span>{escape(t("target", lang))} {escape(tile.target)}</span>' if tile.target else "<span></span>")
    status = f'<span class="lds-status">{status_symbol(tile.status)} {escape(status_text)}</span>'
    if tile.target is None and tile.status == "n/a" and tile.key != "double_decline":
        status = ""  # a count without a target has no status to show
    change = ""
    if tile.change:
        change = (f'<div class="lds-line"><span class="lds-chg {_tone(tile.change_good)}">'
                  f'{escape(t("yoy", lang))} {symbol} {escape(tile.change)}</span></div>')
    basis = f'<div class="lds-basis">{escape(tile.basis)}</div>' if tile.basis else ""
    return (f'<div class="lds-tile" data-kpi="{escape(tile.key)}" data-status="{escape(tile.status)}" '
            f'style="--c:{status_var(tile.status)}"><div class="lds-label">{escape(tile.label)}</div>'
            f'<div class="lds-value">{escape(tile.value)}</div><div class="lds-line">{target}{status}</div>'
            f'{change}{basis}</div>')


def kpi_html(panel: KpiPanel, lang: Lang) -> str:
    tiles = "".join(_tile_html(x, sym, lang) for x, sym in zip(panel.tiles, panel.change_symbols, strict=True))
    return f'<div class="lds-kpis">{tiles}</div>'


def _figure(label: str, value: str, extra: str = "", status: str = "n/a") -> str:
    return (f'<div class="lds-fig lds-tile" style="--c:{status_var(status)}"><div class="lds-label">{escape(label)}</div>'
            f'<div class="lds-value">{escape(value)}</div>{extra}</div>')


def _month_html(m: MonthBars, top: int, lang: Lang) -> str:
    """One month: last year's bar and this year's, each with its count on top; the unfinished month
    dashed and labelled so."""
    bars = "".join(
        f'<div class="lds-b {cls}" style="height:{100 * value / top:.1f}%"><span class="lds-v">{value}</span></div>'
        for cls, value in (("last", m.last_year), ("this", m.this_year)))
    part = f'<small>{escape(s("unfinished", lang))}</small>' if m.partial else ""
    return (f'<div class="lds-month{" part" if m.partial else ""}" data-this="{m.this_year}" '
            f'data-last="{m.last_year}"{" data-partial=1" if m.partial else ""}><div class="lds-bars">{bars}</div>'
            f'<div class="lds-mlabel">{escape(m.label)}{part}</div></div>')


def _axis_html(ticks: tuple[int, ...]) -> str:
    """The value axis: tick labels at their heights, each drawing a grid line across the plot."""
    top = ticks[-1] or 1
    labels = "".join(f'<span class="lds-tick" style="bottom:{100 * v / top:.1f}%">{v}</span>' for v in ticks)
    return f'<div class="lds-yaxis"><div class="lds-ticks">{labels}</div><div class="lds-mlabel">&nbsp;</div></div>'


def trend_html(panel: TrendPanel, lang: Lang) -> str:
    if not panel.months or not any(m.this_year or m.last_year for m in panel.months):
        return f'<div class="lds-empty">{escape(s("no_data", lang))}</div>'
    top = panel.ticks[-1] or 1
    cols = "".join(_month_html(m, top, lang) for m in panel.months)
    status = "n/a" if panel.change_good is None else "met" if panel.change_good else "missed"
    change = (f'<div class="lds-line"><span class="lds-chg {_tone(panel.change_good)}">'
              f'{panel.change_symbol} {escape(panel.change)}</span></div>')
    figs = (_figure(s("this_year", lang), panel.total, change, status)
            + _figure(s("last_year", lang), panel.previous))
    legend = (f'<div class="lds-legend"><span><i class="lds-key" style="background:var(--accent)"></i>'
              f'{escape(s("trend_legend_this", lang))}</span><span><i class="lds-key" style="background:var(--last)">'
              f'</i>{escape(s("trend_legend_last", lang))}</span><span>{escape(s("trend_unit", lang))}</span></div>')
    note = f'<div class="lds-trend-note">{escape(panel.note)}</div>' if panel.note else ""
    return (f'<div class="lds-trend"><div class="lds-figs">{figs}</div>'
            f'<div class="lds-chart">{legend}<div class="lds-plot">{_axis_html(panel.ticks)}'
            f'<div class="lds-cols">{cols}</div></div>{note}</div></div>')


def _row_html(row: BarRow) -> str:
    note = f'<span class="lds-sym">{escape(row.symbol)}</span> {escape(row.note)}' if row.symbol else escape(row.note)
    return (f'<div class="lds-row{" hl" if row.highlight else ""}" data-status="{escape(row.status)}" '
            f'style="--c:{status_var(row.status)}"><div class="lds-name">{escape(row.name)}</div>'
            f'<div class="lds-track"><div class="lds-bar" style="width:{100 * row.share:.1f}%"></div></div>'
            f'<div class="lds-num">{escape(row.value)}</div><div class="lds-note">{note}</div></div>')


def list_html(panel: ListPanel, lang: Lang, empty_key: str = "no_data") -> str:
    headline = ""
    if panel.headline:
        headline = '<div class="lds-headline">' + "".join(
            _figure(label, value, "", status) for label, value, status in panel.headline) + "</div>"
    if not panel.rows:
        return headline + f'<div class="lds-empty">{escape(s(empty_key, lang))}</div>'
    rows_title = panel.rows_title if panel.rows_title is not None else s("oldest_tasks", lang)
    sub = f'<div class="lds-sub-title">{escape(rows_title)}</div>' if panel.headline else ""
    foot = f'<div class="lds-foot-note">{escape(panel.footnote)}</div>' if panel.footnote else ""
    rows_class = "lds-rows lds-wide" if panel.wide_names else "lds-rows"
    return headline + sub + f'<div class="{rows_class}">' + "".join(_row_html(r) for r in panel.rows) + "</div>" + foot


def _rank_group(title: str, rows: tuple[BarRow, ...]) -> str:
    return (f'<div class="lds-sub-title">{escape(title)}</div><div class="lds-rows">'
            f'{"".join(_row_html(r) for r in rows)}</div>' if rows else "")


def rank_html(panel: RankPanel, lang: Lang) -> str:
    """One column per assessment category: its 红榜 (first places) and 黑榜 (last places)."""
    if not panel.top:
        return f'<div class="lds-empty">{escape(s("no_data", lang))}</div>'
    body = "".join(f'<section><h3>{escape(sec.category)}</h3>{_rank_group(s("top", lang), sec.top)}'
                   f'{_rank_group(s("bottom", lang), sec.bottom)}</section>' for sec in panel.sections)
    own = ""
    if panel.own:
        own = (f'<div class="lds-own"><h3>{escape(s("own_rank", lang))}</h3>'
               f'<div class="lds-rows">{"".join(_row_html(r) for r in panel.own)}</div></div>')
    return f'<div class="lds-rank">{body}</div>{own}'


def blocked_html(notices: tuple[str, ...], explanation: str) -> str:
    """Instead of any figure: what in the screen's address matched nothing, large enough to read across
    the room (a liaison's or a typo's screen must not show the county's figures under a unit's name)."""
    lines = "".join(f'<div class="lds-blocked-line">{escape(n)}</div>' for n in notices)
    return (f'<div class="lds-empty lds-blocked" role="alert" data-blocked="1"><div>{lines}'
            f'<div class="lds-blocked-note">{escape(explanation)}</div></div></div>')


def screen_html(header: str, title: str, subtitle: str, body: str, footer: str,
                panel_key: str, notices: tuple[str, ...] = (), lang: Lang = "zh", rendered: str = "",
                stale_after: int = 0) -> str:
    """The whole screen: header, the current panel and the playlist footer, in one fixed 16:9 box.

    ``rendered`` changes on every server run; when it stops changing for ``stale_after`` seconds the
    browser shows the connection notice, so a frozen screen never passes for a live one.
    """
    notice = "".join(f'<div class="lds-notice">{escape(n)}</div>' for n in notices)
    offline = f'<div class="lds-offline-note">{escape(s("offline", lang))}</div>'
    return (f'<div class="lds" data-panel="{escape(panel_key)}" data-rendered="{escape(rendered)}" '
            f'data-stale-after="{stale_after}">{offline}{header}'
            f'<div class="lds-body"><div class="lds-ptitle"><span>{escape(title)}</span>'
            f'<small>{escape(subtitle)}</small></div>{notice}{body}</div>{footer}</div>')

