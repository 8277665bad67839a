"""The wall screen's stylesheet: everything sized in vh/vw so one layout fills 1920x1080 and 3840x2160.

Sizes are fractions of the screen height (KPI values ≥ 5 %, every label ≥ 2 %, readable across a
meeting room), so text
scales with the display instead of with the browser's pixel density. The first block hides all of
Streamlit's chrome (header, toolbar, sidebar, footer, scroll bars) on this page only.
"""

from __future__ import annotations

from dashboard import theme
from dashboard.screen.config import Theme
from dashboard.screen.map_panel import MAP_CSS

#: Minimum font sizes as a share of the screen height; tests read them from here.
MIN_VALUE_FONT = 0.05
MIN_LABEL_FONT = 0.02

PALETTES: dict[str, dict[str, str]] = {
    "dark": {"bg": "#0B1220", "card": "#16213A", "fg": "#F4F7FB", "muted": "#B4C0D3", "line": "#2C3D62",
             "accent": "#5B9BFF", "last": "#56637A", "met": "#3DDC84", "close": "#FFC53D", "missed": "#FF6159",
             "na": "#B4C0D3", "demo": "#8E5CF7"},
    "light": {"bg": "#FFFFFF", "card": "#F2F5FA", "fg": "#1A2433", "muted": "#4A5568", "line": "#D5DCE6",
              "accent": theme.PRIMARY, "last": "#B8C4D6", "met": theme.STATUS_COLOURS["met"],
              "close": "#B07F00", "missed": theme.STATUS_COLOURS["missed"], "na": "#5F6B7A", "demo": "#6B3FD4"},
}

CHROME_CSS = """
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], [data-testid="stBottom"], footer, #MainMenu {display:none !important}
html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
section.main, .stMain {overflow:hidden !important; scrollbar-width:none !important}
::-webkit-scrollbar {display:none !important; width:0 !important; height:0 !important}
[data-testid="stMainBlockContainer"], .block-container {padding:0 !important; max-width:none !important}
.stApp {background:var(--lds-bg, #0B1220) !important}
[data-stale="true"], .stale-element {opacity:1 !important; transition:none !important}
"""

LAYOUT_CSS = """
.lds{position:fixed;inset:0;width:100vw;height:100vh;z-index:999990;overflow:hidden;box-sizing:border-box;
  display:grid;grid-template-rows:11vh minmax(0,1fr) 5.5vh;background:var(--bg);color:var(--fg);
  font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;line-height:1.25}
.lds *{box-sizing:border-box}
.lds-head{display:flex;align-items:center;justify-content:space-between;padding:0 2.6vw;
  border-bottom:.35vh solid var(--line);gap:2vw;min-width:0}
.lds-htext{display:flex;flex-direction:column;justify-content:center;gap:.6vh;min-width:0;flex:1 1 auto}
.lds-title{font-size:4vh;font-weight:800;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;line-height:1.15}
.lds-meta{display:flex;align-items:center;gap:1.8vw;font-size:2.3vh;color:var(--muted);white-space:nowrap;
  overflow:hidden;line-height:1.2}
.lds-meta b{color:var(--fg);font-weight:700}
.lds-right{display:flex;align-items:center;gap:1.6vw;flex:0 0 auto}
.lds-clock{font-size:5vh;font-weight:800;color:var(--fg);font-variant-numeric:tabular-nums}
.lds-demo{background:var(--demo);color:#fff;padding:.5vh .9vw;border-radius:.8vh;font-weight:800;font-size:2.6vh}
.lds-body{padding:2.4vh 2.6vw 1.6vh;display:flex;flex-direction:column;min-height:0;overflow:hidden}
.lds-ptitle{font-size:4.2vh;font-weight:800;margin:0 0 2vh;display:flex;justify-content:space-between;
  align-items:baseline;gap:2vw}
.lds-ptitle small{font-size:2.4vh;font-weight:500;color:var(--muted)}
.lds-foot{display:flex;align-items:center;justify-content:center;gap:2.2vw;font-size:2.3vh;color:var(--muted);
  border-top:.25vh solid var(--line)}
.lds-foot span{padding:.3vh 0}
.lds-foot .on{color:var(--fg);font-weight:800;border-bottom:.5vh solid var(--accent)}
.lds-empty{flex:1;display:flex;align-items:center;justify-content:center;font-size:4vh;color:var(--muted)}
.lds-blocked{text-align:center;color:var(--close);font-size:4.5vh;line-height:1.5}
.lds-blocked-note{font-size:2.8vh;color:var(--muted);margin-top:2vh}
.lds-offline-note{display:none;position:absolute;top:12vh;left:50%;transform:translateX(-50%);z-index:2;
  background:var(--missed);color:#fff;font-size:3.2vh;font-weight:800;padding:1.2vh 2vw;border-radius:1vh;
  white-space:nowrap}
.lds.lds-offline .lds-offline-note{display:block}
.lds.lds-offline .lds-clock{color:var(--missed)}
.lds-notice{font-size:2.3vh;color:var(--close);margin:-1vh 0 1vh}
/* KPI tiles: 3 x 2 grid filling the body */
.lds-kpis{flex:1;display:grid;grid-template-columns:repeat(3,minmax(0,1fr));grid-template-rows:repeat(2,minmax(0,1fr));
  gap:2.4vh 1.6vw;min-height:0}
.lds-tile{background:var(--card);border-left:1.1vh solid var(--c);border-radius:1.2vh;padding:2vh 1.5vw;
  display:flex;flex-direction:column;justify-content:space-between;min-width:0;min-height:0}
.lds-label{font-size:3vh;color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.lds-value{font-size:9vh;font-weight:800;line-height:1.05;white-space:nowrap;color:var(--fg)}
.lds-line{display:flex;justify-content:space-between;gap:1vw;font-size:2.8vh;white-space:nowrap}
.lds-status{color:var(--c);font-weight:800}
.lds-chg{font-weight:700}
.lds-good{color:var(--met)} .lds-bad{color:var(--missed)} .lds-neutral{color:var(--muted)}
.lds-basis{font-size:2.2vh;color:var(--muted)}
/* Trend: figures left, month columns right */
.lds-trend{flex:1;display:grid;grid-template-columns:24vw minmax(0,1fr);gap:3vw;min-height:0}
.lds-figs{display:flex;flex-direction:column;justify-content:space-around}
.lds-fig .lds-value{font-size:8vh}
.lds-chart{display:flex;flex-direction:column;min-height:0}
.lds-legend{font-size:2.4vh;color:var(--muted);display:flex;gap:2vw;margin-bottom:1.2vh}
.lds-key{display:inline-block;width:2.2vh;height:2.2vh;border-radius:.3vh;vertical-align:-.3vh;margin-right:.5vw}
.lds-plot{flex:1;display:flex;min-height:0;position:relative;overflow:hidden}
.lds-yaxis{flex:0 0 4.2vw;display:flex;flex-direction:column}
.lds-ticks{flex:1;position:relative;margin-top:3.4vh}
.lds-tick{position:absolute;right:.6vw;transform:translateY(50%);font-size:2.2vh;color:var(--muted);
  font-variant-numeric:tabular-nums;line-height:1}
.lds-tick::after{content:"";position:absolute;left:calc(100% + .6vw);top:50%;width:200vw;border-top:.15vh solid var(--line)}
.lds-cols{flex:1;display:flex;align-items:stretch;gap:.8vw;min-height:0;position:relative;z-index:1}
.lds-month{flex:1;display:flex;flex-direction:column;min-width:0}
.lds-bars{flex:1;display:flex;align-items:flex-end;justify-content:center;gap:.3vw;min-height:0;margin-top:3.4vh;
  border-bottom:.3vh solid var(--muted)}
.lds-b{width:44%;border-radius:.6vh .6vh 0 0;min-height:.2vh;position:relative}
.lds-b.this{background:var(--accent)} .lds-b.last{background:var(--last)}
.lds-v{position:absolute;bottom:100%;left:50%;transform:translateX(-50%);padding-bottom:.4vh;font-size:2.4vh;
  font-weight:800;white-space:nowrap;font-variant-numeric:tabular-nums;line-height:1}
.lds-b.this .lds-v{color:var(--fg)} .lds-b.last .lds-v{color:var(--muted);font-weight:600}
.lds-month.part .lds-b{background:repeating-linear-gradient(135deg,var(--c1) 0 .9vh,transparent .9vh 1.6vh);
  outline:.3vh dashed var(--c1);outline-offset:-.3vh}
.lds-month.part .lds-b.this{--c1:var(--accent)} .lds-month.part .lds-b.last{--c1:var(--last)}
.lds-mlabel{font-size:2.4vh;text-align:center;color:var(--muted);padding-top:.8vh;white-space:nowrap;height:6.4vh}
.lds-mlabel small{display:block;font-size:2vh;color:var(--close);font-weight:700}
.lds-trend-note{font-size:2.2vh;color:var(--muted);margin-top:.6vh}
/* Bar lists: agencies, townships, overdue */
.lds-headline{display:flex;gap:2vw;margin-bottom:2.4vh}
.lds-headline .lds-tile{flex:1;min-height:16vh}
.lds-rows{flex:1;display:flex;flex-direction:column;justify-content:space-evenly;min-height:0}
.lds-row{display:grid;grid-template-columns:minmax(0,25vw) minmax(0,1fr) 14vw 20vw;align-items:center;gap:1.4vw;
  font-size:3.4vh;padding:.6vh .8vw;border-radius:.8vh}
.lds-row.hl{outline:.4vh solid var(--accent)}
.lds-name{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-weight:700}
/* Key cases and time limits say 逾期143天 / 超期1166天: four characters of words around the days, wider than a count */
.lds-wide .lds-row{grid-template-columns:minmax(0,40vw) minmax(0,1fr) 18vw 20vw}
.lds-track{height:4.2vh;background:var(--card);border-radius:.6vh;overflow:hidden}
.lds-bar{height:100%;background:var(--accent);border-radius:.6vh}
.lds-num{font-size:5.4vh;font-weight:800;text-align:right;white-space:nowrap}
.lds-note{font-size:3vh;color:var(--c);font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.lds-sub-title{font-size:3vh;color:var(--muted);margin:0 0 1vh}
.lds-foot-note{font-size:2.4vh;color:var(--muted);margin-top:1vh}
/* Ranking: top and bottom side by side */
.lds-rank{flex:1;display:grid;grid-template-columns:1fr 1fr;gap:3vw;min-height:0}
.lds-rank section{display:flex;flex-direction:column;min-height:0}
.lds-rank h3{font-size:3.4vh;margin:0 0 1.5vh;font-weight:800}
.lds-rank .lds-row{grid-template-columns:minmax(0,1fr) 9vw 8vw;font-size:3.6vh}
.lds-rank .lds-track{display:none}
.lds-own{margin-top:1.5vh;padding-top:1.5vh;border-top:.25vh solid var(--line)}
.lds-own h3{font-size:3vh;margin:0 0 1vh;font-weight:800;color:var(--muted)}
.lds-own .lds-row{grid-template-columns:minmax(0,1fr) 9vw 8vw;font-size:3.6vh;width:calc(50% - 1.5vw)}
.lds-own .lds-track{display:none}
"""


def _variables(name: Theme) -> str:
    p = PALETTES[name]
    return ";".join(f"--{k}:{v}" for k, v in p.items())


def screen_css(name: Theme) -> str:
    """The whole stylesheet for one theme, as a ``<style>`` block for ``st.html``."""
    bg = PALETTES[name]["bg"]
    return (f"<style>:root{{--lds-bg:{bg}}}{CHROME_CSS}"
            f".lds{{{_variables(name)}}}{LAYOUT_CSS}{MAP_CSS}</style>")
